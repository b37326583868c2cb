package io.kring.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.Evictions;
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

    @Inject
    DataSource dataSource;

    @Test
    @DisplayName("[P9] a frozen database: UNAVAILABLE within about 2 s, and the refused message is never stored, also when it thaws")
    void aFrozenDatabaseAnswersUnavailableQuicklyAndALateCommitIsRefused() throws Exception {
        Api.Created meeting = Api.create("Freeze");
        Api.Joined ann = Api.join(meeting.meetingId(), "Ann", "Bib Gent");
        try (TestParticipant client = TestParticipant.connect(ann)) {
            client.ack("chat.send", "text", "before the freeze");

            ProxiedDatabase.proxy.freeze();
            long started = System.nanoTime();
            JsonNode refused = client.awaitReply(client.send("chat.send", "text", "sent to a frozen database"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("UNAVAILABLE");
            // Not before the 2 s timeout (bar clock slack); after it, as soon as a loaded machine gets round to it.
            assertThat(waited).as("answered when the append timeout ran out").isBetween(Duration.ofMillis(1500), Duration.ofMillis(5000));

            started = System.nanoTime();
            JsonNode fast = client.awaitReply(client.send("chat.send", "text", "while known down"));
            assertThat(fast.path("code").asText()).isEqualTo("UNAVAILABLE");
            // Well under the 2 s a command waiting for the timeout takes (at least 1.5 s above), on a loaded machine too.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast while known down, without the timeout")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(client.isClosed()).isFalse();

            Thread.sleep(1000); // frozen for a while, as in the crash test of finding 17
            ProxiedDatabase.proxy.thaw(); // the held statement now reaches PostgreSQL, late

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                JsonNode reply = client.awaitReply(client.send("chat.send", "text", "after the thaw"));
                return reply.path("type").asText().equals("ack");
            });
            List<String> live = Api.state(ann).path("chat").findValuesAsText("text");
            assertThat(live).containsExactly("before the freeze", "after the thaw");
            assertThat(storedPayloadsContaining("sent to a frozen database")).as("in the store, what a restart loads").isZero();
            assertThat(storedPayloadsContaining("before the freeze")).isOne();
            assertThat(storedPayloadsContaining("after the thaw")).isOne();
            client.ack("hand.raise", "kind", "reply");
        } finally {
            ProxiedDatabase.proxy.thaw();
            ProxiedDatabase.proxy.up();
        }
    }

    @Inject
    Evictions evictions;

    @Test
    @DisplayName("[P9] a frozen database: a creation answers 503 within about 2 s and is never stored, also when it thaws")
    void aCreationSentToAFrozenDatabaseIsRefusedQuicklyAndNeverStored() throws Exception {
        awaitDatabaseAnswers();
        try {
            ProxiedDatabase.proxy.freeze();
            long started = System.nanoTime();
            var refused = Api.postJson("/api/meetings", Map.of("title", "Created while frozen"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.jsonPath().getString("error.code")).isEqualTo("UNAVAILABLE");
            // Not before the 2 s timeout (bar clock slack); after it, as soon as a loaded machine gets round to it.
            assertThat(waited).as("answered when the append timeout ran out").isBetween(Duration.ofMillis(1500), Duration.ofMillis(5000));

            Thread.sleep(1000);
            ProxiedDatabase.proxy.thaw(); // the held statement now reaches PostgreSQL, late
            awaitDatabaseAnswers();
            assertThat(storedMeetingsTitled("Created while frozen")).as("a late commit is refused").isZero();
        } finally {
            ProxiedDatabase.proxy.thaw();
        }
    }

    @Test
    @DisplayName("[P9] a frozen database: a meeting coming back into memory answers 503 within about 2 s, and loads once it thaws")
    void aMeetingLoadedFromAFrozenDatabaseIsRefusedQuickly() throws Exception {
        awaitDatabaseAnswers();
        Api.Created meeting = Api.create("Loaded while frozen");
        evictions.awaitLeavesMemory(meeting.meetingId());
        String display = "/api/meetings/" + meeting.meetingId() + "/display";
        try {
            ProxiedDatabase.proxy.freeze();
            long started = System.nanoTime();
            int status = io.restassured.RestAssured.given().when().get(display).statusCode();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(status).isEqualTo(503);
            assertThat(waited).as("answered when the append timeout ran out").isLessThan(Duration.ofMillis(5000));
            ProxiedDatabase.proxy.thaw();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> io.restassured.RestAssured.given().when().get(display).statusCode() == 200);
            assertThat(Api.json(io.restassured.RestAssured.given().when().get(display), 200)
                    .path("meeting").path("title").asText()).isEqualTo("Loaded while frozen");
        } finally {
            ProxiedDatabase.proxy.thaw();
        }
    }

    /** Until the store, known down after an earlier test, has found the database answering again. */
    private static void awaitDatabaseAnswers() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> Api.postJson("/api/meetings", Map.of("title", "Probe")).statusCode() == 201);
    }

    private long storedMeetingsTitled(String title) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from meeting where title = ?")) {
            count.setString(1, title);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long storedPayloadsContaining(String text) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from meeting_event where payload like ?")) {
            count.setString(1, "%" + text + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
