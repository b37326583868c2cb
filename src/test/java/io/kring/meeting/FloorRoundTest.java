package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.floor.SpeakingTurn;

@DisplayName("Q11, Q12: rounds of turns")
class FloorRoundTest {

    /** Who speaks now, then the queue. */
    private static List<String> order(MeetingFixture f) {
        List<String> order = new ArrayList<>();
        if (f.speaker() != null) {
            order.add(f.speaker().participantId());
        }
        order.addAll(f.queueOrder());
        return order;
    }

    @Test
    @DisplayName("[Q11] join order: the first present non-moderator speaks, the others queue as speak hands; moderators and offline people are left out")
    void joinOrder() {
        MeetingFixture f = withModerator();
        String an = f.participant("An", "Zorg");
        String bo = f.participant("Bo");
        f.moderator("Co");
        String di = f.participant("Di", "Stad");
        f.joinOnly("Ed", "", null); // offline: not present
        String fi = f.participant("Fi");
        f.disconnect(fi); // went offline
        Outcome outcome = f.run("mo", new StartFloorRound("join", 90));
        assertThat(order(f)).containsExactly(an, bo, di);
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(an, f.now, 90, false));
        assertThat(f.hands()).containsExactly(new MeetingView.HandView(bo, "speak", f.now),
                new MeetingView.HandView(di, "speak", f.now));
        assertThat(f.view(bo).queue().roundLimitSeconds()).isEqualTo(90);
        Notice notice = noticeOf(outcome, MeetingEvent.FloorRoundStarted.class);
        assertThat(notice.name()).isEqualTo("floor.round");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("order", "join").containsEntry("participantIds", List.of(bo, di))
                    .containsEntry("raisedAt", f.now).containsEntry("roundLimitSeconds", 90)
                    .containsEntry("speaker", new MeetingView.SpeakerView(an, f.now, 90, false));
        });
        assertThat(outcome.events()).hasSize(1);
    }

    @Test
    @DisplayName("[Q11] organisation order: organisations alphabetically, case-insensitive, those without last, join order within")
    void organisationOrder() {
        MeetingFixture f = withModerator();
        String an = f.participant("An", "zorg");
        String bo = f.participant("Bo");
        String cy = f.participant("Cy", "Bib");
        String di = f.participant("Di", "Zorg");
        String ed = f.participant("Ed", "archief");
        String fi = f.participant("Fi", "bib");
        f.run("mo", new StartFloorRound("organisation", null));
        assertThat(order(f)).containsExactly(ed, cy, fi, an, di, bo);
        assertThat(f.speaker().limitSeconds()).isNull();
        assertThat(f.view(null).queue().roundLimitSeconds()).isNull();
    }

    @Test
    @DisplayName("[Q11] random order: a permutation of the present people, drawn by the meeting's random source")
    void randomOrder() {
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            MeetingFixture f = meeting(seed);
            f.moderator("Mo");
            List<String> people = new ArrayList<>();
            for (String name : List.of("An", "Bo", "Cy", "Di", "Ed")) {
                people.add(f.participant(name));
            }
            f.run("mo", new StartFloorRound("random", 60));
            assertThat(order(f)).containsExactlyInAnyOrderElementsOf(people);
            seen.add(order(f));
        }
        assertThat(seen).as("different draws give different orders").hasSizeGreaterThan(10);
    }

    @Test
    @DisplayName("[Q11, P1] replaying the stored events gives the same random order, limit and speaker")
    void replayGivesTheSameOrder() {
        MeetingFixture f = meeting(7);
        f.moderator("Mo");
        for (String name : List.of("An", "Bo", "Cy", "Di", "Ed", "Fi", "Gu")) {
            f.participant(name);
        }
        f.run("mo", new StartFloorRound("random", 45));
        f.now += 5_000;
        f.run("mo", new GiveFloorToNext(null));
        Meeting replayed = Meeting.replay(f.events, () -> "unused", new Random(999));
        MeetingView.Queue expected = f.view("mo").queue();
        assertThat(replayed.viewFor("mo", f.now).queue()).isEqualTo(expected);
        assertThat(expected.roundLimitSeconds()).isEqualTo(45);
        assertThat(expected.hands()).hasSize(5);
    }

    @Test
    @DisplayName("[Q2, Q11] hands raised at the same time keep the round's order; a hand raised later in the same millisecond goes after them")
    void equalTimesKeepTheRoundsOrder() {
        MeetingFixture f = withModerator();
        String an = f.participant("An", "B");
        String bo = f.participant("Bo", "A");
        String cy = f.participant("Cy", "A");
        f.run("mo", new StartFloorRound("organisation", null));
        assertThat(order(f)).containsExactly(bo, cy, an);
        f.run(an, new RaiseHand("reply"));
        f.run(an, new RaiseHand("speak")); // back to speak: keeps raisedAt, goes back after cy
        String mo2 = f.moderator("Mo2");
        f.run(mo2, new RaiseHand(null)); // same millisecond as the round: after its hands
        assertThat(f.queueOrder()).containsExactly(cy, an, mo2);
        Meeting replayed = Meeting.replay(f.events, () -> "unused", new Random(1));
        assertThat(replayed.viewFor(null, f.now).queue().hands()).isEqualTo(f.hands());
    }

    @Test
    @DisplayName("[Q12] floor.next without a limit uses the round's; with one, its own; the round's limit ends when the queue is empty")
    void limitCarriedToNext() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        String bo = f.participant("Bo");
        String cy = f.participant("Cy");
        f.run("mo", new StartFloorRound("join", 120));
        f.now += 1000;
        f.run("mo", new GiveFloorToNext(null));
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(bo, f.now, 120, false));
        assertThat(f.view(null).queue().roundLimitSeconds()).isEqualTo(120);
        f.now += 1000;
        f.run("mo", new GiveFloorToNext(30));
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(cy, f.now, 30, false));
        assertThat(f.hands()).isEmpty();
        assertThat(f.view(null).queue().roundLimitSeconds()).as("the queue is empty: the round is over").isNull();
        f.run(an, new RaiseHand(null));
        f.run("mo", new GiveFloorToNext(null));
        assertThat(f.speaker().limitSeconds()).as("an ordinary turn after the round has no limit").isNull();
        List<SpeakingTurn> turns = f.history().turns();
        assertThat(turns).extracting(t -> t.participantId).containsExactly(an, bo, cy, an);
    }

    @Test
    @DisplayName("[Q12] the round's limit ends when its last hand is lowered, or its last person is removed")
    void limitEndsWhenTheQueueEmptiesOtherwise() {
        MeetingFixture f = withModerator();
        f.participant("An");
        String bo = f.participant("Bo");
        String cy = f.participant("Cy");
        f.run("mo", new StartFloorRound("join", 60));
        f.run(bo, new LowerHand(null));
        assertThat(f.view(null).queue().roundLimitSeconds()).isEqualTo(60);
        f.run("mo", new RemoveParticipant(cy));
        assertThat(f.hands()).isEmpty();
        assertThat(f.view(null).queue().roundLimitSeconds()).isNull();
    }

    @Test
    @DisplayName("[Q12] a round of one: that person speaks with the limit, nobody waits, so no round limit stays")
    void roundOfOne() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", new StartFloorRound("random", 60));
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(an, f.now, 60, false));
        assertThat(f.view(null).queue().roundLimitSeconds()).isNull();
    }

    @Test
    @DisplayName("[Q11] CONFLICT while someone speaks or hands are up, or when nobody present is not a moderator; nothing changes")
    void conflicts() {
        MeetingFixture f = withModerator();
        assertThat(f.code("mo", new StartFloorRound("join", null))).as("nobody to ask").isEqualTo(ErrorCode.CONFLICT);
        String an = f.participant("An");
        f.disconnect(an);
        assertThat(f.code("mo", new StartFloorRound("join", null))).as("An is offline").isEqualTo(ErrorCode.CONFLICT);
        f.connect(an);
        f.run("mo", new RaiseHand(null));
        assertThat(f.code("mo", new StartFloorRound("join", null))).as("a hand is up").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new GiveFloorToNext(null));
        assertThat(f.code("mo", new StartFloorRound("join", null))).as("someone speaks").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new EndFloor());
        f.run("mo", new StartFloorRound("join", null));
        assertThat(f.code("mo", new StartFloorRound("join", null))).as("a round runs").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[Q11] moderators only (FORBIDDEN); order and limitSeconds are checked (INVALID)")
    void roleAndFields() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        assertThat(f.code(an, new StartFloorRound("join", null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new StartFloorRound(null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartFloorRound("Join", null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartFloorRound("alphabetical", null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartFloorRound("join", 0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartFloorRound("join", 3601))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new StartFloorRound("join", 3600));
        assertThat(f.speaker().limitSeconds()).isEqualTo(3600);
    }

    @Test
    @DisplayName("[Q11] floor.round carries the change itself: its size grows by one id per person, no more (like N hand.raised, in one event)")
    void eventSize() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int[] bytes = new int[2];
        int[] sizes = {10, 300};
        for (int k = 0; k < 2; k++) {
            MeetingFixture f = withModerator();
            for (int i = 0; i < sizes[k]; i++) {
                f.participant(String.format("P%04d", i));
            }
            Outcome outcome = f.run("mo", new StartFloorRound("random", 60));
            bytes[k] = json.writeValueAsBytes(noticeOf(outcome, MeetingEvent.FloorRoundStarted.class)
                    .deliveries().get(0).data()).length;
        }
        // Each further person adds exactly one quoted id and a comma ("p0123",): 8 bytes.
        assertThat(bytes[1] - bytes[0]).isEqualTo(290 * 8);
        assertThat(bytes[0]).isLessThan(400);
    }

    @Test
    @DisplayName("[Q8, Q11] the first turn of a round overruns like any other")
    void firstTurnOverruns() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.participant("Bo");
        f.run("mo", new StartFloorRound("join", 10));
        assertThat(f.meeting.nextDeadline()).contains(f.now + 10_000);
        f.advance(10);
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(an, f.now - 10_000, 10, true));
    }
}
