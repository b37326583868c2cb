package io.kring.websocket;

import static io.kring.websocket.BreakoutScenarioTest.assertConsistent;
import static io.kring.websocket.BreakoutScenarioTest.room;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Issue 12 (protocol.md section 7) through the WebSocket and PostgreSQL: rooms say they are done ({@code room.done},
 * RD rules of docs/meeting-rules.md).
 */
@QuarkusTest
class RoomDoneSocketTest {

    @Test
    @DisplayName("[RD1, RD2, RD3, RD4] done and undone reach everyone once; CONFLICT outside a room, INVALID for a non-boolean; kept after the close, in the report, cleared by the next round")
    void roomDone() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            TestParticipant cy = m.participant("Cy");
            TestParticipant plenary = m.participant("Plenary");
            List<TestParticipant> all = List.of(mo, an, bo, cy, plenary);

            assertThat(an.error("room.done", "done", true).path("code").asText()).as("[RD1] no round").isEqualTo("CONFLICT");
            mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0, bo.id(), 0, cy.id(), 1));
            List<String> rooms = new ArrayList<>();
            for (TestParticipant socket : all) {
                JsonNode opened = socket.awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts");
                if (rooms.isEmpty()) {
                    opened.path("rooms").forEach(r -> rooms.add(r.path("roomId").asText()));
                }
                assertThat(opened.path("rooms").findValues("done")).as("a new round's rooms are not done")
                        .extracting(JsonNode::asBoolean).containsExactly(false, false);
            }

            assertThat(plenary.error("room.done", "done", true).path("code").asText()).as("[RD1] in the plenary")
                    .isEqualTo("CONFLICT");
            assertThat(mo.error("room.done", "done", true).path("code").asText()).as("[RD2] a moderator in the plenary")
                    .isEqualTo("CONFLICT");
            assertThat(an.error("room.done", "done", "yes").path("code").asText()).as("[RD1] a string").isEqualTo("INVALID");
            assertThat(an.error("room.done", "done", 1).path("code").asText()).as("[RD1] a number").isEqualTo("INVALID");
            assertThat(an.error("room.done").path("code").asText()).as("[RD1] no done").isEqualTo("INVALID");
            assertThat(room(Api.state(cy.who).path("breakouts"), rooms.get(0)).path("done").asBoolean())
                    .as("a rejected command changes nothing").isFalse();

            an.ack("room.done", "done", true);
            for (TestParticipant socket : all) {
                JsonNode data = socket.awaitEvent("room.done", d -> true).path("data");
                assertThat(data.path("roomId").asText()).isEqualTo(rooms.get(0));
                assertThat(data.path("done").isBoolean()).isTrue();
                assertThat(data.path("done").asBoolean()).isTrue();
            }
            for (TestParticipant socket : all) {
                JsonNode breakouts = Api.state(socket.who).path("breakouts");
                assertThat(room(breakouts, rooms.get(0)).path("done").asBoolean()).as("%s sees it", socket).isTrue();
                assertThat(room(breakouts, rooms.get(1)).path("done").asBoolean()).isFalse();
            }
            long seq = an.lastSeq();
            assertThat(bo.ack("room.done", "done", true).path("seq").asLong()).as("done already: nothing changes")
                    .isEqualTo(seq);

            bo.ack("room.done", "done", false);
            for (TestParticipant socket : all) {
                socket.awaitEvent("room.done", d -> !d.path("done").asBoolean());
                assertThat(socket.events("room.done")).as("one delivery per change to %s", socket).hasSize(2);
            }
            assertThat(room(Api.state(plenary.who).path("breakouts"), rooms.get(0)).path("done").asBoolean()).isFalse();

            mo.ack("breakout.join", "roomId", rooms.get(1));
            mo.ack("room.done", "done", true);
            for (TestParticipant socket : all) {
                socket.awaitEvent("room.done", d -> d.path("roomId").asText().equals(rooms.get(1)));
            }
            assertConsistent(mo, an, bo, cy, plenary);

            mo.ack("breakout.close", "graceSeconds", 0);
            for (TestParticipant socket : all) {
                socket.awaitEvent("breakouts.closed", d -> true);
            }
            JsonNode closed = Api.state(an.who).path("breakouts");
            assertThat(closed.path("status").asText()).isEqualTo("closed");
            assertThat(room(closed, rooms.get(0)).path("done").asBoolean()).isFalse();
            assertThat(room(closed, rooms.get(1)).path("done").asBoolean()).as("[RD3] kept after the close").isTrue();
            assertThat(cy.error("room.done", "done", false).path("code").asText()).as("after the close")
                    .isEqualTo("CONFLICT");

            JsonNode report = Api.json(RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + m.id() + "/report"), 200);
            JsonNode reported = report.path("breakoutRounds").get(0).path("rooms");
            assertThat(reported.findValues("done")).as("[RD4] the report says which room was done")
                    .extracting(JsonNode::asBoolean).containsExactly(false, true);
            String md = RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "md").when().get("/api/meetings/" + m.id() + "/report").asString();
            assertThat(md).containsSubsequence("#### Group 1", "- Done: no", "#### Group 2", "- Done: yes");

            mo.ack("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 600);
            for (TestParticipant socket : all) {
                socket.awaitEvent("breakouts.opened", d -> !d.path("breakouts").path("roundId").asText()
                        .equals(closed.path("roundId").asText()));
            }
            assertThat(Api.state(cy.who).path("breakouts").path("rooms").findValues("done"))
                    .as("[RD3] cleared by the next round").extracting(JsonNode::asBoolean).containsExactly(false, false);
            assertConsistent(mo, an, bo, cy, plenary);
        }
    }
}
