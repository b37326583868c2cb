package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/** R8 and R9 on the real socket: at most five connections per participant, and binary frames. */
@QuarkusTest
class ConnectionLimitTest {

    @Test
    @DisplayName("[R8, protocol 2.6] a sixth connection of one participant closes their oldest with 4409; the others stay")
    void sixthConnectionReplacesTheOldest() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            List<TestParticipant> tabs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tabs.add(m.connect(an));
            }
            TestParticipant sixth = m.connect(an);
            assertThat(tabs.get(0).awaitClose()).isEqualTo(4409);
            assertThat(tabs.get(0).closeReason()).isEqualTo("replaced by a newer connection");

            int[] marks = tabs.stream().mapToInt(TestParticipant::mark).toArray();
            String id = sixth.send("hand.raise");
            sixth.awaitAck(id);
            for (int i = 1; i < 5; i++) {
                tabs.get(i).awaitEvent(marks[i], "hand.raised", d -> true);
                assertThat(tabs.get(i).isClosed()).as("tab %d", i).isFalse();
            }
            JsonNode anInRoster = participant(mo, an.participantId());
            assertThat(anInRoster.path("online").asBoolean()).as("An stays online").isTrue();

            TestParticipant seventh = m.connect(an);
            assertThat(tabs.get(1).awaitClose()).as("the next oldest goes next").isEqualTo(4409);
            assertThat(seventh.isClosed() || sixth.isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("[R8] five connections of one participant are allowed, and each participant has their own five")
    void fiveAreAllowed() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            Api.Joined bo = m.join("Bo");
            List<TestParticipant> tabs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tabs.add(m.connect(an));
                tabs.add(m.connect(bo));
            }
            tabs.get(9).ack("hand.raise");
            for (TestParticipant tab : tabs) {
                tab.awaitEvent("hand.raised");
                assertThat(tab.isClosed()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("[R9, protocol 2.4] a binary frame gets error INVALID with id null; the socket stays")
    void binaryFrame() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            long seq = an.lastSeq();
            an.sendBinary("{\"type\":\"hand.raise\",\"id\":\"b1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode error = an.awaitErrorWithoutId();
            assertThat(error.path("code").asText()).isEqualTo("INVALID");
            assertThat(an.ack("hand.raise").path("seq").asLong()).as("the binary frame changed nothing").isEqualTo(seq + 1);
            assertThat(an.isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("[R4, R9] a binary frame before the hello closes 4401")
    void binaryFrameBeforeHello() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant raw = m.open();
            raw.sendBinary(new byte[] { 1, 2, 3 });
            assertThat(raw.awaitClose()).isEqualTo(4401);
        }
    }

    private static JsonNode participant(TestParticipant observer, String participantId) {
        JsonNode state = Api.state(observer.who);
        for (JsonNode p : state.path("participants")) {
            if (p.path("participantId").asText().equals(participantId)) {
                return p;
            }
        }
        throw new AssertionError(participantId + " is not in the roster: " + state);
    }
}
