package io.kring.directory;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A network, its meetings and its members through the HTTP API of protocol.md section 9, for the directory tests. */
public final class NetworkFixture {

    private NetworkFixture() {
    }

    public record Network(String networkId, String coordinatorKey) {
    }

    /** A member as their join answered: their participant in that meeting, member id and member token. */
    public record Member(String memberId, String memberToken, Api.Joined joined) {
    }

    public static Network create(String name, String language) {
        JsonNode json = Api.json(Api.postJson("/api/networks", Map.of("name", name, "language", language)), 201);
        return new Network(json.path("networkId").asText(), json.path("coordinatorKey").asText());
    }

    /** {@code POST /api/networks/{id}/meetings} with the coordinator key; the new meeting's id. */
    public static String planMeeting(Network network, String title) {
        Response response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + network.coordinatorKey())
                .body(Map.of("title", title, "language", "en")).when()
                .post("/api/networks/" + network.networkId() + "/meetings");
        return Api.json(response, 201).path("meetingId").asText();
    }

    /** Joins a network meeting as a (new, with a null token) member; a later join passes the member token. */
    public static Member join(String meetingId, String name, String organisation, String memberToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        if (memberToken != null) {
            body.put("memberToken", memberToken);
        }
        JsonNode json = Api.json(Api.postJson("/api/meetings/" + meetingId + "/participants", body), 201);
        String token = json.hasNonNull("memberToken") ? json.path("memberToken").asText() : memberToken;
        return new Member(json.path("memberId").asText(), token, new Api.Joined(meetingId,
                json.path("participantId").asText(), json.path("token").asText(), json.path("role").asText(), name,
                organisation == null ? "" : organisation));
    }

    /** The coordinator joins a network meeting as its moderator (the coordinator key is its moderator key). */
    public static Api.Joined coordinatorJoins(Network network, String meetingId, String name) {
        return Api.join(meetingId, name, null, network.coordinatorKey());
    }

    private static io.restassured.specification.RequestSpecification as(String bearer) {
        var request = given();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    public static Response putProfile(String networkId, String bearer, String jsonBody) {
        return as(bearer).contentType(ContentType.JSON).body(jsonBody).when()
                .put("/api/networks/" + networkId + "/members/me");
    }

    public static Response members(String networkId, String bearer) {
        return as(bearer).when().get("/api/networks/" + networkId + "/members");
    }

    public static Response deleteProfile(String networkId, String bearer) {
        return as(bearer).when().delete("/api/networks/" + networkId + "/members/me");
    }

    public static Response report(String networkId, String bearer, String format) {
        var request = as(bearer);
        if (format != null) {
            request = request.queryParam("format", format);
        }
        return request.when().get("/api/networks/" + networkId + "/report");
    }

    /** A profile body with every field; {@code share} the consent. */
    public static String profile(String name, String organisation, String email, boolean share) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("organisation", organisation);
        body.put("function", "Beleidsmedewerker");
        body.put("email", email);
        body.put("phone", "+31 6 1234 5678");
        body.put("offer", "Ervaring met buurtbudgetten");
        body.put("ask", "Wie kent een goede subsidieregeling?");
        body.put("shareInDirectory", share);
        try {
            return io.kring.testing.TestParticipant.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
