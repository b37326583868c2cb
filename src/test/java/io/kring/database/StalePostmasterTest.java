package io.kring.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The clean-up after a kill -9: which postmaster.pid process to stop, and stopping it. */
class StalePostmasterTest {

    @TempDir
    Path tmp;

    Path dataDir;
    Process fake;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createDirectories(tmp.resolve("postgres"));
    }

    @AfterEach
    void tearDown() {
        if (fake != null) {
            fake.descendants().forEach(ProcessHandle::destroyForcibly);
            fake.destroyForcibly();
        }
    }

    @Test
    void readsThePidFromTheFirstLine() throws IOException {
        Path file = dataDir.resolve(StalePostmaster.PID_FILE);
        Files.writeString(file, "12345\n/some/data\n1700000000\n5432\n/tmp\nlocalhost\n  1234 5678\nready   \n");
        assertThat(StalePostmaster.readPid(file)).hasValue(12345);
    }

    @Test
    void aMissingEmptyOrGarbledPidFileHasNoPid() throws IOException {
        Path file = dataDir.resolve(StalePostmaster.PID_FILE);
        assertThat(StalePostmaster.readPid(file)).isEmpty();
        Files.writeString(file, "");
        assertThat(StalePostmaster.readPid(file)).isEmpty();
        Files.writeString(file, "not a pid\n");
        assertThat(StalePostmaster.readPid(file)).isEmpty();
        Files.writeString(file, "-5\n");
        assertThat(StalePostmaster.readPid(file)).isEmpty();
    }

    @Test
    void recognisesThePostmasterCommandLine() {
        assertThat(StalePostmaster.isPostgres(List.of("/tmp/embedded-pg/PG-1/bin/postgres", "-D", "/d"))).isTrue();
        assertThat(StalePostmaster.isPostgres(List.of("postgres"))).isTrue();
        assertThat(StalePostmaster.isPostgres(List.of("/usr/bin/java", "-jar", "postgres"))).isFalse();
        assertThat(StalePostmaster.isPostgres(List.of("/usr/lib/postgresql/15/bin/postgres-wrapper"))).isFalse();
    }

    @Test
    void noPidFileNothingToDo() throws IOException {
        assertThat(StalePostmaster.judge(dataDir, OptionalLong.empty())).isEqualTo(StalePostmaster.Verdict.NO_PID_FILE);
        StalePostmaster.clear(dataDir, Duration.ofSeconds(1));
    }

    @Test
    void aPidFileOfADeadProcessIsRemoved() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor(10, TimeUnit.SECONDS);
        writePidFile(done.pid());

        assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(done.pid()))).isEqualTo(StalePostmaster.Verdict.DEAD);
        StalePostmaster.clear(dataDir, Duration.ofSeconds(1));

        assertThat(dataDir.resolve(StalePostmaster.PID_FILE)).doesNotExist();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aReusedPidOfAnotherProgramIsLeftAloneAndItsPidFileRemoved() throws IOException {
        long self = ProcessHandle.current().pid(); // alive, but a java, not a postgres
        writePidFile(self);

        assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(self))).isEqualTo(StalePostmaster.Verdict.NOT_OURS);
        StalePostmaster.clear(dataDir, Duration.ofSeconds(1));

        assertThat(dataDir.resolve(StalePostmaster.PID_FILE)).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPostgresOfAnotherDataDirectoryIsLeftAlone() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("other"));
        fake = startFakePostgres("/bin/sleep", elsewhere, "60");
        writePidFile(fake.pid());

        assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(fake.pid()))).isEqualTo(StalePostmaster.Verdict.NOT_OURS);
        StalePostmaster.clear(dataDir, Duration.ofSeconds(1));

        assertThat(fake.isAlive()).isTrue();
        assertThat(dataDir.resolve(StalePostmaster.PID_FILE)).doesNotExist();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOrphanedPostmasterOfThisDirectoryIsStopped() throws IOException {
        fake = startFakePostgres("/bin/sleep", dataDir, "60");
        writePidFile(fake.pid());

        assertThat(StalePostmaster.judge(dataDir, OptionalLong.of(fake.pid()))).isEqualTo(StalePostmaster.Verdict.ORPHAN);
        StalePostmaster.clear(dataDir, Duration.ofSeconds(10));

        assertThat(StalePostmaster.isRunning(fake.pid())).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOrphanThatIgnoresSigtermIsKilledWithItsChildren() throws Exception {
        fake = startFakePostgres("/bin/bash", dataDir, "-c", "trap '' TERM; while true; do sleep 0.05; done");
        writePidFile(fake.pid());
        Thread.sleep(200); // let the trap be installed

        long started = System.nanoTime();
        StalePostmaster.clear(dataDir, Duration.ofMillis(300));

        assertThat(StalePostmaster.isRunning(fake.pid())).isFalse();
        assertThat(fake.descendants().filter(p -> StalePostmaster.isRunning(p.pid()))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    /** A copy of {@code program} named {@code postgres}, running with {@code cwd} as working directory, like a postmaster. */
    private Process startFakePostgres(String program, Path cwd, String... args) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path postgres = bin.resolve("postgres");
        Files.copy(Path.of(program), postgres, StandardCopyOption.REPLACE_EXISTING);
        postgres.toFile().setExecutable(true);
        List<String> command = new java.util.ArrayList<>(List.of(postgres.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(cwd.toFile()).start();
    }

    private void writePidFile(long pid) throws IOException {
        Files.writeString(dataDir.resolve(StalePostmaster.PID_FILE), pid + "\n" + dataDir + "\n");
    }
}
