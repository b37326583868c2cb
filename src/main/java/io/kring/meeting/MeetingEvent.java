package io.kring.meeting;

import java.util.List;
import java.util.Map;

/**
 * The facts a meeting is made of. Events are stored in order and replaying them rebuilds the meeting
 * exactly (P1), so each carries every value its effect needs (random draws, ids, times). Times are
 * epoch milliseconds. Kinds, roles and strategies are stored by their wire names.
 */
public sealed interface MeetingEvent {

    record MeetingCreated(String meetingId, String title, String language, String moderatorKeyHash, long createdAt)
            implements MeetingEvent {
    }

    record MeetingLockChanged(boolean locked) implements MeetingEvent {
    }

    record AnnouncementChanged(String text, long at) implements MeetingEvent {
    }

    record MeetingEnded(long at) implements MeetingEvent {
    }

    /** CALL1, CALL2: the plenary's call link (generated at creation, or set by a moderator); null clears it. */
    record MeetingCallChanged(String url) implements MeetingEvent {
    }

    /**
     * {@code attendance}: {@code online} or {@code inRoom} (null in events stored before it: online).
     * {@code addedBy}: the moderator who added a participant without a device ({@code participant.add}; no
     * token then), null for a join from the link (and in events stored before it).
     */
    record ParticipantJoined(String participantId, String name, String organisation, String role, String tokenHash,
            long at, String attendance, String addedBy) implements MeetingEvent {
        public ParticipantJoined(String participantId, String name, String organisation, String role,
                String tokenHash, long at) {
            this(participantId, name, organisation, role, tokenHash, at, null, null);
        }
    }

    record ParticipantConnected(String participantId, long at) implements MeetingEvent {
    }

    record ParticipantDisconnected(String participantId, long at) implements MeetingEvent {
    }

    /** One participant coming online or going offline, within a {@link PresenceChanged}. */
    record PresenceChange(String participantId, boolean online, long at) {
    }

    /** Presence changes gathered for a moment and stored and told as one (P8). */
    record PresenceChanged(List<PresenceChange> changes) implements MeetingEvent {
    }

    record ParticipantLeft(String participantId, long at) implements MeetingEvent {
    }

    record ParticipantRemoved(String participantId, long at) implements MeetingEvent {
    }

    record ChatMuteChanged(String participantId, boolean muted) implements MeetingEvent {
    }

    record RoleChanged(String participantId, String role) implements MeetingEvent {
    }

    record AgendaItemAdded(String itemId, String title, int durationSeconds, String kind, int position)
            implements MeetingEvent {
    }

    record AgendaItemUpdated(String itemId, String title, int durationSeconds, String kind) implements MeetingEvent {
    }

    record AgendaItemRemoved(String itemId) implements MeetingEvent {
    }

    record AgendaItemMoved(String itemId, int toIndex) implements MeetingEvent {
    }

    record AgendaItemStarted(String itemId, long startedAt, long endsAt) implements MeetingEvent {
    }

    record AgendaItemExtended(String itemId, long endsAt) implements MeetingEvent {
    }

    record AgendaItemEnded(String itemId, long endedAt) implements MeetingEvent {
    }

    record AgendaItemOverran(String itemId, long at) implements MeetingEvent {
    }

    record HandRaised(String participantId, String kind, long raisedAt) implements MeetingEvent {
    }

    record HandLowered(String participantId) implements MeetingEvent {
    }

    record FloorGiven(String participantId, long since, Integer limitSeconds) implements MeetingEvent {
    }

    record FloorEnded(String participantId, long endedAt) implements MeetingEvent {
    }

    /**
     * Q11: a round of turns started: {@code participantIds} in speaking order (a random order's draw is
     * stored here, P1); the first speaks since {@code at}, the others queue as {@code speak} hands raised at
     * {@code at}; {@code limitSeconds} is each turn's limit (null: none).
     */
    record FloorRoundStarted(String order, List<String> participantIds, long at, Integer limitSeconds)
            implements MeetingEvent {
    }

    record SpeakerOverran(String participantId, long at) implements MeetingEvent {
    }

    record ChatMessageSent(String messageId, String roomId, String participantId, String name, String text,
            long sentAt) implements MeetingEvent {
    }

    record ChatMessageDeleted(String messageId, long at) implements MeetingEvent {
    }

    /** A room of a new round; {@code callUrl} (CALL1, CALL3) is null in rounds stored before calls existed. */
    record RoomPlan(String roomId, String name, String topic, String callUrl) {
        public RoomPlan(String roomId, String name, String topic) {
            this(roomId, name, topic, null);
        }
    }

    record BreakoutsOpened(String roundId, String strategy, List<RoomPlan> rooms, Map<String, String> assignments,
            long openedAt, int durationSeconds, long endsAt, int graceSeconds) implements MeetingEvent {
    }

    record ParticipantMoved(String participantId, String roomId) implements MeetingEvent {
    }

    record BreakoutHelpRequested(String roomId, String participantId, long at) implements MeetingEvent {
    }

    record BreakoutHelpAnswered(String roomId) implements MeetingEvent {
    }

    /** RD1: a room marked itself done ({@code done} true) or not done any more; by whom and when. */
    record RoomDoneChanged(String roomId, String participantId, boolean done, long at) implements MeetingEvent {
    }

    record BreakoutsBroadcast(String text, long at) implements MeetingEvent {
    }

    record BreakoutsExtended(long endsAt) implements MeetingEvent {
    }

    record BreakoutsEndingSoon(long endsAt, long at) implements MeetingEvent {
    }

    record BreakoutsClosing(long closingAt, long at) implements MeetingEvent {
    }

    record BreakoutsClosed(long at) implements MeetingEvent {
    }

    record InsightAdded(String insightId, String roomId, String participantId, String text, long at)
            implements MeetingEvent {
    }

    /** IN1: an insight's text replaced by {@code participantId} (a member of its room, or a moderator). */
    record InsightEdited(String roomId, String insightId, String participantId, String text, long at)
            implements MeetingEvent {
    }

    /** IN1: an insight taken away by {@code participantId}. */
    record InsightRemoved(String roomId, String insightId, String participantId, long at) implements MeetingEvent {
    }

    /**
     * QA1: a question asked. {@code participantId} and {@code name} are the asker's, also for an anonymous one: the
     * server needs them for QA6 (the asker may remove it); no notice, snapshot or report shows them then (QA3).
     * {@code itemId}: the agenda item running when it was asked, or null.
     */
    record QuestionAsked(String questionId, String participantId, String name, String text, String itemId,
            boolean anonymous, long at) implements MeetingEvent {
    }

    /** QA4: {@code participantId} added ({@code up}) or withdrew their vote. */
    record QuestionVoted(String questionId, String participantId, boolean up) implements MeetingEvent {
    }

    /** QA5: marked answered or not. */
    record QuestionAnswered(String questionId, boolean answered) implements MeetingEvent {
    }

    /** QA6: removed by a moderator or the asker. */
    record QuestionRemoved(String questionId, String participantId, long at) implements MeetingEvent {
    }
}
