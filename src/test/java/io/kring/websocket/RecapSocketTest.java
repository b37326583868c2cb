package io.kring.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.live.LiveMeetings;
import io.kring.testing.Api;
import io.kring.testing.Evictions;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The recap (RC rules, protocol.md section 8) through the WebSocket, the HTTP API and PostgreSQL: publishing,
 * the public recap, its withdrawal, and a meeting that left memory.
 */
@QuarkusTest
class RecapSocketTest {

    @Inject
    LiveMeetings meetings;
    @Inject
    Evictions evictions;
    @Inject
    DataSource dataSource;

    private static io.restassured.response.Response recap(String recapId) {
        return given().when().get("/api/recaps/" + recapId);
    }

    private static String recapIdOf(String recapPath) {
        assertThat(recapPath).startsWith("/r/");
        return recapPath.substring(3);
    }

    private String storedRecapId(String meetingId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select recap_id from meeting where meeting_id = ?")) {
            query.setString(1, meetingId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : "(no meeting row)";
            }
        }
    }

    private static void assertNotFound(io.restassured.response.Response response) {
        JsonNode body = Api.json(response, 404);
        assertThat(body.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    @DisplayName("[RC1..RC8] publish: everyone is told the path; GET shows title, agenda, rounds, polls and questions without any name or chat; withdraw: 404; publish again: a new link")
    void publishReadWithdraw() throws Exception {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Opening words", 300), Api.item("Next steps", 600)))) {
            TestParticipant mo = m.moderator("Moderatrix Quintana");
            TestParticipant an = m.participant("Annelotte Vermeulenhoek", "Provincie Gelderland");
            TestParticipant bo = m.participant("Bartholomeus Zijlstra", "Rabobank Utrecht");
            mo.ack("agenda.next");
            an.ack("chat.send", "text", "Secret chat about the budget");
            an.ack("question.ask", "text", "What happens after the summer?");
            bo.ack("question.ask", "text", "Who pays for it?", "anonymous", true);
            String question = Api.state(an.who).path("questions").get(0).path("questionId").asText();
            bo.ack("question.upvote", "questionId", question, "up", true);
            mo.ack("question.answer", "questionId", question, "answered", true);
            mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600, "topics",
                    List.of("Housing", "Work"), "assignments", Map.of(an.id(), 0, bo.id(), 1));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "Build together with residents");
            bo.ack("insight.add", "text", "More remote work");
            bo.ack("chat.send", "text", "Room chat nobody else reads");
            mo.ack("breakout.close", "graceSeconds", 0);
            an.awaitEvent("breakouts.closed");
            mo.ack("poll.open", "question", "Coffee or tea?", "options", List.of("Coffee", "Tea"), "anonymous", false);
            String poll = Api.state(mo.who).path("polls").get(0).path("pollId").asText();
            an.ack("poll.vote", "pollId", poll, "choices", List.of(1));
            bo.ack("poll.vote", "pollId", poll, "choices", List.of(1));
            mo.ack("poll.close", "pollId", poll);
            mo.ack("poll.open", "question", "Still open?", "options", List.of("Yes", "No"));
            String open = Api.state(mo.who).path("polls").get(1).path("pollId").asText();
            an.ack("poll.vote", "pollId", open, "choices", List.of(0));

            assertThat(Api.state(an.who).path("meeting").path("recapPath").isNull()).isTrue();
            JsonNode ack = mo.ack("report.publish");
            JsonNode told = an.awaitEvent("meeting.updated", d -> !d.path("meeting").path("recapPath").isNull());
            assertThat(told.path("seq").asLong()).isEqualTo(ack.path("seq").asLong());
            bo.awaitEvent("meeting.updated", d -> !d.path("meeting").path("recapPath").isNull());
            String path = told.path("data").path("meeting").path("recapPath").asText();
            String recapId = recapIdOf(path);
            assertThat(recapId).matches("[A-Za-z0-9_-]{22,64}");
            assertThat(Api.state(bo.who).path("meeting").path("recapPath").asText()).isEqualTo(path);
            assertThat(storedRecapId(m.id())).as("[RC8] the lookup, stored with the event").isEqualTo(recapId);

            JsonNode again = mo.ack("report.publish");
            assertThat(again.path("seq").asLong()).as("[RC1] idempotent: nothing new").isEqualTo(ack.path("seq").asLong());
            assertThat(Api.state(mo.who).path("meeting").path("recapPath").asText()).isEqualTo(path);

            io.restassured.response.Response response = recap(recapId);
            assertThat(response.header("Cache-Control")).contains("no-store");
            String body = response.asString();
            JsonNode json = Api.json(response, 200);
            assertThat(json.path("title").asText()).isEqualTo(m.created.title());
            assertThat(json.path("language").asText()).isEqualTo("en");
            assertThat(json.path("date").asLong()).isPositive();
            assertThat(json.path("agenda").get(0).path("title").asText()).isEqualTo("Opening words");
            assertThat(json.path("agenda").get(0).path("ran").asBoolean()).isTrue();
            assertThat(json.path("agenda").get(1).path("ran").asBoolean()).isFalse();
            JsonNode rooms = json.path("rounds").get(0).path("rooms");
            assertThat(rooms.get(0).path("name").asText()).isEqualTo("Group 1");
            assertThat(rooms.get(0).path("topic").asText()).isEqualTo("Housing");
            assertThat(rooms.get(0).path("insights").get(0).path("text").asText()).isEqualTo("Build together with residents");
            assertThat(rooms.get(1).path("insights").get(0).path("text").asText()).isEqualTo("More remote work");
            assertThat(json.path("polls").get(0).path("results").path("counts").toString()).isEqualTo("[0,2]");
            assertThat(json.path("polls").get(1).path("status").asText()).isEqualTo("open");
            assertThat(json.path("polls").get(1).path("results").isNull()).as("[RC6] not before the close").isTrue();
            assertThat(json.path("questions").get(0).path("text").asText()).isEqualTo("What happens after the summer?");
            assertThat(json.path("questions").get(0).path("votes").asInt()).isEqualTo(1);
            assertThat(json.path("questions").get(0).path("answered").asBoolean()).isTrue();
            for (String secret : List.of("Moderatrix", "Quintana", "Annelotte", "Vermeulenhoek", "Bartholomeus",
                    "Zijlstra", "Provincie", "Rabobank", "Secret chat", "Room chat", mo.id(), an.id(), bo.id(),
                    "participantId", "organisation", m.created.moderatorKey(), an.who.token())) {
                assertThat(body).as("[RC7] no %s anywhere in the recap", secret).doesNotContain(secret);
            }

            mo.ack("report.unpublish");
            an.awaitEvent("meeting.updated", d -> d.path("meeting").path("recapPath").isNull());
            assertThat(Api.state(an.who).path("meeting").path("recapPath").isNull()).isTrue();
            assertThat(storedRecapId(m.id())).isNull();
            assertNotFound(recap(recapId));
            assertThat(given().when().get("/r/" + recapId).statusCode()).as("[RC9] the withdrawn page").isEqualTo(404);

            mo.ack("report.publish");
            String second = recapIdOf(Api.state(mo.who).path("meeting").path("recapPath").asText());
            assertThat(second).as("[RC2] a new link; the withdrawn one stays dead").isNotEqualTo(recapId);
            assertNotFound(recap(recapId));
            Api.json(recap(second), 200);
            io.restassured.response.Response page = given().when().get("/r/" + second);
            assertThat(page.statusCode()).as("[RC9] the published page").isEqualTo(200);
            assertThat(page.asString()).contains("/js/recap.js");
        }
    }

    @Test
    @DisplayName("[RC4, RC9] unknown or malformed recap ids answer 404 with the error body; the page /r/{id} answers 404"
            + " with the page itself, which tells the reader")
    void unknownIsNotFound() {
        assertNotFound(recap("AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertNotFound(recap("not%20an%20id"));
        assertNotFound(recap("x".repeat(65)));
        io.restassured.response.Response page = given().when().get("/r/AAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("/js/recap.js");
    }

    @Test
    @DisplayName("[RC4, RC8, P2] the recap survives the meeting leaving memory; deleting the meeting kills the link (E3)")
    void survivesEvictionAndDiesWithTheMeeting() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            mo.ack("breakout.open", "roomCount", 1, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "Kept through the eviction");
            mo.ack("breakout.close", "graceSeconds", 0); // E2: a round's deadline would keep the meeting in memory
            mo.ack("report.publish");
            String recapId = recapIdOf(Api.state(mo.who).path("meeting").path("recapPath").asText());
            mo.close();
            an.close();
            evictions.awaitLeavesMemory(m.id());
            JsonNode json = Api.json(recap(recapId), 200);
            assertThat(json.path("rounds").get(0).path("rooms").get(0).path("insights").get(0).path("text").asText())
                    .isEqualTo("Kept through the eviction");
            assertThat(m.freshState(mo.who).path("meeting").path("recapPath").asText()).isEqualTo("/r/" + recapId);

            int deleted = given().header("Authorization", "Bearer " + mo.who.token()).when()
                    .delete("/api/meetings/" + m.id()).statusCode();
            assertThat(deleted).isEqualTo(204);
            assertNotFound(recap(recapId));
        }
    }

    @Test
    @DisplayName("[RC4, RC8] the recap is kept per stored seq and shared by requests at once: an insight edited or added"
            + " after a read shows at the next read; a withdrawal answers 404 at once, also right after a read")
    void keptRecapFollowsTheMeeting() throws Exception {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            mo.ack("breakout.open", "roomCount", 1, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "First thought");
            String insightId = an.awaitEvent("insight.added").path("data").path("insight").path("insightId").asText();
            mo.ack("breakout.close", "graceSeconds", 0);
            an.awaitEvent("breakouts.closed");
            mo.ack("report.publish");
            String recapId = recapIdOf(Api.state(mo.who).path("meeting").path("recapPath").asText());

            assertThat(insights(recap(recapId))).containsExactly("First thought");
            assertThat(insights(recap(recapId))).as("read again: the kept recap").containsExactly("First thought");

            mo.ack("insight.edit", "insightId", insightId, "text", "Second thought");
            assertThat(insights(recap(recapId))).as("a new seq builds it again").containsExactly("Second thought");

            mo.ack("breakout.open", "roomCount", 1, "strategy", "manual", "durationSeconds", 600, "assignments",
                    Map.of(an.id(), 0));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "Another round");
            mo.ack("breakout.close", "graceSeconds", 0);
            an.awaitEvent("breakouts.closed");
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> bodies = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    bodies.add(readers.submit(() -> {
                        io.restassured.response.Response response = recap(recapId);
                        assertThat(response.statusCode()).isEqualTo(200);
                        return response.asString();
                    }));
                }
                String first = bodies.get(0).get(30, TimeUnit.SECONDS);
                assertThat(first).contains("Second thought").contains("Another round");
                for (Future<String> body : bodies) {
                    assertThat(body.get(30, TimeUnit.SECONDS)).as("every reader at once gets the same recap").isEqualTo(first);
                }
            } finally {
                readers.shutdownNow();
            }

            Api.json(recap(recapId), 200); // kept for this seq
            mo.ack("report.unpublish");
            assertNotFound(recap(recapId));
        }
    }

    /** The texts of the first room's insights in the last round of a recap answer. */
    private static List<String> insights(io.restassured.response.Response response) {
        JsonNode rounds = Api.json(response, 200).path("rounds");
        List<String> texts = new ArrayList<>();
        rounds.get(rounds.size() - 1).path("rooms").get(0).path("insights").forEach(i -> texts.add(i.path("text").asText()));
        return texts;
    }
}
