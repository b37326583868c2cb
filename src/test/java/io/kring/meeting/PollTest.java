package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.poll.Polls;

@DisplayName("POLL: polls and dot-voting")
class PollTest {

    private final MeetingFixture f = withModerator();
    private final String ann = f.participant("Ann");
    private final String bob = f.participant("Bob");

    private static OpenPoll poll(String question, List<String> options) {
        return new OpenPoll(question, options, null, null, null, null, null);
    }

    private String openPoll(OpenPoll command) {
        return eventsOf(f.run("mo", command), MeetingEvent.PollOpened.class).get(0).pollId();
    }

    private MeetingView.PollView pollOf(String viewer, String pollId) {
        return f.view(viewer).polls().stream().filter(p -> p.pollId().equals(pollId)).findFirst().orElseThrow();
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("[POLL1] a moderator opens a poll with the contract's defaults; several may be open")
    void opensWithDefaults() {
        String pollId = openPoll(poll("Koffie of thee?", List.of("Koffie", "Thee")));
        MeetingView.PollView view = pollOf(ann, pollId);
        assertThat(view.question()).isEqualTo("Koffie of thee?");
        assertThat(view.options()).containsExactly("Koffie", "Thee");
        assertThat(view.multiple()).isFalse();
        assertThat(view.maxChoices()).isEqualTo(1);
        assertThat(view.anonymous()).isTrue();
        assertThat(view.showResults()).isEqualTo("onClose");
        assertThat(view.status()).isEqualTo("open");
        assertThat(view.openedAt()).isEqualTo(f.now);
        assertThat(view.closedAt()).isNull();
        assertThat(view.yourChoices()).isEmpty();
        assertThat(view.results()).as("onClose: hidden from participants").isNull();
        assertThat(pollOf("mo", pollId).results()).isEqualTo(new MeetingView.PollResults(List.of(0, 0), 0));
        String second = openPoll(new OpenPoll("Welke dagen?", List.of("ma", "di", "wo"), null, true, 2, false, "live"));
        assertThat(f.view(ann).polls()).extracting(MeetingView.PollView::status).containsExactly("open", "open");
        assertThat(pollOf(ann, second).maxChoices()).isEqualTo(2);
        assertThat(pollOf(ann, second).results()).as("live: shown").isNotNull();
    }

    @Test
    @DisplayName("[POLL1] only moderators open and close polls; bad fields are INVALID; 50 polls at most")
    void openIsChecked() {
        List<String> two = List.of("a", "b");
        assertThat(f.code(ann, poll("Q", two))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", poll("", two))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("x".repeat(301), two))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Twee\nregels", two))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Q", List.of("a")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Q", java.util.Collections.nCopies(51, "a")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Q", List.of("a", "")))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Q", List.of("a", "b".repeat(201))))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", poll("Q", null))).as("neither options nor fromRound").isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenPoll("Q", two, 0, null, null, null, null))).as("both")
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenPoll("Q", two, null, null, 2, null, null))).as("2 choices need multiple")
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenPoll("Q", two, null, true, 3, null, null))).as("more than the options")
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenPoll("Q", two, null, true, 0, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenPoll("Q", two, null, null, null, null, "always"))).isEqualTo(ErrorCode.INVALID);
        for (int i = 0; i < Limits.POLLS; i++) {
            openPoll(poll("Vraag " + i, two));
        }
        assertThat(f.code("mo", poll("Eén te veel", two))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[POLL2] fromRound: the last closed round's insights become the options, 3 dots each by default")
    void dotVoteFromRound() {
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 0, null, null, null, null))).as("no round yet")
                .isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600));
        f.run(ann, new AddInsight("Samen\nleren " + "x".repeat(300)));
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 0, null, null, null, null))).as("still open")
                .isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 0, null, null, null, null))).as("one insight")
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new OpenPoll("Welke?", null, -1, null, null, null, null))).isEqualTo(ErrorCode.INVALID);

        f.run("mo", open(2, "random", 600));
        f.run(ann, new AddInsight("Eerste\ninzicht"));
        f.run(bob, new AddInsight("Tweede inzicht"));
        f.run(ann, new AddInsight("Derde " + "y".repeat(400)));
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 0, null, null, null, null)))
                .as("round 0, kept (L6), still has one insight").isEqualTo(ErrorCode.CONFLICT);
        String pollId = openPoll(new OpenPoll("Welke neem je mee?", null, 1, null, null, null, null));
        MeetingView.PollView view = pollOf(ann, pollId);
        assertThat(view.options()).hasSize(3);
        assertThat(view.options()).allSatisfy(option -> assertThat(option).doesNotContain("\n").hasSizeLessThanOrEqualTo(200));
        assertThat(view.options()).contains("Eerste inzicht", "Tweede inzicht");
        assertThat(view.multiple()).isTrue();
        assertThat(view.maxChoices()).isEqualTo(3);
        assertThat(view.fromRound()).isEqualTo(1);
        String single = openPoll(new OpenPoll("Eén keuze", null, 1, false, null, null, null));
        assertThat(pollOf(ann, single).maxChoices()).isEqualTo(1);
    }

    @Test
    @DisplayName("[POLL2][L6] fromRound of an earlier closed round: its kept insights become the options")
    void dotVoteFromEarlierRound() {
        f.run("mo", open(2, "random", 600));
        f.run(ann, new AddInsight("Eerste ronde een"));
        f.run(bob, new AddInsight("Eerste ronde twee"));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", open(2, "random", 600));
        f.run(ann, new AddInsight("Tweede ronde"));
        f.run("mo", new CloseBreakouts(0));
        String pollId = openPoll(new OpenPoll("Welke?", null, 0, null, null, null, null));
        assertThat(pollOf(ann, pollId).options()).containsExactlyInAnyOrder("Eerste ronde een", "Eerste ronde twee");
        assertThat(pollOf(ann, pollId).fromRound()).isEqualTo(0);
    }

    @Test
    @DisplayName("[POLL3] a vote is checked, replaces the earlier one, and only the voter is told their choices")
    void voteReplaces() {
        String pollId = openPoll(new OpenPoll("Dagen?", List.of("ma", "di", "wo"), null, true, 2, true, "live"));
        assertThat(f.code(ann, new VotePoll(null, List.of(0)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll("no-such-poll", List.of(0)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code(ann, new VotePoll(pollId, List.of()))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll(pollId, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll(pollId, List.of(0, 1, 2)))).as("more than maxChoices")
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll(pollId, List.of(1, 1)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll(pollId, List.of(3)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(ann, new VotePoll(pollId, List.of(-1)))).isEqualTo(ErrorCode.INVALID);

        Outcome voted = f.run(ann, new VotePoll(pollId, List.of(0, 2)));
        Notice notice = noticeOf(voted, MeetingEvent.PollVoted.class);
        assertThat(notice.name()).isEqualTo("poll.voted");
        assertThat(reached(notice, List.of("mo", ann, bob))).containsExactly(ann);
        assertThat(data(notice.deliveries().get(0))).isEqualTo(Map.of("pollId", pollId, "yourChoices", List.of(0, 2)));
        assertThat(pollOf(ann, pollId).yourChoices()).containsExactly(0, 2);
        assertThat(pollOf(bob, pollId).yourChoices()).isEmpty();

        f.now += 1000;
        f.run(ann, new VotePoll(pollId, List.of(1)));
        f.run("mo", new VotePoll(pollId, List.of(1)));
        f.advanceMillis(Polls.RESULTS_EVERY_MS);
        assertThat(pollOf(ann, pollId).yourChoices()).containsExactly(1);
        assertThat(pollOf(bob, pollId).results()).as("the replaced vote counts no more, a moderator's counts")
                .isEqualTo(new MeetingView.PollResults(List.of(0, 2, 0), 2));
    }

    @Test
    @DisplayName("[POLL4] closing: moderators only, NOT_FOUND unknown, CONFLICT twice; no vote after it")
    void close() {
        String pollId = openPoll(poll("Q", List.of("a", "b")));
        f.run(ann, new VotePoll(pollId, List.of(1)));
        assertThat(f.code(ann, new ClosePoll(pollId))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new ClosePoll("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new ClosePoll(null))).isEqualTo(ErrorCode.INVALID);
        f.now += 100;
        f.run(bob, new VotePoll(pollId, List.of(1)));
        f.run("mo", new ClosePoll(pollId));
        assertThat(f.code("mo", new ClosePoll(pollId))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(ann, new VotePoll(pollId, List.of(0)))).isEqualTo(ErrorCode.CONFLICT);
        MeetingView.PollView view = pollOf(ann, pollId);
        assertThat(view.status()).isEqualTo("closed");
        assertThat(view.closedAt()).isEqualTo(f.now);
        assertThat(view.results()).as("the close tells the final counts, untold votes included")
                .isEqualTo(new MeetingView.PollResults(List.of(0, 2), 2));
        assertThat(f.meeting.nextDeadline()).as("nothing left to tell").isEmpty();
    }

    @Test
    @DisplayName("[POLL5] results: moderators always, everyone while a live poll is open, everyone after the close")
    void resultsVisibility() {
        String onClose = openPoll(poll("Verborgen", List.of("a", "b")));
        String live = openPoll(new OpenPoll("Zichtbaar", List.of("a", "b"), null, null, null, null, "live"));
        f.run(ann, new VotePoll(onClose, List.of(0)));
        f.run(ann, new VotePoll(live, List.of(1)));
        assertThat(pollOf(bob, onClose).results()).isNull();
        assertThat(pollOf(ann, onClose).results()).as("not even the voter").isNull();
        assertThat(pollOf("mo", onClose).results()).isEqualTo(new MeetingView.PollResults(List.of(1, 0), 1));
        assertThat(pollOf(bob, live).results()).isEqualTo(new MeetingView.PollResults(List.of(0, 1), 1));

        Outcome results = eventsOfName(f.meeting.handle(bob, new VotePoll(onClose, List.of(1)), f.now + 300));
        assertThat(results).isNotNull();
        f.now += 300;
        Notice told = noticeOf(results, MeetingEvent.PollResultsTold.class);
        assertThat(reached(told, List.of("mo", ann, bob))).as("onClose: results to moderators only")
                .containsExactly("mo");
        f.run("mo", new ClosePoll(onClose));
        assertThat(pollOf(bob, onClose).results()).isEqualTo(new MeetingView.PollResults(List.of(1, 1), 2));
        assertThat(f.meeting.viewFor(null, f.now).polls().get(0).results()).as("the display, after the close")
                .isNotNull();
    }

    private Outcome eventsOfName(Outcome outcome) {
        f.events.addAll(outcome.events());
        return outcome;
    }

    @Test
    @DisplayName("[POLL6] who chose what: never to participants; to moderators only when the poll is not anonymous")
    void anonymity() {
        String anonymous = openPoll(new OpenPoll("Anoniem", List.of("a", "b"), null, null, null, null, "live"));
        String named = openPoll(new OpenPoll("Op naam", List.of("a", "b"), null, null, null, false, "live"));
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(f.run(ann, new VotePoll(anonymous, List.of(0))));
        outcomes.add(f.run(ann, new VotePoll(named, List.of(1))));
        f.now += 300;
        outcomes.add(f.run(bob, new VotePoll(anonymous, List.of(1))));
        outcomes.add(f.run(bob, new VotePoll(named, List.of(0))));
        outcomes.add(f.run("mo", new ClosePoll(anonymous)));
        outcomes.add(f.run("mo", new ClosePoll(named)));
        for (Outcome outcome : outcomes) {
            for (Outcome.Emitted emitted : outcome.emitted()) {
                for (Notice.Delivery delivery : emitted.notice().deliveries()) {
                    String bytes = json(delivery.data());
                    if (delivery.audience().includes(bob)) {
                        assertThat(bytes).as("bob is never told ann's choices or id").doesNotContain(ann);
                    }
                    if (delivery.audience().includes(ann)) {
                        assertThat(bytes).doesNotContain(bob);
                    }
                    if (delivery.audience().includes("mo") && emitted.event() instanceof MeetingEvent.PollResultsTold r
                            && r.pollId().equals(anonymous)) {
                        assertThat(bytes).doesNotContain(ann).doesNotContain(bob);
                    }
                }
            }
        }
        assertThat(json(f.view(bob))).doesNotContain("\"" + ann + "\":").doesNotContain("votes\":{");
        assertThat(json(f.view(ann).polls())).doesNotContain(bob);
        assertThat(pollOf("mo", anonymous).votes()).as("anonymous: not even moderators").isNull();
        assertThat(pollOf("mo", named).votes()).isEqualTo(Map.of(ann, List.of(1), bob, List.of(0)));
        assertThat(pollOf(ann, named).votes()).isNull();
    }

    @Test
    @DisplayName("[POLL7] a burst of 1,000 votes gives at most one results event per 250 ms; the rest is told by the tick")
    void burstIsCoalesced() {
        String pollId = openPoll(new OpenPoll("Massa", List.of("a", "b", "c"), null, null, null, true, "live"));
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            voters.add(f.joinOnly("V" + i, "", null));
        }
        int resultsEvents = 0;
        int votes = 0;
        for (int i = 0; i < voters.size(); i++) {
            f.now += 1; // the burst lasts one second
            Outcome outcome = f.run(voters.get(i), new VotePoll(pollId, List.of(i % 3)));
            votes += eventsOf(outcome, MeetingEvent.PollVoted.class).size();
            resultsEvents += eventsOf(outcome, MeetingEvent.PollResultsTold.class).size();
            if (f.meeting.nextDeadline().isPresent() && f.meeting.nextDeadline().get() <= f.now) {
                resultsEvents += eventsOf(f.tick(), MeetingEvent.PollResultsTold.class).size();
            }
        }
        f.now += Polls.RESULTS_EVERY_MS;
        resultsEvents += eventsOf(f.tick(), MeetingEvent.PollResultsTold.class).size();
        assertThat(votes).isEqualTo(1000);
        assertThat(resultsEvents).as("a handful: one per 250 ms of the burst, and the last").isBetween(2, 6);
        assertThat(pollOf(ann, pollId).results()).isEqualTo(new MeetingView.PollResults(List.of(334, 333, 333), 1000));
        assertThat(f.meeting.nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("[POLL7] the first vote after a quiet 250 ms is told at once; later ones when 250 ms have passed")
    void resultsTiming() {
        String pollId = openPoll(new OpenPoll("Q", List.of("a", "b"), null, null, null, null, "live"));
        Outcome first = f.run(ann, new VotePoll(pollId, List.of(0)));
        assertThat(eventsOf(first, MeetingEvent.PollResultsTold.class)).hasSize(1);
        f.now += 100;
        Outcome second = f.run(bob, new VotePoll(pollId, List.of(1)));
        assertThat(eventsOf(second, MeetingEvent.PollResultsTold.class)).isEmpty();
        assertThat(pollOf(ann, pollId).results().voters()).as("told later").isEqualTo(1);
        assertThat(f.meeting.nextDeadline()).contains(f.now - 100 + Polls.RESULTS_EVERY_MS);
        f.advanceMillis(149);
        assertThat(pollOf(ann, pollId).results().voters()).isEqualTo(1);
        assertThat(eventsOf(f.advanceMillis(1), MeetingEvent.PollResultsTold.class)).hasSize(1);
        assertThat(pollOf(ann, pollId).results().voters()).isEqualTo(2);
    }

    @Test
    @DisplayName("[POLL8] the meeting's end closes open polls; a replay gives the same polls (P1)")
    void endAndReplay() {
        String pollId = openPoll(new OpenPoll("Q", List.of("a", "b"), null, null, null, false, null));
        f.run(ann, new VotePoll(pollId, List.of(0)));
        f.now += 10;
        f.run(bob, new VotePoll(pollId, List.of(1)));
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor("mo", f.now).polls()).isEqualTo(f.view("mo").polls());
        assertThat(replayed.nextDeadline()).as("the untold vote is still due after a restart")
                .isEqualTo(f.meeting.nextDeadline());
        f.run("mo", new EndMeeting());
        assertThat(pollOf(ann, pollId).status()).isEqualTo("closed");
        assertThat(f.replayed().viewFor(ann, f.now).polls()).isEqualTo(f.view(ann).polls());
    }
}
