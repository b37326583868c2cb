package io.kring.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
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

    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void restartAfterKillMinus9StopsTheOrphanAndKeepsTheData() throws Exception {
        Path dataDir = tmp.resolve("postgres");
        EmbeddedPostgres first = EmbeddedDb.startServer(dataDir, false);
        execute(first, "CREATE TABLE survivor (x int); INSERT INTO survivor VALUES (42)");
        long orphanPid = StalePostmaster.readPid(dataDir.resolve(StalePostmaster.PID_FILE)).orElseThrow();
        // What a kill -9 of the Kring JVM leaves behind: the OS drops its lock, the daemonized postmaster runs on.
        releaseZonkyLock(first);
        try {
            assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(orphanPid))).isEqualTo(StalePostmaster.Verdict.ORPHAN);

            EmbeddedPostgres second = EmbeddedDb.startServer(dataDir, false);
            try {
                assertThat(StalePostmaster.isRunning(orphanPid)).isFalse();
                assertThat(queryInt(second, "SELECT x FROM survivor")).isEqualTo(42);
            } finally {
                second.close();
            }
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly); // only if the test failed early
        }
    }

    @Test
    void refusesADataDirectoryInUseByALiveProcess() throws IOException {
        Path dataDir = Files.createDirectories(tmp.resolve("postgres"));
        try (FileOutputStream out = new FileOutputStream(dataDir.resolve(EmbeddedDb.ZONKY_LOCK_FILE).toFile());
             FileLock held = out.getChannel().lock()) {
            assertThat(EmbeddedDb.isLockFree(dataDir)).isFalse();
            assertThatThrownBy(() -> EmbeddedDb.ensureNotInUse(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Kring process");
        }
        assertThat(EmbeddedDb.isLockFree(dataDir)).isTrue();
    }

    @Test
    void temporaryDataDirectoriesArePerJvmAndLeftoversAreRemoved() throws IOException {
        Path leftover = Files.createDirectories(tmp.resolve(EmbeddedDb.TEMPORARY_PREFIX + "999999").resolve("base"));
        Files.writeString(leftover.resolve("file"), "x");
        Path unrelated = Files.createDirectories(tmp.resolve("postgres"));

        Path dir = EmbeddedDb.temporaryDataDir(tmp);

        assertThat(dir).isEqualTo(tmp.toAbsolutePath().normalize()
                .resolve(EmbeddedDb.TEMPORARY_PREFIX + ProcessHandle.current().pid()));
        assertThat(leftover.getParent()).doesNotExist();
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
