package io.kring.meeting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kring.meeting.agenda.AgendaItem;
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.poll.Poll;

/**
 * The published recap of a meeting (RC4..RC7, protocol.md section 8): what the meeting harvested, for anyone
 * with the link. It is built from what the meeting decided, never from who said what: no chat, no names, no
 * organisations and no participant ids; an insight, a question and a vote show without their author.
 * Every list is bounded by the meeting's own quotas (200 items, 100 rounds of 50 rooms with 100 insights each,
 * 50 polls, 500 questions).
 */
public record MeetingRecap(String recapId, String title, String language, String status, long date, Long endedAt,
        List<ItemRecap> agenda, List<RoundRecap> rounds, List<PollRecap> polls, List<QuestionRecap> questions) {

    /**
     * RC5: an agenda item as run: {@code ran} once it started; its start, end and how long it ran (seconds, up to
     * now while it runs); pending items show as planned.
     */
    public record ItemRecap(String title, String kind, int plannedSeconds, String status, boolean ran,
            Long startedAt, Long endedAt, Long actualSeconds) {

        /** The item as it reads at {@code now}: only a running item's {@code actualSeconds} moves with the clock. */
        ItemRecap at(long now) {
            return startedAt == null || endedAt != null ? this
                    : new ItemRecap(title, kind, plannedSeconds, status, ran, startedAt, null, (now - startedAt) / 1000);
        }
    }

    /** RC5: a closed breakout round (0-based {@code index}), its rooms' names and topics and their insights. */
    public record RoundRecap(int index, long openedAt, Long closedAt, List<RoomRecap> rooms) {
    }

    public record RoomRecap(String name, String topic, List<InsightRecap> insights) {
    }

    /** An insight's text and when it was added: never who added it. */
    public record InsightRecap(String text, long at) {
    }

    /**
     * RC6: a poll with its question and options; {@code results} ({@code counts}, {@code voters}) once it is
     * closed, null while it is open, whatever its {@code showResults}: the recap never tells results early.
     */
    public record PollRecap(String question, List<String> options, boolean multiple, String status, long openedAt,
            Long closedAt, MeetingView.PollResults results) {
    }

    /** RC5: a question with its votes and whether it was answered; never who asked it. */
    public record QuestionRecap(String text, int votes, boolean answered, long askedAt, String itemTitle) {
    }

    /**
     * RC4: the recap of the meeting whose stored {@code events} these are, if its recap is published under
     * {@code recapId} now; empty otherwise (not published, withdrawn, or another link).
     */
    public static Optional<MeetingRecap> of(List<MeetingEvent> events, String recapId, long now) {
        Meeting m = Meeting.replayWithHistory(events);
        if (recapId == null || !recapId.equals(m.recapId())) {
            return Optional.empty();
        }
        return Optional.of(of(m, now));
    }

    /**
     * This recap as it reads at {@code now}, as {@link #of} would build it then from the same events: a recap
     * kept since it was built (per stored seq) only needs the running items' {@code actualSeconds} brought up
     * to the clock.
     */
    public MeetingRecap at(long now) {
        List<ItemRecap> current = agenda.stream().map(item -> item.at(now)).toList();
        return new MeetingRecap(recapId, title, language, status, date, endedAt, current, rounds, polls, questions);
    }

    static MeetingRecap of(Meeting m, long now) {
        Map<String, String> itemTitles = new HashMap<>();
        List<ItemRecap> agenda = new ArrayList<>();
        for (AgendaItem item : m.agendaItems()) {
            itemTitles.put(item.id, item.title);
            Long actual = item.startedAt == null ? null
                    : ((item.endedAt == null ? now : item.endedAt) - item.startedAt) / 1000;
            agenda.add(new ItemRecap(item.title, item.kind.wireName(), item.durationSeconds, item.view().status(),
                    item.startedAt != null, item.startedAt, item.endedAt, actual));
        }
        List<RoundRecap> rounds = new ArrayList<>();
        for (BreakoutRound round : m.rounds()) {
            if (round.status != BreakoutRound.Status.CLOSED) {
                continue; // BR15: insights show to everyone only once the round has closed
            }
            List<RoomRecap> rooms = new ArrayList<>();
            for (BreakoutRound.Room room : round.rooms.values()) {
                rooms.add(new RoomRecap(room.name, room.topic,
                        room.insights.stream().map(i -> new InsightRecap(i.text(), i.at())).toList()));
            }
            rounds.add(new RoundRecap(round.index, round.openedAt, round.closedAt, rooms));
        }
        List<PollRecap> polls = new ArrayList<>();
        for (Poll poll : m.polls()) {
            polls.add(new PollRecap(poll.question, poll.options, poll.multiple, poll.isOpen() ? "open" : "closed",
                    poll.openedAt, poll.closedAt(), poll.isOpen() ? null : counts(poll)));
        }
        List<QuestionRecap> questions = m.questions().stream()
                .map(q -> new QuestionRecap(q.text, q.votes(), q.answered, q.askedAt,
                        q.itemId == null ? null : itemTitles.get(q.itemId)))
                .toList();
        return new MeetingRecap(m.recapId(), m.title(), m.languageCode(), m.isEnded() ? "ended" : "open",
                m.createdAt(), m.endedAt(), agenda, rounds, polls, questions);
    }

    /** RC6: every vote of a closed poll counted (the close told them all). */
    private static MeetingView.PollResults counts(Poll poll) {
        List<Integer> counts = new ArrayList<>(Collections.nCopies(poll.options.size(), 0));
        poll.votes().values().forEach(choices -> choices.forEach(choice -> counts.set(choice, counts.get(choice) + 1)));
        return new MeetingView.PollResults(counts, poll.votes().size());
    }
}
