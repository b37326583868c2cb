package io.kring.testing;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The HTTP API of protocol.md section 1 for tests (REST Assured, on the port Quarkus gave the test server). */
public final class Api {

    private Api() {
    }

    /** {@code POST /api/meetings} answered 201. */
    public record Created(String meetingId, String title, String moderatorKey, String joinPath, String moderatorPath) {
    }

    /** {@code POST /api/meetings/{id}/participants} answered 201 (with what was asked, for convenience). */
    public record Joined(String meetingId, String participantId, String token, String role, String name,
            String organisation) {
    }

    /** The port of the running test server (set by {@code @QuarkusTest} for REST Assured). */
    public static int port() {
        return RestAssured.port;
    }

    public static Created create(String title) {
        return create(title, "en", List.of());
    }

    public static Created create(String title, String language, List<Map<String, Object>> agenda) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("language", language);
        body.put("agenda", agenda);
        Response response = postJson("/api/meetings", body);
        JsonNode json = json(response, 201);
        return new Created(json.path("meetingId").asText(), json.path("title").asText(),
                json.path("moderatorKey").asText(), json.path("joinPath").asText(), json.path("moderatorPath").asText());
    }

    public static Joined join(String meetingId, String name) {
        return join(meetingId, name, null, null);
    }

    public static Joined join(String meetingId, String name, String organisation) {
        return join(meetingId, name, organisation, null);
    }

    public static Joined joinAsModerator(Created meeting, String name) {
        return join(meeting.meetingId(), name, null, meeting.moderatorKey());
    }

    public static Joined join(String meetingId, String name, String organisation, String moderatorKey) {
        Response response = joinResponse(meetingId, name, organisation, moderatorKey);
        JsonNode json = json(response, 201);
        return new Joined(meetingId, json.path("participantId").asText(), json.path("token").asText(),
                json.path("role").asText(), name, organisation == null ? "" : organisation);
    }

    public static Response joinResponse(String meetingId, String name, String organisation, String moderatorKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        if (moderatorKey != null) {
            body.put("moderatorKey", moderatorKey);
        }
        return postJson("/api/meetings/" + meetingId + "/participants", body);
    }

    public static Response postJson(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    /** {@code GET /api/meetings/{id}/state} with this participant's token, answered 200. */
    public static JsonNode state(Joined who) {
        return json(stateResponse(who.meetingId(), who.token()), 200);
    }

    public static Response stateResponse(String meetingId, String token) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().get("/api/meetings/" + meetingId + "/state");
    }

    public static JsonNode meeting(String meetingId) {
        return json(given().when().get("/api/meetings/" + meetingId), 200);
    }

    /** The body as JSON, after checking the status (the failure shows the body). */
    public static JsonNode json(Response response, int expectedStatus) {
        String body = response.asString();
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("expected HTTP " + expectedStatus + " but got " + response.statusCode() + ": " + body);
        }
        try {
            return TestParticipant.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** An agenda row for {@link #create(String, String, List)}. */
    public static Map<String, Object> item(String title, int durationSeconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", title);
        row.put("durationSeconds", durationSeconds);
        return row;
    }
}
