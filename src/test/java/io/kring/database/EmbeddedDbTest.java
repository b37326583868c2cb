package io.kring.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The embedded server's data directory handling, with a real PostgreSQL. */
class EmbeddedDbTest {

    /** Shared by the test JVMs (as application.properties' test profile does), so the binaries are extracted once. */
    static final Path BINARIES = Path.of("target", "postgres-binaries");

    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void restartAfterKillMinus9StopsTheOrphanAndKeepsTheData() throws Exception {
        Path dataDir = tmp.resolve("postgres");
        EmbeddedDb.Server first = EmbeddedDb.startServer(dataDir, false, BINARIES);
        execute(first.postgres(), "CREATE TABLE survivor (x int); INSERT INTO survivor VALUES (42)");
        long orphanPid = StalePostmaster.readPid(dataDir.resolve(StalePostmaster.PID_FILE)).orElseThrow();
        // What a kill -9 of the Kring JVM leaves behind: the OS drops its locks, the daemonized postmaster runs on.
        first.lock().close();
        releaseZonkyLock(first.postgres());
        try {
            assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(orphanPid))).isEqualTo(StalePostmaster.Verdict.ORPHAN);

            try (EmbeddedDb.Server second = EmbeddedDb.startServer(dataDir, false, BINARIES)) {
                assertThat(StalePostmaster.isRunning(orphanPid)).isFalse();
                assertThat(queryInt(second.postgres(), "SELECT x FROM survivor")).isEqualTo(42);
            }
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly); // only if the test failed early
        }
    }

    @Test
    void refusesADataDirectoryInUseByALiveProcess() throws IOException {
        Path dataDir = tmp.resolve("postgres");
        try (FileChannel held = EmbeddedDb.lock(dataDir)) {
            assertThat(EmbeddedDb.isFree(dataDir)).isFalse();
            assertThatThrownBy(() -> EmbeddedDb.startServer(dataDir, false, BINARIES))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Kring process");
        }
        assertThat(EmbeddedDb.isFree(dataDir)).isTrue();
    }

    @Test
    void temporaryDataDirectoriesArePerJvmAndOnlyAbandonedOnesAreRemoved() throws IOException {
        Path abandoned = Files.createDirectories(tmp.resolve(EmbeddedDb.TEMPORARY_PREFIX + "999998").resolve("base"));
        Files.writeString(abandoned.resolve("file"), "x");
        Path inUse = Files.createDirectories(tmp.resolve(EmbeddedDb.TEMPORARY_PREFIX + "999999"));
        Path unrelated = Files.createDirectories(tmp.resolve("postgres"));

        Path dir;
        try (FileChannel held = EmbeddedDb.lock(inUse)) {
            dir = EmbeddedDb.temporaryDataDir(tmp);
        }

        assertThat(dir).isEqualTo(tmp.toAbsolutePath().normalize()
                .resolve(EmbeddedDb.TEMPORARY_PREFIX + ProcessHandle.current().pid()));
        assertThat(abandoned.getParent()).doesNotExist();
        assertThat(EmbeddedDb.lockFile(abandoned.getParent())).doesNotExist();
        assertThat(inUse).exists();
        assertThat(unrelated).exists();
    }

    private static void releaseZonkyLock(EmbeddedPostgres pg) throws Exception {
        ((FileLock) field(pg, "lock").get(pg)).release();
        ((FileOutputStream) field(pg, "lockStream").get(pg)).close();
    }

    private static Field field(Object target, String name) throws NoSuchFieldException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static void execute(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int queryInt(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
