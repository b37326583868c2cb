package io.kring.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The HTTP edge through the real server (docs/protocol.md "HTTP limits"): per-address limits, trusted
 * proxies, create and join refusing forms, the header deadline, the metrics allow-list and KRING_PUBLIC_URL.
 * The test runs behind "a proxy": loopback is trusted, so each test picks its own client address in
 * {@code X-Forwarded-For} and the limits of one test never touch another.
 */
@QuarkusTest
@TestProfile(HttpEdgeTest.Edge.class)
class HttpEdgeTest {

    public static class Edge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kring.limits.creations-per-minute", "10",
                    "kring.limits.joins-per-minute", "60",
                    "kring.trusted-proxies", "127.0.0.0/8,::1",
                    "kring.http.header-timeout", "1S",
                    "kring.public-url", "https://kring.example.org");
        }
    }

    private static Response create(String clientAddress) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("title", "Edge")).post("/api/meetings");
    }

    private static Response join(String meetingId, String clientAddress) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("name", "Els")).post("/api/meetings/" + meetingId + "/participants");
    }

    @Test
    @DisplayName("[H1] the 11th meeting created from one address within a minute is 429 RATE_LIMITED with Retry-After")
    void eleventhCreationIsRateLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(create("198.51.100.1").statusCode()).as("creation %d", i + 1).isEqualTo(201);
        }
        Response refused = create("198.51.100.1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(create("198.51.100.2").statusCode()).as("another address").isEqualTo(201);
    }

    @Test
    @DisplayName("[NW7][H1] network creations and meetings planned in a network count with meeting creations; they refuse form posts")
    void networkCreationsCount() {
        String client = "198.51.100.7";
        Response network = given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("name", "Netwerk")).post("/api/networks");
        assertThat(network.statusCode()).isEqualTo(201);
        String networkId = network.jsonPath().getString("networkId");
        String key = network.jsonPath().getString("coordinatorKey");
        for (int i = 0; i < 4; i++) {
            assertThat(create(client).statusCode()).as("meeting %d", i + 1).isEqualTo(201);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                    .header("Authorization", "Bearer " + key).body(Map.of("title", "Gepland"))
                    .post("/api/networks/" + networkId + "/meetings").statusCode()).as("planned %d", i + 1)
                    .isEqualTo(201);
        }
        Response refused = given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("name", "Nog een")).post("/api/networks");
        assertThat(refused.statusCode()).as("the 11th creation").isEqualTo(429);
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("RATE_LIMITED");
        assertThat(given().contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", "198.51.100.8")
                .body("name=Formulier").post("/api/networks").statusCode()).as("a form post").isEqualTo(400);
        assertThat(given().contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", "198.51.100.8")
                .header("Authorization", "Bearer " + key).body("title=Formulier")
                .post("/api/networks/" + networkId + "/meetings").statusCode()).as("a form post").isEqualTo(400);
    }

    @Test
    @DisplayName("[H1] the 61st join from one address within a minute is 429 RATE_LIMITED with Retry-After")
    void sixtyFirstJoinIsRateLimited() {
        String meetingId = create("198.51.100.3").jsonPath().getString("meetingId");
        for (int i = 0; i < 60; i++) {
            assertThat(join(meetingId, "198.51.100.4").statusCode()).as("join %d", i + 1).isEqualTo(201);
        }
        Response refused = join(meetingId, "198.51.100.4");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(join(meetingId, "198.51.100.5").statusCode()).as("another address").isEqualTo(201);
    }

    @Test
    @DisplayName("[H2] the client is the right-most X-Forwarded-For entry that is not a trusted proxy: a forged left part changes nothing")
    void forgedForwardedForEntriesDoNotEscapeTheLimit() {
        for (int i = 0; i < 10; i++) {
            assertThat(create("10.1.1." + i + ", 203.0.113.10").statusCode()).isEqualTo(201);
        }
        assertThat(create("10.9.9.9, 203.0.113.10").statusCode()).as("same client, other forged entry").isEqualTo(429);
        assertThat(create("203.0.113.10, 127.0.0.1").statusCode()).as("same client behind two trusted proxies")
                .isEqualTo(429);
        assertThat(create("203.0.113.11").statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("[H1][H3] matrix parameters in the path (';x') escape neither the limits nor the refusal of forms")
    void matrixParametersDoNotEscapeTheEdge() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(post("/api/meetings;x=" + i, "application/json", "{\"title\":\"Edge\"}", "198.51.100.40"))
                    .as("creation %d", i + 1).startsWith("HTTP/1.1 201");
        }
        assertThat(post("/api/meetings;x=10", "application/json", "{\"title\":\"Edge\"}", "198.51.100.40"))
                .startsWith("HTTP/1.1 429");
        assertThat(post("/api/meetings;x", "application/x-www-form-urlencoded", "title=Edge", "198.51.100.41"))
                .startsWith("HTTP/1.1 400").contains("INVALID");
        String meetingId = create("198.51.100.42").jsonPath().getString("meetingId");
        assertThat(post("/api/meetings/" + meetingId + "/participants;x", "multipart/form-data; boundary=x",
                "--x--\r\n", "198.51.100.41")).startsWith("HTTP/1.1 400").contains("INVALID");
    }

    /** A POST as any client sends it; {@code contentType} null: no Content-Type header at all. The body is UTF-8. */
    private static String post(String path, String contentType, String body, String clientAddress) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientAddress
                + (contentType == null ? "" : "\r\nContent-Type: " + contentType) + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.getBytes(StandardCharsets.US_ASCII));
        request.write(bytes);
        return raw(request.toByteArray());
    }

    @Test
    @DisplayName("[H2] one IPv6 /64 is one client address")
    void anIpv6NetworkIsOneClient() {
        for (int i = 0; i < 10; i++) {
            assertThat(create("2001:db8:1:2::" + Integer.toHexString(i + 1)).statusCode()).isEqualTo(201);
        }
        assertThat(create("2001:db8:1:2:ffff::1").statusCode()).isEqualTo(429);
        assertThat(create("2001:db8:1:3::1").statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("[H3] any client that sends JSON gets in: no Content-Type, application/json in any charset, +json, fetch's text/plain")
    void jsonBodiesWhateverTheLabel() throws Exception {
        String client = "198.51.100.21";
        String none = post("/api/meetings", null, "{\"title\":\"Zonder label\"}", client);
        assertThat(none).as("curl or a script without a Content-Type").startsWith("HTTP/1.1 201");
        String fetch = post("/api/meetings", "text/plain;charset=UTF-8", "{\"title\":\"Fetch\"}", client);
        assertThat(fetch).as("fetch's default for a string body").startsWith("HTTP/1.1 201");
        String suffix = post("/api/meetings", "application/vnd.kring+json", "{\"title\":\"Suffix\"}", client);
        assertThat(suffix).startsWith("HTTP/1.1 201");
        // The body is UTF-8 whatever the label says (RFC 8259): "Café" is not read as Latin-1 ("CafÃ©").
        String labelled = post("/api/meetings", "application/json; charset=ISO-8859-1", "{\"title\":\"Caf\u00e9\"}", client);
        assertThat(labelled).startsWith("HTTP/1.1 201");
        assertThat(Api.meeting(meetingId(labelled)).path("title").asText()).isEqualTo("Caf\u00e9");
        assertThat(post("/api/meetings", "application/json; charset=no-such-charset", "{\"title\":\"X\"}", client))
                .startsWith("HTTP/1.1 201");

        String meetingId = meetingId(none);
        assertThat(post("/api/meetings/" + meetingId + "/participants", null, "{\"name\":\"Els\"}", client))
                .startsWith("HTTP/1.1 201");
        assertThat(post("/api/meetings/" + meetingId + "/participants", "text/plain", "{\"name\":\"Jan\"}", client))
                .startsWith("HTTP/1.1 201");
        assertThat(Api.meeting(meetingId).path("participantCount").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("[H3] whatever the label, a body that is not strict JSON is 400 INVALID; JSON labelled as a form (curl -d) is read")
    void formsAndJunkAreInvalid() throws Exception {
        String client = "198.51.100.22";
        String meetingId = create("198.51.100.20").jsonPath().getString("meetingId");
        Response form = given().contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .body("name=Els").post("/api/meetings/" + meetingId + "/participants");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.jsonPath().getString("error.code")).isEqualTo("INVALID");
        assertThat(post("/api/meetings", "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nEdge\r\n--x--\r\n", client))
                .startsWith("HTTP/1.1 400").contains("INVALID");
        assertThat(post("/api/networks", "application/x-www-form-urlencoded", "name=Netwerk", client))
                .startsWith("HTTP/1.1 400").contains("INVALID");
        assertThat(post("/api/meetings", "text/plain", "title=Edge", client)).as("text that is not JSON")
                .startsWith("HTTP/1.1 400").contains("INVALID");
        assertThat(post("/api/meetings", null, "{\"title\":\"a\",\"title\":\"b\"}", client)).as("strict JSON still")
                .startsWith("HTTP/1.1 400").contains("INVALID");
        assertThat(Api.meeting(meetingId).path("participantCount").asInt()).isZero();
        assertThat(post("/api/meetings/" + meetingId + "/participants", "application/x-www-form-urlencoded",
                "{\"name\":\"Els\"}", client)).as("what curl -d sends").startsWith("HTTP/1.1 201");
        assertThat(post("/api/meetings", "application/xml; charset=ISO-8859-1", "{\"title\":\"Caf\u00e9\"}", client))
                .as("any label; the bytes are read as UTF-8").startsWith("HTTP/1.1 201");
        assertThat(Api.meeting(meetingId).path("participantCount").asInt()).isEqualTo(1);
    }

    private static String meetingId(String rawResponse) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"meetingId\":\"([^\"]+)\"").matcher(rawResponse);
        assertThat(id.find()).as(rawResponse).isTrue();
        return id.group(1);
    }

    @Test
    @DisplayName("[H5] /q/metrics answers 404 to a client address outside kring.metrics.allow")
    void metricsOnlyForAllowedAddresses() {
        given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics").then().statusCode(404);
        given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics/").then().statusCode(404);
        given().header("X-Forwarded-For", "203.0.113.5").get("//q//metrics").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200);
        given().header("X-Forwarded-For", "127.0.0.1").get("/q/metrics").then().statusCode(200);
    }

    @Test
    @DisplayName("[H4] a connection that trickles its headers is closed at the header deadline, though it never falls silent")
    void trickledHeadersAreClosed() throws Exception {
        try (Socket socket = new Socket("localhost", Api.port())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 8_000_000_000L) {
                try {
                    out.write('X');
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet: keep trickling
                } catch (IOException reset) {
                    closed = true;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).as("closed while trickling").isTrue();
            assertThat(millis).as("closed after the 1 s deadline, well before 8 s").isBetween(500L, 5_000L);
        }
    }

    @Test
    @DisplayName("[H4] on a kept-alive connection the next request's headers have the same deadline")
    void trickledSecondRequestIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", Api.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = head(socket);
            assertThat(head).startsWith("HTTP/1.1 200");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            assertThat(length.find()).as(head).isTrue();
            in.readNBytes(Integer.parseInt(length.group(1)));
            Thread.sleep(1_500); // idle between requests is the idle timeout's business, not the header deadline's
            socket.setSoTimeout(200);
            out.write("GET /q/health/live HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 8_000_000_000L) {
                try {
                    out.write('X');
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // keep trickling
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed while trickling the second request").isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 5_000L);
        }
    }

    @Test
    @DisplayName("[H4] a connection that sends nothing is closed at the header deadline; a prompt request is answered")
    void silentConnectionsAreClosedPromptOnesAnswered() throws Exception {
        try (Socket socket = new Socket("localhost", Api.port())) {
            socket.setSoTimeout(6_000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
        }
        String answer = raw("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    @DisplayName("[H4] an upgraded WebSocket outlives the header deadline")
    void webSocketsOutliveTheHeaderDeadline() throws Exception {
        String meetingId = create("198.51.100.30").jsonPath().getString("meetingId");
        try (Socket socket = upgrade(meetingId, "https://kring.example.org", "localhost:" + Api.port())) {
            // A masked ping: bytes after the upgrade response must not start a new header deadline.
            socket.getOutputStream().write(new byte[] {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4});
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("pong").isEqualTo(0x8A);
            assertThat(in.read()).isEqualTo(0);
            socket.setSoTimeout(2_500);
            try {
                int b = socket.getInputStream().read();
                assertThat(b).as("the socket must stay open past the 1 s header deadline").isNotEqualTo(-1);
            } catch (SocketTimeoutException stillOpen) {
                // expected: open and quiet (the server would close after 10 s without a hello)
            }
        }
    }

    @Test
    @DisplayName("[H6] with KRING_PUBLIC_URL set the QR code encodes it, whatever the Host header says")
    void qrCodeFollowsThePublicUrlNotTheHost() throws Exception {
        String answer = raw("GET /api/meetings/q2Xc0kV7mB1t/qr.svg HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
        String svg = answer.substring(answer.indexOf("<?xml"), answer.lastIndexOf("</svg>") + "</svg>".length());
        assertThat(QrSvgTest.decode(svg)).isEqualTo("https://kring.example.org/m/q2Xc0kV7mB1t");
    }

    @Test
    @DisplayName("[H6] with KRING_PUBLIC_URL set the join links the pages show (meeting, display, creation) use it, whatever the Host header says")
    void joinLinksFollowThePublicUrlNotTheHost() throws Exception {
        Response created = create("198.51.100.32");
        String meetingId = created.jsonPath().getString("meetingId");
        String expected = "https://kring.example.org/m/" + meetingId;
        assertThat(created.jsonPath().getString("joinUrl")).isEqualTo(expected);
        for (String path : List.of("/api/meetings/" + meetingId, "/api/meetings/" + meetingId + "/display")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 200").contains("\"joinUrl\":\"" + expected + "\"")
                    .doesNotContain("evil.example");
        }
    }

    @Test
    @DisplayName("[H6] with KRING_PUBLIC_URL set an Origin equal to the Host is refused (DNS rebinding); the public origin passes")
    void originMustBeThePublicUrl() throws Exception {
        String meetingId = create("198.51.100.31").jsonPath().getString("meetingId");
        String host = "localhost:" + Api.port();
        try (Socket refused = upgradeRaw(meetingId, "http://" + host, host)) {
            assertThat(head(refused)).startsWith("HTTP/1.1 403");
        }
        try (Socket rebinding = upgradeRaw(meetingId, "http://evil.example", "evil.example")) {
            assertThat(head(rebinding)).startsWith("HTTP/1.1 403");
        }
        try (Socket allowed = upgradeRaw(meetingId, "https://kring.example.org", host)) {
            assertThat(head(allowed)).startsWith("HTTP/1.1 101");
        }
    }

    private static Socket upgrade(String meetingId, String origin, String host) throws IOException {
        Socket socket = upgradeRaw(meetingId, origin, host);
        String head = head(socket);
        assertThat(head).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static Socket upgradeRaw(String meetingId, String origin, String host) throws IOException {
        Socket socket = new Socket("localhost", Api.port());
        socket.setSoTimeout(10_000);
        String request = "GET /ws/meetings/" + meetingId + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Origin: " + origin + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The response head, read byte by byte up to the empty line. */
    private static String head(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends {@code request} as is on a new connection and reads the answer to the end. */
    private static String raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.US_ASCII));
    }

    private static String raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", Api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
