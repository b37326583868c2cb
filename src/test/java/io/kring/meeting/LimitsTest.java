package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("L: quotas and memory bounds")
class LimitsTest {

    /** Joins without the fixture's per-command snapshot checks, which cost O(N^2) at two thousand people. */
    private static ErrorCode joinRefused(MeetingFixture f, String id, String moderatorKey) {
        Rejected rejected = catchThrowableOfType(Rejected.class,
                () -> f.meeting.handle(null, join(id, "Name " + id, "Org", moderatorKey), f.now));
        return rejected == null ? null : rejected.code();
    }

    @Test
    @DisplayName("[L1] at most 2,000 participants: the next join is CONFLICT, moderators still join, a removal makes room")
    void participantCap() {
        MeetingFixture f = withModerator();
        for (int i = 1; i < Limits.PARTICIPANTS; i++) {
            f.joinOnly("p" + i, "Org", null);
        }
        assertThat(f.meeting.participantCount()).as("the moderator counts: 1 + 1,999").isEqualTo(Limits.PARTICIPANTS);
        assertThat(joinRefused(f, "one-too-many", null)).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.meeting.participantCount()).as("nothing changed").isEqualTo(Limits.PARTICIPANTS);

        assertThat(joinRefused(f, "second-moderator", MODERATOR_KEY)).as("the moderators are never locked out").isNull();
        f.run("mo", new RemoveParticipant("p1"));
        f.run("mo", new RemoveParticipant("p2"));
        assertThat(joinRefused(f, "newcomer", null)).as("a removal makes room").isNull();
        assertThat(joinRefused(f, "one-more", null)).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[L1] everyone who ever joined, removed people and moderators included, is at most 4,000")
    void everJoinedCap() {
        MeetingFixture f = withModerator();
        for (int i = 1; i < Limits.PARTICIPANTS_EVER; i++) {
            assertThat(joinRefused(f, "m" + i, MODERATOR_KEY)).isNull();
        }
        assertThat(joinRefused(f, "m-last", MODERATOR_KEY)).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[L2] 200 agenda items: more at creation is INVALID, agenda.add beyond is CONFLICT")
    void agendaCap() {
        List<Meeting.AgendaItemPlan> plan = new ArrayList<>();
        for (int i = 0; i < Limits.AGENDA_ITEMS; i++) {
            plan.add(new Meeting.AgendaItemPlan("Punt " + i, 60, null));
        }
        MeetingFixture f = meeting(plan);
        f.moderator("Mo");
        assertThat(f.code("mo", new AddAgendaItem("Eentje te veel", 60, null, null))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new RemoveAgendaItem(f.agenda().get(0).itemId()));
        f.run("mo", new AddAgendaItem("Past weer", 60, null, null));
        assertThat(f.agenda()).hasSize(Limits.AGENDA_ITEMS);

        plan.add(new Meeting.AgendaItemPlan("201", 60, null));
        Rejected rejected = catchThrowableOfType(Rejected.class, () -> Meeting.creationEvents("m", "t", "nl", null, plan,
                T0, () -> "x"));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[L2] creation is linear in the agenda: one event per item, none telling anyone, nothing kept")
    void creationIsLinear() {
        List<Meeting.AgendaItemPlan> plan = new ArrayList<>();
        for (int i = 0; i < Limits.AGENDA_ITEMS; i++) {
            plan.add(new Meeting.AgendaItemPlan("Punt " + i, 60, null));
        }
        AtomicInteger ids = new AtomicInteger();
        List<MeetingEvent> events = Meeting.creationEvents("m", "t", "nl", null, plan, T0, () -> "i" + ids.incrementAndGet());
        assertThat(events).hasSize(Limits.AGENDA_ITEMS + 1);
        Meeting meeting = Meeting.replay(events, () -> "j" + ids.incrementAndGet(), new Random(1));
        assertThat(meeting.viewFor(null, T0).agenda().items()).hasSize(Limits.AGENDA_ITEMS);
    }

    @Test
    @DisplayName("[L3] 100 insights per room per round: the 101st is CONFLICT; the next round starts again")
    void insightCap() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", open(1, "random", 600, 0));
        for (int i = 0; i < Limits.INSIGHTS_PER_ROOM; i++) {
            f.run(an, new AddInsight("inzicht " + i));
        }
        assertThat(f.code(an, new AddInsight("te veel"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", open(1, "random", 600, 0));
        f.run(an, new AddInsight("nieuwe ronde"));
        assertThat(f.breakouts("mo").rooms().get(0).insights()).hasSize(1);
    }

    @Test
    @DisplayName("[L4] 100 breakout rounds per meeting: the 101st is CONFLICT")
    void roundCap() {
        MeetingFixture f = withModerator();
        f.participant("An");
        for (int i = 0; i < Limits.BREAKOUT_ROUNDS; i++) {
            f.run("mo", open(1, "random", 600, 0));
            f.run("mo", new CloseBreakouts(0));
        }
        assertThat(f.code("mo", open(1, "random", 600, 0))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.history().rounds()).hasSize(Limits.BREAKOUT_ROUNDS);
    }

    @Test
    @DisplayName("[L5, L6] chat: 200 messages kept per audience, 100 shown; an older one is NOT_FOUND; the record has all")
    void chatBounded() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        int sent = 450;
        for (int i = 0; i < sent; i++) {
            if (i % 5 == 0) {
                f.now += 1000;
            }
            f.run(an, new SendChatMessage("bericht " + i));
        }
        assertThat(f.meeting.chatMessages()).hasSize(Limits.CHAT_KEPT_PER_AUDIENCE);
        assertThat(f.chatTexts(an)).hasSize(Limits.CHAT_SHOWN).endsWith("bericht " + (sent - 1))
                .startsWith("bericht " + (sent - Limits.CHAT_SHOWN));
        String oldest = f.events.stream().filter(e -> e instanceof MeetingEvent.ChatMessageSent)
                .map(e -> ((MeetingEvent.ChatMessageSent) e).messageId()).findFirst().orElseThrow();
        assertThat(f.code("mo", new DeleteChatMessage(oldest))).isEqualTo(ErrorCode.NOT_FOUND);
        f.run("mo", new DeleteChatMessage(f.view(an).chat().get(0).messageId()));
        assertThat(f.chatTexts(an)).as("deleting one shows the one before").hasSize(Limits.CHAT_SHOWN)
                .startsWith("bericht " + (sent - Limits.CHAT_SHOWN - 1));

        assertThat(MeetingRecord.of(f.events, f.now).chat()).as("the report reads every stored message")
                .hasSize(sent - 1);
        assertReplayEquals(f);
    }

    @Test
    @DisplayName("[L5, L6] rooms' chats leave memory at the close; an earlier round keeps its insights within the budget")
    void roundsLetGo() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        f.run("mo", open(1, "random", 600, 0));
        f.run(an, new SendChatMessage("in de groep"));
        f.run(an, new AddInsight("eerste ronde"));
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.meeting.chatMessages()).isEmpty();
        assertThat(f.breakouts(an).rooms().get(0).insights()).as("the last round stays visible").hasSize(1);
        f.run("mo", open(1, "random", 600, 0));
        assertThat(f.meeting.rounds().get(0).rooms.values()).as("within the budget of earlier rounds' insights")
                .allSatisfy(r -> assertThat(r.insights).hasSize(1));
        assertThat(f.meeting.rounds().get(0).insightsForgotten).isFalse();
        assertThat(f.meeting.rounds().get(0).rooms.values()).allSatisfy(r -> assertThat(r.membersAtClose).containsExactly(an));

        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.breakoutRounds().get(0).rooms().get(0).insights()).extracting(MeetingRecord.InsightRecord::text)
                .containsExactly("eerste ronde");
        assertReplayEquals(f);
    }

    @Test
    @DisplayName("[L6] announcements and speaking turns: only the current one is kept, the record has them all")
    void historyOnlyInTheRecord() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        for (int i = 0; i < 10; i++) {
            f.run("mo", new Announce("mededeling " + i));
            f.run("mo", new GiveFloor(an, null));
            f.now += 1000;
            f.run("mo", new EndFloor());
        }
        assertThat(f.meeting.announcements()).isEmpty();
        assertThat(f.meeting.turns()).isEmpty();
        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.announcements()).hasSize(10);
        assertThat(record.speakingTime()).singleElement().satisfies(s -> {
            assertThat(s.turns()).isEqualTo(10);
            assertThat(s.seconds()).isEqualTo(10);
        });
    }

    @Test
    @DisplayName("[L8] breakouts.closed carries the plenary chat only to who was in a room; the plenary gets the rooms alone")
    void closeCarriesChatOnlyToRooms() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        String bo = f.participant("Bo");
        f.run("mo", new OpenBreakouts(1, "manual", 600, 0, null, java.util.Map.of(an, 0)));
        f.run("mo", new SendChatMessage("plenair"));
        Outcome closed = f.run("mo", new CloseBreakouts(0));
        Notice notice = noticeOf(closed, MeetingEvent.BreakoutsClosed.class);
        assertThat(notice.deliveries()).hasSize(2);
        Notice.Delivery toRooms = notice.deliveries().get(0);
        Notice.Delivery toPlenary = notice.deliveries().get(1);
        assertThat(toRooms.audience().includes(an)).isTrue();
        assertThat(toRooms.audience().includes("mo")).isFalse();
        assertThat(new java.util.ArrayList<Object>(((java.util.Map<?, ?>) toRooms.data()).keySet())).containsExactlyInAnyOrder((Object) "breakouts", "chat");
        assertThat(toPlenary.audience().includes("mo")).isTrue();
        assertThat(toPlenary.audience().includes(bo)).isTrue();
        assertThat(new java.util.ArrayList<Object>(((java.util.Map<?, ?>) toPlenary.data()).keySet())).containsExactly((Object) "breakouts");
    }

    private static void assertReplayEquals(MeetingFixture f) {
        Meeting replayed = Meeting.replay(f.events, f.ids, new Random(1));
        for (String id : f.names.keySet()) {
            MeetingView.Snapshot live = f.meeting.viewFor(id, f.now);
            MeetingView.Snapshot again = replayed.viewFor(id, f.now);
            assertThat(again.chat()).isEqualTo(live.chat());
            assertThat(again.breakouts()).isEqualTo(live.breakouts());
        }
    }
}
