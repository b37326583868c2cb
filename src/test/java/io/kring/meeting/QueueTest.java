package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.floor.SpeakingTurn;

@DisplayName("Q: the speaking queue")
class QueueTest {

    private MeetingFixture f;
    private String an;
    private String bo;
    private String cy;
    private String di;

    @BeforeEach
    void setUp() {
        f = withModerator();
        an = f.participant("An");
        bo = f.participant("Bo");
        cy = f.participant("Cy");
        di = f.participant("Di");
    }

    private void raise(String who, String kind) {
        f.run(who, new RaiseHand(kind));
        f.now += 1000;
    }

    @Test
    @DisplayName("[Q1] raising a hand joins the queue as speak by default, raised now; hand.raised for everyone")
    void raise() {
        Outcome outcome = f.run(an, new RaiseHand(null));
        assertThat(f.hands()).containsExactly(new MeetingView.HandView(an, "speak", f.now));
        Notice notice = noticeOf(outcome, MeetingEvent.HandRaised.class);
        assertThat(notice.name()).isEqualTo("hand.raised");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("hand", new MeetingView.HandView(an, "speak", f.now))
                    .containsEntry("index", 0);
        });
    }

    @Test
    @DisplayName("[Q1] kind must be speak, reply or pointOfOrder, else INVALID; moderators and the speaker may raise too")
    void raiseKinds() {
        assertThat(f.code(an, new RaiseHand("shout"))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new RaiseHand("SPEAK"))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new GiveFloor(bo, null));
        f.run(bo, new RaiseHand("reply"));
        f.run("mo", new RaiseHand("pointOfOrder"));
        assertThat(f.queueOrder()).containsExactly("mo", bo);
    }

    @Test
    @DisplayName("[Q2] points of order go first, then replies, then speak; first raised first")
    void order() {
        raise(an, "speak");
        raise(bo, "reply");
        raise(cy, "speak");
        raise(di, "pointOfOrder");
        raise("mo", "reply");
        assertThat(f.queueOrder()).containsExactly(di, bo, "mo", an, cy);
        assertThat(f.hands()).extracting(MeetingView.HandView::kind)
                .containsExactly("pointOfOrder", "reply", "reply", "speak", "speak");
    }

    @Test
    @DisplayName("[Q3] raising again changes only the kind: the hand keeps raisedAt and moves by Q2")
    void reRaise() {
        raise(an, "speak");
        long anRaised = f.now - 1000;
        raise(bo, "speak");
        raise(cy, "reply");
        f.run(an, new RaiseHand("reply"));
        assertThat(f.queueOrder()).containsExactly(an, cy, bo);
        assertThat(f.hands().get(0)).isEqualTo(new MeetingView.HandView(an, "reply", anRaised));
        f.run(an, new RaiseHand(null));
        assertThat(f.queueOrder()).containsExactly(cy, an, bo);
        assertThat(f.run(an, new RaiseHand("speak")).isEmpty()).as("same kind: nothing happens").isTrue();
    }

    @Test
    @DisplayName("[Q4] one lowers one's own hand; a moderator lowers anyone's")
    void lower() {
        raise(an, null);
        raise(bo, null);
        raise(cy, null);
        f.run(an, new LowerHand(null));
        f.run(bo, new LowerHand(bo));
        assertThat(f.queueOrder()).containsExactly(cy);
        Outcome outcome = f.run("mo", new LowerHand(cy));
        assertThat(outcome.events()).containsExactly(new MeetingEvent.HandLowered(cy));
        assertThat(f.hands()).isEmpty();
    }

    @Test
    @DisplayName("[Q4] lowering another's hand is FORBIDDEN for participants, even one not raised; unknown or removed NOT_FOUND")
    void lowerRejections() {
        raise(an, null);
        assertThat(f.code(bo, new LowerHand(an))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(bo, new LowerHand(cy))).as("cy has no hand").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new LowerHand("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        f.run("mo", new RemoveParticipant(cy));
        assertThat(f.code("mo", new LowerHand(cy))).as("removed").isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.queueOrder()).containsExactly(an);
    }

    @Test
    @DisplayName("[Q4, protocol 4] lowering a hand that is not raised leaves it out of the queue: accepted, no event")
    void lowerWithoutHandIsAcknowledged() {
        raise(an, null);
        assertThat(f.run(bo, new LowerHand(null)).events()).as("one's own, not raised").isEmpty();
        assertThat(f.run(bo, new LowerHand(bo)).events()).as("one's own by id").isEmpty();
        assertThat(f.run("mo", new LowerHand(bo)).events()).as("a moderator, someone without a hand").isEmpty();
        assertThat(f.run("mo", new LowerHand(null)).events()).as("a moderator's own, not raised").isEmpty();
        assertThat(f.run(an, new LowerHand(null)).events()).containsExactly(new MeetingEvent.HandLowered(an));
        assertThat(f.run(an, new LowerHand(null)).events()).as("lowered twice").isEmpty();
        assertThat(f.hands()).isEmpty();
    }

    @Test
    @DisplayName("[Q5] floor.give ends the current turn, lowers the new speaker's hand, they speak since now")
    void give() {
        raise(an, null);
        raise(bo, null);
        f.run("mo", new GiveFloor(cy, 120));
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(cy, f.now, 120, false));
        f.now += 30_000;
        Outcome outcome = f.run("mo", new GiveFloor(bo, null));
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("FloorEnded", "HandLowered", "FloorGiven");
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(bo, f.now, null, false));
        assertThat(f.queueOrder()).containsExactly(an);
        assertThat(f.history().turns().get(0).endedAt).isEqualTo(f.now);
    }

    @Test
    @DisplayName("[Q5] floor.give: unknown participant NOT_FOUND, missing INVALID, limitSeconds 1..3600 else INVALID")
    void giveRejections() {
        assertThat(f.code("mo", new GiveFloor("nobody", null))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new GiveFloor(null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new GiveFloor(an, 0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new GiveFloor(an, 3601))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new GiveFloor(an, 1));
        f.run("mo", new GiveFloor(an, 3600));
        assertThat(f.speaker().limitSeconds()).isEqualTo(3600);
    }

    @Test
    @DisplayName("[Q6] floor.next gives the floor to the head of the queue")
    void next() {
        raise(an, "speak");
        raise(bo, "pointOfOrder");
        f.run("mo", new GiveFloorToNext(60));
        assertThat(f.speaker()).isEqualTo(new MeetingView.SpeakerView(bo, f.now, 60, false));
        assertThat(f.queueOrder()).containsExactly(an);
        f.run("mo", new GiveFloorToNext(null));
        assertThat(f.speaker().participantId()).isEqualTo(an);
        assertThat(f.hands()).isEmpty();
        assertThat(f.history().turns()).hasSize(2);
    }

    @Test
    @DisplayName("[Q6] floor.next with an empty queue ends the turn and nobody speaks; limitSeconds 1..3600 else INVALID")
    void nextWithEmptyQueue() {
        assertThat(f.run("mo", new GiveFloorToNext(null)).isEmpty()).isTrue();
        f.run("mo", new GiveFloor(an, null));
        Outcome outcome = f.run("mo", new GiveFloorToNext(null));
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("FloorEnded");
        assertThat(f.speaker()).isNull();
        assertThat(f.code("mo", new GiveFloorToNext(0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new GiveFloorToNext(3601))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[Q7] the speaker or a moderator ends the turn; anyone else FORBIDDEN; nobody speaking CONFLICT")
    void end() {
        f.run("mo", new GiveFloor(an, null));
        assertThat(f.code(bo, new EndFloor())).isEqualTo(ErrorCode.FORBIDDEN);
        f.now += 42_000;
        f.run(an, new EndFloor());
        assertThat(f.speaker()).isNull();
        assertThat(f.history().turns().get(0).endedAt).isEqualTo(f.now);
        f.run("mo", new GiveFloor(bo, null));
        f.run("mo", new EndFloor());
        assertThat(f.speaker()).isNull();
        assertThat(f.code("mo", new EndFloor())).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(an, new EndFloor())).as("no longer the speaker").isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    @DisplayName("[Q8] a turn never ends by itself: tick past the limit emits SpeakerOverran once; no limit, never")
    void overtime() {
        f.run("mo", new GiveFloor(an, 90));
        assertThat(f.meeting.nextDeadline()).contains(f.now + 90_000);
        assertThat(f.advance(89).isEmpty()).isTrue();
        Outcome outcome = f.advance(1);
        assertThat(outcome.events()).containsExactly(new MeetingEvent.SpeakerOverran(an, f.now));
        Notice notice = noticeOf(outcome, MeetingEvent.SpeakerOverran.class);
        assertThat(notice.name()).isEqualTo("floor.overtime");
        assertThat(data(notice.deliveries().get(0))).containsEntry("speaker", f.speaker());
        assertThat(f.speaker().overtime()).isTrue();
        assertThat(f.speaker().participantId()).isEqualTo(an);
        assertThat(f.advance(600).isEmpty()).isTrue();
        assertThat(f.meeting.nextDeadline()).isEmpty();

        f.run("mo", new GiveFloor(bo, null));
        assertThat(f.speaker().overtime()).isFalse();
        assertThat(f.meeting.nextDeadline()).isEmpty();
        assertThat(f.advance(86_400).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[Q9] every turn is recorded with speaker, start, limit and end")
    void turnsRecorded() {
        long t = f.now;
        f.run("mo", new GiveFloor(an, 60));
        f.now += 30_000;
        f.run("mo", new GiveFloor(bo, null));
        f.now += 10_000;
        f.run(bo, new EndFloor());
        assertThat(f.history().turns()).hasSize(2);
        SpeakingTurn first = f.history().turns().get(0);
        SpeakingTurn second = f.history().turns().get(1);
        assertThat(first.participantId).isEqualTo(an);
        assertThat(first.since).isEqualTo(t);
        assertThat(first.limitSeconds).isEqualTo(60);
        assertThat(first.endedAt).isEqualTo(t + 30_000);
        assertThat(second.participantId).isEqualTo(bo);
        assertThat(second.endedAt - second.since).isEqualTo(10_000);
    }

    @Test
    @DisplayName("[Q10] leaving and removal lower the hand and end the turn; the end of the meeting ends the turn")
    void leavingDropsHandAndFloor() {
        raise(an, null);
        raise(bo, null);
        f.run("mo", new GiveFloor(cy, null));
        f.run(cy, new RaiseHand(null));
        f.run(an, new LeaveMeeting());
        f.run("mo", new RemoveParticipant(cy));
        assertThat(f.queueOrder()).containsExactly(bo);
        assertThat(f.speaker()).isNull();
        assertThat(f.history().turns().get(0).endedAt).isEqualTo(f.now);
        f.run("mo", new GiveFloor(bo, null));
        f.now += 1000;
        f.run("mo", new EndMeeting());
        assertThat(f.speaker()).isNull();
        assertThat(f.history().turns().get(1).endedAt).isEqualTo(f.now);
    }
}
