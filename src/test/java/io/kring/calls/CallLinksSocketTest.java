package io.kring.calls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.kring.testing.WithCallBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * protocol.md section 7 "Calls" through the real WebSocket, HTTP and PostgreSQL, on a server with
 * {@code KRING_CALL_BASE_URL} set (CALL-rules of docs/meeting-rules.md).
 */
@QuarkusTest
@TestProfile(WithCallBase.class)
class CallLinksSocketTest {

    static final String LINK = "https://meet\\.example\\.org/Kring-[A-Za-z0-9_-]{20,}";

    @Test
    @DisplayName("[CALL1, CALL5] the meeting and each room get their own link; room 1 never sees room 2's, in welcome or events")
    void linksAndTheirAudiences() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            String plenary = mo.welcome().at("/state/meeting/callUrl").asText();
            assertThat(plenary).matches(LINK);
            assertThat(an.welcome().at("/state/meeting/callUrl").asText()).isEqualTo(plenary);

            mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0, bo.id(), 1));
            JsonNode forMo = mo.awaitEvent("breakouts.opened", d -> true).at("/data/breakouts/rooms");
            JsonNode forAn = an.awaitEvent("breakouts.opened", d -> true).at("/data/breakouts/rooms");
            JsonNode forBo = bo.awaitEvent("breakouts.opened", d -> true).at("/data/breakouts/rooms");
            String room1 = forMo.path(0).path("callUrl").asText();
            String room2 = forMo.path(1).path("callUrl").asText();
            assertThat(room1).matches(LINK).isNotEqualTo(room2).isNotEqualTo(plenary);
            assertThat(room2).matches(LINK);
            assertThat(forAn.path(0).path("callUrl").asText()).isEqualTo(room1);
            assertThat(forAn.path(1).path("callUrl").isNull()).isTrue();
            assertThat(forBo.path(0).path("callUrl").isNull()).isTrue();
            assertThat(forBo.path(1).path("callUrl").asText()).isEqualTo(room2);

            // a new connection: the welcome shows the same
            Api.Joined late = m.join("Late");
            TestParticipant anAgain = m.connect(an.who);
            TestParticipant lateSocket = m.connect(late);
            JsonNode anRooms = anAgain.welcome().at("/state/breakouts/rooms");
            assertThat(anRooms.path(0).path("callUrl").asText()).isEqualTo(room1);
            assertThat(anRooms.path(1).path("callUrl").isNull()).isTrue();
            assertThat(anAgain.welcome().toString()).doesNotContain(room2);
            assertThat(an.frames().toString()).doesNotContain(room2);
            assertThat(bo.frames().toString()).doesNotContain(room1);
            assertThat(lateSocket.welcome().at("/state/you/roomId").isNull()).as("manual: no late assignment").isTrue();
            for (JsonNode room : lateSocket.welcome().at("/state/breakouts/rooms")) {
                assertThat(room.path("callUrl").isNull()).as("someone in the plenary sees no room's link").isTrue();
            }

            // moved to room 2: a fresh snapshot with room 2's link, not room 1's
            int mark = an.mark();
            mo.ack("breakout.move", "participantId", an.id(), "roomId", forMo.path(1).path("roomId").asText());
            JsonNode moved = an.awaitEvent(mark, "state.snapshot", d -> true).at("/data/breakouts/rooms");
            assertThat(moved.path(1).path("callUrl").asText()).isEqualTo(room2);
            assertThat(moved.path(0).path("callUrl").isNull()).isTrue();

            SnapshotModel.assertMatchesServer(mo, an, bo, anAgain, lateSocket);

            // the projector view needs no login: no call link at all
            String display = given().when().get("/api/meetings/" + m.id() + "/display").then().statusCode(200)
                    .extract().asString();
            assertThat(display).doesNotContain(plenary).doesNotContain(room1).doesNotContain(room2)
                    .doesNotContain("Kring-");
        }
    }

    @Test
    @DisplayName("[CALL2, CALL4] meeting.call sets the (trimmed) plenary link for everyone; javascript: and http: are INVALID")
    void moderatorSetsPlenaryLink() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            String before = mo.welcome().at("/state/meeting/callUrl").asText();
            for (String bad : List.of("javascript:alert(1)", "http://zoom.example.com/j/1", "https://a b.example/",
                    "/relative")) {
                JsonNode error = mo.error("meeting.call", "url", bad);
                assertThat(error.path("code").asText()).as(bad).isEqualTo("INVALID");
            }
            assertThat(an.error("meeting.call", "url", "https://zoom.example.com/j/1").path("code").asText())
                    .isEqualTo("FORBIDDEN");
            JsonNode badRooms = mo.error("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds",
                    600, "callUrls", List.of("javascript:alert(1)"));
            assertThat(badRooms.path("code").asText()).isEqualTo("INVALID");
            assertThat(Api.state(an.who).at("/meeting/callUrl").asText()).isEqualTo(before);

            mo.ack("meeting.call", "url", " https://zoom.example.com/j/123?pwd=abc\n");
            JsonNode updated = an.awaitEvent("meeting.updated", d -> true);
            assertThat(updated.at("/data/meeting/callUrl").asText()).as("trimmed, as every text field")
                    .isEqualTo("https://zoom.example.com/j/123?pwd=abc");
            Map<String, Object> clear = new java.util.HashMap<>();
            clear.put("url", null);
            mo.awaitAck(mo.send("meeting.call", clear));
            an.awaitEvent("meeting.updated", d -> d.at("/meeting/callUrl").isNull());
            assertThat(Api.state(an.who).at("/meeting/callUrl").isNull()).isTrue();
            SnapshotModel.assertMatchesServer(mo, an);
        }
    }

    @Test
    @DisplayName("[CALL3, CALL6] callUrls override per room; the report (JSON and Markdown) has no call link")
    void overrideAndReport() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined moJoined = Api.joinAsModerator(m.created, "Mo");
            TestParticipant mo = m.connect(moJoined);
            TestParticipant an = m.participant("An");
            List<TestParticipant> others = new ArrayList<>();
            others.add(m.participant("Bo"));
            mo.ack("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 600, "graceSeconds", 0,
                    "callUrls", List.of("https://teams.example.com/kamer-een"));
            JsonNode rooms = mo.awaitEvent("breakouts.opened", d -> true).at("/data/breakouts/rooms");
            assertThat(rooms.path(0).path("callUrl").asText()).isEqualTo("https://teams.example.com/kamer-een");
            assertThat(rooms.path(1).path("callUrl").asText()).matches(LINK);
            String generated = rooms.path(1).path("callUrl").asText();
            an.ack("insight.add", "text", "Goed gesprek");
            mo.ack("breakout.close", "graceSeconds", 0);
            for (String format : List.of("json", "md")) {
                String report = given().queryParam("format", format)
                        .header("Authorization", "Bearer " + moJoined.token())
                        .when().get("/api/meetings/" + m.id() + "/report").then().statusCode(200).extract().asString();
                assertThat(report).as(format).contains("Goed gesprek").doesNotContain("https://")
                        .doesNotContain("Kring-").doesNotContain(generated);
            }
        }
    }
}
