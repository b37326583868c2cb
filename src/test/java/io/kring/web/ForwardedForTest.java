package io.kring.web;

import static io.restassured.RestAssured.given;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The HTTP edge with the default settings (only the per-address limits are lifted in the test profile). */
@QuarkusTest
class ForwardedForTest {

    @Test
    @DisplayName("[H5] /q/metrics: loopback may read it, but not a request forwarded by a proxy that is not trusted (it would make every client loopback)")
    void metricsRefuseForwardedRequestsFromUntrustedPeers() {
        given().get("/q/metrics").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics").then().statusCode(404);
        given().header("Forwarded", "for=203.0.113.5").get("/q/metrics").then().statusCode(404);
        given().header("X-Real-IP", "203.0.113.5").get("/q/metrics").then().statusCode(404);
    }

    @Test
    @DisplayName("[H3] with the default settings too, create takes fetch's text/plain and curl -d's form label, and refuses a form body")
    void textPlainIsJsonButAFormIsInvalid() {
        given().contentType("text/plain;charset=UTF-8").body("{\"title\":\"x\"}").post("/api/meetings")
                .then().statusCode(201);
        given().contentType("application/x-www-form-urlencoded").body("title=x").post("/api/meetings")
                .then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo("INVALID"));
    }

    @Test
    @DisplayName("[H4] by default a client that stops in the middle of its headers is closed after the 10 s header deadline")
    void trickledHeadersAreClosedByDefault() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            socket.setSoTimeout(25_000);
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException heldOpen) {
                read = -2;
            } catch (java.io.IOException reset) {
                read = -1;
            }
            long heldMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(read).as("closed without an answer").isEqualTo(-1);
            assertThat(heldMillis).as("closed at the deadline, not at once").isBetween(8_000L, 20_000L);
        }
    }
}
