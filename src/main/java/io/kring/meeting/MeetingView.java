package io.kring.meeting;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot of protocol.md section 3 as one participant sees it, and the pieces events reuse.
 * Plain records whose component names are the wire's field names.
 */
public final class MeetingView {

    private MeetingView() {
    }

    public record Snapshot(Info meeting, You you, List<ParticipantView> participants, Agenda agenda, Queue queue,
            Breakouts breakouts, List<ChatMessageView> chat, AnnouncementView announcement,
            ReportBackView reportback, ReportBackRoomView reportbackRoom, List<QuestionView> questions,
            List<PollView> polls, long serverTime) {

        public Snapshot withParticipants(List<ParticipantView> replaced) {
            return new Snapshot(meeting, you, replaced, agenda, queue, breakouts, chat, announcement, reportback,
                    reportbackRoom, questions, polls, serverTime);
        }
    }

    /** RC3: {@code recapPath} is {@code /r/{recapId}} while the recap is published, else null. */
    public record Info(String meetingId, String title, String status, boolean locked, String language,
            String callUrl, String recapPath) {
        public Info(String meetingId, String title, String status, boolean locked, String language) {
            this(meetingId, title, status, locked, language, null, null);
        }

        public Info(String meetingId, String title, String status, boolean locked, String language, String callUrl) {
            this(meetingId, title, status, locked, language, callUrl, null);
        }
    }

    public record You(String participantId, String role, String roomId, boolean mutedInChat) {
    }

    /** {@code memberId}: NW6, the network member of a participant of a network meeting; null otherwise. */
    public record ParticipantView(String participantId, String name, String organisation, String role,
            boolean online, String roomId, boolean mutedInChat, long joinedAt, String attendance, String memberId) {
        public ParticipantView(String participantId, String name, String organisation, String role, boolean online,
                String roomId, boolean mutedInChat, long joinedAt, String attendance) {
            this(participantId, name, organisation, role, online, roomId, mutedInChat, joinedAt, attendance, null);
        }
    }

    public record Agenda(String currentItemId, List<AgendaItemView> items) {
    }

    /** AP1: {@code breakout} is the prepared round as {@link #presetView} shows it, or null. */
    public record AgendaItemView(String itemId, String title, String kind, int durationSeconds, String status,
            Long startedAt, Long endsAt, Long endedAt, boolean overtime, String description,
            Map<String, Object> breakout) {
    }

    /**
     * AP1: a prepared round shows the fields of {@code breakout.open} except {@code durationSeconds} (the item's
     * is used) and {@code callUrls}: the agenda is the same for every viewer, and a room's call link is for its
     * members and moderators only (CALL4), so prepared links are kept but shown only once the round opens.
     * The fields are read from the record's components, so that a field {@code breakout.open} gains shows here
     * without more code.
     */
    private static final java.util.Set<String> HIDDEN_PRESET_FIELDS = java.util.Set.of("durationSeconds", "callUrls");

    public static Map<String, Object> presetView(MeetingCommand.OpenBreakouts preset) {
        if (preset == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : MeetingCommand.OpenBreakouts.class.getRecordComponents()) {
            if (!HIDDEN_PRESET_FIELDS.contains(component.getName())) {
                try {
                    fields.put(component.getName(), component.getAccessor().invoke(preset));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of a prepared round", e);
                }
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    public record Queue(SpeakerView speaker, List<HandView> hands, Integer roundLimitSeconds) {
    }

    public record SpeakerView(String participantId, long since, Integer limitSeconds, boolean overtime) {
    }

    public record HandView(String participantId, String kind, long raisedAt) {
    }

    /** {@code roundIndex}: GM3, the 0-based index of the round shown; {@code attendance}: GM8; both null before any. */
    public record Breakouts(String status, String strategy, String roundId, Integer roundIndex, String attendance,
            Long openedAt, Integer durationSeconds, Long endsAt, Integer graceSeconds, Long closingAt, boolean warned,
            AnnouncementView broadcast, List<RoomView> rooms) {
    }

    /** {@code callUrl}: CALL5, only for the room's members and the moderators while the round is open. */
    public record RoomView(String roomId, String name, String topic, String hostId, List<String> participantIds,
            boolean helpRequested, boolean done, List<InsightView> insights, String callUrl) {
    }

    public record InsightView(String insightId, String participantId, String text, long at) {
    }

    public record ChatMessageView(String messageId, String roomId, String participantId, String name, String text,
            long sentAt) {
    }

    /** RB8: the room shown in the report-back (a room of {@code breakouts.rooms}) and its countdown. */
    public record ReportBackView(int roundIndex, String roomId, long endsAt, int secondsPerRoom) {
    }

    /**
     * RB11: the room shown in a report-back of an earlier round (not the one in {@code breakouts.rooms}): its name,
     * topic, the names of its members at the close and its kept insights (L6). Null otherwise.
     */
    public record ReportBackRoomView(String roomId, String name, String topic, List<String> members,
            List<ReportBackInsightView> insights) {
    }

    /** RB11: an insight of the room shown, without its author. */
    public record ReportBackInsightView(String insightId, String text) {
    }

    /** An announcement or a breakout broadcast: a text and when it was given. */
    public record AnnouncementView(String text, long at) {
    }

    /**
     * POLL5, POLL6: a poll as one viewer sees it. {@code results} null when the viewer may not see them yet;
     * {@code votes} (participantId to choices) only for moderators and only of a poll that is not anonymous.
     * {@code fromRound}: the round whose insights are the options (dot-voting), or null.
     */
    public record PollView(String pollId, String question, List<String> options, boolean multiple, int maxChoices,
            boolean anonymous, String showResults, String status, long openedAt, Long closedAt,
            List<Integer> yourChoices, PollResults results, Integer fromRound,
            java.util.Map<String, List<Integer>> votes) {
    }

    public record PollResults(List<Integer> counts, int voters) {
    }

    /**
     * QA3, QA7, QA8: a question as one viewer sees it; {@code participantId} and {@code name} are null for an
     * anonymous one, {@code youVoted} is the viewer's own.
     */
    public record QuestionView(String questionId, String text, String participantId, String name, String itemId,
            int votes, boolean youVoted, boolean answered, long askedAt) {
    }
}
