package io.kring.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebResourcesTest {

    @Test
    void theJoinPathServesTheRoomPage() {
        given().when().get("/m/q2Xc0kV7mB1t")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<script type=\"module\" src=\"/js/room.js\"></script>"));
    }

    @Test
    void theDisplayPathServesTheProjectorPage() {
        given().when().get("/display/q2Xc0kV7mB1t")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<script type=\"module\" src=\"/js/display.js\"></script>"));
    }

    @Test
    void aMalformedMeetingIdIsNotFound() {
        given().when().get("/m/bad.id!")
                .then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        String tooLong = "a".repeat(65);
        given().when().get("/display/" + tooLong)
                .then().statusCode(404);
    }

    @Test
    void theQrCodeEncodesTheAbsoluteJoinLink() throws Exception {
        Response response = given().when().get("/api/meetings/q2Xc0kV7mB1t/qr.svg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("image/svg+xml");
        String svg = response.asString();
        assertThat(svg).startsWith("<?xml").contains("<svg");
        assertThat(QrSvgTest.decode(svg)).matches("http://[^/]+:\\d+/m/q2Xc0kV7mB1t");
    }

    @Test
    void theQrCodeOfAMalformedIdIsNotFoundJson() {
        given().when().get("/api/meetings/no%20such/qr.svg")
                .then().statusCode(404)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("error.message", equalTo("no such meeting"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/", "/index.html", "/css/kring.css", "/js/room.js", "/m/abc",
                "/display/abc", "/api/meetings/abc/qr.svg", "/no/such/file"}) {
            given().when().get(path)
                    .then()
                    .header("Content-Security-Policy", equalTo(SecurityHeaders.CONTENT_SECURITY_POLICY))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
    }

    @Test
    void theStaticPagesAreServed() {
        given().when().get("/").then().statusCode(200).body(containsString("/js/create.js"));
        given().when().get("/css/kring.css").then().statusCode(200).contentType(startsWith("text/css"));
        given().when().get("/js/store.js").then().statusCode(200);
    }

    @Test
    void frontendFilesAreRevalidatedOnEveryLoad() {
        for (String path : new String[] {"/", "/index.html", "/js/room.js", "/css/kring.css", "/m/abc"}) {
            given().when().get(path)
                    .then().statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"));
        }
    }

    @Test
    void noPageHasInlineScriptOrStyle() {
        for (String path : new String[] {"/", "/m/abc", "/display/abc"}) {
            String html = given().when().get(path).then().statusCode(200).extract().asString();
            assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", ""))
                    .as("inline script in %s", path).doesNotContain("<script");
            assertThat(html).as("inline style in %s", path).doesNotContain("<style").doesNotContain("style=\"");
            assertThat(html).as("event handler attribute in %s", path).doesNotContainPattern("\\son[a-z]+=");
        }
    }
}
