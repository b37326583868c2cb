package io.kring.database;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application (target/quarkus-app) starts on its own embedded PostgreSQL and is ready. */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void packagedApplicationIsReady() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
