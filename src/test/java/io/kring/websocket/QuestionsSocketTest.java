package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.config.KringConfig;
import io.kring.live.Broadcaster;
import io.kring.live.LiveMeetings;
import io.kring.live.MeetingMemory;
import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;

/**
 * Issue 13 (protocol.md section 8) through the WebSocket and PostgreSQL: questions with votes (QA rules) and
 * insights edited and removed (IN rules); the report is replayed from the stored events.
 */
@QuarkusTest
class QuestionsSocketTest {

    @Inject
    LiveMeetings meetings;
    @Inject
    MeetingMemory memory;
    @Inject
    Broadcaster connections;
    @Inject
    java.time.Clock clock;
    @Inject
    KringConfig config;

    @Test
    @DisplayName("[P1, QA3, QA8, IN2] a meeting that left memory comes back from PostgreSQL with its questions, votes, answered marks and edited insights")
    void reloadFromTheStore() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            an.ack("question.ask", "text", "Named?");
            bo.ack("question.ask", "text", "Secret?", "anonymous", true);
            String secret = ids(Api.state(an.who).path("questions")).get(1);
            an.ack("question.upvote", "questionId", secret, "up", true);
            mo.ack("question.answer", "questionId", secret, "answered", true);
            mo.ack("breakout.open", "roomCount", 1, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0, bo.id(), 0));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "first try");
            String insightId = bo.awaitEvent("insight.added").path("data").path("insight").path("insightId").asText();
            bo.ack("insight.edit", "insightId", insightId, "text", "second try");
            mo.ack("breakout.close", "graceSeconds", 0); // E2: a round's deadline would keep the meeting in memory
            JsonNode before = Api.state(an.who);
            for (TestParticipant socket : List.of(mo, an, bo)) {
                socket.close();
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
                memory.sweep(clock.millis() + config.memory().idleTime().toMillis() + 1000);
                return !connections.hasConnections(m.id()) && !meetings.isInMemory(m.id());
            });
            JsonNode after = m.freshState(an.who);
            assertThat(meetings.isInMemory(m.id())).as("loaded again from the store").isTrue();
            assertThat(after.path("questions")).isEqualTo(before.path("questions"));
            assertThat(after.path("questions").get(0).path("youVoted").asBoolean()).isTrue();
            assertThat(after.path("questions").get(0).path("participantId").isNull()).isTrue();
            assertThat(after.path("breakouts").path("rooms").get(0).path("insights").get(0).path("text").asText())
                    .isEqualTo("second try");
        }
    }

    private static List<String> ids(JsonNode questions) {
        List<String> ids = new ArrayList<>();
        questions.forEach(q -> ids.add(q.path("questionId").asText()));
        return ids;
    }

    @Test
    @DisplayName("[QA1..QA9] ask (one anonymous), vote, answer, remove: told to all, youVoted to the voter, anonymity for everyone, rate limit, display and report")
    void questions() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Questions", 600)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            TestParticipant cy = m.participant("Cy");
            List<TestParticipant> all = List.of(mo, an, bo, cy);
            mo.ack("agenda.next");
            String itemId = Api.state(mo.who).path("agenda").path("currentItemId").asText();

            an.ack("question.ask", "text", "Who starts?");
            String named = an.awaitEvent("question.asked").path("data").path("question").path("questionId").asText();
            bo.ack("question.ask", "text", "A secret\nquestion", "anonymous", true);
            for (TestParticipant socket : all) {
                JsonNode q = socket.awaitEvent("question.asked", d -> d.path("question").path("text").asText()
                        .startsWith("A secret")).path("data").path("question");
                assertThat(q.path("participantId").isNull()).as("[QA3] %s does not learn who asked", socket).isTrue();
                assertThat(q.path("name").isNull()).isTrue();
                assertThat(q.path("itemId").asText()).isEqualTo(itemId);
            }
            String secret = ids(Api.state(mo.who).path("questions")).get(1);
            JsonNode first = Api.state(cy.who).path("questions").get(0);
            assertThat(first.path("name").asText()).isEqualTo("An");
            assertThat(first.path("participantId").asText()).isEqualTo(an.id());

            cy.ack("question.upvote", "questionId", secret, "up", true);
            JsonNode own = cy.awaitEvent("question.voted").path("data");
            assertThat(own.path("votes").asInt()).isEqualTo(1);
            assertThat(own.path("youVoted").asBoolean()).as("[QA8] the voter learns it voted").isTrue();
            JsonNode others = an.awaitEvent("question.voted").path("data");
            assertThat(others.has("youVoted")).as("[QA8] the others learn the count").isFalse();
            assertThat(ids(Api.state(an.who).path("questions"))).as("[QA7] most votes first").containsExactly(secret, named);
            assertThat(m.freshState(cy.who).path("questions").get(0).path("youVoted").asBoolean()).isTrue();
            assertThat(m.freshState(an.who).path("questions").get(0).path("youVoted").asBoolean()).isFalse();
            assertThat(an.error("question.upvote", "questionId", secret, "up", "yes").path("code").asText())
                    .isEqualTo("INVALID");

            assertThat(an.error("question.answer", "questionId", named, "answered", true).path("code").asText())
                    .isEqualTo("FORBIDDEN");
            mo.ack("question.answer", "questionId", named, "answered", true);
            cy.awaitEvent("question.answered", d -> d.path("questionId").asText().equals(named));
            assertThat(cy.error("question.remove", "questionId", secret).path("code").asText()).isEqualTo("FORBIDDEN");

            an.ack("question.ask", "text", "Second?");
            an.ack("question.ask", "text", "Third?");
            assertThat(an.error("question.ask", "text", "Fourth?").path("code").asText()).as("[QA2]")
                    .isEqualTo("RATE_LIMITED");
            bo.ack("question.ask", "text", "Going soon", "anonymous", true);
            String going = Api.state(bo.who).path("questions").findValues("questionId").stream().map(JsonNode::asText)
                    .filter(id -> !List.of(named, secret).contains(id)).reduce((a, b) -> b).orElseThrow();
            bo.ack("question.remove", "questionId", going);
            mo.awaitEvent("question.removed", d -> d.path("questionId").asText().equals(going));

            JsonNode display = Api.json(RestAssured.get("/api/meetings/" + m.id() + "/display"), 200);
            assertThat(display.path("questions").get(0).path("questionId").asText()).as("[QA9] answered ones left out")
                    .isEqualTo(secret);
            assertThat(display.path("questions")).hasSize(3);
            assertThat(display.path("questions").get(0).has("name")).isFalse();
            assertThat(display.path("questions").toString()).doesNotContain(an.id()).doesNotContain(bo.id());

            JsonNode report = Api.json(RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + m.id() + "/report"), 200);
            JsonNode reported = report.path("questions");
            assertThat(ids(reported)).as("[P1] replayed from the store").hasSize(4).startsWith(secret);
            assertThat(reported.get(0).path("votes").asInt()).isEqualTo(1);
            assertThat(reported.get(0).path("name").isNull()).as("[QA3] no name in the report").isTrue();
            assertThat(reported.toString()).doesNotContain(bo.id());
            String markdown = RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "md").when().get("/api/meetings/" + m.id() + "/report").asString();
            assertThat(markdown).contains("## Questions").contains("Who starts?").contains("(anonymous)");

            SnapshotModel.assertMatchesServer(mo, an, bo, cy);
        }
    }

    @Test
    @DisplayName("[IN1, IN2, IN3] a room member edits, a moderator removes: told to the room and the moderators only; others FORBIDDEN")
    void insights() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            TestParticipant cy = m.participant("Cy");
            mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0, bo.id(), 0, cy.id(), 1));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "Reading togther works");
            String insightId = bo.awaitEvent("insight.added").path("data").path("insight").path("insightId").asText();
            assertThat(cy.error("insight.edit", "insightId", insightId, "text", "hijacked").path("code").asText())
                    .isEqualTo("FORBIDDEN");
            assertThat(bo.error("insight.edit", "insightId", "nope", "text", "x").path("code").asText())
                    .isEqualTo("NOT_FOUND");
            assertThat(bo.error("insight.edit", "insightId", insightId, "text", "").path("code").asText())
                    .isEqualTo("INVALID");
            int cyMark = cy.mark();
            bo.ack("insight.edit", "insightId", insightId, "text", "Reading together works");
            for (TestParticipant socket : List.of(mo, an, bo)) {
                JsonNode data = socket.awaitEvent("insight.edited").path("data");
                assertThat(data.path("insight").path("text").asText()).isEqualTo("Reading together works");
                assertThat(data.path("insight").path("participantId").asText()).as("still An's").isEqualTo(an.id());
            }
            mo.ack("insight.remove", "insightId", insightId);
            an.awaitEvent("insight.removed", d -> d.path("insightId").asText().equals(insightId));
            assertThat(cy.framesSince(cyMark)).as("[IN3] another room hears nothing").noneMatch(f ->
                    f.path("name").asText().startsWith("insight."));
            SnapshotModel.assertMatchesServer(mo, an, bo, cy);
        }
    }
}
