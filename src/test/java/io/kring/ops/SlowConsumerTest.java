package io.kring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * R5, the slow-consumer bound: a client that stops reading is closed with 1013 once its unwritten events pass
 * {@code kring.websocket.max-unsent-bytes} (lowered here to 64 KiB so the test is quick), the others keep
 * getting every event in order, the cut-off is counted in the metrics, and the cut-off client comes back with
 * a fresh welcome.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallUnsentBound.class)
class SlowConsumerTest {

    public static class SmallUnsentBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kring.websocket.max-unsent-bytes", "65536");
        }
    }

    private static final long TRAFFIC_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MODERATOR_CONNECTIONS = 8;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    @DisplayName("[R5] a client that stops reading is closed with 1013, the others get every event in order, it reconnects")
    void stalledClientIsCutOffWhileTheOthersKeepUp() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Slow consumer", "en");
        String meetingId = meeting.meetingId;
        JsonNode stalled = meeting.join("Sam");
        JsonNode watcher = meeting.join("Wim");

        List<WsClient> moderators = new ArrayList<>();
        // One moderator each: the 20 frames a second are per participant (R2), over all their connections.
        for (int i = 0; i < MODERATOR_CONNECTIONS; i++) {
            String moderatorToken = meeting.joinAsModerator("Mia " + i).path("token").asText();
            moderators.add(WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia " + i));
        }

        // Sam: a small receive buffer, the hello, the welcome, and then no more reading.
        RawWebSocket sam = RawWebSocket.welcomed(RestAssured.port, meetingId, stalled.path("token").asText(), 4096);

        // Wim reads normally; connected last, so every event from here on is one he must see.
        WsClient wim = WsClient.connect(RestAssured.port, meetingId, watcher.path("token").asText(), "Wim");
        long wimWelcomeSeq = wim.welcome().path("seq").asLong();

        double slowClosedBefore = Prometheus.scrape().value("kring_connections_slow_closed_total");
        ChatFlood flood = new ChatFlood(moderators);
        long started = System.nanoTime();
        long lastAckSeq = wimWelcomeSeq;
        boolean cutOff = false;
        while (!cutOff) {
            assertThat(System.nanoTime() - started).as("Sam was not cut off within 60 s (%d messages sent)",
                    flood.sent()).isLessThan(TRAFFIC_LIMIT_NANOS);
            JsonNode reply = flood.sendNext();
            if (reply == null) {
                continue;
            }
            lastAckSeq = reply.path("seq").asLong();
            if (flood.sent() % 5 == 0) {
                cutOff = Prometheus.scrape().value("kring_connections_slow_closed_total") > slowClosedBefore;
            }
        }
        int added = flood.sent();
        long trafficMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // Reading again: first what was buffered, then the close frame.
        List<Long> samSeqs = new ArrayList<>();
        RawWebSocket.Message message;
        long bytes = 0;
        while (!(message = sam.read()).isClose()) {
            bytes += message.text().length();
            JsonNode frame = WsClient.JSON.readTree(message.text());
            if (frame.has("seq")) {
                samSeqs.add(frame.path("seq").asLong());
            }
        }
        assertThat(message.closeCode()).as("close code of the stalled connection (reason: %s)", message.text())
                .isEqualTo(1013);
        sam.sendClose(1013);
        sam.close();
        assertThat(samSeqs).as("what Sam got before the cut-off is in order").isSorted();
        System.out.printf("slow consumer: cut off after %d chat messages in %d ms; %d events (%d chars) were still "
                + "buffered for it%n", added, trafficMillis, samSeqs.size(), bytes);

        // The room goes on: one more change after the cut-off.
        Thread.sleep(250); // past R3 for moderator 0
        lastAckSeq = moderators.get(0).ack("chat.send", Map.of("text", "After the cut-off")).path("seq").asLong();
        added++;
        long finalSeq = lastAckSeq;
        wim.await("event " + finalSeq, f -> "event".equals(f.path("type").asText()) && f.path("seq").asLong() == finalSeq);

        List<JsonNode> wimEvents = wim.frames().stream().filter(f -> "event".equals(f.path("type").asText())).toList();
        List<Long> wimSeqs = wimEvents.stream().map(f -> f.path("seq").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long seq = wimWelcomeSeq + 1; seq <= finalSeq; seq++) {
            expected.add(seq);
        }
        assertThat(wimSeqs).as("Wim saw every event of the meeting, in order, without a gap").startsWith(
                expected.toArray(Long[]::new));
        List<JsonNode> messages = wimEvents.stream().filter(f -> "chat.message".equals(f.path("name").asText()))
                .toList();
        assertThat(messages).as("one chat.message per chat.send").hasSize(added);
        assertThat(messages.get(messages.size() - 1).at("/data/message/text").asText()).isEqualTo("After the cut-off");
        assertThat(wim.closeCode).as("Wim is still connected").isNotDone();

        assertThat(Prometheus.scrape().value("kring_connections_slow_closed_total"))
                .as("kring_connections_slow_closed_total").isGreaterThanOrEqualTo(slowClosedBefore + 1);

        // Sam recovers: a new connection with the same token gets a fresh welcome with everything.
        try (WsClient samAgain = WsClient.connect(RestAssured.port, meetingId, stalled.path("token").asText(), "Sam")) {
            JsonNode state = samAgain.welcome().path("state");
            assertThat(state.at("/you/participantId").asText()).isEqualTo(stalled.path("participantId").asText());
            assertThat(samAgain.welcome().path("seq").asLong()).isGreaterThanOrEqualTo(finalSeq);
            assertThat(state.at("/chat")).as("the fresh welcome has the last 100 messages").hasSize(Math.min(added, 100));
            assertThat(state.at("/chat").get(state.at("/chat").size() - 1).path("text").asText())
                    .isEqualTo("After the cut-off");
        }
        wim.close();
        moderators.forEach(WsClient::close);
    }



}
