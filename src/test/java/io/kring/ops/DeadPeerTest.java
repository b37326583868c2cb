package io.kring.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.net.SocketTimeoutException;
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
 * R6: a connection that answers no ping for the idle timeout is dropped by the server, TCP and all, and its
 * participant goes offline. That covers a laptop that went to sleep without closing its socket, and a client
 * closed with 1013 that still does not read (its close frame never leaves the server). A client that answers
 * pings but sends nothing stays connected. Pings every second and a 20 s timeout here (the flood must cut Sam off before his silence drops him, also on a busy machine) (20 s and 60 s in
 * production) keep the test short.
 */
@QuarkusTest
@TestProfile(DeadPeerTest.QuickPings.class)
class DeadPeerTest {

    private static final long SILENCE_TIMEOUT_MS = 20_000;

    public static class QuickPings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.websockets-next.server.auto-ping-interval", "1s",
                    "kring.websocket.silence-timeout", SILENCE_TIMEOUT_MS + "ms",
                    "kring.websocket.max-unsent-bytes", "65536");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("[R6] a peer that answers no ping is disconnected and shown offline; a quiet one that does stays")
    void silentPeerIsDroppedAndGoesOffline() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Dead peer", "nl");
        String meetingId = meeting.meetingId;
        String moderatorToken = meeting.joinAsModerator("Mia").path("token").asText();
        JsonNode dirk = meeting.join("Dirk");
        String dirkId = dirk.path("participantId").asText();

        try (WsClient mia = WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia");
                RawWebSocket dirkSocket = RawWebSocket.welcomed(RestAssured.port, meetingId, dirk.path("token").asText(),
                        65536)) {
            mia.await("Dirk online", f -> presence(f, "online").contains(dirkId));
            long silentSince = System.nanoTime();

            // Dirk now reads nothing and answers no ping; Mia answers pings (her client does it) and says nothing.
            await().atMost(SILENCE_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> mia.frames().stream().anyMatch(f -> presence(f, "offline").contains(dirkId)));
            JsonNode offline = mia.await("Dirk offline", f -> presence(f, "offline").contains(dirkId));
            long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
            assertThat(afterMillis).as("Dirk goes offline after the idle timeout, not before").isGreaterThanOrEqualTo(SILENCE_TIMEOUT_MS - 1_000);
            assertThat(offline.path("seq").asLong()).isPositive();

            assertThat(endOfStream(dirkSocket)).as("the server closed Dirk's TCP connection").isTrue();
            assertThat(mia.closeCode).as("Mia, quiet but answering pings, is still connected").isNotDone();
            JsonNode state = mia.command("meeting.announce", Map.of("text", "Nog iemand?"));
            assertThat(state.path("type").asText()).as(state.toString()).isEqualTo("ack");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    @DisplayName("[R5][R6] a client closed with 1013 that keeps not reading loses its TCP connection too")
    void cutOffClientThatKeepsNotReadingIsReleased() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Stuck", "en");
        String meetingId = meeting.meetingId;
        JsonNode sam = meeting.join("Sam");
        String samId = sam.path("participantId").asText();

        // One moderator each: the 20 frames a second are per participant (R2), over all their connections.
        List<WsClient> mia = new ArrayList<>();
        for (int i = 0; i < 16; i++) { // enough chat to fill Sam's buffers before his silence drops him
            String moderatorToken = meeting.joinAsModerator("Mia " + i).path("token").asText();
            mia.add(WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia " + i));
        }
        try (RawWebSocket samSocket = RawWebSocket.welcomed(RestAssured.port, meetingId, sam.path("token").asText(),
                4096)) {
            mia.get(0).await("Sam online", f -> presence(f, "online").contains(samId));

            // Big chat messages until Sam is cut off with 1013.
            double slowClosedBefore = Prometheus.scrape().value("kring_connections_slow_closed_total");
            ChatFlood flood = new ChatFlood(mia);
            long started = System.nanoTime();
            while (Prometheus.scrape().value("kring_connections_slow_closed_total") == slowClosedBefore) {
                assertThat(System.nanoTime() - started).as("Sam not cut off after %d messages", flood.sent())
                        .isLessThan(TimeUnit.SECONDS.toNanos(45));
                flood.sendNext();
            }
            int added = flood.sent();
            long cutOffAt = System.nanoTime();
            assertThat(mia.get(0).frames()).as("the 1013 alone does not end Sam's connection: its close frame is stuck")
                    .noneMatch(f -> presence(f, "offline").contains(samId));

            await().atMost(SILENCE_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> mia.get(0).frames().stream().anyMatch(f -> presence(f, "offline").contains(samId)));
            System.out.printf("dead peer: cut off with 1013 after %d chat messages, dropped %d ms later%n", added,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutOffAt));
            assertThat(endOfStream(samSocket)).as("the server closed Sam's TCP connection").isTrue();
            assertThat(mia.get(0).closeCode).as("Mia is still connected").isNotDone();
        } finally {
            mia.forEach(WsClient::close);
        }
    }

    /**
     * Reads what is left: true when the stream ends without this client having closed anything, that is
     * when the server let go of the connection. A server still holding it would leave the read waiting.
     */
    private static boolean endOfStream(RawWebSocket socket) throws Exception {
        while (true) {
            Throwable failure = catchThrowable(socket::read);
            if (failure instanceof EOFException) {
                return true;
            }
            if (failure instanceof SocketTimeoutException) {
                return false;
            }
            if (failure != null) {
                return true; // reset by the server: released as well
            }
        }
    }

    private static List<String> presence(JsonNode frame, String field) {
        if (!"presence.changed".equals(frame.path("name").asText())) {
            return List.of();
        }
        return WsClient.JSON.convertValue(frame.at("/data/" + field), WsClient.JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }


}
