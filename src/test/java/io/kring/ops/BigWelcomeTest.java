package io.kring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * R7, protocol 2.8: the welcome (and a state.snapshot) always arrives. The slow-consumer bound (64 KiB here, as in
 * {@link SlowConsumerTest}) counts only events that pile up unread after the welcome; a welcome many times
 * the bound (100 chat messages of 2,000 three-byte characters and a roster of long names) reaches the
 * moderator, a newcomer and a client that reads it slowly, and events queued behind it are delivered too.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallUnsentBound.class)
class BigWelcomeTest {

    private static final int CHATTERS = 20;
    private static final int MESSAGES_EACH = 5;
    private static final int BOUND = 65536;
    private static final int SNAPSHOT_PAIRS = 6;

    /** Chatters with long names each send long messages: together a welcome ten times the bound. */
    private static List<WsClient> fillWithChat(OpsMeeting meeting) throws Exception {
        List<WsClient> chatters = new ArrayList<>();
        for (int i = 0; i < CHATTERS; i++) {
            String token = meeting.join(longName("Chatter " + i)).path("token").asText();
            chatters.add(WsClient.connect(RestAssured.port, meeting.meetingId, token, "Chatter " + i));
        }
        for (int n = 0; n < MESSAGES_EACH; n++) {
            for (int i = 0; i < CHATTERS; i++) {
                chatters.get(i).ack("chat.send", Map.of("text", message(i * MESSAGES_EACH + n)));
            }
        }
        return chatters;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("[R7, protocol 2.8] a welcome ten times the slow-consumer bound reaches everyone, also a slow reader")
    void bigWelcomeArrives() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Big welcome", "en");
        String meetingId = meeting.meetingId;
        String moderatorToken = meeting.joinAsModerator(longName("Mia")).path("token").asText();
        WsClient announcer = WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia announcing");
        List<WsClient> chatters = fillWithChat(meeting);
        JsonNode slow = meeting.join(longName("Slow reader"));

        // The slow reader: a 4 KiB receive buffer, says hello and reads nothing while events follow the welcome.
        try (RawWebSocket reader = RawWebSocket.open(RestAssured.port, "/ws/meetings/" + meetingId, 4096)) {
            reader.sendText("{\"type\":\"hello\",\"token\":\"" + slow.path("token").asText() + "\"}");
            // Announced before its welcome, the announcements would be in the welcome and never follow it as events.
            String slowId = slow.path("participantId").asText();
            announcer.await("the slow reader online", frame -> "presence.changed".equals(frame.path("name").asText())
                    && frame.at("/data/online").toString().contains(slowId));
            List<Long> announced = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                announced.add(announcer.ack("meeting.announce", Map.of("text", "after the welcome " + i)).path("seq")
                        .asLong());
            }

            RawWebSocket.Message first = reader.read();
            assertThat(first.isClose()).as("closed instead of welcomed: %s %s", first.closeCode(), first.text()).isFalse();
            assertThat(first.text().getBytes(StandardCharsets.UTF_8).length).as("the welcome's size in bytes")
                    .isGreaterThan(8 * BOUND);
            JsonNode welcome = WsClient.JSON.readTree(first.text());
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(welcome.at("/state/chat")).hasSize(CHATTERS * MESSAGES_EACH);
            assertThat(welcome.at("/state/participants")).hasSize(CHATTERS + 2);

            // The events queued behind the welcome arrive too, and the connection stays.
            List<Long> seen = new ArrayList<>();
            while (seen.size() < announced.size()) {
                RawWebSocket.Message next = reader.read();
                assertThat(next.isClose()).as("closed: %s %s", next.closeCode(), next.text()).isFalse();
                JsonNode frame = WsClient.JSON.readTree(next.text());
                if ("announcement.changed".equals(frame.path("name").asText())) {
                    seen.add(frame.path("seq").asLong());
                }
            }
            assertThat(seen).isEqualTo(announced);
            reader.sendText("{\"type\":\"hand.raise\",\"id\":\"h1\"}");
            JsonNode answer;
            do {
                RawWebSocket.Message next = reader.read();
                assertThat(next.isClose()).as("closed: %s %s", next.closeCode(), next.text()).isFalse();
                answer = WsClient.JSON.readTree(next.text());
            } while (!"h1".equals(answer.path("id").asText()));
            assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("ack");

            // A state.snapshot is the whole state too: promoting the reader sends one as big as the welcome,
            // and it is not counted either while the reader does not read.
            announcer.ack("participant.promote", Map.of("participantId", slow.path("participantId").asText()));
            long afterSnapshot = announcer.ack("meeting.announce", Map.of("text", "after the snapshot")).path("seq")
                    .asLong();
            boolean snapshotSeen = false;
            long lastSeq = 0;
            while (lastSeq < afterSnapshot) {
                RawWebSocket.Message next = reader.read();
                assertThat(next.isClose()).as("closed: %s %s", next.closeCode(), next.text()).isFalse();
                JsonNode frame = WsClient.JSON.readTree(next.text());
                if ("state.snapshot".equals(frame.path("name").asText())) {
                    snapshotSeen = true;
                    assertThat(next.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8 * BOUND);
                    assertThat(frame.at("/data/you/role").asText()).isEqualTo("moderator");
                }
                lastSeq = Math.max(lastSeq, frame.path("seq").asLong());
            }
            assertThat(snapshotSeen).as("the reader got its state.snapshot").isTrue();
        }

        // The moderator, and a newcomer, connect as usual (a reading client).
        try (WsClient mia = WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia");
                WsClient newcomer = WsClient.connect(RestAssured.port, meetingId,
                        meeting.join(longName("Newcomer")).path("token").asText(), "Newcomer")) {
            assertThat(mia.welcome().at("/state/chat")).hasSize(100);
            assertThat(newcomer.welcome().at("/state/you/role").asText()).isEqualTo("participant");
            mia.ack("chat.delete", Map.of("messageId", mia.welcome().at("/state/chat/0/messageId").asText()));
            assertThat(mia.closeCode).isNotDone();
            assertThat(newcomer.closeCode).isNotDone();
        }
        chatters.forEach(WsClient::close);
        announcer.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("[R7] a big welcome and twelve big state.snapshots queued at once behind it, all unread: none of them counts, no 1013")
    void snapshotsBehindAnUnreadWelcome() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Snapshots behind a welcome", "en");
        String meetingId = meeting.meetingId;
        String moderatorToken = meeting.joinAsModerator(longName("Mia")).path("token").asText();
        WsClient announcer = WsClient.connect(RestAssured.port, meetingId, moderatorToken, "Mia announcing");
        List<WsClient> chatters = fillWithChat(meeting);
        JsonNode slow = meeting.join(longName("Slow reader"));
        String slowId = slow.path("participantId").asText();

        try (RawWebSocket reader = RawWebSocket.open(RestAssured.port, "/ws/meetings/" + meetingId, 4096)) {
            reader.sendText("{\"type\":\"hello\",\"token\":\"" + slow.path("token").asText() + "\"}");
            // Its coming online is told after its welcome was queued: the snapshots queue behind the welcome.
            announcer.await("the slow reader online", frame -> "presence.changed".equals(frame.path("name").asText())
                    && frame.at("/data/online").toString().contains(slowId));
            // Twelve snapshots of over 512 KiB each: more than the kernel's largest send buffer (4 MiB) takes, so most
            // of them wait in the channel, where only events may count.
            for (int i = 0; i < SNAPSHOT_PAIRS; i++) {
                announcer.ack("participant.promote", Map.of("participantId", slowId));
                announcer.ack("participant.demote", Map.of("participantId", slowId));
            }
            long lastAnnounced = 0;
            for (int i = 0; i < 3; i++) {
                lastAnnounced = announcer.ack("meeting.announce", Map.of("text", "behind the snapshots " + i))
                        .path("seq").asLong();
            }

            List<String> wholeStates = new ArrayList<>();
            long lastSeq = 0;
            while (lastSeq < lastAnnounced) {
                RawWebSocket.Message next = reader.read();
                assertThat(next.isClose()).as("closed: %s %s", next.closeCode(), next.text()).isFalse();
                JsonNode frame = WsClient.JSON.readTree(next.text());
                if ("welcome".equals(frame.path("type").asText())
                        || "state.snapshot".equals(frame.path("name").asText())) {
                    assertThat(next.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8 * BOUND);
                    wholeStates.add(frame.path("type").asText() + " " + frame.path("name").asText());
                }
                lastSeq = Math.max(lastSeq, frame.path("seq").asLong());
            }
            assertThat(wholeStates).hasSize(1 + 2 * SNAPSHOT_PAIRS).startsWith("welcome ")
                    .endsWith("event state.snapshot");
        }
        chatters.forEach(WsClient::close);
        announcer.close();
    }

    /** A 60-character name (the longest allowed) of two-byte characters after the label. */
    private static String longName(String label) {
        return label + " " + "é".repeat(60 - label.length() - 1);
    }

    /** A 2,000-character chat message (the longest allowed), 3 bytes a character in UTF-8. */
    private static String message(int n) {
        String label = "Message " + n + " ";
        return label + "€".repeat(2_000 - label.length());
    }
}
