package io.kring.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The input rules I1..I9 of docs/protocol.md through the real stack (HTTP, WebSocket, PostgreSQL):
 * the lenient JSON of issue 10 finding 9, the look-alike and invisible names of finding 10, and the NUL
 * and unpaired surrogate of finding 12, each refused as {@code INVALID} without changing anything and
 * without a stack trace in the log.
 */
@QuarkusTest
class InputRulesTest {

    /** Escapes every non-ASCII character, so that unpaired surrogates travel as JSON escapes. */
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /**
     * What the server logs alarmingly while a test runs: WARNING or above, or a stack trace, from Kring's own code;
     * and any stack trace or SEVERE record from the frameworks that handle a request (a failure they caught).
     * The server is shared and the machine may be loaded, so Vert.x's blocked-thread warnings (with their stack
     * trace), Netty's connection noise and the transaction reaper's timeouts are not counted: bad input does not
     * cause them.
     */
    private final List<LogRecord> alarming = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isAlarming(record)) {
                alarming.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static boolean isAlarming(LogRecord record) {
        String logger = String.valueOf(record.getLoggerName());
        boolean warns = record.getLevel().intValue() >= Level.WARNING.intValue();
        boolean stackTrace = record.getThrown() != null;
        if (logger.startsWith("io.kring.")) {
            return warns || stackTrace;
        }
        boolean loadNoise = logger.startsWith("io.vertx.") || logger.startsWith("io.netty.") || logger.startsWith("com.arjuna.");
        return !loadNoise && (stackTrace || record.getLevel().intValue() >= Level.SEVERE.intValue());
    }

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private void assertNothingAlarmingLogged() {
        assertThat(alarming).as("nothing logged at WARNING or above by Kring, no stack trace")
                .extracting(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    @Test
    @DisplayName("the log capture of these tests sees what the server logs (so its silence means something)")
    void logCaptureWorks() {
        org.jboss.logging.Logger.getLogger("io.kring.probe").warn("probe of InputRulesTest");
        assertThat(alarming).anyMatch(r -> String.valueOf(r.getMessage()).contains("probe of InputRulesTest"));
        alarming.clear();
    }

    private static Response postRaw(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    private static void assertInvalid(Response response) {
        JsonNode json = Api.json(response, 400);
        assertThat(json.path("error").path("code").asText()).as("%s", json).isEqualTo("INVALID");
    }

    // ---------------------------------------------------------------------------------------------
    // Finding 9: lenient JSON, over the WebSocket

    @ParameterizedTest(name = "[I2] a command {0} with a field of the wrong JSON type is INVALID and changes nothing")
    @ValueSource(strings = { "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":123}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":true}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":[\"a\"]}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":{\"a\":1}}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":\"60\"}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":\" 60 \"}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":\"+60\"}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":60.5}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":60.9}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":60.0}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":6e1}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":true}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":4294967356}",
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":60,\"durationSeconds\":60}",
            "{\"type\":\"hand.raise\",\"id\":\"w1\",\"kind\":1}",
            "{\"type\":\"participant.mute\",\"id\":\"w1\",\"participantId\":\"../../x\"}",
            "{\"type\":\"breakout.open\",\"id\":\"w1\",\"roomCount\":\"2\",\"strategy\":\"random\",\"durationSeconds\":60}",
            "{\"type\":\"breakout.open\",\"id\":\"w1\",\"roomCount\":2,\"strategy\":\"random\",\"durationSeconds\":60,\"topics\":[1,2]}",
            "{\"type\":\"breakout.open\",\"id\":\"w1\",\"roomCount\":2,\"strategy\":\"random\",\"durationSeconds\":60,\"topics\":\"ab\"}",
            "{\"type\":\"meeting.announce\",\"id\":\"w1\",\"text\":false}" })
    void wrongTypesOverTheSocket(String frame) {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            long seq = mo.lastSeq();
            mo.sendText(frame);
            JsonNode error = mo.awaitError("w1");
            assertThat(error.path("code").asText()).as("%s", error).isEqualTo("INVALID");
            JsonNode ack = mo.ack("hand.raise");
            assertThat(ack.path("seq").asLong()).as("the refused command changed nothing").isEqualTo(seq + 1);
            assertThat(m.freshState(mo.who).path("chat")).isEmpty();
            assertThat(m.freshState(mo.who).path("agenda").path("items")).isEmpty();
            assertNothingAlarmingLogged();
        }
    }

    @ParameterizedTest(name = "[I1] a frame {0} that is not exactly one object gets INVALID (id null) and runs nothing")
    @ValueSource(strings = {
            "{\"type\":\"agenda.add\",\"id\":\"w1\",\"title\":\"x\",\"durationSeconds\":60,\"type\":\"chat.send\",\"text\":\"hi\"}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":\"hi\",\"text\":\"again\"}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":\"hi\"} trailing",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":\"hi\"}{\"type\":\"chat.send\",\"id\":\"w2\",\"text\":\"hi\"}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":\"hi\"} {\"type\":\"agenda.add\"}",
            "{\"type\":\"chat.send\",\"id\":\"w1\",\"text\":\"hi\"}]" })
    void framesThatAreNotOneObject(String frame) {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            long seq = mo.lastSeq();
            int mark = mo.mark();
            mo.sendText(frame);
            JsonNode error = mo.await("an error with id null", mark,
                    f -> "error".equals(f.path("type").asText()) && f.get("id") != null && f.get("id").isNull());
            assertThat(error.path("code").asText()).isEqualTo("INVALID");
            JsonNode ack = mo.ack("hand.raise");
            assertThat(ack.path("seq").asLong()).as("nothing ran").isEqualTo(seq + 1);
            assertThat(mo.framesSince(mark)).noneMatch(f -> "w1".equals(f.path("id").textValue())
                    || "w2".equals(f.path("id").textValue()));
            assertThat(m.freshState(mo.who).path("chat")).isEmpty();
        }
    }

    @Test
    @DisplayName("[I1] a hello with a duplicated key or trailing data closes the socket with 4401")
    void strictHello() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            for (String hello : List.of("{\"type\":\"hello\",\"token\":\"" + an.token() + "\",\"token\":\"" + an.token() + "\"}",
                    "{\"type\":\"hello\",\"token\":\"" + an.token() + "\"} x")) {
                try (TestParticipant raw = TestParticipant.open(m.id())) {
                    raw.sendText(hello);
                    assertThat(raw.awaitClose()).as(hello).isEqualTo(4401);
                }
            }
        }
    }

    @Test
    @DisplayName("[I4] a command id that is not 1..64 visible ASCII characters or a whole number is INVALID, with id null")
    void commandIds() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            long seq = an.lastSeq();
            for (String frame : List.of("{\"type\":\"hand.raise\",\"id\":\"a b\"}",
                    "{\"type\":\"hand.raise\",\"id\":\"" + "x".repeat(65) + "\"}", "{\"type\":\"hand.raise\",\"id\":1.5}",
                    "{\"type\":\"hand.raise\",\"id\":{\"a\":1}}", "{\"type\":\"hand.raise\",\"id\":\"\\u0000\"}")) {
                int mark = an.mark();
                an.sendText(frame);
                JsonNode error = an.await("an error with id null", mark,
                        f -> "error".equals(f.path("type").asText()) && f.get("id") != null && f.get("id").isNull());
                assertThat(error.path("code").asText()).as(frame).isEqualTo("INVALID");
            }
            assertThat(an.ack("hand.raise").path("seq").asLong()).isEqualTo(seq + 1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Finding 9: lenient JSON, over HTTP

    @ParameterizedTest(name = "[I1, I2] creating with {0} is 400 INVALID")
    @ValueSource(strings = { "{\"title\":123}", "{\"title\":true}", "{\"title\":[\"x\"]}",
            "{\"title\":\"x\",\"language\":1}",
            "{\"title\":\"x\",\"agenda\":[{\"title\":\"a\",\"durationSeconds\":\"60\"}]}",
            "{\"title\":\"x\",\"agenda\":[{\"title\":\"a\",\"durationSeconds\":60.5}]}",
            "{\"title\":\"x\",\"agenda\":[{\"title\":\"a\",\"durationSeconds\":\" 60 \"}]}",
            "{\"title\":\"x\",\"agenda\":[{\"title\":\"a\",\"durationSeconds\":\"+60\"}]}",
            "{\"title\":\"x\",\"agenda\":[null]}", "{\"title\":\"x\",\"agenda\":{\"title\":\"a\"}}",
            "{\"title\":\"x\",\"title\":\"y\"}", "{\"title\":\"x\"} {\"title\":\"y\"}", "{\"title\":\"x\"} trailing",
            "[{\"title\":\"x\"}]", "\"x\"", "{\"title\":\"x\\u0000\"}", "{\"title\":\"x\\ud800\"}",
            "{\"title\":\"\\udc00x\"}", "{\"title\":\"a\\nb\"}", "{\"title\":\"\\u3164\"}" })
    void strictCreate(String body) {
        assertInvalid(postRaw("/api/meetings", body));
        assertNothingAlarmingLogged();
    }

    @ParameterizedTest(name = "[I1, I2] joining with {0} is 400 INVALID")
    @ValueSource(strings = { "{\"name\":123}", "{\"name\":false}", "{\"name\":\"An\",\"organisation\":5}",
            "{\"name\":\"An\",\"name\":\"Mo\"}", "{\"name\":\"An\"}{\"name\":\"Mo\"}", "{\"name\":\"An\"} 1",
            "{\"name\":\"An\",\"moderatorKey\":1}", "{\"name\":\"Els\\ud800\"}", "{\"name\":\"\\udc00Els\"}",
            "{\"name\":\"Els\\u0000\"}", "{\"name\":\"Els\\u200b\"}", "{\"name\":\"\\u0415ls\"}" })
    void strictJoin(String body) {
        try (TestMeeting m = TestMeeting.create()) {
            assertInvalid(postRaw("/api/meetings/" + m.id() + "/participants", body));
            assertThat(Api.meeting(m.id()).path("participantCount").asLong()).isZero();
        }
    }

    @Test
    @DisplayName("[I4] a meeting id of another shape is 404 NOT_FOUND")
    void meetingIdShape() {
        for (String id : List.of("a.b", "x".repeat(65), "%E2%80%8B", "a%20b")) {
            JsonNode json = Api.json(given().urlEncodingEnabled(false).when().get("/api/meetings/" + id), 404);
            assertThat(json.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
            Api.json(given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"name\":\"An\"}")
                    .when().post("/api/meetings/" + id + "/participants"), 404);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Finding 10: look-alike and invisible names; finding 12: NUL and unpaired surrogates

    @ParameterizedTest(name = "[I7] the name {0} is 400 INVALID")
    @ValueSource(strings = { "Els\u200b", "\u0415ls", "\u3164", "Els\u001b", "Els\u0007", "line1\nline2", "\u202eslE",
            "Jean-\u041f\u044c\u0435\u0440", "\ufeff", "\u115f\u1160", "\uffa0", "\u2800", "El\u200ds", "\u0301",
            "Els\u0000" })
    void badNames(String name) {
        try (TestMeeting m = TestMeeting.create()) {
            assertInvalid(Api.joinResponse(m.id(), name, null, null));
            assertInvalid(Api.joinResponse(m.id(), "Els", name, null));
            assertThat(Api.meeting(m.id()).path("participantCount").asLong()).isZero();
            assertNothingAlarmingLogged();
        }
    }

    @Test
    @DisplayName("[I7] an all-Cyrillic or all-Greek name, and a name in two scripts as two words, are fine")
    void namesInOneScriptPerWord() {
        try (TestMeeting m = TestMeeting.create()) {
            for (String name : List.of("\u0415\u043b\u0435\u043d\u0430", "\u0395\u03bb\u03ad\u03bd\u03b7",
                    "Jean \u041f\u044c\u0435\u0440", "\u5c71\u7530\u306f\u306a\u3053", "  Ren\u0065\u0301e  ")) {
                Api.Joined joined = Api.join(m.id(), name);
                assertThat(joined.participantId()).isNotBlank();
            }
            JsonNode state = Api.state(Api.join(m.id(), "Check"));
            assertThat(state.path("participants").findValuesAsText("name")).contains("Ren\u00e9e");
        }
    }

    @Test
    @DisplayName("[I6, I9] NUL and unpaired surrogates in a title, chat or insight are INVALID, never UNAVAILABLE, never a stack trace")
    void nulAndSurrogates() {
        Response nulTitle = Api.postJson("/api/meetings", Map.of("title", "Mee\u0000ting"));
        assertInvalid(nulTitle);
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            // As JSON escapes: a WebSocket client cannot even encode an unpaired surrogate to UTF-8.
            int n = 0;
            for (String text : List.of("a\\u0000b", "a\\ud800b", "\\udfff", "a\\u0007b")) {
                for (String frame : List.of("{\"type\":\"chat.send\",\"id\":\"s%d\",\"text\":\"%s\"}",
                        "{\"type\":\"agenda.add\",\"id\":\"s%d\",\"title\":\"%s\",\"durationSeconds\":60}",
                        "{\"type\":\"meeting.announce\",\"id\":\"s%d\",\"text\":\"%s\"}")) {
                    String id = "s" + ++n;
                    mo.sendText(frame.formatted(n, text));
                    assertThat(mo.awaitError(id).path("code").asText()).as(frame.formatted(n, text)).isEqualTo("INVALID");
                }
            }
            assertThat(mo.ack("chat.send", "text", " two\n\tlines \ud83d\ude00 ")).isNotNull();
            assertThat(m.freshState(mo.who).path("chat").get(0).path("text").asText()).isEqualTo("two\n\tlines \ud83d\ude00");
        }
        assertNothingAlarmingLogged();
    }

    // ---------------------------------------------------------------------------------------------
    // Random frames through the real socket

    @Test
    @DisplayName("[I1..I9] random frames for every command through the real socket: ack or a refusal, never UNAVAILABLE")
    void randomFramesThroughTheSocket() throws Exception {
        Random random = new Random(2026);
        // Sorted: Map.ofEntries iterates in an order that changes from one JVM run to the next,
        // and the seed must give the same frames every time.
        List<String> types = new ArrayList<>(new TreeSet<>(Protocol.COMMANDS.keySet()));
        types.removeAll(List.of("meeting.end", "meeting.leave"));
        try (TestMeeting m = TestMeeting.create()) {
            List<TestParticipant> people = new ArrayList<>();
            people.add(m.moderator("Mo"));
            people.add(m.moderator("Kim"));
            people.add(m.participant("An", "Gent"));
            people.add(m.participant("Bo", "Leuven"));
            // At most 15 frames per participant: the 20-a-second limit never comes into play.
            for (int n = 0; n < 15; n++) {
                for (TestParticipant person : people) {
                    String id = "r" + n;
                    String text;
                    do {
                        String type = ProtocolDecoderPropertiesTest.pick(random, types);
                        ObjectNode frame = ProtocolDecoderPropertiesTest.randomFrame(random, type, Protocol.COMMANDS.get(type));
                        frame.put("id", id);
                        text = ASCII_JSON.writeValueAsString(frame);
                        // A frame over 16 KiB is closed with 1009 by design (tested on its own); here
                        // every frame must reach the command rules.
                    } while (text.getBytes(StandardCharsets.UTF_8).length > 16 * 1024);
                    person.sendText(text);
                    JsonNode reply = person.awaitReply(id);
                    assertThat(reply.path("code").asText()).as("%s gave %s", text, reply).isNotEqualTo("UNAVAILABLE");
                }
            }
            for (TestParticipant person : people) {
                assertThat(person.isClosed()).isFalse();
            }
        }
        assertNothingAlarmingLogged();
    }
}
