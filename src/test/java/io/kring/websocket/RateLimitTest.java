package io.kring.websocket;

import static io.kring.testing.TestParticipant.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R2 and R3 (C6): at most 20 frames in any one-second window from one participant across all their
 * connections (hellos, unreadable frames and binary frames included), and at most 5
 * {@code chat.send} a second from one participant across their connections; refused ones do not count.
 */
@QuarkusTest
class RateLimitTest {

    @Test
    @DisplayName("[R2] 21 commands in one second on one connection: the 21st is RATE_LIMITED, the first 20 are acked")
    void twentyOneCommands() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            waitOutTheHellos();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                ids.add(an.send("hand.raise"));
            }
            for (int i = 0; i < 20; i++) {
                an.awaitAck(ids.get(i));
            }
            JsonNode refused = an.awaitError(ids.get(20));
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("id").asText()).isEqualTo(ids.get(20));
            assertThat(an.isClosed()).as("the connection stays").isFalse();
        }
    }

    @Test
    @DisplayName("[R2] the limit counts a participant's connections together: 21 frames over two tabs, the 21st is RATE_LIMITED")
    void perParticipantAcrossConnections() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            TestParticipant tab1 = m.connect(an);
            TestParticipant tab2 = m.connect(an);
            TestParticipant bo = m.participant("Bo");
            waitOutTheHellos();
            // Unreadable frames keep the test quick (nothing is stored): 10 + 1 on tab 1, then 9 + 1 on tab 2.
            for (int i = 0; i < 10; i++) {
                tab1.sendText("not json " + i);
            }
            tab1.awaitAck(tab1.send("hand.raise"));
            for (int i = 0; i < 9; i++) {
                tab2.sendText("not json " + i);
            }
            String twentyFirst = tab2.send("hand.raise", "kind", "reply");
            JsonNode refused = tab2.awaitError(twentyFirst);
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("id").asText()).isEqualTo(twentyFirst);
            assertThat(tab1.isClosed() || tab2.isClosed()).as("both tabs stay").isFalse();
            bo.ack("hand.raise");
        }
    }

    @Test
    @DisplayName("[R2] unreadable frames, unknown commands and binary frames count toward the 20")
    void unreadableFramesCount() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            waitOutTheHellos();
            for (int i = 0; i < 5; i++) {
                an.sendText("{\"type\":");
                an.sendText("[" + i + "]");
                an.sendJson(Map.of("type", "hand.wave", "id", "w" + i));
                an.sendBinary(new byte[] { '{', '}' });
            }
            assertThat(an.awaitError("w4").path("code").asText()).isEqualTo("INVALID");
            String id = an.send("hand.raise");
            JsonNode refused = an.awaitError(id);
            assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("RATE_LIMITED");
            long invalidWithoutId = an.frames().stream().filter(f -> "error".equals(f.path("type").asText())
                    && f.get("id").isNull() && "INVALID".equals(f.path("code").asText())).count();
            assertThat(invalidWithoutId).as("each unreadable text or binary frame got INVALID with id null").isEqualTo(15);
        }
    }

    @Test
    @DisplayName("[R2, R4] repeated hellos count toward the 20")
    void repeatedHellosCount() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            waitOutTheHellos();
            for (int i = 0; i < 19; i++) {
                an.sendJson(Map.of("type", "hello", "token", an.who.token()));
            }
            String last = an.send("hello", "token", an.who.token());
            assertThat(an.awaitError(last).path("code").asText()).isEqualTo("INVALID");
            String id = an.send("hand.raise");
            assertThat(an.awaitError(id).path("code").asText()).isEqualTo("RATE_LIMITED");
        }
    }

    @Test
    @DisplayName("[R2] hellos count: after 20 frames in one second a new connection's hello is RATE_LIMITED and closed 1008, unregistered; after the window a hello is welcomed")
    void hellosCount() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            List<TestParticipant> tabs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tabs.add(m.connect(an));
            }
            waitOutTheHellos();
            TestParticipant tab = tabs.get(4);
            long burstFrom = System.currentTimeMillis();
            for (int i = 0; i < 19; i++) {
                tab.sendText("not json " + i);
            }
            tab.awaitAck(tab.send("hand.raise"));
            long twentiethAckedAt = System.currentTimeMillis();

            for (int attempt = 0; attempt < 2; attempt++) {
                TestParticipant reconnect = m.open();
                reconnect.sendJson(Map.of("type", "hello", "token", an.token()));
                JsonNode refused = reconnect.awaitErrorWithoutId();
                assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("RATE_LIMITED");
                assertThat(reconnect.awaitClose()).isEqualTo(1008);
                assertThat(reconnect.frames()).as("no welcome").noneMatch(f -> "welcome".equals(f.path("type").asText()));
            }
            assertThat(System.currentTimeMillis() - burstFrom)
                    .as("timing of this test: the 20 frames must still be in the window").isLessThan(1_000);
            // A refused hello is not registered: it replaced none of the five (no 4409), and all of them still answer.
            for (TestParticipant open : tabs) {
                assertThat(open.awaitReply(open.send("hand.lower")).path("type").asText()).isIn("ack", "error");
                assertThat(open.isClosed()).as("%s", open).isFalse();
            }

            waitUntil(twentiethAckedAt + 1_050);
            TestParticipant later = m.connect(an);
            assertThat(later.welcome().path("type").asText()).isEqualTo("welcome");
            assertThat(tabs.get(0).awaitClose()).as("a welcomed sixth connection replaces the oldest (R8)").isEqualTo(4409);
        }
    }

    @Test
    @DisplayName("[R2] commands refused as RATE_LIMITED do not count; once the window passed commands are accepted again")
    void refusedCommandsDoNotCount() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            waitOutTheHellos();
            an.ack("hand.raise");
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                accepted.add(an.send("hand.raise"));
            }
            for (String id : accepted) {
                an.awaitAck(id);
            }
            // Every accepted command was handled by now: they all leave the window by acceptedBy + 1 s.
            long acceptedBy = System.currentTimeMillis();
            waitUntil(acceptedBy + 300);
            long refusedFrom = System.currentTimeMillis();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refused.add(an.send("hand.raise"));
            }
            for (String id : refused) {
                assertThat(an.awaitError(id).path("code").asText()).isEqualTo("RATE_LIMITED");
            }
            // Now the window holds only refused commands: had they counted, this one would be refused too.
            waitUntil(acceptedBy + 1_050);
            String id = an.send("hand.raise", "kind", "reply");
            JsonNode answer = an.awaitReply(id);
            long sentAt = System.currentTimeMillis();
            assertThat(sentAt - refusedFrom).as("timing of this test: the refused commands must still be in the window")
                    .isLessThan(1_000);
            assertThat(answer.path("type").asText()).as("%s", answer).isEqualTo("ack");
        }
    }

    @Test
    @DisplayName("[R3, C6] a 6th chat.send within one second is RATE_LIMITED and stored nowhere")
    void sixChatMessages() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                ids.add(an.send("chat.send", "text", "bericht " + i));
            }
            for (int i = 0; i < 5; i++) {
                an.awaitAck(ids.get(i));
            }
            JsonNode refused = an.awaitError(ids.get(5));
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");

            mo.ack("meeting.announce", "text", "marker");
            mo.awaitEvent("announcement.changed", d -> true);
            assertThat(mo.events("chat.message")).hasSize(5);
            assertThat(mo.frames().stream().filter(f -> isEvent(f, "chat.message"))
                    .map(f -> f.path("data").path("message").path("text").asText())).doesNotContain("bericht 6");
            JsonNode chat = m.freshState(an.who).path("chat");
            assertThat(chat.findValuesAsText("text")).containsExactly("bericht 1", "bericht 2", "bericht 3", "bericht 4",
                    "bericht 5");
        }
    }

    @Test
    @DisplayName("[R3, C6] the chat limit counts all connections of one participant together")
    void chatLimitAcrossTabs() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            TestParticipant tab1 = m.connect(an);
            TestParticipant tab2 = m.connect(an);
            TestParticipant bo = m.participant("Bo");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ids.add(tab1.send("chat.send", "text", "tab1 " + i));
            }
            for (String id : ids) {
                tab1.awaitAck(id);
            }
            List<String> ids2 = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ids2.add(tab2.send("chat.send", "text", "tab2 " + i));
            }
            tab2.awaitAck(ids2.get(0));
            tab2.awaitAck(ids2.get(1));
            assertThat(tab2.awaitError(ids2.get(2)).path("code").asText()).isEqualTo("RATE_LIMITED");
            bo.ack("chat.send", "text", "Bo mag wel");
            assertThat(Api.state(bo.who).path("chat").findValuesAsText("text")).doesNotContain("tab2 3").contains("Bo mag wel");
        }
    }

    @Test
    @DisplayName("[R2, R3] chat messages refused as RATE_LIMITED do not count toward the connection's 20 commands")
    void refusedChatMessagesDoNotCountAsCommands() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            waitOutTheHellos();
            List<String> chats = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                chats.add(an.send("chat.send", "text", "snel " + i));
            }
            List<String> hands = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                hands.add(an.send("hand.raise"));
            }
            for (int i = 0; i < 5; i++) {
                an.awaitAck(chats.get(i));
            }
            for (int i = 5; i < 20; i++) {
                assertThat(an.awaitError(chats.get(i)).path("code").asText()).isEqualTo("RATE_LIMITED");
            }
            for (String id : hands) {
                JsonNode answer = an.awaitReply(id);
                assertThat(answer.path("type").asText()).as("5 chats and 15 hands counted: %s", answer).isEqualTo("ack");
            }
        }
    }

    @Test
    @DisplayName("[C6] refused chat messages (invalid, muted) do not count toward the five")
    void refusedChatMessagesDoNotCount() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            mo.ack("participant.mute", "participantId", an.id());
            for (int i = 0; i < 3; i++) {
                assertThat(an.error("chat.send", "text", "stil " + i).path("code").asText()).isEqualTo("MUTED");
            }
            mo.ack("participant.unmute", "participantId", an.id());
            for (int i = 0; i < 3; i++) {
                assertThat(an.error("chat.send", "text", "   ").path("code").asText()).isEqualTo("INVALID");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(an.send("chat.send", "text", "ok " + i));
            }
            for (String id : ids) {
                an.awaitAck(id);
            }
        }
    }

    /**
     * Hellos count too (R2): waits until those said before now have left the window, so a test's burst has
     * all 20 frames to itself.
     */
    private static void waitOutTheHellos() {
        waitUntil(System.currentTimeMillis() + 1_010);
    }

    /** Waits (without a bare sleep) until the wall clock has reached {@code epochMillis}. */
    private static void waitUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Awaitility.await().pollDelay(Duration.ofMillis(wait)).atMost(Duration.ofMillis(wait + 5_000))
                    .until(() -> System.currentTimeMillis() >= epochMillis);
        }
    }
}
