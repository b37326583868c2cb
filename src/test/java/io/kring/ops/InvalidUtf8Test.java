package io.kring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * R9, protocol 2.5: a text frame that is not valid UTF-8 closes the socket with 1007 (the client's bytes are
 * checked before Vert.x decodes them, which would replace the bad bytes and let the frame through changed).
 */
@QuarkusTest
class InvalidUtf8Test {

    @Test
    @DisplayName("[R9, protocol 2.5] a chat.send whose text is not valid UTF-8 closes 1007 and stores nothing")
    void invalidUtf8AfterTheHello() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Invalid UTF-8", "en");
        JsonNode an = meeting.join("An");
        String moderatorToken = meeting.joinAsModerator("Mia").path("token").asText();
        try (WsClient mia = WsClient.connect(RestAssured.port, meeting.meetingId, moderatorToken, "Mia");
                RawWebSocket socket = RawWebSocket.welcomed(RestAssured.port, meeting.meetingId,
                        an.path("token").asText(), 65536)) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write("{\"type\":\"chat.send\",\"id\":\"c1\",\"text\":\"caf".getBytes(StandardCharsets.US_ASCII));
            frame.write(new byte[] { (byte) 0xC3, (byte) 0x28 }); // a lead byte followed by no continuation byte
            frame.write("\"}".getBytes(StandardCharsets.US_ASCII));
            socket.sendTextBytes(frame.toByteArray());

            assertThat(closeCode(socket)).isEqualTo(1007);
            JsonNode ack = mia.ack("meeting.announce", Map.of("text", "marker"));
            assertThat(ack.path("seq").asLong()).isPositive();
            assertThat(mia.frames().stream().filter(f -> "chat.message".equals(f.path("name").asText())))
                    .as("nothing was stored or told").isEmpty();
        }
    }

    @Test
    @DisplayName("[R9, protocol 2.5] invalid UTF-8 in the first frame (the hello) closes 1007")
    void invalidUtf8Hello() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Invalid UTF-8 hello", "en");
        try (RawWebSocket socket = RawWebSocket.open(RestAssured.port, "/ws/meetings/" + meeting.meetingId, 65536)) {
            socket.sendTextBytes(new byte[] { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}' });
            assertThat(closeCode(socket)).isEqualTo(1007);
        }
    }

    @Test
    @DisplayName("[R9] valid multi-byte UTF-8 passes the check unchanged")
    void validUtf8Passes() throws Exception {
        OpsMeeting meeting = OpsMeeting.create("Valid UTF-8", "en");
        JsonNode an = meeting.join("An");
        try (RawWebSocket socket = RawWebSocket.welcomed(RestAssured.port, meeting.meetingId, an.path("token").asText(),
                65536)) {
            String text = "Café € 🌷 ĳ";
            socket.sendTextBytes(("{\"type\":\"chat.send\",\"id\":\"c1\",\"text\":\"" + text + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            JsonNode told = null;
            while (told == null) {
                RawWebSocket.Message message = socket.read();
                assertThat(message.isClose()).as("closed %s %s", message.closeCode(), message.text()).isFalse();
                JsonNode frame = WsClient.JSON.readTree(message.text());
                if ("chat.message".equals(frame.path("name").asText())) {
                    told = frame;
                }
            }
            assertThat(told.at("/data/message/text").asText()).isEqualTo(text);
        }
    }

    /** Reads until the close frame and returns its code. */
    private static int closeCode(RawWebSocket socket) throws Exception {
        RawWebSocket.Message message;
        do {
            message = socket.read();
        } while (!message.isClose());
        return message.closeCode();
    }
}
