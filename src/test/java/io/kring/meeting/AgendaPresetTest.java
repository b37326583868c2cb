package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AP: agenda items with a description and a prepared round")
class AgendaPresetTest {

    private static final OpenBreakouts TWO_RANDOM = new OpenBreakouts(2, "random", null, 30,
            List.of("Kansen", "Zorgen"), null);
    private static final OpenBreakouts NONE = new OpenBreakouts(null, null, null, null, null, null, null);

    private MeetingFixture f;
    private String an;
    private String bo;

    @BeforeEach
    void setUp() {
        f = withModerator();
        an = f.participant("An");
        bo = f.participant("Bo");
    }

    private String add(String title, int seconds, String kind, String description, OpenBreakouts breakout) {
        f.run("mo", new AddAgendaItem(title, seconds, kind, null, description, breakout));
        return f.itemId(title);
    }

    private static OpenBreakouts manual(Map<String, Integer> assignments) {
        return new OpenBreakouts(2, "manual", null, null, null, assignments);
    }

    @Test
    @DisplayName("[AP1, AP2] agenda.add stores a multi-line description and the prepared round, without a duration")
    void addStores() {
        String id = add("Groepswerk", 900, "breakout", "  Eerst alleen,\nDan samen.  ",
                new OpenBreakouts(2, "random", 600, 30, List.of("Kansen", "Zorgen"), null));
        MeetingView.AgendaItemView item = f.item(id);
        assertThat(item.description()).isEqualTo("Eerst alleen,\nDan samen.");
        assertThat(item.breakout()).containsEntry("roomCount", 2).containsEntry("strategy", "random")
                .containsEntry("graceSeconds", 30).containsEntry("topics", List.of("Kansen", "Zorgen"))
                .doesNotContainKey("durationSeconds");
        Notice added = noticeOf(f.outcomes.get(f.outcomes.size() - 1), MeetingEvent.AgendaItemAdded.class);
        assertThat(((MeetingView.AgendaItemView) data(added.deliveries().get(0)).get("item")).breakout())
                .isEqualTo(item.breakout());
        String plain = add("Welkom", 60, null, null, null);
        assertThat(f.item(plain).description()).isEmpty();
        assertThat(f.item(plain).breakout()).isNull();
    }

    @Test
    @DisplayName("[AP1, M1] a meeting is created with descriptions and prepared rounds")
    void creation() {
        MeetingFixture g = meeting(List.of(new Meeting.AgendaItemPlan("Welkom", 300, null, "Koffie\nen thee", null),
                new Meeting.AgendaItemPlan("Groepswerk", 900, "breakout", "", TWO_RANDOM)));
        assertThat(g.agenda().get(0).description()).isEqualTo("Koffie\nen thee");
        assertThat(g.agenda().get(0).breakout()).isNull();
        assertThat(g.agenda().get(1).breakout()).containsEntry("roomCount", 2);
        assertThat(catchRejected(() -> meeting(List.of(
                new Meeting.AgendaItemPlan("Welkom", 300, "plenary", null, TWO_RANDOM))))).isEqualTo(ErrorCode.INVALID);
        assertThat(catchRejected(() -> meeting(List.of(new Meeting.AgendaItemPlan("Welkom", 300, "breakout", null,
                new OpenBreakouts(0, "random", null, null, null, null)))))).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[AP1, CALL4] a prepared round's call links are not in anyone's agenda; the round's rooms get them when it opens")
    void preparedCallLinksStayHidden() {
        String url = "https://meet.example/Kring-prepared-room-one";
        String id = add("Gesprek", 600, "breakout", null,
                new OpenBreakouts(2, "random", null, null, null, null, List.of(url)));
        assertThat(f.item(id).breakout()).containsEntry("roomCount", 2).doesNotContainKey("callUrls");
        Notice added = noticeOf(f.outcomes.get(f.outcomes.size() - 1), MeetingEvent.AgendaItemAdded.class);
        assertThat(((MeetingView.AgendaItemView) data(added.deliveries().get(0)).get("item")).breakout())
                .doesNotContainKey("callUrls");
        f.run("mo", new StartAgendaItem(id));
        assertThat(f.breakouts("mo").rooms().get(0).callUrl()).isEqualTo(url);
    }

    private static ErrorCode catchRejected(Runnable creation) {
        try {
            creation.run();
        } catch (Rejected e) {
            return e.code();
        }
        return null;
    }

    @Test
    @DisplayName("[AP2, AP3] a preset on another kind, a bad strategy, roomCount out of range, a long description: INVALID")
    void refusals() {
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "plenary", null, null, TWO_RANDOM)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, null, null, null, TWO_RANDOM))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(2, "alphabetical", null, null, null, null)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(2, null, null, null, null, null)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(51, "random", null, null, null, null)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(1, "random", null, null, List.of("a", "b"), null)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(2, "random", null, null, null, Map.of(an, 0))))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                manual(Map.of(an, 2))))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, "breakout", null, null,
                new OpenBreakouts(2, "random", null, null, null, null, List.of("http://insecure.example")))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 14_401, "breakout", null, null, TWO_RANDOM)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, null, null, "d".repeat(2001), null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddAgendaItem("t", 60, null, null, "bell\u0007", null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(an, new AddAgendaItem("t", 60, "breakout", null, null, TWO_RANDOM)))
                .isEqualTo(ErrorCode.FORBIDDEN);
        add("Lang", 60, null, "d".repeat(2000), null);
        assertThat(f.item(f.itemId("Lang")).description()).hasSize(2000);
    }

    @Test
    @DisplayName("[AP4] update: absent fields stay, \"\" clears the description, {} clears the round, a new kind drops it")
    void update() {
        String id = add("Groepswerk", 900, "breakout", "Uitleg", TWO_RANDOM);
        f.run("mo", new UpdateAgendaItem(id, "Groepen", null, null));
        assertThat(f.item(id).description()).isEqualTo("Uitleg");
        assertThat(f.item(id).breakout()).containsEntry("roomCount", 2);

        f.run("mo", new UpdateAgendaItem(id, null, null, null, "", manual(Map.of(an, 0, bo, 1))));
        assertThat(f.item(id).description()).isEmpty();
        assertThat(f.item(id).breakout()).containsEntry("strategy", "manual")
                .containsEntry("assignments", Map.of(an, 0, bo, 1));

        f.run("mo", new UpdateAgendaItem(id, null, null, null, null, NONE));
        assertThat(f.item(id).breakout()).isNull();

        f.run("mo", new UpdateAgendaItem(id, null, null, null, null, TWO_RANDOM));
        assertThat(f.code("mo", new UpdateAgendaItem(id, null, null, "plenary", null, TWO_RANDOM)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id, null, 14_401, null, null, null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new UpdateAgendaItem(id, null, null, null, null,
                new OpenBreakouts(0, "random", null, null, null, null)))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new UpdateAgendaItem(id, null, null, "plenary"));
        assertThat(f.item(id).breakout()).isNull();
        f.run("mo", new UpdateAgendaItem(id, null, null, "breakout"));
        assertThat(f.item(id).breakout()).as("a dropped round does not come back").isNull();
    }

    @Test
    @DisplayName("[AP4] an update without breakout keeps the round's hosts and assignments; a given breakout replaces the round whole")
    void updateKeepsHostsAndAssignments() {
        OpenBreakouts hosted = new OpenBreakouts(2, "manual", null, 0, null, Map.of(an, 0, bo, 1), null, null, null,
                Map.of("1", bo), null);
        String id = add("Groepswerk", 900, "breakout", "Uitleg", hosted);
        f.run("mo", new UpdateAgendaItem(id, "Groepen", 600, "breakout", "Nieuwe uitleg", null));
        assertThat(f.item(id).breakout()).containsEntry("hosts", Map.of("1", bo))
                .containsEntry("assignments", Map.of(an, 0, bo, 1)).containsEntry("strategy", "manual");

        f.run("mo", new StartAgendaItem(id));
        assertThat(f.roomOf(an)).isEqualTo(f.roomIds().get(0));
        assertThat(f.breakouts("mo").rooms().get(1).hostId()).as("the kept host hosts its room").isEqualTo(bo);
        f.run("mo", new CloseBreakouts(0));

        String next = add("Wereldcafé", 600, "breakout", null, new OpenBreakouts(2, "rotate", null, 0, null, null, null,
                null, null, Map.of("0", an), null));
        f.run("mo", new UpdateAgendaItem(next, null, null, null, null, new OpenBreakouts(2, "rotate", null, 0, null,
                null, null, null, null, Map.of("1", an), null)));
        assertThat(f.item(next).breakout()).containsEntry("hosts", Map.of("1", an));
        f.run("mo", new UpdateAgendaItem(next, null, null, null, null, new OpenBreakouts(2, "rotate", null, 0, null,
                null, null)));
        assertThat(f.item(next).breakout()).as("a given round is the whole round").containsEntry("hosts", null);
    }

    private List<String> storedCallUrls(Outcome update) {
        return eventsOf(update, MeetingEvent.AgendaItemUpdated.class).get(0).breakout().callUrls();
    }

    @Test
    @DisplayName("[AP4, CALL4] a round given again without callUrls keeps its hidden links, cut to fewer rooms; the event carries them")
    void updateKeepsHiddenCallLinks() {
        List<String> urls = List.of("https://meet.example/Kring-kept-room-one",
                "https://meet.example/Kring-kept-room-two", "https://meet.example/Kring-kept-room-three");
        String id = add("Gesprek", 600, "breakout", null,
                new OpenBreakouts(3, "random", null, null, null, null, urls));

        Outcome retitled = f.run("mo", new UpdateAgendaItem(id, "Gesprekken", null, null, null,
                new OpenBreakouts(3, "mixOrganisations", null, 0, List.of("Kansen"), null)));
        assertThat(storedCallUrls(retitled)).as("what the agenda dialog sends back").isEqualTo(urls);
        assertThat(f.item(id).breakout()).containsEntry("strategy", "mixOrganisations").doesNotContainKey("callUrls");

        Outcome fewer = f.run("mo", new UpdateAgendaItem(id, null, null, null, null,
                new OpenBreakouts(2, "random", null, 0, null, null)));
        assertThat(storedCallUrls(fewer)).as("one link per room").isEqualTo(urls.subList(0, 2));
        Outcome described = f.run("mo", new UpdateAgendaItem(id, null, 900, null, "Uitleg", null));
        assertThat(storedCallUrls(described)).isEqualTo(urls.subList(0, 2));
        assertThat(f.replayed().viewFor("mo", f.now).agenda()).isEqualTo(f.view("mo").agenda());

        f.run("mo", new StartAgendaItem(id));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl)
                .containsExactlyElementsOf(urls.subList(0, 2));
    }

    @Test
    @DisplayName("[AP4, CALL3] callUrls given replace the hidden links, [] clears them; by group size they are kept whole")
    void updateReplacesOrClearsCallLinks() {
        String first = "https://meet.example/Kring-first-prepared-room";
        String other = "https://meet.example/Kring-other-prepared-room";
        String id = add("Gesprek", 600, "breakout", null,
                new OpenBreakouts(2, "random", null, null, null, null, List.of(first, other)));
        Outcome replaced = f.run("mo", new UpdateAgendaItem(id, null, null, null, null,
                new OpenBreakouts(2, "random", null, null, null, null, List.of(other))));
        assertThat(storedCallUrls(replaced)).containsExactly(other);
        Outcome cleared = f.run("mo", new UpdateAgendaItem(id, null, null, null, null,
                new OpenBreakouts(2, "random", null, null, null, null, List.of())));
        assertThat(storedCallUrls(cleared)).isEmpty();
        Outcome regiven = f.run("mo", new UpdateAgendaItem(id, "Gesprek", null, null, null,
                new OpenBreakouts(2, "random", null, null, null, null)));
        assertThat(storedCallUrls(regiven)).as("cleared links do not come back").isEmpty();
        f.run("mo", new StartAgendaItem(id));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::callUrl).containsOnlyNulls();
        f.run("mo", new CloseBreakouts(0));

        String pairs = add("Twee aan twee", 600, "breakout", null,
                new OpenBreakouts(2, "random", null, 0, null, null, List.of(first, other)));
        Outcome bySize = f.run("mo", new UpdateAgendaItem(pairs, null, null, null, null,
                new OpenBreakouts(null, "random", null, 0, null, null, null, 2, null, null, null)));
        assertThat(storedCallUrls(bySize)).as("the room count is known only at the open").containsExactly(first, other);
        f.run("mo", new UpdateAgendaItem(pairs, null, null, null, null, NONE));
        Outcome fresh = f.run("mo", new UpdateAgendaItem(pairs, null, null, null, null, TWO_RANDOM));
        assertThat(storedCallUrls(fresh)).as("a cleared round takes its links with it").isNull();
    }

    @Test
    @DisplayName("[AP5] agenda.start opens the prepared round with the item's duration, agenda events first")
    void startOpens() {
        String id = add("Groepswerk", 900, "breakout", null, TWO_RANDOM);
        Outcome outcome = f.run("mo", new StartAgendaItem(id));
        assertThat(outcome.emitted().stream().map(e -> e.event().getClass().getSimpleName()))
                .containsExactly("AgendaItemStarted", "BreakoutsOpened");
        MeetingView.Breakouts round = f.breakouts("mo");
        assertThat(round.status()).isEqualTo("open");
        assertThat(round.strategy()).isEqualTo("random");
        assertThat(round.durationSeconds()).isEqualTo(900);
        assertThat(round.endsAt()).isEqualTo(f.item(id).endsAt()).isEqualTo(f.now + 900_000);
        assertThat(round.graceSeconds()).isEqualTo(30);
        assertThat(round.rooms()).extracting(MeetingView.RoomView::topic).containsExactly("Kansen", "Zorgen");
        assertThat(round.rooms()).flatExtracting(MeetingView.RoomView::participantIds).containsExactlyInAnyOrder(an, bo);
    }

    @Test
    @DisplayName("[AP5] agenda.next ends the running item, starts the next and opens its round; an item without one opens none")
    void nextOpens() {
        add("Welkom", 300, null, null, null);
        String groups = add("Groepswerk", 600, "breakout", null, manual(Map.of(an, 1, bo, 0)));
        String free = add("Vrij", 600, "breakout", null, null);
        assertThat(f.run("mo", new StartNextAgendaItem()).emitted()).hasSize(1);
        assertThat(f.breakouts("mo").roundId()).isNull();
        Outcome next = f.run("mo", new StartNextAgendaItem());
        assertThat(next.emitted().stream().map(e -> e.event().getClass().getSimpleName()))
                .containsExactly("AgendaItemEnded", "AgendaItemStarted", "BreakoutsOpened");
        assertThat(f.item(groups).status()).isEqualTo("running");
        assertThat(f.roomOf(an)).isEqualTo(f.roomIds().get(1));
        assertThat(f.roomOf(bo)).isEqualTo(f.roomIds().get(0));
        assertThat(f.breakouts("mo").durationSeconds()).isEqualTo(600);

        f.run("mo", new CloseBreakouts(0));
        Outcome third = f.run("mo", new StartNextAgendaItem());
        assertThat(eventsOf(third, MeetingEvent.BreakoutsOpened.class)).isEmpty();
        assertThat(f.item(free).status()).isEqualTo("running");
        assertThat(f.breakouts("mo").status()).isEqualTo("closed");
    }

    @Test
    @DisplayName("[AP2, AP5, GM1, GM4] a prepared 1-2-4-All: pairs by group size, then fours merging whole pairs")
    void preparedOneTwoFourAll() {
        String cy = f.participant("Cy");
        String di = f.participant("Di");
        String pairs = add("Twee aan twee", 300, "breakout", null,
                new OpenBreakouts(null, "random", null, 0, null, null, null, 2, null, null, null));
        String fours = add("Vier samen", 600, "breakout", null,
                new OpenBreakouts(null, "merge", null, 0, null, null, null, 4, null, null, null));
        assertThat(f.item(pairs).breakout()).containsEntry("groupSize", 2).containsEntry("strategy", "random");
        assertThat(f.code("mo", new AddAgendaItem("Fout", 60, "breakout", null, null,
                new OpenBreakouts(2, "merge", null, 0, null, null, null, 2, null, null, null))))
                .as("both roomCount and groupSize").isEqualTo(ErrorCode.INVALID);

        f.run("mo", new StartAgendaItem(pairs));
        assertThat(f.roomIds()).hasSize(2);
        java.util.Set<java.util.Set<String>> pairRooms = new java.util.HashSet<>();
        for (String roomId : f.roomIds()) {
            pairRooms.add(java.util.Set.copyOf(java.util.stream.Stream.of(an, bo, cy, di)
                    .filter(p -> roomId.equals(f.roomOf(p))).toList()));
        }
        assertThat(pairRooms).allSatisfy(room -> assertThat(room).hasSize(2));
        f.run("mo", new CloseBreakouts(0));

        Outcome next = f.run("mo", new StartNextAgendaItem());
        assertThat(eventsOf(next, MeetingEvent.BreakoutsOpened.class)).hasSize(1);
        assertThat(f.item(fours).status()).isEqualTo("running");
        assertThat(f.roomIds()).hasSize(1);
        assertThat(java.util.stream.Stream.of(an, bo, cy, di).map(f::roomOf).distinct()).hasSize(1);
        assertThat(f.breakouts("mo").durationSeconds()).isEqualTo(600);
    }

    @Test
    @DisplayName("[AP5] CONFLICT and nothing changes when a round is open or closing")
    void conflictWhileRoundActive() {
        add("Welkom", 300, null, null, null);
        String id = add("Groepswerk", 600, "breakout", null, TWO_RANDOM);
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", open(2, "selfSelect", 300, 60));
        assertThat(f.code("mo", new StartAgendaItem(id))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new StartNextAgendaItem())).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(60));
        assertThat(f.breakouts("mo").status()).isEqualTo("closing");
        assertThat(f.code("mo", new StartNextAgendaItem())).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.item(id).status()).isEqualTo("pending");
        f.advance(60);
        f.run("mo", new StartNextAgendaItem());
        assertThat(f.item(id).status()).isEqualTo("running");
        assertThat(f.breakouts("mo").status()).isEqualTo("open");
    }

    @Test
    @DisplayName("[AP5] a round that cannot open (manual assignment to a removed participant) refuses the start whole")
    void startFailsAtomically() {
        String id = add("Groepswerk", 600, "breakout", null, manual(Map.of(an, 0, bo, 1)));
        f.run("mo", new RemoveParticipant(bo));
        assertThat(f.code("mo", new StartAgendaItem(id))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new StartNextAgendaItem())).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.item(id).status()).isEqualTo("pending");
        f.run("mo", new UpdateAgendaItem(id, null, null, null, null, manual(Map.of(an, 0))));
        f.run("mo", new StartAgendaItem(id));
        assertThat(f.roomOf(an)).isEqualTo(f.roomIds().get(0));
    }

    @Test
    @DisplayName("[AP5, P1] the events of a prepared sequence replay to the same meeting, deadlines included")
    void replays() {
        add("Welkom", 300, null, "Koffie", null);
        add("Ronde 1", 600, "breakout", "Met z'n tweeën", TWO_RANDOM);
        add("Ronde 2", 600, "breakout", null, manual(Map.of(an, 0, bo, 1)));
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new StartNextAgendaItem());
        f.advance(120);
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor("mo", f.now).agenda()).isEqualTo(f.view("mo").agenda());
        assertThat(replayed.viewFor("mo", f.now).breakouts()).isEqualTo(f.view("mo").breakouts());
        assertThat(replayed.nextDeadline()).isEqualTo(f.meeting.nextDeadline());
    }
}
