package io.kring.websocket;

import static io.kring.websocket.BreakoutScenarioTest.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.Evictions;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Report-back (protocol.md section 8, RB rules of docs/meeting-rules.md) through the WebSocket and PostgreSQL. */
@QuarkusTest
class ReportBackSocketTest {

    @Inject
    Evictions evictions;

    /** A round of one room on {@code topic}, open once An has seen it open. */
    private static void openOneRoom(TestParticipant mo, TestParticipant an, String topic) {
        mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 600, "topics", List.of(topic));
        an.awaitEvent("breakouts.opened", d -> true);
    }

    /** The round closes at once; An has seen it close. */
    private static void closeRound(TestParticipant mo, TestParticipant an) {
        mo.ack("breakout.close", "graceSeconds", 0);
        an.awaitEvent("breakouts.closed", d -> true);
    }

    private static List<String> roomIds(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.path("breakouts").path("rooms").forEach(r -> ids.add(r.path("roomId").asText()));
        return ids;
    }

    private static JsonNode display(String meetingId) {
        return Api.json(RestAssured.get("/api/meetings/" + meetingId + "/display"), 200);
    }

    /** R1: one participant sends at most 20 frames a second; this test's moderator sends more, so it waits a moment. */
    private static void nextSecond() {
        try {
            Thread.sleep(1_050);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String code(JsonNode error) {
        return error.path("code").asText();
    }

    @Test
    @DisplayName("[RB1..RB9] a report-back walks a closed round's rooms for everyone and the projector; CONFLICTs; the report; survives a reload")
    void reportBackThroughTheStack() {
        String meetingId;
        Api.Joined moWho;
        Api.Joined anWho;
        List<String> rooms;
        try (TestMeeting m = TestMeeting.create("en", List.of())) {
            meetingId = m.id();
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            moWho = mo.who;
            anWho = an.who;
            assertThat(code(an.error("reportback.start", "secondsPerRoom", 60))).isEqualTo("FORBIDDEN");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60))).as("no round yet").isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.next"))).isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.stop"))).isEqualTo("CONFLICT");

            mo.ack("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 600, "topics",
                    List.of("Reading", "Writing"));
            an.awaitEvent("breakouts.opened", d -> true);
            bo.awaitEvent("breakouts.opened", d -> true);
            an.ack("insight.add", "text", "Reading together works");
            bo.ack("insight.add", "text", "Write every day");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60))).as("round open").isEqualTo("CONFLICT");
            closeRound(mo, an);
            rooms = roomIds(Api.state(mo.who));

            assertThat(code(mo.error("reportback.start", "secondsPerRoom", "60"))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60.5))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 29))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 1801))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", 1)))
                    .as("no round 1: no such closed round").isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", -1))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", 0.5))).isEqualTo("INVALID");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", "0"))).isEqualTo("INVALID");

            nextSecond();
            long before = System.currentTimeMillis();
            mo.ack("reportback.start", "secondsPerRoom", 60, "roundIndex", 0);
            for (TestParticipant socket : List.of(mo, an, bo)) {
                JsonNode shown = socket.awaitEvent("reportback.shown", d -> true).path("data");
                assertThat(shown.size()).as("the snapshot's fields and reportbackRoom: %s", shown).isEqualTo(5);
                assertThat(shown.path("reportbackRoom").isNull()).as("RB11: the last round's room is in breakouts.rooms")
                        .isTrue();
                assertThat(shown.path("roundIndex").asInt()).isZero();
                assertThat(shown.path("roomId").asText()).isEqualTo(rooms.get(0));
                assertThat(shown.path("secondsPerRoom").asInt()).isEqualTo(60);
                assertThat(shown.path("endsAt").asLong()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
                JsonNode state = Api.state(socket.who);
                assertThat(state.path("reportback").size()).as("RB8: exactly four fields").isEqualTo(4);
                JsonNode withoutRoom = ((com.fasterxml.jackson.databind.node.ObjectNode) shown.deepCopy())
                        .without("reportbackRoom");
                assertThat(withoutRoom).isEqualTo(state.path("reportback"));
                assertThat(state.path("reportbackRoom").isNull()).isTrue();
            }
            JsonNode projected = display(meetingId).path("reportback");
            JsonNode firstRoom = Api.state(an.who).path("breakouts").path("rooms").get(0);
            assertThat(projected.path("roomId").asText()).isEqualTo(rooms.get(0));
            assertThat(projected.path("name").asText()).isEqualTo("Group 1");
            assertThat(projected.path("topic").asText()).isEqualTo("Reading");
            assertThat(projected.path("members").size()).isEqualTo(firstRoom.path("participantIds").size());
            assertThat(projected.path("insights").size()).isEqualTo(firstRoom.path("insights").size());
            assertThat(projected.path("endsAt").asLong()).isEqualTo(Api.state(an.who).path("reportback").path("endsAt").asLong());

            mo.ack("reportback.next");
            an.awaitEvent("reportback.shown", d -> d.path("roomId").asText().equals(rooms.get(1)));
            assertThat(display(meetingId).path("reportback").path("topic").asText()).isEqualTo("Writing");
            mo.ack("reportback.next");
            an.awaitEvent("reportback.ended", d -> true);
            assertThat(Api.state(an.who).path("reportback").isNull()).as("after the last room it ends").isTrue();
            assertThat(display(meetingId).path("reportback").isNull()).isTrue();
            assertThat(code(mo.error("reportback.next"))).isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.stop"))).isEqualTo("CONFLICT");

            nextSecond();
            int mark = bo.mark();
            mo.ack("reportback.start", "secondsPerRoom", 30);
            mo.ack("reportback.stop");
            bo.awaitEvent(mark, "reportback.ended", d -> true);
            mo.ack("reportback.start", "secondsPerRoom", 45);
            an.awaitEvent("reportback.shown", d -> d.path("secondsPerRoom").asInt() == 45);
            assertConsistent(mo, an, bo);

            JsonNode report = Api.json(RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + meetingId + "/report"), 200);
            JsonNode held = report.path("reportBacks");
            assertThat(held.size()).isEqualTo(3);
            assertThat(held.get(0).path("rooms").findValuesAsText("name")).containsExactly("Group 1", "Group 2");
            assertThat(held.get(1).path("rooms").findValuesAsText("name")).containsExactly("Group 1");
            assertThat(held.get(2).path("endedAt").isNull()).isTrue();
            String md = RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "md").when().get("/api/meetings/" + meetingId + "/report").asString();
            assertThat(md).containsSubsequence("## Report-backs", "### Round 1", "60 seconds per room", "Group 1",
                    "Group 2", "### Round 1", "30 seconds per room", "### Round 1", "still running");
        }
        evictions.awaitLeavesMemory(meetingId);
        try (TestParticipant an = TestParticipant.connect(anWho); TestParticipant mo = TestParticipant.connect(moWho)) {
            JsonNode shown = an.welcome().path("state").path("reportback");
            assertThat(shown.path("roomId").asText()).as("[P2] the room shown comes back from PostgreSQL")
                    .isEqualTo(rooms.get(0));
            assertThat(shown.path("secondsPerRoom").asInt()).isEqualTo(45);
            mo.ack("reportback.next");
            an.awaitEvent("reportback.shown", d -> d.path("roomId").asText().equals(rooms.get(1)));
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 60);
            an.awaitEvent("breakouts.opened", d -> true);
            assertThat(an.events("reportback.ended")).as("[RB7] a new round ends the report-back").hasSize(1);
            assertThat(an.indexOf(an.events("reportback.ended").get(0)))
                    .isLessThan(an.indexOf(an.events("breakouts.opened").get(0)));
            assertThat(Api.state(an.who).path("reportback").isNull()).isTrue();
            assertConsistent(mo, an);
        }
    }

    @Test
    @DisplayName("[RB1][RB7][RB11] round 0 closed, round 1 open: the default report-back shows round 0 to everyone and the projector; round 1 and round 7 are CONFLICT")
    void lastClosedRoundWhileANewerOneIsOpen() {
        try (TestMeeting m = TestMeeting.create("en", List.of())) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            openOneRoom(mo, an, "Reading");
            an.ack("insight.add", "text", "Reading together works");
            closeRound(mo, an);
            String roundZeroRoom = roomIds(Api.state(an.who)).get(0);
            nextSecond();
            openOneRoom(mo, an, "Writing");
            String roundOneRoom = roomIds(Api.state(an.who)).get(0);

            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", 1)))
                    .as("round 1 is open").isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", 7)))
                    .as("no round 7").isEqualTo("CONFLICT");
            assertThat(code(mo.error("reportback.start", "secondsPerRoom", 60, "roundIndex", -1))).isEqualTo("INVALID");
            nextSecond();
            mo.ack("reportback.start", "secondsPerRoom", 60);
            JsonNode shown = an.awaitEvent("reportback.shown", d -> true).path("data");
            assertThat(shown.path("roundIndex").asInt()).as("the last closed round").isZero();
            assertThat(shown.path("roomId").asText()).isEqualTo(roundZeroRoom);
            JsonNode room = shown.path("reportbackRoom");
            assertThat(room.path("roomId").asText()).as("RB11: round 0's room travels with the event")
                    .isEqualTo(roundZeroRoom);
            assertThat(room.path("topic").asText()).isEqualTo("Reading");
            assertThat(room.path("members").get(0).asText()).isEqualTo("An");
            assertThat(room.path("insights").findValuesAsText("text")).containsExactly("Reading together works");

            JsonNode state = Api.state(an.who);
            assertThat(state.path("breakouts").path("status").asText()).as("round 1 goes on").isEqualTo("open");
            assertThat(roomIds(state)).containsExactly(roundOneRoom);
            assertThat(state.path("reportback").size()).isEqualTo(4);
            assertThat(state.path("reportback").path("roundIndex").asInt()).isZero();
            assertThat(state.path("reportbackRoom")).as("the snapshot carries the same room").isEqualTo(room);
            JsonNode projected = display(m.id()).path("reportback");
            assertThat(projected.path("roundIndex").asInt()).isZero();
            assertThat(projected.path("topic").asText()).isEqualTo("Reading");
            assertThat(projected.path("insights").get(0).asText()).isEqualTo("Reading together works");
            an.ack("insight.add", "text", "Write every day");
            assertConsistent(mo, an);

            nextSecond();
            closeRound(mo, an);
            assertThat(Api.state(an.who).path("reportback").path("roundIndex").asInt())
                    .as("closing round 1 leaves round 0's report-back").isZero();
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 600);
            an.awaitEvent("breakouts.opened", d -> true);
            assertThat(an.events("reportback.ended")).as("[RB7] the next round ends it").hasSize(1);
            JsonNode after = Api.state(an.who);
            assertThat(after.path("reportback").isNull()).isTrue();
            assertThat(after.path("reportbackRoom").isNull()).isTrue();
            assertConsistent(mo, an);
        }
    }

    @Test
    @DisplayName("[RB1][RB11][L6] after two rounds, round 0 reports back: its rooms' content reaches a participant and the projector")
    void earlierRoundThroughTheStack() {
        try (TestMeeting m = TestMeeting.create("en", List.of())) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            openOneRoom(mo, an, "Reading");
            an.ack("insight.add", "text", "Reading together works");
            closeRound(mo, an);
            String roundZeroRoom = roomIds(Api.state(an.who)).get(0);
            nextSecond();
            openOneRoom(mo, an, "Writing");
            an.ack("insight.add", "text", "Write every day");
            closeRound(mo, an);
            assertThat(roomIds(Api.state(an.who))).doesNotContain(roundZeroRoom);

            nextSecond();
            mo.ack("reportback.start", "secondsPerRoom", 60, "roundIndex", 0);
            JsonNode shown = an.awaitEvent("reportback.shown", d -> true).path("data");
            assertThat(shown.path("roundIndex").asInt()).isZero();
            assertThat(shown.path("roomId").asText()).isEqualTo(roundZeroRoom);
            JsonNode room = shown.path("reportbackRoom");
            assertThat(room.path("roomId").asText()).isEqualTo(roundZeroRoom);
            assertThat(room.path("topic").asText()).isEqualTo("Reading");
            assertThat(room.path("members").size()).isEqualTo(1);
            assertThat(room.path("members").get(0).asText()).isEqualTo("An");
            assertThat(room.path("insights").findValuesAsText("text")).containsExactly("Reading together works");
            JsonNode state = Api.state(an.who);
            assertThat(state.path("reportbackRoom")).as("the snapshot carries the same room").isEqualTo(room);
            assertThat(state.path("reportback").size()).isEqualTo(4);

            JsonNode projected = display(m.id()).path("reportback");
            assertThat(projected.path("roomId").asText()).isEqualTo(roundZeroRoom);
            assertThat(projected.path("topic").asText()).isEqualTo("Reading");
            assertThat(projected.path("members").get(0).asText()).isEqualTo("An");
            assertThat(projected.path("insights").get(0).asText()).isEqualTo("Reading together works");
            assertConsistent(mo, an);

            mo.ack("reportback.next");
            an.awaitEvent("reportback.ended", d -> true);
            assertThat(Api.state(an.who).path("reportbackRoom").isNull()).isTrue();
            assertConsistent(mo, an);
        }
    }

    @Test
    @DisplayName("[IN1][IN3][RB11] a moderator edits and removes round 0's insights after round 1 closed: a participant's events, "
            + "a fresh snapshot's reportbackRoom, the projector, the recap and the report show it; the author may not")
    void moderatorEditsAnEarlierRound() {
        try (TestMeeting m = TestMeeting.create("en", List.of())) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            openOneRoom(mo, an, "Reading");
            an.ack("insight.add", "text", "Reading togther works");
            an.ack("insight.add", "text", "Off topic");
            closeRound(mo, an);
            String roundZeroRoom = roomIds(Api.state(an.who)).get(0);
            JsonNode insights = Api.state(an.who).path("breakouts").path("rooms").get(0).path("insights");
            String typo = insights.get(0).path("insightId").asText();
            String offTopic = insights.get(1).path("insightId").asText();
            nextSecond();
            openOneRoom(mo, an, "Writing");
            closeRound(mo, an);
            mo.ack("report.publish");
            String recapPath = an.awaitEvent("meeting.updated", d -> !d.path("meeting").path("recapPath").isNull())
                    .path("data").path("meeting").path("recapPath").asText();
            String recapId = recapPath.substring("/r/".length());

            nextSecond();
            mo.ack("reportback.start", "secondsPerRoom", 60, "roundIndex", 0);
            an.awaitEvent("reportback.shown", d -> d.path("roomId").asText().equals(roundZeroRoom));
            assertThat(code(an.error("insight.edit", "insightId", typo, "text", "mine"))).as("its author, round closed")
                    .isEqualTo("FORBIDDEN");
            assertThat(code(an.error("insight.remove", "insightId", offTopic))).isEqualTo("FORBIDDEN");
            mo.ack("insight.edit", "insightId", typo, "text", "Reading together works");
            JsonNode edited = an.awaitEvent("insight.edited", d -> true).path("data");
            assertThat(edited.path("roomId").asText()).isEqualTo(roundZeroRoom);
            assertThat(edited.path("insight").path("insightId").asText()).isEqualTo(typo);
            assertThat(edited.path("insight").path("text").asText()).isEqualTo("Reading together works");
            mo.ack("insight.remove", "insightId", offTopic);
            JsonNode removed = an.awaitEvent("insight.removed", d -> true).path("data");
            assertThat(removed.path("roomId").asText()).isEqualTo(roundZeroRoom);
            assertThat(removed.path("insightId").asText()).isEqualTo(offTopic);

            JsonNode shown = Api.state(an.who).path("reportbackRoom");
            assertThat(shown.path("roomId").asText()).isEqualTo(roundZeroRoom);
            assertThat(shown.path("insights").findValuesAsText("text")).as("a fresh snapshot's reportbackRoom")
                    .containsExactly("Reading together works");
            assertThat(display(m.id()).path("reportback").path("insights").get(0).asText()).as("the projector")
                    .isEqualTo("Reading together works");
            assertThat(display(m.id()).path("reportback").path("insights").size()).isEqualTo(1);
            assertConsistent(mo, an);

            JsonNode recap = Api.json(RestAssured.get("/api/recaps/" + recapId), 200);
            assertThat(recap.path("rounds").get(0).path("rooms").get(0).path("insights").findValuesAsText("text"))
                    .as("the recap").containsExactly("Reading together works");
            JsonNode report = Api.json(RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + m.id() + "/report"), 200);
            assertThat(report.path("breakoutRounds").get(0).path("rooms").get(0).path("insights")
                    .findValuesAsText("text")).as("the report").containsExactly("Reading together works");
        }
    }
}
