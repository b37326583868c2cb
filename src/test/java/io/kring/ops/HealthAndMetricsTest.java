package io.kring.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * What an operator scrapes: the health endpoints (liveness, and readiness including the database) and the
 * Prometheus metrics of docs/performance.md, checked after real traffic over HTTP and WebSocket.
 */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    @DisplayName("/q/health/live is UP")
    void liveness() throws Exception {
        Response response = given().when().get("/q/health/live");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode health = WsClient.JSON.readTree(response.asString());
        assertThat(health.path("status").asText()).isEqualTo("UP");
    }

    @Test
    @DisplayName("/q/health/ready is UP and includes the database check")
    void readinessIncludesTheDatabase() throws Exception {
        Response response = given().when().get("/q/health/ready");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode health = WsClient.JSON.readTree(response.asString());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode database = null;
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().toLowerCase().contains("database")
                    || check.path("name").asText().toLowerCase().contains("datasource")) {
                database = check;
            }
        }
        assertThat(database).as("a database check in " + health).isNotNull();
        assertThat(database.path("status").asText()).as(database.toString()).isEqualTo("UP");
        assertThat(database.path("data").path("<default>").asText()).as("the default datasource in " + database)
                .isEqualTo("UP");
    }

    @Test
    @DisplayName("/q/metrics is Prometheus text with Kring's gauges, command counters, store and fan-out timers")
    void metricsAfterRealTraffic() {
        Prometheus before = Prometheus.scrape();

        OpsMeeting meeting = OpsMeeting.create("Ops metrics", "en");
        String meetingId = meeting.meetingId;
        JsonNode ann = meeting.join("Ann");

        Prometheus after;
        try (WsClient socket = WsClient.connect(RestAssured.port, meetingId, ann.path("token").asText(), "Ann")) {
            socket.ack("chat.send", Map.of("text", "Goeiemorgen"));
            JsonNode rejected = socket.command("agenda.add", Map.of("title", "Not mine", "durationSeconds", 60));
            assertThat(rejected.path("code").asText()).as(rejected.toString()).isEqualTo("FORBIDDEN");
            after = Prometheus.scrape();
        }

        assertThat(after.value("kring_meetings_open")).as("kring_meetings_open").isGreaterThanOrEqualTo(1);
        assertThat(after.types).containsEntry("kring_meetings_open", "gauge").containsEntry("kring_connections", "gauge");
        assertThat(after.value("kring_connections")).as("kring_connections while a socket is open")
                .isGreaterThanOrEqualTo(1);

        assertThat(after.types).containsEntry("kring_commands_total", "counter");
        assertThat(after.value("kring_commands_total", "command", "chat.send", "result", "ok"))
                .as("kring_commands_total{command=chat.send,result=ok}")
                .isGreaterThanOrEqualTo(before.value("kring_commands_total", "command", "chat.send", "result", "ok") + 1);
        assertThat(after.value("kring_commands_total", "command", "agenda.add", "result", "FORBIDDEN"))
                .as("kring_commands_total{command=agenda.add,result=FORBIDDEN}")
                .isGreaterThanOrEqualTo(before.value("kring_commands_total", "command", "agenda.add", "result", "FORBIDDEN") + 1);

        for (String timer : List.of("kring_store_commit_seconds", "kring_fanout_seconds")) {
            assertThat(after.types).containsEntry(timer, "histogram");
            assertThat(after.value(timer + "_count")).as(timer + "_count")
                    .isGreaterThanOrEqualTo(before.value(timer + "_count") + 1);
            assertThat(after.value(timer + "_sum")).as(timer + "_sum").isGreaterThan(0);
            assertThat(after.all(timer + "_bucket")).as(timer + " buckets").hasSizeGreaterThan(1);
            assertThat(after.value(timer + "_bucket", "le", "+Inf")).as(timer + "_bucket{le=+Inf} equals the count")
                    .isEqualTo(after.value(timer + "_count"));
        }

        assertThat(after.types).containsEntry("kring_connections_slow_closed_total", "counter");
        assertThat(after.has("kring_connections_slow_closed_total")).as("the slow-consumer counter is exported at 0 too")
                .isTrue();
        assertThat(after.types).containsEntry("kring_connections_silent_dropped_total", "counter");
    }

}
