package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The physical room (protocol.md section 7, PR rules of docs/meeting-rules.md) through HTTP, the WebSocket and
 * PostgreSQL: attendance at join, participant.add, a hand raised and an insight added on someone's behalf.
 */
@QuarkusTest
class PhysicalRoomScenarioTest {

    private static Response join(String meetingId, String name, Object attendance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("attendance", attendance);
        return Api.postJson("/api/meetings/" + meetingId + "/participants", body);
    }

    private static JsonNode person(JsonNode snapshot, String participantId) {
        for (JsonNode p : snapshot.path("participants")) {
            if (p.path("participantId").asText().equals(participantId)) {
                return p;
            }
        }
        throw new AssertionError("no participant " + participantId + " in " + snapshot);
    }

    @Test
    @DisplayName("[PR5] join with attendance: online by default, inRoom kept in the snapshot, bogus or a number INVALID")
    void attendanceAtJoin() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            JsonNode inRoom = Api.json(join(m.id(), "Zaal", "inRoom"), 201);
            JsonNode online = Api.json(join(m.id(), "Thuis", "online"), 201);
            Api.Joined plain = m.join("Gewoon");
            JsonNode state = m.freshState(mo.who);
            assertThat(person(state, inRoom.path("participantId").asText()).path("attendance").asText()).isEqualTo("inRoom");
            assertThat(person(state, online.path("participantId").asText()).path("attendance").asText()).isEqualTo("online");
            assertThat(person(state, plain.participantId()).path("attendance").asText()).isEqualTo("online");
            assertThat(person(state, mo.who.participantId()).path("attendance").asText()).isEqualTo("online");

            for (Object bad : new Object[] {"bogus", 1, true, "INROOM"}) {
                Response refused = join(m.id(), "Fout", bad);
                assertThat(refused.statusCode()).as("attendance %s", bad).isEqualTo(400);
                assertThat(refused.jsonPath().getString("error.code")).isEqualTo("INVALID");
            }
            assertThat(Api.meeting(m.id()).path("participantCount").asInt()).as("nothing changed").isEqualTo(4);
        }
    }

    @Test
    @DisplayName("[PR2, PR3] participant.add: participant.joined inRoom; INVALID empty name; a participant's onBehalfOf FORBIDDEN; the moderator raises their hand")
    void addAndRaiseOnBehalf() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");

            mo.ack("participant.add", "name", "Els", "organisation", "OCMW");
            JsonNode joined = an.awaitEvent("participant.joined", d -> d.path("participant").path("name").asText()
                    .equals("Els")).path("data").path("participant");
            String els = joined.path("participantId").asText();
            assertThat(joined.path("attendance").asText()).isEqualTo("inRoom");
            assertThat(joined.path("organisation").asText()).isEqualTo("OCMW");
            assertThat(joined.path("role").asText()).isEqualTo("participant");
            assertThat(joined.has("token")).isFalse();

            assertThat(mo.error("participant.add", "name", "").path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("participant.add", "name", 5).path("code").asText()).isEqualTo("INVALID");
            assertThat(an.error("participant.add", "name", "Jan").path("code").asText()).isEqualTo("FORBIDDEN");

            assertThat(an.error("hand.raise", "onBehalfOf", els).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(mo.error("hand.raise", "onBehalfOf", "nobody00").path("code").asText()).isEqualTo("NOT_FOUND");
            mo.ack("hand.raise", "kind", "reply", "onBehalfOf", els);
            JsonNode raised = an.awaitEvent("hand.raised", d -> true).path("data");
            assertThat(raised.toString()).contains(els).contains("reply");
            JsonNode queue = m.freshState(an.who).path("queue").path("hands");
            assertThat(queue).hasSize(1);
            assertThat(queue.get(0).path("participantId").asText()).isEqualTo(els);
            assertThat(person(m.freshState(an.who), els).path("attendance").asText()).isEqualTo("inRoom");
        }
    }

    @Test
    @DisplayName("[PR1, PR4] random assigns a device-less person to a room; a moderator adds an insight to it")
    void deviceLessPersonGetsARoom() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            m.join("Offline");
            mo.ack("participant.add", "name", "Els");
            String els = mo.awaitEvent("participant.joined", d -> d.path("participant").path("name").asText()
                    .equals("Els")).path("data").path("participant").path("participantId").asText();

            assertThat(mo.error("insight.add", "text", "te vroeg", "roomId", "room0000").path("code").asText())
                    .as("no round open").isEqualTo("CONFLICT");
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 600);
            JsonNode room = m.freshState(mo.who).path("breakouts").path("rooms").get(0);
            assertThat(room.path("participantIds").toString()).contains(els).contains(an.who.participantId());
            assertThat(room.path("participantIds")).hasSize(2);

            JsonNode groups = Api.json(io.restassured.RestAssured.given().get("/api/meetings/" + m.id() + "/display"),
                    200).path("groups");
            assertThat(groups).as("an in-person meeting shows its groups on the projector").hasSize(1);
            assertThat(groups.get(0).path("members").toString()).contains("Els").contains("An")
                    .doesNotContain(els);

            String roomId = room.path("roomId").asText();
            assertThat(an.error("insight.add", "text", "namens", "roomId", roomId).path("code").asText())
                    .isEqualTo("FORBIDDEN");
            assertThat(mo.error("insight.add", "text", "x", "roomId", "nosuchroom").path("code").asText())
                    .isEqualTo("NOT_FOUND");
            mo.ack("insight.add", "text", "Samen lezen werkt", "roomId", roomId);
            JsonNode insight = an.awaitEvent("insight.added", d -> true).path("data");
            assertThat(insight.toString()).contains("Samen lezen werkt").contains(mo.who.participantId());
        }
    }
}
