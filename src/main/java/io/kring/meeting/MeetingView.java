package io.kring.meeting;

import java.util.List;

/**
 * The snapshot of protocol.md section 3 as one participant sees it, and the pieces events reuse.
 * Plain records whose component names are the wire's field names.
 */
public final class MeetingView {

    private MeetingView() {
    }

    public record Snapshot(Info meeting, You you, List<ParticipantView> participants, Agenda agenda, Queue queue,
            Breakouts breakouts, List<ChatMessageView> chat, AnnouncementView announcement,
            List<QuestionView> questions, long serverTime) {

        public Snapshot withParticipants(List<ParticipantView> replaced) {
            return new Snapshot(meeting, you, replaced, agenda, queue, breakouts, chat, announcement, questions,
                    serverTime);
        }
    }

    public record Info(String meetingId, String title, String status, boolean locked, String language,
            String callUrl) {
        public Info(String meetingId, String title, String status, boolean locked, String language) {
            this(meetingId, title, status, locked, language, null);
        }
    }

    public record You(String participantId, String role, String roomId, boolean mutedInChat) {
    }

    public record ParticipantView(String participantId, String name, String organisation, String role,
            boolean online, String roomId, boolean mutedInChat, long joinedAt, String attendance) {
    }

    public record Agenda(String currentItemId, List<AgendaItemView> items) {
    }

    public record AgendaItemView(String itemId, String title, String kind, int durationSeconds, String status,
            Long startedAt, Long endsAt, Long endedAt, boolean overtime) {
    }

    public record Queue(SpeakerView speaker, List<HandView> hands, Integer roundLimitSeconds) {
    }

    public record SpeakerView(String participantId, long since, Integer limitSeconds, boolean overtime) {
    }

    public record HandView(String participantId, String kind, long raisedAt) {
    }

    public record Breakouts(String status, String strategy, String roundId, Long openedAt, Integer durationSeconds,
            Long endsAt, Integer graceSeconds, Long closingAt, boolean warned, AnnouncementView broadcast,
            List<RoomView> rooms) {
    }

    /** {@code callUrl}: CALL5, only for the room's members and the moderators while the round is open. */
    public record RoomView(String roomId, String name, String topic, List<String> participantIds,
            boolean helpRequested, boolean done, List<InsightView> insights, String callUrl) {
    }

    public record InsightView(String insightId, String participantId, String text, long at) {
    }

    public record ChatMessageView(String messageId, String roomId, String participantId, String name, String text,
            long sentAt) {
    }

    /** An announcement or a breakout broadcast: a text and when it was given. */
    public record AnnouncementView(String text, long at) {
    }

    /**
     * QA3, QA7, QA8: a question as one viewer sees it; {@code participantId} and {@code name} are null for an
     * anonymous one, {@code youVoted} is the viewer's own.
     */
    public record QuestionView(String questionId, String text, String participantId, String name, String itemId,
            int votes, boolean youVoted, boolean answered, long askedAt) {
    }
}
