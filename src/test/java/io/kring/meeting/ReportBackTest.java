package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kring.meeting.breakout.Breakouts;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RB: report-back after a breakout round")
class ReportBackTest {

    private final MeetingFixture f = withModerator();
    private final String ann = f.participant("Ann");
    private final String bob = f.participant("Bob");
    private final String cas = f.participant("Cas");

    /** A round of {@code rooms} rooms with an insight from Ann's room, closed at once. */
    private List<String> heldRound(int rooms) {
        f.run("mo", open(rooms, "random", 600));
        f.run(ann, new AddInsight("Samen leren werkt"));
        f.run("mo", new CloseBreakouts(0));
        return f.roomIds();
    }

    private MeetingView.ReportBackView shown() {
        return f.view(ann).reportback();
    }

    @Test
    @DisplayName("[RB1] a moderator starts on the last closed round's first room, with a countdown of secondsPerRoom")
    void startsOnTheFirstRoom() {
        List<String> rooms = heldRound(3);
        Outcome outcome = f.run("mo", new StartReportBack(120, null));
        assertThat(eventsOf(outcome, MeetingEvent.ReportBackShown.class)).hasSize(1);
        assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, rooms.get(0), f.now + 120_000, 120));
        for (String viewer : List.of("mo", ann, bob, cas)) {
            assertThat(f.view(viewer).reportback()).as("everyone sees the same room").isEqualTo(shown());
        }
        assertThat(f.view(null).reportback()).as("the projector too").isEqualTo(shown());
        assertThat(f.view(bob).breakouts().rooms().get(0).insights()).as("the closed round's insights show to all")
                .isNotNull();
    }

    @Test
    @DisplayName("[RB1] CONFLICT before any round is closed, for the round still open or closing, and for a round not held yet")
    void startConflicts() {
        assertThat(f.code("mo", new StartReportBack(60, null))).as("no round held").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 0))).as("no round held").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600, 30));
        assertThat(f.code("mo", new StartReportBack(60, null))).as("open, none closed").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 0))).as("open").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 1))).as("not held").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(null));
        assertThat(f.breakouts("mo").status()).isEqualTo("closing");
        assertThat(f.code("mo", new StartReportBack(60, null))).as("closing").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 0))).as("closing").isEqualTo(ErrorCode.CONFLICT);
        f.advance(30);
        assertThat(f.breakouts("mo").status()).isEqualTo("closed");
        f.run("mo", open(2, "random", 600, 0));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new StartReportBack(60, 1));
        assertThat(shown().roundIndex()).isEqualTo(1);
    }

    @Test
    @DisplayName("[RB1][RB2][RB4][L6] a report-back of an earlier closed round shows its rooms in order, with their insights kept")
    void earlierRound() {
        List<String> first = heldRound(2);
        String withInsight = f.view("mo").breakouts().rooms().stream().filter(r -> !r.insights().isEmpty())
                .findFirst().orElseThrow().roomId();
        heldRound(3);
        f.run("mo", new StartReportBack(60, 0));
        assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, first.get(0), f.now + 60_000, 60));
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            if (i > 0) {
                f.run("mo", new NextReportBackRoom());
            }
            assertThat(shown().roomId()).isEqualTo(first.get(i));
            MeetingView.ReportBackRoomView room = f.view(bob).reportbackRoom();
            assertThat(room.roomId()).as("the shown room's content, not in breakouts.rooms").isEqualTo(first.get(i));
            assertThat(room.name()).isNotBlank();
            names.addAll(room.members());
            assertThat(f.view(null).reportbackRoom()).as("the same for the projector").isEqualTo(room);
            assertThat(room.insights()).extracting(MeetingView.ReportBackInsightView::text)
                    .as("L6: round 0's insights are kept")
                    .isEqualTo(first.get(i).equals(withInsight) ? List.of("Samen leren werkt") : List.of());
        }
        assertThat(names).as("the names of the members at the close").containsExactlyInAnyOrder("Ann", "Bob", "Cas");
        Outcome last = f.run("mo", new NextReportBackRoom());
        assertThat(eventsOf(last, MeetingEvent.ReportBackEnded.class)).as("round 0 had two rooms").hasSize(1);
        assertThat(f.view(ann).reportbackRoom()).isNull();
        f.run("mo", new StartReportBack(60, null));
        assertThat(f.view(ann).reportbackRoom()).as("the last round's rooms are in breakouts.rooms").isNull();
    }

    @Test
    @DisplayName("[RB1][RB11] while a newer round is open or closing, the last closed round reports back (by default or by index)")
    void closedRoundWhileANewerOneRuns() {
        List<String> first = heldRound(2);
        f.run("mo", open(3, "random", 600, 30));
        List<String> running = f.roomIds();
        Outcome started = f.run("mo", new StartReportBack(60, null));
        assertThat(eventsOf(started, MeetingEvent.ReportBackShown.class)).hasSize(1);
        assertThat(shown()).as("the default is the last closed round, not the open one")
                .isEqualTo(new MeetingView.ReportBackView(0, first.get(0), f.now + 60_000, 60));
        assertThat(f.breakouts(ann).status()).as("the open round goes on").isEqualTo("open");
        assertThat(f.breakouts(ann).rooms()).extracting(MeetingView.RoomView::roomId).isEqualTo(running);
        MeetingView.ReportBackRoomView room = f.view(bob).reportbackRoom();
        assertThat(room.roomId()).as("round 0's room is not in breakouts.rooms: the snapshot carries it")
                .isEqualTo(first.get(0));
        assertThat(f.view(null).reportbackRoom()).as("the projector too").isEqualTo(room);
        assertThat(EventsApplyPropertiesTest.json(noticeOf(started, MeetingEvent.ReportBackShown.class).deliveries()
                .get(0).data())).as("reportback.shown carries the room").contains("\"reportbackRoom\":{\"roomId\":\""
                        + first.get(0));
        assertThat(f.code("mo", new StartReportBack(60, 1))).as("round 1 is open").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 7))).as("no round 7").isEqualTo(ErrorCode.CONFLICT);
        assertThat(shown().roomId()).as("a refused start changes nothing").isEqualTo(first.get(0));

        f.run("mo", new NextReportBackRoom());
        assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, first.get(1), f.now + 60_000, 60));
        f.run("mo", new CloseBreakouts(null));
        assertThat(f.breakouts("mo").status()).isEqualTo("closing");
        assertThat(f.code("mo", new StartReportBack(60, 1))).as("round 1 is closing").isEqualTo(ErrorCode.CONFLICT);
        Outcome again = f.run("mo", new StartReportBack(45, 0));
        assertThat(again.events().get(0)).as("RB6 while closing").isInstanceOf(MeetingEvent.ReportBackEnded.class);
        assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, first.get(0), f.now + 45_000, 45));
        f.advance(30);
        assertThat(f.breakouts("mo").status()).isEqualTo("closed");
        assertThat(shown()).as("round 1 closing does not end round 0's report-back").isNotNull();
        f.run("mo", new StartReportBack(60, null));
        assertThat(shown().roundIndex()).as("now round 1 is the last closed round").isEqualTo(1);
        assertThat(f.view(ann).reportbackRoom()).isNull();
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor(ann, f.now).reportback()).isEqualTo(shown());
    }

    @Test
    @DisplayName("[RB7] a report-back started while a round is open ends when the next round opens")
    void startedDuringARoundEndsWithTheNext() {
        heldRound(2);
        f.run("mo", open(2, "random", 600));
        f.run("mo", new StartReportBack(60, null));
        assertThat(shown().roundIndex()).isZero();
        assertThat(f.code("mo", open(2, "random", 600))).as("BR: a round is open").isEqualTo(ErrorCode.CONFLICT);
        assertThat(shown()).as("a refused round leaves the report-back").isNotNull();
        f.run("mo", new CloseBreakouts(0));
        assertThat(shown()).as("closing the round leaves it").isNotNull();
        Outcome opened = f.run("mo", open(2, "random", 600));
        assertThat(opened.events().get(0)).isInstanceOf(MeetingEvent.ReportBackEnded.class);
        assertThat(shown()).isNull();
        assertThat(f.view(ann).reportbackRoom()).isNull();
    }

    @Test
    @DisplayName("[RB1][L6] over the budget of earlier rounds' insights the oldest round's are forgotten: CONFLICT for it")
    void forgottenRound() {
        int rooms = Breakouts.EARLIER_INSIGHTS_BUDGET / Limits.INSIGHTS_PER_ROOM + 1;
        f.run("mo", open(rooms, "random", 600));
        for (String roomId : f.roomIds()) {
            for (int i = 0; i < Limits.INSIGHTS_PER_ROOM; i++) {
                f.run("mo", new AddInsight("Inzicht " + i, roomId));
            }
        }
        f.run("mo", new CloseBreakouts(0));
        heldRound(2);
        heldRound(2);
        assertThat(f.code("mo", new StartReportBack(60, 0))).as("round 0 alone was over the budget")
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 0, null, null, null, null))).as("POLL2 too")
                .isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartReportBack(60, 1));
        assertThat(shown().roundIndex()).as("a later earlier round is kept").isEqualTo(1);
        assertThat(f.view(ann).reportbackRoom().insights()).extracting(MeetingView.ReportBackInsightView::text)
                .isSubsetOf("Samen leren werkt");
        assertThat(f.meeting.rounds()).extracting(r -> r.insightsForgotten).containsExactly(true, false, false);
        Meeting replayed = f.replayed();
        assertThat(replayed.rounds()).as("replay rebuilds the same state").extracting(r -> r.insightsForgotten)
                .containsExactly(true, false, false);
        assertThat(replayed.viewFor(ann, f.now).reportbackRoom()).isEqualTo(f.view(ann).reportbackRoom());
    }

    @Test
    @DisplayName("[RB1] only moderators; secondsPerRoom 30..1800 (in every state) and roundIndex in range, else INVALID")
    void startFields() {
        assertThat(f.code("mo", new StartReportBack(10, null))).as("a bad countdown before any round").isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartReportBack(60, null))).as("a good one before any round").isEqualTo(ErrorCode.CONFLICT);
        heldRound(2);
        assertThat(f.code(ann, new StartReportBack(60, null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(ann, new NextReportBackRoom())).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(ann, new StopReportBack())).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new StartReportBack(null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartReportBack(29, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartReportBack(1801, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartReportBack(60, -1))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new StartReportBack(60, 1))).as("only round 0 was held: no such closed round, as POLL2")
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartReportBack(60, 7))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new OpenPoll("Welke?", null, 7, null, null, null, null))).as("poll.open's fromRound alike")
                .isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartReportBack(30, 0));
        assertThat(shown().secondsPerRoom()).isEqualTo(30);
        f.run("mo", new StartReportBack(1800, null));
        assertThat(shown().secondsPerRoom()).isEqualTo(1800);
    }

    @Test
    @DisplayName("[RB2][RB4] next shows every room in the round's order, empty ones too, each with a fresh countdown; after the last it ends")
    void nextWalksTheRooms() {
        f.run("mo", open(5, "random", 600));
        f.run(ann, new AddInsight("Inzicht"));
        f.run("mo", new CloseBreakouts(0));
        List<String> rooms = f.roomIds();
        assertThat(f.view("mo").breakouts().rooms()).as("three members, five rooms: two are empty")
                .filteredOn(r -> r.participantIds().isEmpty() && r.insights().isEmpty()).hasSize(2);
        f.run("mo", new StartReportBack(90, null));
        for (int i = 1; i < rooms.size(); i++) {
            f.skip(40);
            f.run("mo", new NextReportBackRoom());
            assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, rooms.get(i), f.now + 90_000, 90));
        }
        Outcome last = f.run("mo", new NextReportBackRoom());
        assertThat(eventsOf(last, MeetingEvent.ReportBackEnded.class)).hasSize(1);
        assertThat(shown()).isNull();
        assertThat(f.code("mo", new NextReportBackRoom())).as("none running").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[RB3] reaching zero advances nothing: the room stays shown in overtime until the moderator moves on")
    void noAutoAdvance() {
        heldRound(2);
        f.run("mo", new StartReportBack(30, null));
        MeetingView.ReportBackView before = shown();
        assertThat(f.meeting.nextDeadline()).as("no timer for the countdown").isEmpty();
        Outcome later = f.advance(600);
        assertThat(later.events()).isEmpty();
        assertThat(shown()).isEqualTo(before);
        assertThat(f.now).isGreaterThan(shown().endsAt());
    }

    @Test
    @DisplayName("[RB5] stop ends it; CONFLICT when none runs")
    void stop() {
        assertThat(f.code("mo", new StopReportBack())).isEqualTo(ErrorCode.CONFLICT);
        heldRound(2);
        assertThat(f.code("mo", new StopReportBack())).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new NextReportBackRoom())).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartReportBack(60, null));
        Outcome stopped = f.run("mo", new StopReportBack());
        assertThat(eventsOf(stopped, MeetingEvent.ReportBackEnded.class)).hasSize(1);
        assertThat(shown()).isNull();
        assertThat(f.code("mo", new StopReportBack())).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[RB6] starting while one runs starts again at the first room, with the new seconds")
    void restart() {
        List<String> rooms = heldRound(3);
        f.run("mo", new StartReportBack(60, null));
        f.run("mo", new NextReportBackRoom());
        f.skip(5);
        Outcome again = f.run("mo", new StartReportBack(45, 0));
        assertThat(again.events()).hasSize(2);
        assertThat(again.events().get(0)).isInstanceOf(MeetingEvent.ReportBackEnded.class);
        assertThat(again.events().get(1)).isInstanceOf(MeetingEvent.ReportBackShown.class);
        assertThat(shown()).isEqualTo(new MeetingView.ReportBackView(0, rooms.get(0), f.now + 45_000, 45));
    }

    @Test
    @DisplayName("[RB7] a new round, a prepared round started from the agenda, and the meeting's end end a running report-back")
    void endedByANewRoundOrTheEnd() {
        heldRound(2);
        f.run("mo", new StartReportBack(60, null));
        Outcome opened = f.run("mo", open(2, "random", 600));
        assertThat(opened.events().get(0)).as("ended before the new rooms replace the shown ones")
                .isInstanceOf(MeetingEvent.ReportBackEnded.class);
        assertThat(shown()).isNull();
        f.run("mo", new CloseBreakouts(0));

        f.run("mo", new StartReportBack(60, null));
        f.run("mo", new AddAgendaItem("Ronde", 300, "breakout", null, null, open(2, "random", 300)));
        Outcome started = f.run("mo", new StartNextAgendaItem());
        assertThat(eventsOf(started, MeetingEvent.ReportBackEnded.class)).hasSize(1);
        assertThat(eventsOf(started, MeetingEvent.BreakoutsOpened.class)).hasSize(1);
        assertThat(shown()).isNull();
        f.run("mo", new CloseBreakouts(0));

        f.run("mo", new StartReportBack(60, null));
        Outcome end = f.run("mo", new EndMeeting());
        assertThat(eventsOf(end, MeetingEvent.ReportBackEnded.class)).hasSize(1);
        assertThat(f.history().reportBacks.held()).allSatisfy(held -> assertThat(held.endedAt).isNotNull());
    }

    @Test
    @DisplayName("[RB8][RB11] reportback.shown carries the snapshot's reportback and reportbackRoom, reportback.ended nothing; both to everyone at once")
    void notices() {
        heldRound(2);
        Outcome started = f.run("mo", new StartReportBack(60, null));
        Notice shownNotice = noticeOf(started, MeetingEvent.ReportBackShown.class);
        assertThat(shownNotice.name()).isEqualTo("reportback.shown");
        assertThat(shownNotice.deliveries()).hasSize(1);
        assertThat(shownNotice.deliveries().get(0).audience()).isEqualTo(Audience.EVERYONE);
        assertThat(EventsApplyPropertiesTest.json(shownNotice.deliveries().get(0).data()))
                .as("RB11: the snapshot's reportback and, for the last round, reportbackRoom null")
                .isEqualTo("{\"roundIndex\":0,\"roomId\":\"" + shown().roomId() + "\",\"endsAt\":" + shown().endsAt()
                        + ",\"secondsPerRoom\":60,\"reportbackRoom\":null}");
        assertThat(EventsApplyPropertiesTest.json(shown()))
                .isEqualTo("{\"roundIndex\":0,\"roomId\":\"" + shown().roomId() + "\",\"endsAt\":" + shown().endsAt()
                        + ",\"secondsPerRoom\":60}");
        Notice ended = noticeOf(f.run("mo", new StopReportBack()), MeetingEvent.ReportBackEnded.class);
        assertThat(ended.name()).isEqualTo("reportback.ended");
        assertThat(ended.deliveries()).hasSize(1);
        assertThat(ended.deliveries().get(0).audience()).isEqualTo(Audience.EVERYONE);
    }

    @Test
    @DisplayName("[RB9][P1] a replay gives the same report-back; the report lists each one held with its rooms in order")
    void replayAndRecord() {
        List<String> rooms = heldRound(2);
        long startedAt = f.now;
        f.run("mo", new StartReportBack(60, null));
        f.skip(70);
        f.run("mo", new NextReportBackRoom());
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor(ann, f.now).reportback()).isEqualTo(shown());
        f.skip(10);
        f.run("mo", new NextReportBackRoom());
        f.run("mo", new StartReportBack(30, null));

        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.reportBacks()).hasSize(2);
        MeetingRecord.ReportBackRecord first = record.reportBacks().get(0);
        assertThat(first.roundIndex()).isZero();
        assertThat(first.secondsPerRoom()).isEqualTo(60);
        assertThat(first.startedAt()).isEqualTo(startedAt);
        assertThat(first.endedAt()).isEqualTo(f.now);
        assertThat(first.rooms()).extracting(MeetingRecord.ReportBackRoomRecord::roomId).containsExactlyElementsOf(rooms);
        assertThat(first.rooms()).extracting(MeetingRecord.ReportBackRoomRecord::name)
                .containsExactly("Groep 1", "Groep 2");
        assertThat(first.rooms().get(1).shownAt()).isEqualTo(startedAt + 70_000);
        MeetingRecord.ReportBackRecord second = record.reportBacks().get(1);
        assertThat(second.endedAt()).as("still running").isNull();
        assertThat(second.rooms()).hasSize(1);
    }
}
