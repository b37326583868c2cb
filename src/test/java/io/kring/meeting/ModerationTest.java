package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.kring.meeting.roster.Participant;

@DisplayName("MOD: moderation")
class ModerationTest {

    private MeetingFixture f;
    private String an;
    private String bo;

    @BeforeEach
    void setUp() {
        f = withModerator();
        an = f.participant("An");
        bo = f.participant("Bo");
    }

    @Test
    @DisplayName("[MOD1] mute and unmute set mutedInChat; doing it twice changes nothing")
    void mute() {
        Outcome outcome = f.run("mo", new MuteParticipant(an));
        assertThat(f.person(an).mutedInChat()).isTrue();
        assertThat(f.view(an).you().mutedInChat()).isTrue();
        assertThat(noticeOf(outcome, MeetingEvent.ChatMuteChanged.class).name()).isEqualTo("participant.updated");
        assertThat(f.run("mo", new MuteParticipant(an)).isEmpty()).isTrue();
        f.run("mo", new UnmuteParticipant(an));
        assertThat(f.person(an).mutedInChat()).isFalse();
        assertThat(f.run("mo", new UnmuteParticipant(an)).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[MOD1] mute: unknown participant NOT_FOUND, missing participantId INVALID")
    void muteRejections() {
        assertThat(f.code("mo", new MuteParticipant("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new UnmuteParticipant("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new MuteParticipant(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UnmuteParticipant(null))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[MOD2] removal lowers the hand, ends the turn, leaves the room, hides them and stops their token")
    void remove() {
        f.run("mo", open(1, "random", 600));
        f.run(an, new RaiseHand(null));
        f.run("mo", new GiveFloor(an, null));
        f.run(an, new RaiseHand(null));
        Outcome outcome = f.run("mo", new RemoveParticipant(an));
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HandLowered", "FloorEnded", "ParticipantRemoved");
        assertThat(noticeOf(outcome, MeetingEvent.ParticipantRemoved.class).name()).isEqualTo("participant.removed");
        assertThat(f.view(bo).participants()).extracting(MeetingView.ParticipantView::participantId)
                .containsExactly("mo", bo);
        assertThat(f.hands()).isEmpty();
        assertThat(f.speaker()).isNull();
        assertThat(f.room(null, f.roomIds().get(0)).participantIds()).containsExactly(bo);
        Participant removed = f.meeting.participantsById().get(an);
        assertThat(removed.online).isFalse();
        assertThat(removed.roomId).isNull();
        assertThat(removed.leftAt).isEqualTo(f.now);
        assertThat(f.meeting.authenticate(an, tokenOf(an))).isEmpty();
    }

    @Test
    @DisplayName("[MOD2] a removed participant may join again as a new participant, unless the meeting is locked")
    void rejoinAfterRemoval() {
        f.run("mo", new RemoveParticipant(an));
        f.run(null, join("an-2", "An", "", null));
        assertThat(f.meeting.isMember("an-2")).isTrue();
        f.run("mo", new RemoveParticipant("an-2"));
        f.run("mo", new LockMeeting());
        assertThat(f.code(null, join("an-3", "An", "", null))).isEqualTo(ErrorCode.LOCKED);
    }

    @Test
    @DisplayName("[MOD2] removing oneself is CONFLICT, an unknown or removed participant NOT_FOUND, missing INVALID")
    void removeRejections() {
        assertThat(f.code("mo", new RemoveParticipant("mo"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new RemoveParticipant("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new RemoveParticipant(null))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new RemoveParticipant(an));
        assertThat(f.code("mo", new RemoveParticipant(an))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("[MOD2][MOD3] the last moderator can be neither removed nor demoted (CONFLICT); a co-moderator can")
    void lastModerator() {
        assertThat(f.code("mo", new DemoteParticipant("mo"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new RemoveParticipant("mo"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new PromoteParticipant(an));
        f.run(an, new DemoteParticipant("mo"));
        assertThat(f.meeting.isModerator("mo")).isFalse();
        assertThat(f.code(an, new DemoteParticipant(an))).isEqualTo(ErrorCode.CONFLICT);
        f.run(an, new PromoteParticipant("mo"));
        f.run("mo", new RemoveParticipant(an));
        assertThat(f.meeting.isModerator("mo")).isTrue();
        assertThat(f.code("mo", new RemoveParticipant("mo"))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[MOD3] promote and demote change the role, and whose role changed gets a fresh snapshot")
    void promoteDemote() {
        Outcome promoted = f.run("mo", new PromoteParticipant(an));
        assertThat(f.person(an).role()).isEqualTo("moderator");
        assertThat(f.view(an).you().role()).isEqualTo("moderator");
        assertThat(promoted.resync()).containsExactly(an);
        assertThat(noticeOf(promoted, MeetingEvent.RoleChanged.class).name()).isEqualTo("participant.updated");
        assertThat(f.run("mo", new PromoteParticipant(an)).isEmpty()).isTrue();
        Outcome demoted = f.run("mo", new DemoteParticipant(an));
        assertThat(f.person(an).role()).isEqualTo("participant");
        assertThat(demoted.resync()).containsExactly(an);
        assertThat(f.run("mo", new DemoteParticipant(bo)).isEmpty()).isTrue();
        assertThat(f.code("mo", new PromoteParticipant("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new DemoteParticipant("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new PromoteParticipant(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new DemoteParticipant(null))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[MOD4] lock and unlock tell everyone; doing it twice changes nothing")
    void lock() {
        Outcome locked = f.run("mo", new LockMeeting());
        assertThat(f.view(an).meeting().locked()).isTrue();
        assertThat(f.meeting.isLocked()).isTrue();
        assertThat(noticeOf(locked, MeetingEvent.MeetingLockChanged.class).name()).isEqualTo("meeting.updated");
        assertThat(f.run("mo", new LockMeeting()).isEmpty()).isTrue();
        f.run("mo", new UnlockMeeting());
        assertThat(f.view(an).meeting().locked()).isFalse();
        assertThat(f.run("mo", new UnlockMeeting()).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[MOD5] an announcement is for everyone, in every room, until replaced or cleared")
    void announce() {
        f.run("mo", open(2, "random", 600));
        Outcome outcome = f.run("mo", new Announce("  Pauze tot 11u "));
        MeetingView.AnnouncementView shown = new MeetingView.AnnouncementView("Pauze tot 11u", f.now);
        assertThat(f.view(an).announcement()).isEqualTo(shown);
        assertThat(f.view(bo).announcement()).isEqualTo(shown);
        assertThat(f.view("mo").announcement()).isEqualTo(shown);
        assertThat(f.roomOf(an)).isNotEqualTo(f.roomOf(bo));
        Notice notice = noticeOf(outcome, MeetingEvent.AnnouncementChanged.class);
        assertThat(notice.name()).isEqualTo("announcement.changed");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("announcement", shown);
        });
        f.now += 1000;
        f.run("mo", new Announce("Pauze tot 11u15"));
        assertThat(f.view(an).announcement().text()).isEqualTo("Pauze tot 11u15");
        Outcome cleared = f.run("mo", new Announce(null));
        assertThat(f.view(an).announcement()).isNull();
        assertThat(data(noticeOf(cleared, MeetingEvent.AnnouncementChanged.class).deliveries().get(0)))
                .containsEntry("announcement", null);
        assertThat(f.run("mo", new Announce(null)).isEmpty()).as("nothing to clear").isTrue();
        assertThat(f.history().announcements()).as("kept for the report")
                .extracting(MeetingView.AnnouncementView::text).containsExactly("Pauze tot 11u", "Pauze tot 11u15");
    }

    @Test
    @DisplayName("[MOD5] announcement text is 1..500 characters after trimming, else INVALID")
    void announceLimits() {
        assertThat(f.code("mo", new Announce(""))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new Announce("   "))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new Announce("a".repeat(501)))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new Announce("a".repeat(500)));
    }

    @Test
    @DisplayName("[MOD6] the end closes the turn, the running item and the open round, then ends the meeting")
    void end() {
        f.run("mo", new AddAgendaItem("Groepswerk", 600, "breakout", null));
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", open(2, "random", 600));
        f.run(an, new AddInsight("een inzicht"));
        f.run("mo", new GiveFloor(bo, null));
        List<String> anRoomMembers = f.room(null, f.roomOf(an)).participantIds();
        f.now += 1000;
        Outcome outcome = f.run("mo", new EndMeeting());
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("FloorEnded", "AgendaItemEnded", "BreakoutsClosed", "MeetingEnded");
        assertThat(noticeOf(outcome, MeetingEvent.MeetingEnded.class).name()).isEqualTo("meeting.updated");
        MeetingView.Snapshot view = f.view(an);
        assertThat(view.meeting().status()).isEqualTo("ended");
        assertThat(view.queue().speaker()).isNull();
        assertThat(view.agenda().currentItemId()).isNull();
        assertThat(view.agenda().items().get(0).endedAt()).isEqualTo(f.now);
        assertThat(view.breakouts().status()).isEqualTo("closed");
        assertThat(view.you().roomId()).isNull();
        assertThat(view.breakouts().rooms()).anySatisfy(r -> {
            assertThat(r.participantIds()).isEqualTo(anRoomMembers);
            assertThat(r.insights()).extracting(MeetingView.InsightView::text).containsExactly("een inzicht");
        });
        assertThat(view.participants()).allSatisfy(p -> assertThat(p.online()).isFalse());
        assertThat(f.meeting.endedAt()).isEqualTo(f.now);
    }

    @Test
    @DisplayName("[MOD6] the end closes a closing round too")
    void endWhileClosing() {
        f.run("mo", open(2, "random", 600));
        f.run("mo", new CloseBreakouts(60));
        Outcome outcome = f.run("mo", new EndMeeting());
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("BreakoutsClosed", "MeetingEnded");
        assertThat(f.view(an).breakouts().status()).isEqualTo("closed");
    }

    // ---------------------------------------------------------------------------------------------
    // MOD7: the role matrix, built from the sealed command interface so that a new command needs a rule.

    enum Who {
        MODERATOR, ANYONE, CONDITIONAL
    }

    private static final Map<Class<?>, Who> ROLES = Map.ofEntries(
            Map.entry(AddAgendaItem.class, Who.MODERATOR),
            Map.entry(UpdateAgendaItem.class, Who.MODERATOR),
            Map.entry(RemoveAgendaItem.class, Who.MODERATOR),
            Map.entry(MoveAgendaItem.class, Who.MODERATOR),
            Map.entry(StartAgendaItem.class, Who.MODERATOR),
            Map.entry(StartNextAgendaItem.class, Who.MODERATOR),
            Map.entry(ExtendAgendaItem.class, Who.MODERATOR),
            Map.entry(StopAgendaItem.class, Who.MODERATOR),
            Map.entry(RaiseHand.class, Who.ANYONE),
            Map.entry(LowerHand.class, Who.CONDITIONAL),
            Map.entry(GiveFloor.class, Who.MODERATOR),
            Map.entry(GiveFloorToNext.class, Who.MODERATOR),
            Map.entry(EndFloor.class, Who.CONDITIONAL),
            Map.entry(StartFloorRound.class, Who.MODERATOR),
            Map.entry(SendChatMessage.class, Who.ANYONE),
            Map.entry(DeleteChatMessage.class, Who.MODERATOR),
            Map.entry(MuteParticipant.class, Who.MODERATOR),
            Map.entry(UnmuteParticipant.class, Who.MODERATOR),
            Map.entry(RemoveParticipant.class, Who.MODERATOR),
            Map.entry(PromoteParticipant.class, Who.MODERATOR),
            Map.entry(DemoteParticipant.class, Who.MODERATOR),
            Map.entry(AddParticipant.class, Who.MODERATOR),
            Map.entry(LockMeeting.class, Who.MODERATOR),
            Map.entry(UnlockMeeting.class, Who.MODERATOR),
            Map.entry(Announce.class, Who.MODERATOR),
            Map.entry(EndMeeting.class, Who.MODERATOR),
            Map.entry(SetMeetingCall.class, Who.MODERATOR),
            Map.entry(LeaveMeeting.class, Who.ANYONE),
            Map.entry(OpenBreakouts.class, Who.MODERATOR),
            Map.entry(JoinBreakoutRoom.class, Who.CONDITIONAL),
            Map.entry(MoveToBreakoutRoom.class, Who.MODERATOR),
            Map.entry(BroadcastToBreakouts.class, Who.MODERATOR),
            Map.entry(ExtendBreakouts.class, Who.MODERATOR),
            Map.entry(CloseBreakouts.class, Who.MODERATOR),
            Map.entry(RequestBreakoutHelp.class, Who.ANYONE),
            Map.entry(AddInsight.class, Who.ANYONE),
            Map.entry(MarkRoomDone.class, Who.ANYONE),
            Map.entry(EditInsight.class, Who.CONDITIONAL),
            Map.entry(RemoveInsight.class, Who.CONDITIONAL),
            Map.entry(AskQuestion.class, Who.ANYONE),
            Map.entry(UpvoteQuestion.class, Who.ANYONE),
            Map.entry(AnswerQuestion.class, Who.MODERATOR),
            Map.entry(RemoveQuestion.class, Who.CONDITIONAL),
            Map.entry(OpenPoll.class, Who.MODERATOR),
            Map.entry(VotePoll.class, Who.ANYONE),
            Map.entry(ClosePoll.class, Who.MODERATOR),
            Map.entry(PublishRecap.class, Who.MODERATOR),
            Map.entry(UnpublishRecap.class, Who.MODERATOR));

    /** What the participant's own command ends in: null when accepted, else the code. */
    private static ErrorCode outcome(MeetingFixture f, String actor, MeetingCommand command) {
        Rejected rejected = catchThrowableOfType(Rejected.class, () -> f.meeting.handle(actor, command, f.now));
        return rejected == null ? null : rejected.code();
    }

    @TestFactory
    @DisplayName("[MOD7] every client command has a role rule; moderator-only ones are FORBIDDEN to participants")
    Stream<DynamicTest> roleMatrix() {
        return CommandExamples.clientCommandTypes().stream().map(type -> dynamicTest(
                "[MOD7] " + type.getSimpleName() + ": " + ROLES.get(type), () -> {
                    assertThat(ROLES).as("%s needs a role rule in this matrix and in docs/meeting-rules.md MOD7",
                            type.getSimpleName()).containsKey(type);
                    MeetingCommand missingFields = CommandExamples.withNulls(type);
                    MeetingFixture quiet = withModerator();
                    quiet.participant("An");
                    MeetingFixture busy = busyMeeting();
                    switch (ROLES.get(type)) {
                        case MODERATOR -> {
                            // FORBIDDEN before any check of state or fields, in a quiet and in a busy meeting
                            assertThat(quiet.code("an", missingFields)).isEqualTo(ErrorCode.FORBIDDEN);
                            assertThat(busy.code("an", missingFields)).isEqualTo(ErrorCode.FORBIDDEN);
                            assertThat(outcome(busy, "mo", missingFields)).isNotEqualTo(ErrorCode.FORBIDDEN);
                        }
                        case ANYONE -> {
                            assertThat(outcome(quiet, "an", missingFields)).isNotEqualTo(ErrorCode.FORBIDDEN);
                            assertThat(outcome(busy, "an", missingFields)).isNotEqualTo(ErrorCode.FORBIDDEN);
                        }
                        case CONDITIONAL -> assertThat(type).isIn(LowerHand.class, EndFloor.class,
                                JoinBreakoutRoom.class, EditInsight.class, RemoveInsight.class,
                                RemoveQuestion.class); // Q4, Q7, BR6/BR7 have their own tests
                    }
                }));
    }

    /** A meeting where a lot is going on, so that state checks would pass for a moderator. */
    private static MeetingFixture busyMeeting() {
        MeetingFixture m = withModerator();
        m.participant("An");
        m.participant("Bo");
        m.run("mo", new AddAgendaItem("a", 60, null, null));
        m.run("mo", new AddAgendaItem("b", 60, null, null));
        m.run("mo", new StartNextAgendaItem());
        m.run("an", new SendChatMessage("hoi"));
        m.run("bo", new RaiseHand(null));
        m.run("mo", new GiveFloor("an", null));
        m.run("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of("an", 0, "bo", 1)));
        return m;
    }

    @Test
    @DisplayName("[MOD7][Q4][Q7][BR7] the conditional commands: others' hands, someone else's turn, rooms not chosen")
    void conditionalCommands() {
        f.run(bo, new RaiseHand(null));
        assertThat(f.code(an, new LowerHand(bo))).isEqualTo(ErrorCode.FORBIDDEN);
        f.run("mo", new GiveFloor(bo, null));
        assertThat(f.code(an, new EndFloor())).isEqualTo(ErrorCode.FORBIDDEN);
        f.run("mo", open(2, "random", 600));
        assertThat(f.code(an, new JoinBreakoutRoom(f.roomIds().get(0)))).isEqualTo(ErrorCode.FORBIDDEN);
        f.run("mo", new JoinBreakoutRoom(f.roomIds().get(0)));
    }
}
