package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("M: the meeting, joining, presence, the end")
class MeetingLifecycleTest {

    private static ErrorCode createRejected(String title, String language, List<Meeting.AgendaItemPlan> agenda) {
        Rejected rejected = catchThrowableOfType(Rejected.class, () -> Meeting.create("m", title, language,
                Credentials.hash("k"), agenda, T0, () -> "x", new Random(1)));
        assertThat(rejected).isNotNull();
        return rejected.code();
    }

    @Test
    @DisplayName("[M1] a new meeting is open, unlocked, empty, in nl by default, with its starting agenda pending in order")
    void createsMeeting() {
        MeetingFixture f = meeting(List.of(new Meeting.AgendaItemPlan(" Welkom ", 300, null),
                new Meeting.AgendaItemPlan("Groepswerk", 1200, "breakout")));
        MeetingView.Snapshot view = f.view(null);
        assertThat(view.meeting()).isEqualTo(new MeetingView.Info("meeting1", "Lerend netwerk", "open", false, "nl"));
        assertThat(view.participants()).isEmpty();
        assertThat(view.agenda().currentItemId()).isNull();
        assertThat(view.agenda().items()).extracting(MeetingView.AgendaItemView::title, MeetingView.AgendaItemView::kind,
                MeetingView.AgendaItemView::durationSeconds, MeetingView.AgendaItemView::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Welkom", "plenary", 300, "pending"),
                        org.assertj.core.groups.Tuple.tuple("Groepswerk", "breakout", 1200, "pending"));
        assertThat(f.meeting.participantCount()).isZero();
        assertThat(f.meeting.createdAt()).isEqualTo(T0);
        assertThat(f.events.get(0)).isInstanceOf(MeetingEvent.MeetingCreated.class);
        assertThat(meeting("en").view(null).meeting().language()).isEqualTo("en");
    }

    @Test
    @DisplayName("[M1] creating: title 1..200, language nl|en, at most 200 agenda items each as A1, else INVALID")
    void createRejectsBadFields() {
        assertThat(createRejected(null, null, null)).isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("   ", null, null)).isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("x".repeat(201), null, null)).isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", "fr", null)).isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", null, List.of(new Meeting.AgendaItemPlan("", 60, null))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", null, List.of(new Meeting.AgendaItemPlan("a", 0, null))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", null, List.of(new Meeting.AgendaItemPlan("a", 86401, null))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", null, List.of(new Meeting.AgendaItemPlan("a", null, null))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(createRejected("t", null, List.of(new Meeting.AgendaItemPlan("a", 60, "lunch"))))
                .isEqualTo(ErrorCode.INVALID);
        List<Meeting.AgendaItemPlan> nullItem = new ArrayList<>();
        nullItem.add(null);
        assertThat(createRejected("t", null, nullItem)).isEqualTo(ErrorCode.INVALID);
        List<Meeting.AgendaItemPlan> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(new Meeting.AgendaItemPlan("item " + i, 60, null));
        }
        assertThat(createRejected("t", null, tooMany)).isEqualTo(ErrorCode.INVALID);
        // the limits themselves are fine
        Meeting.create("m", "x".repeat(200), "en", null, tooMany.subList(0, 200), T0, () -> "i" + Math.random(),
                new Random(1));
    }

    @Test
    @DisplayName("[M2] joining without a key makes a participant, offline, with trimmed name and empty organisation")
    void joinAsParticipant() {
        MeetingFixture f = meeting();
        Outcome outcome = f.run(null, new JoinMeeting("an", "  An  ", null, null, Credentials.hash("t")));
        assertThat(outcome.result()).isEqualTo("an");
        f.names.put("an", "An");
        MeetingView.ParticipantView an = f.person("an");
        assertThat(an.name()).isEqualTo("An");
        assertThat(an.organisation()).isEmpty();
        assertThat(an.role()).isEqualTo("participant");
        assertThat(an.online()).isFalse();
        assertThat(an.joinedAt()).isEqualTo(f.now);
        assertThat(noticeOf(outcome, MeetingEvent.ParticipantJoined.class).name()).isEqualTo("participant.joined");
    }

    @Test
    @DisplayName("[M2] the right moderator key makes a moderator; any other key is FORBIDDEN")
    void joinWithKey() {
        MeetingFixture f = meeting();
        String mo = f.moderator("Mo");
        assertThat(f.person(mo).role()).isEqualTo("moderator");
        assertThat(f.meeting.isModerator(mo)).isTrue();
        assertThat(f.code(null, join("eve", "Eve", "", "wrong-key"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(null, join("eve", "Eve", "", ""))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    @DisplayName("[M2] name 1..60 and organisation 0..80 after trimming, else INVALID")
    void joinFieldLimits() {
        MeetingFixture f = meeting();
        assertThat(f.code(null, join("a", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(null, join("a", "   ", null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(null, join("a", "n".repeat(61), null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(null, join("a", "An", "o".repeat(81), null))).isEqualTo(ErrorCode.INVALID);
        f.run(null, join("b", " " + "n".repeat(60) + " ", "o".repeat(80), null));
        f.run(null, join("c", "C", "   ", null));
        assertThat(f.meeting.participantsById().get("b").name).hasSize(60);
        assertThat(f.meeting.participantsById().get("c").organisation).isEmpty();
    }

    @Test
    @DisplayName("[M2] join checks come in the order ENDED, FORBIDDEN, LOCKED, INVALID")
    void joinCheckOrder() {
        MeetingFixture f = withModerator();
        f.run("mo", new LockMeeting());
        assertThat(f.code(null, join("x", "", "", "wrong"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(null, join("x", "", "", null))).isEqualTo(ErrorCode.LOCKED);
        assertThat(f.code(null, join("x", "", "", MODERATOR_KEY))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new EndMeeting());
        assertThat(f.code(null, join("x", "", "", "wrong"))).isEqualTo(ErrorCode.ENDED);
    }

    @Test
    @DisplayName("[M3] a token is accepted only for its own participant, and not after their removal")
    void authenticate() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        assertThat(f.meeting.authenticate(an, tokenOf(an))).contains(an);
        assertThat(f.meeting.authenticate(an, tokenOf("mo"))).isEmpty();
        assertThat(f.meeting.authenticate("nobody", tokenOf("nobody"))).isEmpty();
        assertThat(f.meeting.authenticate(null, tokenOf(an))).isEmpty();
        assertThat(f.meeting.authenticate(an, null)).isEmpty();
        assertThat(f.meeting.participantsById().get(an).tokenHash).as("only the hash is kept")
                .isEqualTo(Credentials.hash(tokenOf(an))).isNotEqualTo(tokenOf(an));
        f.run("mo", new RemoveParticipant(an));
        assertThat(f.meeting.authenticate(an, tokenOf(an))).isEmpty();
        assertThat(f.meeting.isMember(an)).isFalse();
    }

    @Test
    @DisplayName("[M4] a locked meeting refuses participant joins with LOCKED; moderators still join; unlocking lets them in")
    void lockedMeetingRefusesParticipants() {
        MeetingFixture f = withModerator();
        f.run("mo", new LockMeeting());
        assertThat(f.code(null, join("an", "An", "", null))).isEqualTo(ErrorCode.LOCKED);
        f.moderator("Mia");
        assertThat(f.meeting.isModerator("mia")).isTrue();
        f.run("mo", new UnlockMeeting());
        f.participant("An");
        assertThat(f.meeting.participantCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("[M4] an ended meeting refuses every join with ENDED, moderators' too")
    void endedMeetingRefusesJoins() {
        MeetingFixture f = withModerator();
        f.run("mo", new EndMeeting());
        assertThat(f.code(null, join("an", "An", "", null))).isEqualTo(ErrorCode.ENDED);
        assertThat(f.code(null, join("mia", "Mia", "", MODERATOR_KEY))).isEqualTo(ErrorCode.ENDED);
    }

    @Test
    @DisplayName("[M5] the first connection makes a participant online once; a further one changes nothing")
    void connectMakesOnline() {
        MeetingFixture f = meeting();
        String an = f.joinOnly("An", "", null);
        Outcome first = f.connect(an);
        assertThat(first.events()).hasSize(1).first().isInstanceOf(MeetingEvent.ParticipantConnected.class);
        assertThat(noticeOf(first, MeetingEvent.ParticipantConnected.class).name()).isEqualTo("participant.updated");
        assertThat(f.person(an).online()).isTrue();
        assertThat(f.connect(an).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[M6] leaving lowers the hand, ends the turn, goes offline and back to the plenary; the token still works")
    void leave() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        String bo = f.participant("Bo");
        f.run("mo", open(2, "random", 600));
        f.run(an, new RaiseHand(null));
        f.run("mo", new GiveFloor(bo, null));
        f.run(bo, new RaiseHand("reply"));
        assertThat(f.roomOf(bo)).isNotNull();

        f.run(an, new LeaveMeeting());
        assertThat(f.queueOrder()).containsExactly(bo);
        Outcome left = f.run(bo, new LeaveMeeting());
        assertThat(left.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HandLowered", "FloorEnded", "ParticipantLeft");
        assertThat(f.hands()).isEmpty();
        assertThat(f.speaker()).isNull();
        assertThat(f.person(bo).online()).isFalse();
        assertThat(f.roomOf(bo)).isNull();
        assertThat(f.meeting.authenticate(bo, tokenOf(bo))).contains(bo);

        f.connect(bo);
        assertThat(f.person(bo).online()).isTrue();
        assertThat(f.roomOf(bo)).as("not back into a room: they were in one this round (BR5)").isNull();
    }

    @Test
    @DisplayName("[M7] the last connection closing makes one offline; room, hand and floor stay")
    void disconnect() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", open(1, "random", 600));
        f.run(an, new RaiseHand(null));
        f.run("mo", new GiveFloor("mo", null));
        f.run("mo", new RaiseHand(null));
        f.now += 5000;
        Outcome outcome = f.disconnect(an);
        assertThat(outcome.events()).containsExactly(new MeetingEvent.ParticipantDisconnected(an, f.now));
        assertThat(f.person(an).online()).isFalse();
        assertThat(f.meeting.participantsById().get(an).leftAt).isEqualTo(f.now);
        assertThat(f.roomOf(an)).isNotNull();
        assertThat(f.queueOrder()).containsExactly(an, "mo");
        f.disconnect("mo");
        assertThat(f.speaker().participantId()).isEqualTo("mo");
        assertThat(f.disconnect(an).isEmpty()).as("offline already").isTrue();
    }

    @Test
    @DisplayName("[M8] only members act: strangers, no one and removed participants get UNAUTHORIZED")
    void onlyMembersAct() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        assertThat(f.code("stranger", new RaiseHand(null))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.code(null, new SendChatMessage("hi"))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.code("stranger", new ConnectParticipant())).isEqualTo(ErrorCode.UNAUTHORIZED);
        f.run("mo", new RemoveParticipant(an));
        assertThat(f.code(an, new SendChatMessage("still here?"))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.code(an, new ConnectParticipant())).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    @DisplayName("[M9] an ended meeting refuses every command with ENDED, ticks do nothing, no deadline, all offline")
    void endedMeetingRefusesEverything() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", new AddAgendaItem("a", 60, null, null));
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new EndMeeting());
        assertThat(f.view(an).meeting().status()).isEqualTo("ended");
        assertThat(f.meeting.isEnded()).isTrue();
        assertThat(f.view(an).participants()).allSatisfy(p -> assertThat(p.online()).isFalse());
        for (Class<?> type : CommandExamples.clientCommandTypes()) {
            assertThat(f.code("mo", CommandExamples.withNulls(type))).as(type.getSimpleName()).isEqualTo(ErrorCode.ENDED);
            assertThat(f.code(an, CommandExamples.withNulls(type))).as(type.getSimpleName()).isEqualTo(ErrorCode.ENDED);
        }
        assertThat(f.code(an, new ConnectParticipant())).isEqualTo(ErrorCode.ENDED);
        assertThat(f.code(an, new DisconnectParticipant())).isEqualTo(ErrorCode.ENDED);
        assertThat(f.meeting.nextDeadline()).isEmpty();
        assertThat(f.advance(3600).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[M10] the snapshot lists participants not removed, in join order, with role, presence, room and mute")
    void participantsInSnapshot() {
        MeetingFixture f = withModerator();
        String an = f.participant("An", "Bibliotheek Gent");
        String bo = f.participant("Bo");
        String cy = f.joinOnly("Cy", "", null);
        f.run("mo", new MuteParticipant(bo));
        f.run("mo", new RemoveParticipant(an));
        MeetingView.Snapshot view = f.view(bo);
        assertThat(view.participants()).extracting(MeetingView.ParticipantView::participantId)
                .containsExactly("mo", bo, cy);
        assertThat(view.participants().get(1)).isEqualTo(
                new MeetingView.ParticipantView(bo, "Bo", "", "participant", true, null, true, T0, "online"));
        assertThat(view.you()).isEqualTo(new MeetingView.You(bo, "participant", null, true));
        assertThat(f.view(cy).participants().get(2).online()).isFalse();
        assertThat(f.meeting.participantCount()).isEqualTo(3);
    }
}
