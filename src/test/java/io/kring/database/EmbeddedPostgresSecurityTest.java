package io.kring.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue 10 findings 5 and 6, against a real embedded server: it is durable (fsync, synchronous commit,
 * full page writes) and private (SCRAM password kept 0600, loopback only, no Unix socket, binaries in
 * a folder of Kring's alone), also when it takes over a data directory made by an older Kring.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddedPostgresSecurityTest {

    @TempDir
    Path tmp;

    @Test
    void aNewServerIsDurableAndOnlyKringCanLogIn() throws Exception {
        Path dataDir = tmp.resolve("postgres");
        try (EmbeddedDb.Server server = EmbeddedDb.startServer(dataDir, false, EmbeddedDbTest.BINARIES)) {
            try (Connection kring = connect(server, server.password())) {
                assertThat(show(kring, "fsync")).isEqualTo("on");
                assertThat(show(kring, "synchronous_commit")).isEqualTo("on");
                assertThat(show(kring, "full_page_writes")).isEqualTo("on");
                assertThat(show(kring, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(show(kring, "unix_socket_directories")).isEmpty();
                assertThat(show(kring, "password_encryption")).isEqualTo("scram-sha-256");
                assertThat(hbaRules(kring)).containsExactly("host all postgres 127.0.0.1 scram-sha-256");
                assertThat(query(kring, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'postgres'"))
                        .isEqualTo("SCRAM-SHA-256$");
            }
            assertRefused(server, null);
            assertRefused(server, "");
            assertRefused(server, "postgres");
            assertRefused(server, server.password() + "x");

            Path passwordFile = dataDir.resolve(PrivateAccess.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile).trim()).isEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(EmbeddedDbTest.BINARIES)).as("binaries folder")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);
        }

        // the same password at the next start, from the file
        try (EmbeddedDb.Server again = EmbeddedDb.startServer(dataDir, false, EmbeddedDbTest.BINARIES);
                Connection kring = connect(again, Files.readString(dataDir.resolve(PrivateAccess.PASSWORD_FILE)).trim())) {
            assertThat(show(kring, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aDataDirectoryOfTheTrustEraIsSecuredInPlaceAndKeepsItsData() throws Exception {
        Path dataDir = tmp.resolve("postgres");
        // What Kring made before: zonky's defaults, trust for every local connection, no password.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(EmbeddedDbTest.BINARIES.toAbsolutePath().toFile()).start();
                Connection trusted = old.getPostgresDatabase().getConnection();
                Statement s = trusted.createStatement()) {
            s.execute("CREATE TABLE meeting_before (title text); INSERT INTO meeting_before VALUES ('Stuurgroep')");
            assertThat(show(trusted, "fsync")).isEqualTo("off");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).contains("trust");

        try (EmbeddedDb.Server server = EmbeddedDb.startServer(dataDir, false, EmbeddedDbTest.BINARIES)) {
            assertRefused(server, null);
            try (Connection kring = connect(server, server.password())) {
                assertThat(query(kring, "SELECT title FROM meeting_before")).isEqualTo("Stuurgroep");
                assertThat(show(kring, "fsync")).isEqualTo("on");
                assertThat(hbaRules(kring)).containsExactly("host all postgres 127.0.0.1 scram-sha-256");
            }
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(PrivateAccess.PASSWORD_FILE)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    private static void assertRefused(EmbeddedDb.Server server, String password) {
        assertThatThrownBy(() -> connect(server, password).close()).as("login with password %s", password)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }

    static Connection connect(EmbeddedDb.Server server, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedDb.USER);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    static String show(Connection connection, String setting) throws SQLException {
        return query(connection, "SHOW " + setting);
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** pg_hba.conf as the server parsed it: "type databases users address method" per rule. */
    static List<String> hbaRules(Connection connection) throws SQLException {
        List<String> rules = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, array_to_string(database, ','), array_to_string(user_name, ','),"
                        + " coalesce(address, ''), auth_method, error FROM pg_hba_file_rules ORDER BY rule_number")) {
            while (rs.next()) {
                assertThat(rs.getString(6)).as("hba error").isNull();
                rules.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)).replaceAll(" +", " "));
            }
        }
        return rules;
    }
}
