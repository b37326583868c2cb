package io.kring.websocket;

import static io.kring.testing.TestParticipant.isEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
            // Opened before the burst: a WebSocket handshake on a loaded machine must not eat the burst's second.
            List<TestParticipant> reconnects = List.of(m.open(), m.open());
            waitOutTheHellos();
            TestParticipant tab = tabs.get(4);
            long burstFrom = System.currentTimeMillis();
            for (int i = 0; i < 19; i++) {
                tab.sendText("not json " + i);
            }
            // The 20th is refused as unknown without being stored, so its answer does not wait for a disk flush.
            assertThat(tab.awaitError(tab.send("hand.wave")).path("code").asText()).isEqualTo("INVALID");
            long twentiethAnsweredAt = System.currentTimeMillis();

            List<JsonNode> answers = new ArrayList<>();
            for (TestParticipant reconnect : reconnects) {
                reconnect.sendJson(Map.of("type", "hello", "token", an.token()));
                answers.add(reconnect.await("a welcome or an error", 0,
                        f -> "welcome".equals(f.path("type").asText()) || "error".equals(f.path("type").asText())));
            }
            // Each hello was handled before its answer arrived, and the burst's first frame after burstFrom.
            assumeTrue(System.currentTimeMillis() - burstFrom < 1_000,
                    "too slow a run: the 20 frames may have left the window before the hellos arrived");
            for (int attempt = 0; attempt < reconnects.size(); attempt++) {
                TestParticipant reconnect = reconnects.get(attempt);
                JsonNode refused = answers.get(attempt);
                assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("RATE_LIMITED");
                assertThat(refused.get("id").isNull()).as("%s", refused).isTrue();
                assertThat(reconnect.awaitClose()).isEqualTo(1008);
                assertThat(reconnect.frames()).as("no welcome").noneMatch(f -> "welcome".equals(f.path("type").asText()));
            }
            // A refused hello is not registered: it replaced none of the five (no 4409), and all of them still answer.
            for (TestParticipant open : tabs) {
                assertThat(open.awaitReply(open.send("hand.lower")).path("type").asText()).isIn("ack", "error");
                assertThat(open.isClosed()).as("%s", open).isFalse();
            }

            waitUntil(twentiethAnsweredAt + 1_050);
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
            // The server counts each frame on arrival: after burstFrom, and before the client hears its answer.
            long burstFrom = System.currentTimeMillis();
            an.ack("hand.raise");
            long firstAnsweredAt = System.currentTimeMillis();
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                accepted.add(an.send("hand.raise"));
            }
            for (String id : accepted) {
                an.awaitAck(id);
            }
            long acceptedBy = System.currentTimeMillis();
            waitUntil(firstAnsweredAt + 300);
            long refusedFrom = System.currentTimeMillis();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refused.add(an.send("hand.raise"));
            }
            List<JsonNode> refusals = new ArrayList<>();
            for (String id : refused) {
                refusals.add(an.awaitReply(id));
            }
            assumeTrue(System.currentTimeMillis() - burstFrom < 1_000,
                    "too slow a run: the accepted commands may have left the window before the last of the 20 arrived");
            for (JsonNode refusal : refusals) {
                assertThat(refusal.path("code").asText()).as("%s", refusal).isEqualTo("RATE_LIMITED");
            }
            // The first accepted command has left the window now, the refused ones have not: had they counted,
            // this frame would be refused too. An unknown command is answered without a disk flush, so its answer
            // bounds when it arrived.
            waitUntil(firstAnsweredAt + 1_010);
            JsonNode answer = an.awaitReply(an.send("hand.wave"));
            assumeTrue(System.currentTimeMillis() - refusedFrom < 1_000,
                    "too slow a run: the refused commands may have left the window before the next frame arrived");
            assertThat(answer.path("code").asText()).as("admitted, then found unknown: %s", answer).isEqualTo("INVALID");
            // And once the accepted ones have all left, commands are accepted again.
            waitUntil(acceptedBy + 1_010);
            an.ack("hand.raise", "kind", "reply");
        }
    }

    @Test
    @DisplayName("[R3, C6] a 6th chat.send within one second is RATE_LIMITED and stored nowhere")
    void sixChatMessages() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            List<String> ids = new ArrayList<>();
            long sendingFrom = System.currentTimeMillis();
            for (int i = 1; i <= 6; i++) {
                ids.add(an.send("chat.send", "text", "bericht " + i));
            }
            JsonNode refused = an.awaitReply(ids.get(5));
            assumeSixthWithinASecond(sendingFrom);
            for (int i = 0; i < 5; i++) {
                an.awaitAck(ids.get(i));
            }
            assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("RATE_LIMITED");

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
            long sendingFrom = System.currentTimeMillis();
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
            JsonNode sixth = tab2.awaitReply(ids2.get(2));
            assumeSixthWithinASecond(sendingFrom);
            tab2.awaitAck(ids2.get(0));
            tab2.awaitAck(ids2.get(1));
            assertThat(sixth.path("code").asText()).as("%s", sixth).isEqualTo("RATE_LIMITED");
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
            long sendingFrom = System.currentTimeMillis();
            for (int i = 0; i < 20; i++) {
                chats.add(an.send("chat.send", "text", "snel " + i));
            }
            List<String> hands = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                hands.add(an.send("hand.raise"));
            }
            // The meeting handles one participant's commands in order: once the last chat is answered, all were handled.
            an.awaitReply(chats.get(19));
            assumeSixthWithinASecond(sendingFrom);
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
     * C6 counts chat messages by when the meeting handles them, and the meeting handles a participant's commands
     * in batches, each batch waiting for its disk flush before the next is taken: on a loaded machine the flushes
     * can take longer than the second the rule is about. Called once the client heard the answer to the chat message that must be refused: the meeting handled
     * the first after {@code sendingFrom} and that one before now. A run too slow to tell is skipped, not failed.
     */
    private static void assumeSixthWithinASecond(long sendingFrom) {
        long elapsed = System.currentTimeMillis() - sendingFrom;
        assumeTrue(elapsed < 1_000, "too slow a run to test the one-second chat window: " + elapsed + " ms");
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
