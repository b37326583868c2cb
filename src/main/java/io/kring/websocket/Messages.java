package io.kring.websocket;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.meeting.MeetingView;

/** The server's messages (protocol.md section 2); component order is the order on the wire. */
final class Messages {

    private Messages() {
    }

    record Event(String type, long seq, String name, Object data) {
        Event(long seq, String name, Object data) {
            this("event", seq, name, data);
        }
    }

    record Welcome(String type, long seq, long serverTime, MeetingView.Snapshot state) {
        Welcome(long seq, MeetingView.Snapshot state) {
            this("welcome", seq, state.serverTime(), state);
        }
    }

    record Ack(String type, JsonNode id, long seq) {
        Ack(JsonNode id, long seq) {
            this("ack", id, seq);
        }
    }

    record Error(String type, JsonNode id, String code, String message) {
        Error(JsonNode id, String code, String message) {
            this("error", id, code, message);
        }
    }
}
