package io.kring.meeting;

import java.util.List;
import java.util.Map;

/**
 * Everything one can ask of a meeting. {@link ClientCommand}s arrive over the wire (their field
 * names are the wire's); {@link SystemCommand}s come from the server itself (joining over HTTP,
 * connections opening and closing). Fields are boxed: a missing field is null and rejected as
 * {@code INVALID} by the rule that needs it, after the role and state checks.
 */
public sealed interface MeetingCommand {

    /** A command a participant sends over the WebSocket. */
    sealed interface ClientCommand extends MeetingCommand {
    }

    /** A command the server issues on someone's behalf. */
    sealed interface SystemCommand extends MeetingCommand {
    }

    // Agenda (A-rules)
    /**
     * AP1..AP3: {@code breakout} is the round prepared with the item (a breakout item only), given as the fields
     * of {@code breakout.open}; its {@code durationSeconds} is ignored, the item's is used.
     */
    record AddAgendaItem(String title, Integer durationSeconds, String kind, Integer position, String description,
            OpenBreakouts breakout) implements ClientCommand {
        public AddAgendaItem(String title, Integer durationSeconds, String kind, Integer position) {
            this(title, durationSeconds, kind, position, null, null);
        }
    }

    /**
     * Absent fields stay as they are. AP4: {@code description} {@code ""} clears the description; {@code breakout}
     * {@code {}} (an object without fields) clears the prepared round, and so does a kind other than breakout.
     */
    record UpdateAgendaItem(String itemId, String title, Integer durationSeconds, String kind, String description,
            OpenBreakouts breakout) implements ClientCommand {
        public UpdateAgendaItem(String itemId, String title, Integer durationSeconds, String kind) {
            this(itemId, title, durationSeconds, kind, null, null);
        }
    }

    record RemoveAgendaItem(String itemId) implements ClientCommand {
    }

    record MoveAgendaItem(String itemId, Integer toIndex) implements ClientCommand {
    }

    record StartAgendaItem(String itemId) implements ClientCommand {
    }

    record StartNextAgendaItem() implements ClientCommand {
    }

    record ExtendAgendaItem(Integer seconds) implements ClientCommand {
    }

    record StopAgendaItem() implements ClientCommand {
    }

    // Speaking queue (Q-rules)
    /** {@code onBehalfOf}: a moderator raises someone else's hand (the physical room, protocol.md section 7). */
    record RaiseHand(String kind, String onBehalfOf) implements ClientCommand {
        public RaiseHand(String kind) {
            this(kind, null);
        }
    }

    record LowerHand(String participantId) implements ClientCommand {
    }

    record GiveFloor(String participantId, Integer limitSeconds) implements ClientCommand {
    }

    record GiveFloorToNext(Integer limitSeconds) implements ClientCommand {
    }

    record EndFloor() implements ClientCommand {
    }

    /** Q11: a round of turns; {@code order} is join, random or organisation. */
    record StartFloorRound(String order, Integer limitSeconds) implements ClientCommand {
    }

    // Chat (C-rules)
    record SendChatMessage(String text) implements ClientCommand {
    }

    record DeleteChatMessage(String messageId) implements ClientCommand {
    }

    // Moderation (MOD-rules)
    record MuteParticipant(String participantId) implements ClientCommand {
    }

    record UnmuteParticipant(String participantId) implements ClientCommand {
    }

    record RemoveParticipant(String participantId) implements ClientCommand {
    }

    record PromoteParticipant(String participantId) implements ClientCommand {
    }

    record DemoteParticipant(String participantId) implements ClientCommand {
    }

    /** A participant without a device, added by a moderator (the physical room, protocol.md section 7). */
    record AddParticipant(String name, String organisation) implements ClientCommand {
    }

    record LockMeeting() implements ClientCommand {
    }

    record UnlockMeeting() implements ClientCommand {
    }

    record Announce(String text) implements ClientCommand {
    }

    /** CALL2: the plenary's call link for everyone; null clears it. */
    record SetMeetingCall(String url) implements ClientCommand {
    }

    record EndMeeting() implements ClientCommand {
    }

    record LeaveMeeting() implements ClientCommand {
    }

    // Breakouts (BR-rules)
    /**
     * BR1, GM1-GM9: a round's request, also what an agenda item's preset opens. {@code hosts} maps a room's index
     * ("0", "1", …) to a participant id.
     */
    record OpenBreakouts(Integer roomCount, String strategy, Integer durationSeconds, Integer graceSeconds,
            List<String> topics, Map<String, Integer> assignments, List<String> callUrls, Integer groupSize,
            Integer fromRound, Map<String, String> hosts, String attendance) implements ClientCommand {
        public OpenBreakouts(Integer roomCount, String strategy, Integer durationSeconds, Integer graceSeconds,
                List<String> topics, Map<String, Integer> assignments, List<String> callUrls) {
            this(roomCount, strategy, durationSeconds, graceSeconds, topics, assignments, callUrls, null, null, null,
                    null);
        }

        public OpenBreakouts(Integer roomCount, String strategy, Integer durationSeconds, Integer graceSeconds,
                List<String> topics, Map<String, Integer> assignments) {
            this(roomCount, strategy, durationSeconds, graceSeconds, topics, assignments, null);
        }

        /** AP5: the prepared round of an agenda item opens for as long as the item lasts. */
        public OpenBreakouts withDurationSeconds(Integer seconds) {
            return new OpenBreakouts(roomCount, strategy, seconds, graceSeconds, topics, assignments, callUrls, groupSize,
                    fromRound, hosts, attendance);
        }

        /** AP4: a prepared round given again without its call links keeps the stored ones. */
        public OpenBreakouts withCallUrls(List<String> urls) {
            return new OpenBreakouts(roomCount, strategy, durationSeconds, graceSeconds, topics, assignments, urls,
                    groupSize, fromRound, hosts, attendance);
        }

        /** AP4: {@code "breakout": {}} in {@code agenda.update}, no prepared round. */
        public static final OpenBreakouts NONE = new OpenBreakouts(null, null, null, null, null, null, null);
    }

    record JoinBreakoutRoom(String roomId) implements ClientCommand {
    }

    record MoveToBreakoutRoom(String participantId, String roomId) implements ClientCommand {
    }

    record BroadcastToBreakouts(String text) implements ClientCommand {
    }

    record ExtendBreakouts(Integer seconds) implements ClientCommand {
    }

    record CloseBreakouts(Integer graceSeconds) implements ClientCommand {
    }

    record RequestBreakoutHelp() implements ClientCommand {
    }

    /** {@code roomId}: a moderator adds to any room of the open round, on behalf of a group in the room. */
    record AddInsight(String text, String roomId) implements ClientCommand {
        public AddInsight(String text) {
            this(text, null);
        }
    }

    /** {@code room.done}: the sender's room says it is done, or not any more (RD1). */
    record MarkRoomDone(Boolean done) implements ClientCommand {
    }

    // Harvest: editing insights (IN-rules) and questions (QA-rules)
    /** {@code insight.edit}: replaces an insight's text (IN1). */
    record EditInsight(String insightId, String text) implements ClientCommand {
    }

    /** {@code insight.remove}: takes an insight away (IN1). */
    record RemoveInsight(String insightId) implements ClientCommand {
    }

    /** {@code question.ask}: a question to the plenary, tied to the running agenda item (QA1). */
    record AskQuestion(String text, Boolean anonymous) implements ClientCommand {
    }

    /** {@code question.upvote}: adds ({@code up} true) or withdraws this participant's vote (QA4). */
    record UpvoteQuestion(String questionId, Boolean up) implements ClientCommand {
    }

    /** {@code question.answer}: a moderator marks a question answered or not (QA5). */
    record AnswerQuestion(String questionId, Boolean answered) implements ClientCommand {
    }

    /** {@code question.remove}: a moderator or the asker removes a question (QA6). */
    record RemoveQuestion(String questionId) implements ClientCommand {
    }

    // Polls (POLL-rules)
    /** {@code poll.open}: exactly one of {@code options} and {@code fromRound} (a closed round's 0-based index). */
    record OpenPoll(String question, List<String> options, Integer fromRound, Boolean multiple, Integer maxChoices,
            Boolean anonymous, String showResults) implements ClientCommand {
    }

    /** {@code poll.vote}: option indexes; records or replaces the sender's vote. */
    record VotePoll(String pollId, List<Integer> choices) implements ClientCommand {
    }

    record ClosePoll(String pollId) implements ClientCommand {
    }

    // Report-back (RB-rules)
    /** {@code reportback.start}: {@code secondsPerRoom} 30..1800; {@code roundIndex} 0-based, default the last round. */
    record StartReportBack(Integer secondsPerRoom, Integer roundIndex) implements ClientCommand {
    }

    /** {@code reportback.next}: the next room, or the end after the last one (RB4). */
    record NextReportBackRoom() implements ClientCommand {
    }

    /** {@code reportback.stop}: ends the report-back (RB5). */
    record StopReportBack() implements ClientCommand {
    }

    // The recap (RC-rules)
    /** {@code report.publish}: a moderator publishes the recap link; again while published changes nothing (RC1). */
    record PublishRecap() implements ClientCommand {
    }

    /** {@code report.unpublish}: a moderator withdraws the recap link (RC2). */
    record UnpublishRecap() implements ClientCommand {
    }

    // Issued by the server
    /**
     * Someone joins from the link (HTTP). The token and key are hashed by the caller; the meeting
     * only ever sees hashes. {@code moderatorKey} is the key as given (null for a participant).
     * {@code memberId}: NW4, the network member joining (found or created by the caller); a network meeting
     * only, ignored elsewhere.
     */
    record JoinMeeting(String participantId, String name, String organisation, String moderatorKey, String tokenHash,
            String attendance, String memberId) implements SystemCommand {
        public JoinMeeting(String participantId, String name, String organisation, String moderatorKey,
                String tokenHash) {
            this(participantId, name, organisation, moderatorKey, tokenHash, null, null);
        }

        public JoinMeeting(String participantId, String name, String organisation, String moderatorKey,
                String tokenHash, String attendance) {
            this(participantId, name, organisation, moderatorKey, tokenHash, attendance, null);
        }
    }

    /** The first connection of a participant opened. */
    record ConnectParticipant() implements SystemCommand {
    }

    /** The last connection of a participant closed. */
    record DisconnectParticipant() implements SystemCommand {
    }
}
