package io.kring.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kring.meeting.agenda.AgendaItem;
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.floor.SpeakingTurn;
import io.kring.meeting.roster.Participant;

/**
 * The record of a meeting for its report (protocol.md section 6): the agenda planned against actual,
 * attendance, speaking time, every breakout round, announcements and the plenary chat. Times are epoch
 * milliseconds, durations seconds; what still runs is counted up to {@code now}. {@code recapPath}: the published
 * recap's link ({@code /r/{recapId}}, RC3), or null.
 */
public record MeetingRecord(String meetingId, String title, String language, String status, long createdAt,
        Long endedAt, long generatedAt, List<AgendaRecord> agenda, List<AttendanceRecord> attendance,
        List<SpeakingRecord> speakingTime, List<RoundRecord> breakoutRounds,
        List<MeetingView.AnnouncementView> announcements, List<MeetingView.ChatMessageView> chat,
        List<PollRecord> polls, List<QuestionRecord> questions, String recapPath) {

    /** AP6: {@code description} as the item had it at the end ("" when none). */
    public record AgendaRecord(String itemId, String title, String kind, int plannedSeconds, String status,
            Long startedAt, Long endedAt, Long actualSeconds, Long overrunSeconds, String description) {
    }

    public record AttendanceRecord(String participantId, String name, String organisation, String role,
            long joinedAt, Long leftAt, boolean removed) {
    }

    public record SpeakingRecord(String participantId, String name, int turns, long seconds) {
    }

    /** {@code fromRound}: GM3, the 0-based index of the round it built on, or null; {@code attendance}: GM8. */
    public record RoundRecord(String roundId, String strategy, Integer fromRound, String attendance, long openedAt,
            int durationSeconds, long endsAt, Long closedAt, List<RoomRecord> rooms) {
    }

    /**
     * {@code host}: GM7, the room's host or null. {@code done}: the room marked itself done (RD1, RD4) and was so at
     * the close, or now while the round runs.
     */
    public record RoomRecord(String roomId, String name, String topic, Member host, List<Member> members,
            boolean done, List<InsightRecord> insights) {
    }

    public record Member(String participantId, String name, String organisation) {
    }

    public record InsightRecord(String insightId, String participantId, String name, String text, long at) {
    }

    /**
     * POLL9: a poll with its final (or current) counts; {@code votes}, who chose what, only for a poll that is not
     * anonymous (null otherwise).
     */
    public record PollRecord(String pollId, String question, List<String> options, boolean multiple, int maxChoices,
            boolean anonymous, String showResults, String status, long openedAt, Long closedAt, List<Integer> counts,
            int voters, List<VoteRecord> votes) {
    }

    public record VoteRecord(String participantId, String name, List<Integer> choices) {
    }

    /**
     * QA3, QA10: a question with its votes, most votes first; {@code participantId} and {@code name} are null for
     * an anonymous one. {@code itemId}: the agenda item it was asked during, or null.
     */
    public record QuestionRecord(String questionId, String text, String participantId, String name, String itemId,
            int votes, boolean answered, long askedAt) {
    }

    /**
     * L6: the record of a meeting from its stored events, replayed into a meeting that keeps its whole
     * history (a live meeting keeps only what its snapshot needs). Needs no lock: the events are stored.
     */
    public static MeetingRecord of(List<MeetingEvent> events, long now) {
        return of(Meeting.replayWithHistory(events), now);
    }

    static MeetingRecord of(Meeting m, long now) {
        Map<String, Participant> people = m.participantsById();
        List<AgendaRecord> agenda = new ArrayList<>();
        for (AgendaItem item : m.agendaItems()) {
            Long actual = item.startedAt == null ? null
                    : ((item.endedAt == null ? now : item.endedAt) - item.startedAt) / 1000;
            Long overrun = actual == null ? null : Math.max(0, actual - item.durationSeconds);
            agenda.add(new AgendaRecord(item.id, item.title, item.kind.wireName(), item.durationSeconds,
                    item.view().status(), item.startedAt, item.endedAt, actual, overrun, item.description));
        }
        List<AttendanceRecord> attendance = new ArrayList<>();
        for (Participant p : people.values()) {
            attendance.add(new AttendanceRecord(p.id, p.name, p.organisation, p.role.wireName(), p.joinedAt,
                    p.online ? null : p.leftAt, p.removed));
        }
        Map<String, long[]> speaking = new LinkedHashMap<>();
        for (SpeakingTurn turn : m.turns()) {
            long[] sums = speaking.computeIfAbsent(turn.participantId, id -> new long[2]);
            sums[0]++;
            sums[1] += (turn.endedAt == null ? now : turn.endedAt) - turn.since;
        }
        List<SpeakingRecord> speakingTime = new ArrayList<>();
        speaking.forEach((id, sums) -> speakingTime.add(new SpeakingRecord(id, nameOf(people, id), (int) sums[0],
                sums[1] / 1000)));
        List<RoundRecord> rounds = new ArrayList<>();
        for (BreakoutRound round : m.rounds()) {
            List<RoomRecord> rooms = new ArrayList<>();
            for (BreakoutRound.Room room : round.rooms.values()) {
                List<String> memberIds = room.membersAtClose != null ? room.membersAtClose : m.roomMembers(room.id);
                List<Member> members = memberIds.stream().map(id -> member(people, id)).toList();
                List<InsightRecord> insights = room.insights.stream().map(i -> new InsightRecord(i.id(),
                        i.participantId(), nameOf(people, i.participantId()), i.text(), i.at())).toList();
                rooms.add(new RoomRecord(room.id, room.name, room.topic,
                        room.hostId == null ? null : member(people, room.hostId), members, room.done, insights));
            }
            rounds.add(new RoundRecord(round.id, round.strategy.wireName(), round.fromRound, round.attendance,
                    round.openedAt, round.durationSeconds,
                    round.endsAt, round.closedAt, rooms));
        }
        List<MeetingView.ChatMessageView> chat = m.chatOf(null).stream()
                .filter(c -> !c.deleted).map(ChatMessage::view).toList();
        List<QuestionRecord> questions = m.questions().stream().map(q -> q.view(null))
                .map(q -> new QuestionRecord(q.questionId(), q.text(), q.participantId(), q.name(), q.itemId(),
                        q.votes(), q.answered(), q.askedAt())).toList();
        return new MeetingRecord(m.id(), m.title(), m.languageCode(), m.isEnded() ? "ended" : "open", m.createdAt(),
                m.endedAt(), now, agenda, attendance, speakingTime, rounds, List.copyOf(m.announcements()), chat,
                polls(m, people), questions, m.recapPath());
    }

    /** POLL9: every vote counted, told yet or not; who chose what only for polls that are not anonymous. */
    private static List<PollRecord> polls(Meeting m, Map<String, Participant> people) {
        List<PollRecord> polls = new ArrayList<>();
        for (io.kring.meeting.poll.Poll poll : m.polls()) {
            List<Integer> counts = new ArrayList<>(java.util.Collections.nCopies(poll.options.size(), 0));
            poll.votes().values().forEach(choices -> choices.forEach(choice -> counts.set(choice, counts.get(choice) + 1)));
            List<VoteRecord> votes = poll.anonymous ? null : poll.votes().entrySet().stream()
                    .map(v -> new VoteRecord(v.getKey(), nameOf(people, v.getKey()), v.getValue())).toList();
            polls.add(new PollRecord(poll.id, poll.question, poll.options, poll.multiple, poll.maxChoices,
                    poll.anonymous, poll.live ? "live" : "onClose", poll.isOpen() ? "open" : "closed", poll.openedAt,
                    poll.closedAt(), counts, poll.votes().size(), votes));
        }
        return polls;
    }

    private static Member member(Map<String, Participant> people, String participantId) {
        return new Member(participantId, nameOf(people, participantId),
                people.containsKey(participantId) ? people.get(participantId).organisation : "");
    }

    private static String nameOf(Map<String, Participant> people, String participantId) {
        Participant p = people.get(participantId);
        return p == null ? "" : p.name;
    }
}
