package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A: the agenda")
class AgendaTest {

    private MeetingFixture f;

    @BeforeEach
    void setUp() {
        f = withModerator();
        f.participant("An");
        for (String title : new String[] {"one", "two", "three"}) {
            f.run("mo", new AddAgendaItem(title, 60, null, null));
        }
    }

    private String id(String title) {
        return f.itemId(title);
    }

    @Test
    @DisplayName("[A1] a new item is pending, plenary by default, at the end unless a position is given")
    void addAtEnd() {
        Outcome outcome = f.run("mo", new AddAgendaItem("  four ", 90, "break", null));
        Notice added = noticeOf(outcome, MeetingEvent.AgendaItemAdded.class);
        assertThat(added.name()).isEqualTo("agenda.added");
        assertThat(data(added.deliveries().get(0))).containsEntry("position", 3);
        assertThat(f.agendaTitles()).containsExactly("one", "two", "three", "four");
        MeetingView.AgendaItemView four = f.agenda().get(3);
        assertThat(four.kind()).isEqualTo("break");
        assertThat(four.durationSeconds()).isEqualTo(90);
        assertThat(four.status()).isEqualTo("pending");
        assertThat(four.startedAt()).isNull();
        assertThat(f.agenda().get(0).kind()).isEqualTo("plenary");
    }

    @Test
    @DisplayName("[A1] an item added at a position lands there; the others keep their order")
    void addAtPosition() {
        f.run("mo", new AddAgendaItem("first", 60, "breakout", 0));
        f.run("mo", new AddAgendaItem("middle", 60, null, 2));
        f.run("mo", new AddAgendaItem("last", 60, null, 5));
        assertThat(f.agendaTitles()).containsExactly("first", "one", "middle", "two", "three", "last");
    }

    @Test
    @DisplayName("[A1] title 1..200, durationSeconds 1..86400, kind plenary|breakout|break, position 0..count, else INVALID")
    void addFieldLimits() {
        assertThat(f.code("mo", new AddAgendaItem(null, 60, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("  ", 60, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t".repeat(201), 60, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 0, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 86401, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "lunch", null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, null, -1))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, null, 4))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new AddAgendaItem("t".repeat(200), 1, null, 3));
        f.run("mo", new AddAgendaItem("long", 86400, null, 0));
        assertThat(f.agenda()).hasSize(5);
    }

    @Test
    @DisplayName("[A2] update edits title, duration and kind; absent fields stay")
    void update() {
        f.run("mo", new UpdateAgendaItem(id("two"), " deux ", null, null));
        MeetingView.AgendaItemView two = f.agenda().get(1);
        assertThat(two.title()).isEqualTo("deux");
        assertThat(two.durationSeconds()).isEqualTo(60);
        assertThat(two.kind()).isEqualTo("plenary");
        f.run("mo", new UpdateAgendaItem(two.itemId(), null, 600, "breakout"));
        two = f.agenda().get(1);
        assertThat(two.title()).isEqualTo("deux");
        assertThat(two.durationSeconds()).isEqualTo(600);
        assertThat(two.kind()).isEqualTo("breakout");
    }

    @Test
    @DisplayName("[A2] update: unknown item NOT_FOUND, missing itemId and fields out of range INVALID")
    void updateRejections() {
        assertThat(f.code("mo", new UpdateAgendaItem("nope", "x", null, null))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new UpdateAgendaItem(null, "x", null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id("one"), "", null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id("one"), "x".repeat(201), null, null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id("one"), null, 0, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id("one"), null, 86401, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id("one"), null, null, "lunch"))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[A2] a running or done item may be edited; a running item's endsAt does not move")
    void updateRunningAndDone() {
        String one = id("one");
        f.run("mo", new StartAgendaItem(one));
        long endsAt = f.item(one).endsAt();
        f.run("mo", new UpdateAgendaItem(one, null, 3600, null));
        assertThat(f.item(one).durationSeconds()).isEqualTo(3600);
        assertThat(f.item(one).endsAt()).isEqualTo(endsAt);
        f.run("mo", new StopAgendaItem());
        f.run("mo", new UpdateAgendaItem(one, "een", null, null));
        assertThat(f.item(one).title()).isEqualTo("een");
        assertThat(f.item(one).status()).isEqualTo("done");
    }

    @Test
    @DisplayName("[A3] only pending items may be removed: running or done is CONFLICT, unknown NOT_FOUND")
    void remove() {
        f.run("mo", new RemoveAgendaItem(id("two")));
        assertThat(f.agendaTitles()).containsExactly("one", "three");
        f.run("mo", new StartAgendaItem(id("one")));
        assertThat(f.code("mo", new RemoveAgendaItem(id("one")))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartNextAgendaItem());
        assertThat(f.item(id("one")).status()).isEqualTo("done");
        assertThat(f.code("mo", new RemoveAgendaItem(id("one")))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new RemoveAgendaItem("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new RemoveAgendaItem(null))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[A4] move puts the item at toIndex and keeps the order of the others")
    void move() {
        f.run("mo", new AddAgendaItem("four", 60, null, null));
        f.run("mo", new MoveAgendaItem(id("one"), 2));
        assertThat(f.agendaTitles()).containsExactly("two", "three", "one", "four");
        f.run("mo", new MoveAgendaItem(id("four"), 0));
        assertThat(f.agendaTitles()).containsExactly("four", "two", "three", "one");
        f.run("mo", new MoveAgendaItem(id("two"), 3));
        assertThat(f.agendaTitles()).containsExactly("four", "three", "one", "two");
        assertThat(f.run("mo", new MoveAgendaItem(id("three"), 1)).isEmpty()).as("already there").isTrue();
    }

    @Test
    @DisplayName("[A4] move: toIndex 0..count-1 else INVALID; unknown item NOT_FOUND")
    void moveRejections() {
        assertThat(f.code("mo", new MoveAgendaItem(id("one"), -1))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new MoveAgendaItem(id("one"), 3))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new MoveAgendaItem(id("one"), null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new MoveAgendaItem("nope", 0))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new MoveAgendaItem(null, 0))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[A5] start runs a pending item until now + duration and ends the running one")
    void start() {
        f.run("mo", new StartAgendaItem(id("two")));
        MeetingView.AgendaItemView two = f.item(id("two"));
        assertThat(two.status()).isEqualTo("running");
        assertThat(two.startedAt()).isEqualTo(f.now);
        assertThat(two.endsAt()).isEqualTo(f.now + 60_000);
        assertThat(f.view(null).agenda().currentItemId()).isEqualTo(two.itemId());
        f.now += 10_000;
        Outcome outcome = f.run("mo", new StartAgendaItem(id("one")));
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("AgendaItemEnded", "AgendaItemStarted");
        assertThat(f.item(id("two")).status()).isEqualTo("done");
        assertThat(f.item(id("two")).endedAt()).isEqualTo(f.now);
        assertThat(f.view(null).agenda().currentItemId()).isEqualTo(id("one"));
        assertThat(f.agenda()).filteredOn(i -> i.status().equals("running")).hasSize(1);
    }

    @Test
    @DisplayName("[A5] start: a running or done item is CONFLICT, an unknown one NOT_FOUND")
    void startRejections() {
        f.run("mo", new StartAgendaItem(id("one")));
        assertThat(f.code("mo", new StartAgendaItem(id("one")))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartAgendaItem(id("two")));
        assertThat(f.code("mo", new StartAgendaItem(id("one")))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartAgendaItem("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new StartAgendaItem(null))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[A6] next ends the running item and starts the first pending one in agenda order")
    void next() {
        f.run("mo", new StartNextAgendaItem());
        assertThat(f.view(null).agenda().currentItemId()).isEqualTo(id("one"));
        f.run("mo", new StartAgendaItem(id("three")));
        f.run("mo", new StartNextAgendaItem());
        assertThat(f.view(null).agenda().currentItemId()).isEqualTo(id("two"));
        assertThat(f.item(id("three")).status()).isEqualTo("done");
    }

    @Test
    @DisplayName("[A6] next with nothing pending ends the running item; with nothing at all it is CONFLICT")
    void nextAtTheEnd() {
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new StartNextAgendaItem());
        Outcome last = f.run("mo", new StartNextAgendaItem());
        assertThat(last.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("AgendaItemEnded");
        assertThat(f.view(null).agenda().currentItemId()).isNull();
        assertThat(f.agenda()).allSatisfy(i -> assertThat(i.status()).isEqualTo("done"));
        assertThat(f.code("mo", new StartNextAgendaItem())).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[A7] extend moves the running item's endsAt later; 1..3600 else INVALID; nothing running is CONFLICT")
    void extend() {
        assertThat(f.code("mo", new ExtendAgendaItem(60))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartAgendaItem(id("one")));
        long endsAt = f.item(id("one")).endsAt();
        f.run("mo", new ExtendAgendaItem(120));
        assertThat(f.item(id("one")).endsAt()).isEqualTo(endsAt + 120_000);
        assertThat(f.code("mo", new ExtendAgendaItem(0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new ExtendAgendaItem(3601))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new ExtendAgendaItem(null))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new ExtendAgendaItem(3600));
        assertThat(f.item(id("one")).endsAt()).isEqualTo(endsAt + 3_720_000);
    }

    @Test
    @DisplayName("[A7] extending an overrun item clears its overtime; it overruns again at the new end")
    void extendClearsOvertime() {
        f.run("mo", new StartAgendaItem(id("one")));
        f.advance(60);
        assertThat(f.item(id("one")).overtime()).isTrue();
        f.run("mo", new ExtendAgendaItem(30));
        assertThat(f.item(id("one")).overtime()).isFalse();
        assertThat(f.advance(29).isEmpty()).isTrue();
        assertThat(eventsOf(f.advance(1), MeetingEvent.AgendaItemOverran.class)).hasSize(1);
    }

    @Test
    @DisplayName("[A8] stop ends the running item and none runs; nothing running is CONFLICT")
    void stop() {
        assertThat(f.code("mo", new StopAgendaItem())).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new StartAgendaItem(id("two")));
        f.now += 5000;
        f.run("mo", new StopAgendaItem());
        assertThat(f.view(null).agenda().currentItemId()).isNull();
        assertThat(f.item(id("two")).status()).isEqualTo("done");
        assertThat(f.item(id("two")).endedAt()).isEqualTo(f.now);
        assertThat(f.code("mo", new StopAgendaItem())).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[A9] an item never ends by itself: tick past endsAt emits AgendaItemOverran once")
    void overtime() {
        f.run("mo", new StartAgendaItem(id("one")));
        assertThat(f.advance(59).isEmpty()).isTrue();
        Outcome overran = f.advance(1);
        assertThat(overran.events()).containsExactly(new MeetingEvent.AgendaItemOverran(id("one"), f.now));
        Notice notice = noticeOf(overran, MeetingEvent.AgendaItemOverran.class);
        assertThat(notice.name()).isEqualTo("agenda.overtime");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsOnlyKeys("item").containsEntry("item", f.item(id("one")));
        });
        assertThat(f.item(id("one")).overtime()).isTrue();
        assertThat(f.item(id("one")).status()).isEqualTo("running");
        assertThat(f.advance(600).isEmpty()).as("only once").isTrue();
        assertThat(f.item(id("one")).status()).isEqualTo("running");
    }

    @Test
    @DisplayName("[A10] an item goes pending, running, done and keeps its actual times")
    void lifecycleTimes() {
        long start = f.now;
        f.run("mo", new StartAgendaItem(id("one")));
        f.advance(75);
        f.run("mo", new StopAgendaItem());
        MeetingView.AgendaItemView one = f.item(id("one"));
        assertThat(one.status()).isEqualTo("done");
        assertThat(one.startedAt()).isEqualTo(start);
        assertThat(one.endsAt()).isEqualTo(start + 60_000);
        assertThat(one.endedAt()).isEqualTo(start + 75_000);
        assertThat(one.overtime()).isTrue();
        assertThat(f.code("mo", new StartAgendaItem(id("one")))).isEqualTo(ErrorCode.CONFLICT);
    }
}
