package io.kring.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A meeting created over REST for the ops tests, and the people who join it. */
final class OpsMeeting {

    final String meetingId;
    private final String moderatorKey;

    private OpsMeeting(String meetingId, String moderatorKey) {
        this.meetingId = meetingId;
        this.moderatorKey = moderatorKey;
    }

    static OpsMeeting create(String title, String language) {
        JsonNode created = created(given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "language", language, "agenda", List.of())).post("/api/meetings"));
        return new OpsMeeting(created.path("meetingId").asText(), created.path("moderatorKey").asText());
    }

    /** The 201 answer of a join: participantId, token, role. */
    JsonNode join(String name) {
        return join(Map.of("name", name));
    }

    JsonNode joinAsModerator(String name) {
        return join(Map.of("name", name, "moderatorKey", moderatorKey));
    }

    private JsonNode join(Map<String, String> body) {
        return created(given().contentType(ContentType.JSON).body(body).post("/api/meetings/" + meetingId + "/participants"));
    }

    private static JsonNode created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        try {
            return WsClient.JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
