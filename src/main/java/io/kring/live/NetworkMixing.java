package io.kring.live;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.kring.live.NetworkRoomsStore.EarlierMeeting;
import io.kring.meeting.SharedRooms;
import io.kring.meeting.breakout.NetworkMemory;

/**
 * NWM1: builds a network meeting's memory of who met whom in the network's earlier meetings, from their stored
 * events, when a round may open. Bounded: at most {@link #EARLIER_MEETINGS} meetings, most recent first, and
 * {@link NetworkMemory#MAX_PAIRS} pairs. Reused while the earlier meetings' stored events are the same (their
 * {@code last_seq}): one query of meeting rows per round opening, and events are read again only after a change.
 */
@ApplicationScoped
public class NetworkMixing {

    /** NWM1: how many earlier meetings are read at most. */
    public static final int EARLIER_MEETINGS = 50;
    /** NWM1: meetings planned to start up to this long from now count (they add nothing until they happened). */
    static final long PLANNED_AHEAD_MS = 24L * 60 * 60 * 1000;

    /** The memory and the earlier meetings (with their sequence numbers) it was built from. */
    record Remembered(List<EarlierMeeting> from, NetworkMemory memory) {
    }

    private final NetworkRoomsStore rooms;
    private final MeetingStore meetings;
    private final Clock clock;

    public NetworkMixing(NetworkRoomsStore rooms, MeetingStore meetings, Clock clock) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.clock = clock;
    }

    /** The memory of meeting {@code meetingId} of network {@code networkId}: {@code cached} when nothing changed. */
    Remembered remember(String meetingId, String networkId, Remembered cached) {
        long now = clock.millis();
        List<EarlierMeeting> earlier = rooms.earlierMeetings(networkId, meetingId, now + PLANNED_AHEAD_MS,
                EARLIER_MEETINGS);
        if (cached != null && cached.from().equals(earlier)) {
            return cached;
        }
        NetworkMemory.Builder builder = NetworkMemory.builder();
        for (EarlierMeeting meeting : earlier) {
            if (builder.full()) {
                break;
            }
            Optional<MeetingStore.StoredMeeting> stored = meetings.load(meeting.meetingId());
            if (stored.isEmpty()) {
                continue; // deleted since
            }
            for (List<String> room : SharedRooms.ofMembers(stored.get().events(), now)) {
                if (!builder.addRoom(room)) {
                    break;
                }
            }
        }
        return new Remembered(earlier, builder.build());
    }
}
