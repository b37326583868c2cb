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
            long at, String attendance, String addedBy, String memberId) implements MeetingEvent {
        public ParticipantJoined(String participantId, String name, String organisation, String role,
                String tokenHash, long at) {
            this(participantId, name, organisation, role, tokenHash, at, null, null, null);
        }

        public ParticipantJoined(String participantId, String name, String organisation, String role,
                String tokenHash, long at, String attendance, String addedBy) {
            this(participantId, name, organisation, role, tokenHash, at, attendance, addedBy, null);
        }
    }

    /**
     * NW2, NW3: the meeting was planned in a network (stored right after {@link MeetingCreated}). The network's
     * coordinator key (its hash) is a moderator key of this meeting too. {@code startsAt}: when it is planned to
     * start (null: not said); {@code mode}: {@code online}, {@code inPerson} or {@code hybrid}.
     */
    record MeetingPlannedInNetwork(String networkId, String coordinatorKeyHash, Long startsAt, String mode)
            implements MeetingEvent {
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

    /**
     * AP1: {@code description} ("" when none, and in events stored before it) and {@code breakout}, the prepared
     * round without its duration (null when none, and in events stored before it).
     */
    record AgendaItemAdded(String itemId, String title, int durationSeconds, String kind, int position,
            String description, MeetingCommand.OpenBreakouts breakout) implements MeetingEvent {
        public AgendaItemAdded {
            description = description == null ? "" : description;
        }

        public AgendaItemAdded(String itemId, String title, int durationSeconds, String kind, int position) {
            this(itemId, title, durationSeconds, kind, position, "", null);
        }
    }

    /** The item as it is after the update; {@code description} and {@code breakout} as in {@link AgendaItemAdded}. */
    record AgendaItemUpdated(String itemId, String title, int durationSeconds, String kind, String description,
            MeetingCommand.OpenBreakouts breakout) implements MeetingEvent {
        public AgendaItemUpdated {
            description = description == null ? "" : description;
        }

        public AgendaItemUpdated(String itemId, String title, int durationSeconds, String kind) {
            this(itemId, title, durationSeconds, kind, "", null);
        }
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
    /** {@code hostId}: GM7, null in rounds stored before hosts existed. */
    record RoomPlan(String roomId, String name, String topic, String callUrl, String hostId) {
        public RoomPlan(String roomId, String name, String topic, String callUrl) {
            this(roomId, name, topic, callUrl, null);
        }

        public RoomPlan(String roomId, String name, String topic) {
            this(roomId, name, topic, null);
        }
    }

    /**
     * {@code fromRound}: the round a {@code sameAs}, {@code merge} or {@code rotate} round built on (GM3), else null;
     * {@code attendance}: GM8, null (mixed) in rounds stored before it existed.
     */
    record BreakoutsOpened(String roundId, String strategy, List<RoomPlan> rooms, Map<String, String> assignments,
            long openedAt, int durationSeconds, long endsAt, int graceSeconds, Integer fromRound, String attendance)
            implements MeetingEvent {
        public BreakoutsOpened(String roundId, String strategy, List<RoomPlan> rooms, Map<String, String> assignments,
                long openedAt, int durationSeconds, long endsAt, int graceSeconds) {
            this(roundId, strategy, rooms, assignments, openedAt, durationSeconds, endsAt, graceSeconds, null, null);
        }
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

    /**
     * POLL1, POLL2: a poll opened, with its options as given or as cut from round {@code fromRound}'s insights
     * (null for a poll with its own options).
     */
    record PollOpened(String pollId, String question, List<String> options, boolean multiple, int maxChoices,
            boolean anonymous, String showResults, Integer fromRound, long openedAt) implements MeetingEvent {
    }

    /** POLL3: a participant's vote, replacing an earlier one. */
    record PollVoted(String pollId, String participantId, List<Integer> choices, long at) implements MeetingEvent {
    }

    /** POLL7: the poll's current counts are told (coalesced: at most one per poll per 250 ms). */
    record PollResultsTold(String pollId, long at) implements MeetingEvent {
    }

    /** POLL4, POLL8: the poll closed; its final results are told. */
    record PollClosed(String pollId, long at) implements MeetingEvent {
    }

    /** RC1: the recap is published under {@code recapId}, a secret of at least 128 random bits. */
    record RecapPublished(String recapId, long at) implements MeetingEvent {
    }

    /** RC2: the recap link {@code recapId} is withdrawn for good. */
    record RecapUnpublished(String recapId, long at) implements MeetingEvent {
    }
}
