package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.report.MeetingReport;

@DisplayName("RD: rooms say they are done")
class RoomDoneTest {

    private MeetingFixture f = withModerator();

    private List<String> people(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(f.participant("P" + i));
        }
        return ids;
    }

    private List<String> everyone() {
        return new ArrayList<>(f.names.keySet());
    }

    private List<Boolean> doneFlags(String viewerId) {
        return f.breakouts(viewerId).rooms().stream().map(MeetingView.RoomView::done).toList();
    }

    @Test
    @DisplayName("[RD1] a member marks the room done and undone; everyone sees it through one room.done {roomId, done}")
    void doneAndUndone() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        assertThat(doneFlags(null)).as("a new round's rooms are not done").containsExactly(false, false);
        String room = f.roomOf(p.get(0));
        String elsewhere = p.stream().filter(id -> !room.equals(f.roomOf(id))).findFirst().orElseThrow();

        f.now += 5000;
        Outcome done = f.run(p.get(0), new MarkRoomDone(true));
        assertThat(done.events()).singleElement()
                .isEqualTo(new MeetingEvent.RoomDoneChanged(room, p.get(0), true, f.now));
        Notice notice = noticeOf(done, MeetingEvent.RoomDoneChanged.class);
        assertThat(notice.name()).isEqualTo("room.done");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).isEqualTo(Map.of("roomId", room, "done", true));
        });
        for (String viewer : everyone()) {
            assertThat(f.room(viewer, room).done()).as("%s sees it", viewer).isTrue();
        }
        assertThat(f.room(elsewhere, f.roomOf(elsewhere)).done()).as("the other room is not done").isFalse();

        Outcome undone = f.run(p.get(0), new MarkRoomDone(false));
        assertThat(data(noticeOf(undone, MeetingEvent.RoomDoneChanged.class).deliveries().get(0)))
                .isEqualTo(Map.of("roomId", room, "done", false));
        assertThat(f.room(elsewhere, room).done()).isFalse();
    }

    @Test
    @DisplayName("[RD1] any member of the room may change it; saying what already holds changes nothing")
    void sameValueChangesNothing() {
        List<String> p = people(4);
        f.run("mo", open(1, "random", 600));
        assertThat(f.run(p.get(0), new MarkRoomDone(false)).isEmpty()).as("not done yet").isTrue();
        f.run(p.get(0), new MarkRoomDone(true));
        assertThat(f.run(p.get(1), new MarkRoomDone(true)).isEmpty()).as("done already").isTrue();
        f.run(p.get(2), new MarkRoomDone(false));
        assertThat(doneFlags(null)).containsExactly(false);
    }

    @Test
    @DisplayName("[RD1] CONFLICT without a round, in the plenary during a round and after the close; INVALID without done; nothing changes")
    void conflictsAndInvalid() {
        List<String> p = people(3);
        assertThat(f.code(p.get(0), new MarkRoomDone(true))).as("no round").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new MarkRoomDone(true))).as("moderator, no round").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "manual", 600, null));
        assertThat(f.code(p.get(0), new MarkRoomDone(true))).as("in the plenary").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(p.get(0), new MarkRoomDone(null))).as("state before fields").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new MarkRoomDone(true))).as("moderator in the plenary").isEqualTo(ErrorCode.CONFLICT);
        String room = f.roomIds().get(0);
        f.run("mo", new MoveToBreakoutRoom(p.get(0), room));
        int stored = f.events.size();
        assertThat(f.code(p.get(0), new MarkRoomDone(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.events).hasSize(stored);
        assertThat(doneFlags(null)).containsExactly(false, false);
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.code(p.get(0), new MarkRoomDone(false))).as("after the close").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[RD2] a visiting moderator may mark the room they are in; also while the round is closing")
    void visitingModeratorAndClosing() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomIds().get(1);
        f.run("mo", new JoinBreakoutRoom(room));
        f.run("mo", new MarkRoomDone(true));
        assertThat(doneFlags(p.get(0))).containsExactly(false, true);
        f.run("mo", new CloseBreakouts(30));
        String other = f.roomIds().get(0);
        String member = p.stream().filter(id -> other.equals(f.roomOf(id))).findFirst().orElseThrow();
        f.run(member, new MarkRoomDone(true));
        assertThat(doneFlags(null)).containsExactly(true, true);
    }

    @Test
    @DisplayName("[RD3] after the close the rooms keep done; the next round's rooms start not done; a replay gives the same")
    void keptAfterCloseClearedByNextRound() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomIds().get(0);
        String member = p.stream().filter(id -> room.equals(f.roomOf(id))).findFirst().orElseThrow();
        f.run(member, new MarkRoomDone(true));
        f.run("mo", new CloseBreakouts(0));
        assertThat(doneFlags(p.get(1))).containsExactly(true, false);
        assertThat(f.replayed().viewFor(p.get(1), f.now).breakouts().rooms())
                .extracting(MeetingView.RoomView::done).containsExactly(true, false);
        f.run("mo", open(2, "random", 600));
        assertThat(doneFlags(null)).containsExactly(false, false);
    }

    @Test
    @DisplayName("[RD4] the report shows per room whether it marked itself done, in JSON and in Markdown")
    void report() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomIds().get(1);
        String member = p.stream().filter(id -> room.equals(f.roomOf(id))).findFirst().orElseThrow();
        f.run(member, new MarkRoomDone(true));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", open(1, "random", 600));

        MeetingRecord record = MeetingRecord.of(f.events, f.now);
        assertThat(record.breakoutRounds()).hasSize(2);
        assertThat(record.breakoutRounds().get(0).rooms()).extracting(MeetingRecord.RoomRecord::done)
                .containsExactly(false, true);
        assertThat(record.breakoutRounds().get(1).rooms()).extracting(MeetingRecord.RoomRecord::done)
                .containsExactly(false);
        String md = MeetingReport.markdown(record, ZoneOffset.UTC);
        assertThat(md).contains("#### Groep 2\n\n- Leden: ").containsSubsequence("#### Groep 1", "- Klaar: nee",
                "#### Groep 2", "- Klaar: ja", "### Ronde 2", "#### Groep 1", "- Klaar: nee");

        f = meeting("en");
        f.moderator("Mo");
        String an = f.participant("An");
        f.run("mo", open(1, "random", 600));
        f.run(an, new MarkRoomDone(true));
        assertThat(MeetingReport.markdown(MeetingRecord.of(f.events, f.now), ZoneOffset.UTC)).contains("- Done: yes");
    }
}
