package io.kring.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestParticipant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * P7: while PostgreSQL cannot be reached, commands fail fast with UNAVAILABLE and change nothing; the
 * connection stays; once it is back, commands work again without a restart and nothing acknowledged
 * is missing.
 */
@QuarkusTest
@QuarkusTestResource(value = ProxiedDatabase.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @Test
    @DisplayName("[P7] a database outage answers UNAVAILABLE quickly, keeps the connection, and recovers by itself")
    void outageAnswersUnavailableAndRecovers() {
        Api.Created meeting = Api.create("Outage");
        Api.Joined ann = Api.join(meeting.meetingId(), "Ann", "Bib Gent");
        try (TestParticipant client = TestParticipant.connect(ann)) {
            client.ack("chat.send", "text", "before the outage");

            ProxiedDatabase.proxy.down();
            long started = System.nanoTime();
            JsonNode refused = client.awaitReply(client.send("chat.send", "text", "during the outage"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(waited).as("fails fast").isLessThan(Duration.ofSeconds(5));
            assertThat(client.isClosed()).isFalse();
            assertThat(Api.postJson("/api/meetings", java.util.Map.of("title", "x")).statusCode()).isEqualTo(503);

            ProxiedDatabase.proxy.up();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonNode reply = client.awaitReply(client.send("chat.send", "text", "after the outage"));
                return reply.path("type").asText().equals("ack");
            });
            List<String> texts = Api.state(ann).path("chat").findValuesAsText("text");
            assertThat(texts).startsWith("before the outage").doesNotContain("during the outage").contains("after the outage");
            assertThat(texts.stream().filter("after the outage"::equals)).hasSizeBetween(1, 1);
        } finally {
            ProxiedDatabase.proxy.up();
        }
    }
}
