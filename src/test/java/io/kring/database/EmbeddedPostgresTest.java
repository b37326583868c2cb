package io.kring.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Without a configured JDBC URL, the application runs on its own embedded PostgreSQL. */
@QuarkusTest
class EmbeddedPostgresTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void readinessIncludingTheDatabaseIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theDataSourceIsTheEmbeddedServerInAThrowAwayDirectory() throws Exception {
        assumeTrue(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null,
                "an external PostgreSQL is configured: no embedded server");
        assertThat(jdbcUrl).isEqualTo(System.getProperty(EmbeddedDb.URL_PROPERTY)).startsWith("jdbc:postgresql://127.0.0.1:");

        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('data_directory')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
            // the test profile's throw-away directory, never ./data
            assertThat(Path.of(rs.getString(2))).isEqualTo(Path.of("target/test-data").toAbsolutePath().normalize()
                    .resolve(EmbeddedDb.TEMPORARY_PREFIX + ProcessHandle.current().pid()));
        }
    }

    @Test
    void theRunningServerIsDurableAndAsksForThePassword() throws Exception {
        assumeTrue(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null,
                "an external PostgreSQL is configured: no embedded server");
        try (Connection c = dataSource.getConnection()) {
            assertThat(EmbeddedPostgresSecurityTest.show(c, "fsync")).isEqualTo("on");
            assertThat(EmbeddedPostgresSecurityTest.show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(EmbeddedPostgresSecurityTest.show(c, "full_page_writes")).isEqualTo("on");
            assertThat(EmbeddedPostgresSecurityTest.hbaRules(c)).containsExactly("host all postgres 127.0.0.1 scram-sha-256");
        }
        java.util.Properties noPassword = new java.util.Properties();
        noPassword.setProperty("user", EmbeddedDb.USER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(jdbcUrl, noPassword))
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("password");
    }
}
