package io.kring.live;

import java.util.List;
import java.util.Optional;

import io.kring.meeting.MeetingEvent;

/**
 * Port: where meetings are kept. Each call is one transaction: when it returns, what it was given
 * is committed; when it throws {@link StoreUnavailable}, nothing of it is.
 */
public interface MeetingStore {

    /** One event with its place in the meeting's sequence. */
    record StoredEvent(long seq, MeetingEvent event, long at) {
    }

    /** A stored meeting: its events in order and its last sequence number. */
    record StoredMeeting(List<MeetingEvent> events, long lastSeq) {
    }

    /** The meeting row as it was after the last append. */
    record Summary(String meetingId, String status, Long nextDeadlineAt) {
    }

    /** NW2: the network a meeting is planned in, stored on its row so the network lists it without loading it. */
    record NetworkLink(String networkId, Long startsAt, String mode) {
    }

    default void create(String meetingId, String title, String language, long createdAt, List<StoredEvent> events,
            Long nextDeadlineAt) {
        create(meetingId, title, language, createdAt, events, nextDeadlineAt, null);
    }

    /** As above, for a meeting planned in a network ({@code network} null: a meeting on its own). */
    void create(String meetingId, String title, String language, long createdAt, List<StoredEvent> events,
            Long nextDeadlineAt, NetworkLink network);

    void append(String meetingId, List<StoredEvent> events, String status, Long nextDeadlineAt);

    Optional<StoredMeeting> load(String meetingId);

    /** RC8: where a recap is published: its meeting, and that meeting's last stored seq (what the recap is as of). */
    record PublishedRecap(String meetingId, long lastSeq) {
    }

    /** RC8: the meeting whose recap is published under {@code recapId}, if any, with its last stored seq. */
    Optional<PublishedRecap> publishedRecap(String recapId);

    /** Open meetings with a deadline, whose timers must be re-armed at start-up (P3). */
    List<String> meetingsWithDeadlines();

    /** Open meetings with a deadline before {@code beforeMillis}: they must be in memory to fire it in time (E2). */
    List<String> meetingsWithDeadlinesBefore(long beforeMillis);

    /**
     * Deletes the meeting row and every event of the meeting in one transaction (E3).
     * With {@code quietSinceMillis}, only when no event was recorded at or after that time (E4).
     * Whether a meeting was deleted.
     */
    boolean delete(String meetingId, Long quietSinceMillis);

    /** At most {@code limit} meetings that recorded no event at or after {@code sinceMillis} (E4). */
    List<String> meetingsQuietSince(long sinceMillis, int limit);

    /** The database could not be reached or refused the write: nothing was stored. */
    final class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
