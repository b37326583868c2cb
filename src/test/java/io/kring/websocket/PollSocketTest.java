package io.kring.websocket;

import static io.kring.websocket.BreakoutScenarioTest.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/** Polls (protocol.md section 8, POLL rules of docs/meeting-rules.md) through the WebSocket and PostgreSQL. */
@QuarkusTest
class PollSocketTest {

    @Inject
    Evictions evictions;

    private static JsonNode pollOf(JsonNode state) {
        return state.path("polls").get(0);
    }

    /** Every poll frame a socket received, as raw text. */
    private static String pollFrames(TestParticipant socket) {
        return socket.frames().stream().filter(f -> f.path("name").asText().startsWith("poll."))
                .map(JsonNode::toString).reduce("", String::concat);
    }

    @Test
    @DisplayName("[POLL1, POLL3, POLL4, POLL5, POLL6, POLL9] an onClose poll that is not anonymous: hidden results, own choices, the close, the report and the display")
    void onClosePollWithNames() {
        try (TestMeeting m = TestMeeting.create("en", List.of())) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            assertThat(an.error("poll.open", "question", "Q?", "options", List.of("a", "b")).path("code").asText())
                    .isEqualTo("FORBIDDEN");
            assertThat(mo.error("poll.open", "question", "Q?", "options", List.of("a")).path("code").asText())
                    .isEqualTo("INVALID");
            assertThat(mo.error("poll.open", "question", "Q?", "options", List.of("a", "b"), "multiple", "yes")
                    .path("code").asText()).isEqualTo("INVALID");
            mo.ack("poll.open", "question", "Lunch?", "options", List.of("Soup", "Salad", "Both"), "anonymous", false);
            String pollId = an.awaitEvent("poll.opened", d -> true).path("data").path("poll").path("pollId").asText();
            assertThat(an.events("poll.opened").get(0).path("data").path("poll").path("results").isNull()).isTrue();

            assertThat(an.error("poll.vote", "pollId", pollId, "choices", List.of(5)).path("code").asText())
                    .isEqualTo("INVALID");
            assertThat(an.error("poll.vote", "pollId", pollId, "choices", List.of("0")).path("code").asText())
                    .isEqualTo("INVALID");
            assertThat(an.error("poll.vote", "pollId", "unknown", "choices", List.of(0)).path("code").asText())
                    .isEqualTo("NOT_FOUND");
            an.ack("poll.vote", "pollId", pollId, "choices", List.of(0));
            an.awaitEvent("poll.voted", d -> d.path("yourChoices").get(0).asInt() == 0);
            bo.ack("poll.vote", "pollId", pollId, "choices", List.of(1));
            bo.ack("poll.vote", "pollId", pollId, "choices", List.of(2));
            bo.awaitEvent("poll.voted", d -> d.path("yourChoices").get(0).asInt() == 2);
            mo.awaitEvent("poll.results", d -> d.path("results").path("voters").asInt() == 2, Duration.ofSeconds(3));
            assertThat(Api.state(mo.who).path("polls").get(0).path("votes").path(bo.id()).get(0).asInt())
                    .as("the moderator sees who chose what").isEqualTo(2);
            assertThat(pollOf(Api.state(an.who)).path("results").isNull()).as("hidden until the close").isTrue();
            assertThat(pollOf(Api.state(an.who)).path("yourChoices").get(0).asInt()).isZero();
            assertThat(an.events("poll.results")).as("onClose: no results to participants").isEmpty();
            assertThat(Api.json(RestAssured.get("/api/meetings/" + m.id() + "/display"), 200).path("poll")
                    .path("results").isNull()).as("the display neither").isTrue();

            mo.ack("poll.close", "pollId", pollId);
            assertThat(mo.error("poll.close", "pollId", pollId).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(an.error("poll.vote", "pollId", pollId, "choices", List.of(1)).path("code").asText())
                    .isEqualTo("CONFLICT");
            for (TestParticipant socket : List.of(mo, an, bo)) {
                JsonNode closed = socket.awaitEvent("poll.closed", d -> true).path("data");
                assertThat(closed.path("results").path("counts").toString()).isEqualTo("[1,0,1]");
            }
            assertThat(pollFrames(an)).as("[POLL6] a participant never learns another's choices").doesNotContain(bo.id())
                    .doesNotContain("\"votes\":{");
            assertThat(pollFrames(bo)).doesNotContain(an.id()).doesNotContain("\"votes\":{");
            assertThat(Api.state(bo.who).toString()).doesNotContain("\"votes\":{");
            JsonNode display = Api.json(RestAssured.get("/api/meetings/" + m.id() + "/display"), 200).path("poll");
            assertThat(display.path("results").path("counts").toString()).isEqualTo("[1,0,1]");
            assertThat(display.path("votes").isNull()).isTrue();
            assertConsistent(mo, an, bo);

            JsonNode report = Api.json(RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + m.id() + "/report"), 200);
            JsonNode reported = report.path("polls").get(0);
            assertThat(reported.path("counts").toString()).isEqualTo("[1,0,1]");
            assertThat(reported.path("votes").findValuesAsText("name")).containsExactly("An", "Bo");
            String md = RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "md").when().get("/api/meetings/" + m.id() + "/report").asString();
            assertThat(md).containsSubsequence("## Polls", "### Lunch?", "| Soup | 1 |", "| Both | 1 |",
                    "Who chose what", "An: Soup", "Bo: Both");
        }
    }

    @Test
    @DisplayName("[POLL5, POLL6, POLL7] an anonymous live poll: everyone sees counts, nobody who chose what; a burst gives few results events")
    void anonymousLivePollBurst() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> voters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                voters.add(m.participant("V" + i));
            }
            mo.ack("poll.open", "question", "Ja of nee?", "options", List.of("Ja", "Nee"), "showResults", "live");
            String pollId = mo.awaitEvent("poll.opened", d -> true).path("data").path("poll").path("pollId").asText();
            List<String> ids = new ArrayList<>();
            long votingFrom = System.nanoTime();
            for (int i = 0; i < voters.size(); i++) {
                ids.add(voters.get(i).send("poll.vote", "pollId", pollId, "choices", List.of(i % 2)));
            }
            for (int i = 0; i < voters.size(); i++) {
                voters.get(i).awaitAck(ids.get(i));
            }
            for (TestParticipant socket : List.of(mo, voters.get(0))) {
                socket.awaitEvent("poll.results", d -> d.path("results").path("voters").asInt() == 20,
                        Duration.ofSeconds(5));
                // At most one results event per 250 ms: those heard so far were all sent since the first vote. A loaded
                // machine may spread the votes out, so the bound follows how long they took rather than a guess.
                long elapsedMillis = Duration.ofNanos(System.nanoTime() - votingFrom).toMillis();
                assertThat(socket.events("poll.results")).as("[POLL7] counts, at most one event per 250 ms (%d ms)", elapsedMillis)
                        .hasSizeLessThanOrEqualTo((int) (elapsedMillis / 250) + 2);
            }
            for (TestParticipant socket : List.of(mo, voters.get(3))) {
                assertThat(pollFrames(socket)).as("[POLL6] anonymous: not even the moderator learns who")
                        .doesNotContain("\"votes\":{");
                for (TestParticipant other : voters) {
                    if (other != socket) {
                        assertThat(pollFrames(socket)).doesNotContain(other.id());
                    }
                }
            }
            assertThat(pollOf(Api.state(voters.get(5).who)).path("results").path("counts").toString()).isEqualTo("[10,10]");
            assertThat(pollOf(Api.state(mo.who)).path("votes").isNull()).isTrue();
            assertConsistent(mo, voters.get(0), voters.get(1));
        }
    }

    @Test
    @DisplayName("[POLL8, P2] an open poll survives a reload from the store: its votes, your choices, the close")
    void openPollSurvivesReload() {
        String meetingId;
        Api.Joined moWho;
        Api.Joined anWho;
        String pollId;
        try (TestMeeting m = TestMeeting.create()) {
            meetingId = m.id();
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            moWho = mo.who;
            anWho = an.who;
            mo.ack("poll.open", "question", "Welke?", "options", List.of("a", "b", "c"), "multiple", true,
                    "maxChoices", 2, "anonymous", false);
            pollId = an.awaitEvent("poll.opened", d -> true).path("data").path("poll").path("pollId").asText();
            an.ack("poll.vote", "pollId", pollId, "choices", List.of(2, 0));
            mo.ack("poll.vote", "pollId", pollId, "choices", List.of(1));
        }
        evictions.awaitLeavesMemory(meetingId);
        try (TestParticipant an = TestParticipant.connect(anWho); TestParticipant mo = TestParticipant.connect(moWho)) {
            JsonNode poll = pollOf(an.welcome().path("state"));
            assertThat(poll.path("status").asText()).isEqualTo("open");
            assertThat(poll.path("yourChoices").toString()).isEqualTo("[2,0]");
            assertThat(poll.path("maxChoices").asInt()).isEqualTo(2);
            mo.ack("poll.close", "pollId", pollId);
            JsonNode closed = an.awaitEvent("poll.closed", d -> true).path("data");
            assertThat(closed.path("results").path("counts").toString()).isEqualTo("[1,1,1]");
            assertThat(closed.path("results").path("voters").asInt()).isEqualTo(2);
            assertThat(pollOf(Api.state(mo.who)).path("votes").path(anWho.participantId()).toString()).isEqualTo("[2,0]");
            assertConsistent(mo, an);
        }
    }
}
