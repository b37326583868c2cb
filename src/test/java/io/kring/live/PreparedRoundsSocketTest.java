package io.kring.live;

import static io.kring.testing.TestParticipant.isEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kring.testing.Api;
import io.kring.testing.Evictions;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12 through the real stack: a run of show prepared at creation (AP1..AP5 of docs/meeting-rules.md,
 * protocol.md section 7): read back over REST, started over the WebSocket (the agenda's events, then the
 * round's), refused while a round is open, and continued after the meeting left memory and was loaded again
 * from PostgreSQL.
 */
@QuarkusTest
class PreparedRoundsSocketTest {

    @Inject
    Evictions evictions;
    @Inject
    Broadcaster connections;

    private static Map<String, Object> item(String title, int seconds, String kind, String description,
            Map<String, Object> breakout) {
        Map<String, Object> row = new LinkedHashMap<>(Api.item(title, seconds));
        row.put("kind", kind);
        if (description != null) {
            row.put("description", description);
        }
        if (breakout != null) {
            row.put("breakout", breakout);
        }
        return row;
    }

    private static List<Map<String, Object>> runOfShow() {
        return List.of(item("Check-in", 600, "plenary", "Name, organisation\nand one hope", null),
                item("In pairs", 3600, "breakout", "Two rooms, at random",
                        Map.of("roomCount", 2, "strategy", "random", "topics", List.of("Hopes", "Fears"),
                                "durationSeconds", 5, "graceSeconds", 0)),
                item("Choose a table", 3600, "breakout", null,
                        Map.of("roomCount", 3, "strategy", "selfSelect", "topics", List.of("Food", "Care", "Work"))));
    }

    @Test
    @DisplayName("[AP1, M1] POST /api/meetings takes descriptions and prepared rounds; /state shows them; a round on a plenary item is 400")
    void createdAndReadBack() {
        try (TestMeeting m = TestMeeting.create("en", runOfShow())) {
            TestParticipant mo = m.moderator("Mo");
            JsonNode items = Api.state(mo.who).path("agenda").path("items");
            assertThat(items.get(0).path("description").asText()).isEqualTo("Name, organisation\nand one hope");
            assertThat(items.get(0).path("breakout").isNull()).isTrue();
            JsonNode pairs = items.get(1).path("breakout");
            assertThat(pairs.path("roomCount").asInt()).isEqualTo(2);
            assertThat(pairs.path("strategy").asText()).isEqualTo("random");
            assertThat(pairs.path("topics").get(1).asText()).isEqualTo("Fears");
            assertThat(pairs.has("durationSeconds")).as("the item's duration is used").isFalse();
            assertThat(items.get(2).path("description").asText()).isEmpty();
            assertThat(mo.welcome().path("state").path("agenda")).isEqualTo(Api.state(mo.who).path("agenda"));
        }
        JsonNode refused = Api.json(Api.postJson("/api/meetings", Map.of("title", "Wrong", "agenda",
                List.of(item("Plenary", 600, "plenary", null, Map.of("roomCount", 2, "strategy", "random"))))), 400);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID");
        Api.json(Api.postJson("/api/meetings", Map.of("title", "Wrong", "agenda",
                List.of(item("Groups", 600, "breakout", null, Map.of("roomCount", 51, "strategy", "random"))))), 400);
    }

    @Test
    @DisplayName("[AP5, P2] agenda.next opens the prepared round after the agenda's events; CONFLICT while it is open; after a reload from the store the sequence goes on")
    void preparedSequenceSurvivesAReload() {
        String meetingId;
        Api.Joined moderator;
        List<Api.Joined> joined = new ArrayList<>();
        String pairsRoundId;
        try (TestMeeting m = TestMeeting.create("en", runOfShow())) {
            meetingId = m.id();
            TestParticipant mo = m.moderator("Mo");
            moderator = mo.who;
            List<TestParticipant> people = new ArrayList<>();
            for (String name : List.of("An", "Bo", "Cy", "Di")) {
                TestParticipant p = m.participant(name);
                people.add(p);
                joined.add(p.who);
            }
            JsonNode first = mo.ack("agenda.next");
            assertThat(first.path("seq").asLong()).isPositive();

            int from = mo.mark();
            JsonNode second = mo.ack("agenda.next");
            JsonNode opened = mo.awaitEvent(from, "breakouts.opened", d -> true);
            List<JsonNode> events = mo.framesSince(from).stream().filter(f -> f.path("type").asText().equals("event"))
                    .toList();
            assertThat(events.stream().map(f -> f.path("name").asText()).toList())
                    .as("the agenda's events first, then the round's, one command")
                    .containsSubsequence("agenda.ended", "agenda.started", "breakouts.opened");
            JsonNode started = events.stream().filter(f -> isEvent(f, "agenda.started")).findFirst().orElseThrow();
            assertThat(opened.path("seq").asLong()).isEqualTo(started.path("seq").asLong() + 1);
            assertThat(second.path("seq").asLong()).isEqualTo(opened.path("seq").asLong());
            JsonNode round = opened.path("data").path("breakouts");
            JsonNode runningItem = started.path("data").path("item");
            assertThat(runningItem.path("title").asText()).isEqualTo("In pairs");
            assertThat(round.path("durationSeconds").asInt()).isEqualTo(3600);
            assertThat(round.path("endsAt").asLong()).isEqualTo(runningItem.path("endsAt").asLong());
            assertThat(round.path("graceSeconds").asInt()).isZero();
            assertThat(round.path("rooms").findValuesAsText("topic")).containsExactly("Hopes", "Fears");
            assertThat(round.path("rooms").findValues("participantIds").stream().mapToInt(JsonNode::size).sum())
                    .isEqualTo(4);
            pairsRoundId = round.path("roundId").asText();
            for (TestParticipant p : people) {
                p.awaitEvent("breakouts.opened", d -> true);
            }
            SnapshotModel.assertMatchesServer(mo, people.get(0), people.get(1));

            JsonNode conflict = mo.error("agenda.next");
            assertThat(conflict.path("code").asText()).isEqualTo("CONFLICT");
            assertThat(Api.state(mo.who).path("agenda").path("items").get(2).path("status").asText())
                    .isEqualTo("pending");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !connections.hasConnections(meetingId));
        evictions.awaitLeavesMemory(meetingId);

        try (TestMeeting m = TestMeeting.of(new Api.Created(meetingId, "", "", "", ""))) {
            TestParticipant mo = m.connect(moderator);
            JsonNode state = mo.welcome().path("state");
            assertThat(state.path("agenda").path("items").get(1).path("status").asText()).isEqualTo("running");
            assertThat(state.path("breakouts").path("roundId").asText()).isEqualTo(pairsRoundId);
            assertThat(state.path("breakouts").path("status").asText()).isEqualTo("open");
            assertThat(state.path("agenda").path("items").get(2).path("breakout").path("strategy").asText())
                    .isEqualTo("selfSelect");
            TestParticipant an = m.connect(joined.get(0));

            assertThat(mo.error("agenda.next").path("code").asText()).isEqualTo("CONFLICT");
            mo.ack("breakout.close", "graceSeconds", 0);
            int from = mo.mark();
            mo.ack("agenda.next");
            JsonNode opened = mo.awaitEvent(from, "breakouts.opened", d -> true).path("data").path("breakouts");
            assertThat(opened.path("strategy").asText()).isEqualTo("selfSelect");
            assertThat(opened.path("rooms").findValuesAsText("topic")).containsExactly("Food", "Care", "Work");
            assertThat(opened.path("durationSeconds").asInt()).isEqualTo(3600);
            assertThat(Api.state(mo.who).path("agenda").path("items").get(2).path("status").asText())
                    .isEqualTo("running");
            an.awaitEvent("breakouts.opened", d -> d.path("breakouts").path("strategy").asText().equals("selfSelect"));
            SnapshotModel.assertMatchesServer(mo, an);
        }
    }

    @Test
    @DisplayName("[AP4, CALL4] editing a prepared round without callUrls keeps its hidden links, [] clears them; both survive a reload from the store")
    void editedRoundKeepsItsCallLinks() {
        String first = "https://meet.example.org/Kring-prepared-room-one";
        String second = "https://meet.example.org/Kring-prepared-room-two";
        Map<String, Object> linked = Map.of("roomCount", 2, "strategy", "random", "callUrls", List.of(first, second));
        String meetingId;
        Api.Joined moderator;
        Api.Joined participant;
        try (TestMeeting m = TestMeeting.create("en", List.of(item("Talk", 600, "breakout", null, linked),
                item("Talk again", 600, "breakout", null, linked)))) {
            meetingId = m.id();
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            participant = an.who;
            moderator = mo.who;
            JsonNode items = mo.welcome().at("/state/agenda/items");

            // the agenda dialog sends back the round it was shown, which has no callUrls
            ObjectNode kept = (ObjectNode) items.get(0).path("breakout").deepCopy();
            assertThat(kept.has("callUrls")).isFalse();
            kept.put("strategy", "mixOrganisations");
            mo.ack("agenda.update", "itemId", items.get(0).path("itemId").asText(), "title", "Talk in pairs",
                    "breakout", kept);
            ObjectNode cleared = (ObjectNode) items.get(1).path("breakout").deepCopy();
            cleared.putArray("callUrls");
            mo.ack("agenda.update", "itemId", items.get(1).path("itemId").asText(), "breakout", cleared);
            an.awaitEvent("agenda.updated", d -> d.at("/item/title").asText().equals("Talk again"));
            assertThat(an.frames().toString()).doesNotContain(first).doesNotContain(second);
            assertThat(Api.state(mo.who).at("/agenda/items/0/breakout/strategy").asText())
                    .isEqualTo("mixOrganisations");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !connections.hasConnections(meetingId));
        evictions.awaitLeavesMemory(meetingId);

        try (TestMeeting m = TestMeeting.of(new Api.Created(meetingId, "", "", "", ""))) {
            TestParticipant mo = m.connect(moderator);
            TestParticipant an = m.connect(participant);
            int from = mo.mark();
            mo.ack("agenda.next");
            JsonNode rooms = mo.awaitEvent(from, "breakouts.opened", d -> true).at("/data/breakouts/rooms");
            assertThat(rooms.findValuesAsText("callUrl")).as("the prepared links, kept through the edit")
                    .containsExactly(first, second);
            JsonNode anRooms = an.awaitEvent("breakouts.opened", d -> true).at("/data/breakouts/rooms");
            String anRoom = Api.state(an.who).at("/you/roomId").asText();
            for (JsonNode room : anRooms) {
                assertThat(room.path("callUrl").isNull()).as("CALL5: only An's own room's link")
                        .isEqualTo(!room.path("roomId").asText().equals(anRoom));
            }
            mo.ack("breakout.close", "graceSeconds", 0);

            from = mo.mark();
            mo.ack("agenda.next");
            JsonNode again = mo.awaitEvent(from, "breakouts.opened", d -> true).at("/data/breakouts/rooms");
            assertThat(again).hasSize(2);
            for (JsonNode room : again) {
                assertThat(room.path("callUrl").isNull()).as("[] cleared the prepared links").isTrue();
            }
            SnapshotModel.assertMatchesServer(mo, an);
        }
    }
}
