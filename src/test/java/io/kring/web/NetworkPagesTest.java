package io.kring.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The network's page {@code /n/{networkId}} (protocol.md section 9) is served like the meeting pages, and the join
 * page can tell a network meeting from its {@code GET /api/meetings/{id}} (it then sends the member token).
 */
@QuarkusTest
class NetworkPagesTest {

    @Test
    @DisplayName("/n/{id} serves the network page, no-cache, with the security headers and no inline script")
    void theNetworkPathServesTheNetworkPage() {
        String html = given().when().get("/n/q2Xc0kV7mB1t")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", equalTo("no-cache"))
                .header("Content-Security-Policy", equalTo(SecurityHeaders.CONTENT_SECURITY_POLICY))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .body(containsString("<script type=\"module\" src=\"/js/network.js\"></script>"))
                .extract().asString();
        assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", "")).doesNotContain("<script");
        assertThat(html).doesNotContain("style=\"").doesNotContainPattern("\\son[a-z]+=");
        given().when().get("/js/network.js").then().statusCode(200);
        given().when().get("/js/networkModel.js").then().statusCode(200);
    }

    @Test
    @DisplayName("a malformed network id in the page path is 404")
    void aMalformedNetworkIdIsNotFound() {
        given().when().get("/n/bad.id!").then().statusCode(404);
        given().when().get("/n/" + "a".repeat(65)).then().statusCode(404);
    }

    @Test
    @DisplayName("GET a meeting says its networkId: the network's for a planned meeting, null for one on its own")
    void aMeetingSaysItsNetwork() {
        JsonNode network = Api.json(Api.postJson("/api/networks", Map.of("name", "Buurtnetwerk", "language", "en")), 201);
        String networkId = network.path("networkId").asText();
        JsonNode planned = Api.json(given().contentType("application/json")
                .header("Authorization", "Bearer " + network.path("coordinatorKey").asText())
                .body(Map.of("title", "Session 1")).when().post("/api/networks/" + networkId + "/meetings"), 201);
        JsonNode meeting = Api.meeting(planned.path("meetingId").asText());
        assertThat(meeting.path("networkId").asText()).isEqualTo(networkId);

        Api.Created alone = Api.create("On its own");
        JsonNode single = Api.meeting(alone.meetingId());
        assertThat(single.has("networkId")).isTrue();
        assertThat(single.path("networkId").isNull()).isTrue();
    }
}
