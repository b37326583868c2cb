package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.config.KringConfig;
import io.kring.database.EmbeddedDb;
import io.kring.live.MeetingOwnership.OwnedElsewhere;

/**
 * Two nodes' ownership on one real PostgreSQL (the embedded one, with Kring's migrations): who may take a meeting,
 * the epoch each taking writes, and the loss of every meeting with the lock session (N1, N2, N4).
 */
class AdvisoryLockOwnershipTest {

    private static EmbeddedDb.Server postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ownership-test-");
        postgres = EmbeddedDb.startServer(dir.resolve("postgres"), true,
                Path.of("target", "postgres-binaries").toAbsolutePath());
        try (Connection c = sql(); var statement = c.createStatement()) {
            for (String migration : new String[] { "V1__meetings_and_events.sql", "V4__ownership.sql" }) {
                statement.execute(Files.readString(Path.of("src/main/resources/db/migration", migration)));
            }
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("[N1][N2] one node at a time: the other learns the owner's address; each taking raises the epoch; an unknown meeting is nobody's")
    void oneNodeAtATimeWithRisingEpochs() throws Exception {
        String meetingId = meeting();
        AdvisoryLockOwnership a = node("http://a.test/node/a");
        AdvisoryLockOwnership b = node("http://a.test/node/b");
        try {
            assertThat(a.take(meetingId)).isTrue();
            assertThat(a.take(meetingId)).as("taking again what it holds").isTrue();
            assertThat(a.epochOf(meetingId)).isEqualTo(1L);
            assertThat(row(meetingId)).isEqualTo("1 http://a.test/node/a");
            assertThatThrownBy(() -> b.take(meetingId)).isInstanceOfSatisfying(OwnedElsewhere.class,
                    e -> assertThat(e.ownerUrl()).isEqualTo("http://a.test/node/a"));
            assertThat(b.holds(meetingId)).isFalse();
            assertThat(b.take("nobodysMeeting")).as("no such meeting").isFalse();

            a.release(meetingId);
            assertThat(a.holds(meetingId)).isFalse();
            assertThat(b.take(meetingId)).isTrue();
            assertThat(b.epochOf(meetingId)).isEqualTo(2L);
            assertThat(row(meetingId)).isEqualTo("2 http://a.test/node/b");
            assertThatThrownBy(() -> a.take(meetingId)).isInstanceOfSatisfying(OwnedElsewhere.class,
                    e -> assertThat(e.ownerUrl()).isEqualTo("http://a.test/node/b"));
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    @DisplayName("[N4] when its lock session ends, a node loses every meeting it held at once, and another node takes them with a new epoch")
    void aBrokenLockSessionLosesEveryMeeting() throws Exception {
        String first = meeting();
        String second = meeting();
        AdvisoryLockOwnership a = node("http://a.test/node/a");
        AdvisoryLockOwnership b = node("http://a.test/node/b");
        CompletableFuture<Set<String>> lost = new CompletableFuture<>();
        a.onLoss(lost::complete);
        try {
            assertThat(a.take(first)).isTrue();
            assertThat(a.take(second)).isTrue();
            try (Connection c = sql(); PreparedStatement kill = c.prepareStatement(
                    "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
                            + " and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)")) {
                kill.setString(1, first);
                kill.executeQuery().close();
            }
            assertThat(lost.get(5, TimeUnit.SECONDS)).as("found by the renewal within a lease")
                    .containsExactlyInAnyOrder(first, second);
            assertThat(a.holds(first)).isFalse();
            assertThat(a.epochOf(second)).isNull();
            assertThat(b.take(first)).isTrue();
            assertThat(b.take(second)).isTrue();
            assertThat(row(second)).isEqualTo("2 http://a.test/node/b");
            assertThatThrownBy(() -> a.take(first)).as("a new session of its own, but b holds it")
                    .isInstanceOf(OwnedElsewhere.class);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    @DisplayName("[N1] without a node URL nothing is asked of the database: every meeting is this node's")
    void aSingleNodeOwnsEverything() {
        AdvisoryLockOwnership single = new AdvisoryLockOwnership(config(Optional.empty()), "jdbc:postgresql://nowhere.invalid/x",
                Optional.empty(), Optional.empty());
        assertThat(single.isClustered()).isFalse();
        assertThat(single.take("anyMeeting")).isTrue();
        assertThat(single.holds("anyMeeting")).isTrue();
        assertThat(single.epochOf("anyMeeting")).isNull();
        single.release("anyMeeting");
    }

    private static AdvisoryLockOwnership node(String url) {
        return new AdvisoryLockOwnership(config(Optional.of(url)), postgres.jdbcUrl(), Optional.of("postgres"),
                Optional.of(postgres.password()));
    }

    private static KringConfig config(Optional<String> nodeUrl) {
        return (KringConfig) Proxy.newProxyInstance(KringConfig.class.getClassLoader(), new Class<?>[] { KringConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "nodeUrl" -> nodeUrl;
                    case "ownershipLease" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String meeting() throws Exception {
        String meetingId = "m" + Long.toHexString(System.nanoTime());
        try (Connection c = sql(); PreparedStatement insert = c.prepareStatement("insert into meeting (meeting_id, title,"
                + " language, status, created_at, last_seq) values (?, 't', 'nl', 'open', now(), 0)")) {
            insert.setString(1, meetingId);
            insert.executeUpdate();
        }
        return meetingId;
    }

    private static String row(String meetingId) throws Exception {
        try (Connection c = sql(); PreparedStatement query = c.prepareStatement(
                "select owner_epoch || ' ' || owner_node from meeting where meeting_id = ?")) {
            query.setString(1, meetingId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static Connection sql() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", postgres.password());
        return DriverManager.getConnection(postgres.jdbcUrl(), properties);
    }
}
