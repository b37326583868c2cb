package io.kring.web;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Without {@code kring.trusted-proxies} (the default) the TCP peer is the client; X-Forwarded-For is ignored. */
@QuarkusTest
class ForwardedForTest {

    @Test
    @DisplayName("[H2] X-Forwarded-For from a peer that is not a trusted proxy is ignored")
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics").then().statusCode(200);
    }

    @Test
    @DisplayName("[H3] create takes only application/json also with the default settings")
    void textPlainIsInvalid() {
        given().contentType("text/plain").body("{\"title\":\"x\"}").post("/api/meetings")
                .then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo("INVALID"));
    }
}
