package io.kring.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

/**
 * Cleans up after a PostgreSQL server whose Kring process died without stopping it (kill -9):
 * pg_ctl daemonizes the postmaster, so it outlives the JVM and keeps {@code postmaster.pid}, and the
 * next start on the same data directory would fail with "lock file postmaster.pid already exists".
 *
 * <p>Only call this while holding the data directory's Kring lock (see {@link EmbeddedDb}): then no
 * live Kring process owns the directory, and a postmaster still running there is an orphan.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    static final String PID_FILE = "postmaster.pid";

    /** What {@code postmaster.pid}'s process turned out to be. */
    enum Verdict {
        /** No pid file: nothing to do. */
        NO_PID_FILE,
        /** The pid file names no live process: the file is stale. */
        DEAD,
        /** A live process with that pid, but not a postgres of this data directory (pid reused). */
        NOT_OURS,
        /** A live postgres serving this data directory: the orphan to stop. */
        ORPHAN,
        /** A live process we cannot identify: leave everything alone. */
        UNKNOWN
    }

    private StalePostmaster() {
    }

    /**
     * Stops an orphaned postmaster of {@code dataDir}, if any, and removes a stale pid file, so that a
     * new server can start there. Waits up to {@code grace} after SIGTERM, then kills it and its
     * children.
     */
    static void clear(Path dataDir, Duration grace) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        OptionalLong pid = readPid(pidFile);
        Verdict verdict = judge(dataDir, pid);
        switch (verdict) {
            case NO_PID_FILE, UNKNOWN -> {
                // UNKNOWN: PostgreSQL itself will refuse to start with a clear message; we never
                // delete the pid file of a server that might still be running.
            }
            case DEAD, NOT_OURS -> {
                LOG.infof("Removing stale %s (pid %d is not a running postgres of %s)", pidFile, pid.getAsLong(), dataDir);
                Files.deleteIfExists(pidFile);
            }
            case ORPHAN -> {
                Optional<ProcessHandle> postmaster = ProcessHandle.of(pid.getAsLong());
                if (postmaster.isPresent()) {
                    stop(postmaster.get(), grace);
                }
            }
        }
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid}; empty when there is no such file or no number. */
    static OptionalLong readPid(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (lines.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static Verdict judge(Path dataDir, OptionalLong pid) {
        if (!Files.exists(dataDir.resolve(PID_FILE))) {
            return Verdict.NO_PID_FILE;
        }
        if (pid.isEmpty()) {
            // Unreadable pid file (e.g. half written when the machine died): nothing can be running on it.
            return Verdict.DEAD;
        }
        if (!isRunning(pid.getAsLong())) {
            return Verdict.DEAD;
        }
        Optional<List<String>> commandLine = commandLine(pid.getAsLong());
        if (commandLine.isEmpty() || commandLine.get().isEmpty()) {
            return Verdict.UNKNOWN;
        }
        if (!isPostgres(commandLine.get())) {
            return Verdict.NOT_OURS;
        }
        return servesDirectory(pid.getAsLong(), commandLine.get(), dataDir) ? Verdict.ORPHAN : Verdict.NOT_OURS;
    }

    /** The process' arguments from {@code /proc/<pid>/cmdline}, or from the JDK where there is no /proc. */
    static Optional<List<String>> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(proc);
            String all = new String(bytes, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(Arrays.asList(all.split("\0")));
            args.removeIf(String::isEmpty);
            return Optional.of(args);
        } catch (IOException e) {
            Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
            return info.flatMap(ProcessHandle.Info::command).map(command -> {
                List<String> args = new ArrayList<>();
                args.add(command);
                info.flatMap(ProcessHandle.Info::arguments).ifPresent(a -> args.addAll(Arrays.asList(a)));
                return args;
            });
        }
    }

    /** True for the postmaster's command line: {@code .../bin/postgres -D <dir> ...}. */
    static boolean isPostgres(List<String> commandLine) {
        String executable = commandLine.get(0);
        String name = executable.substring(executable.lastIndexOf('/') + 1);
        return name.equals("postgres");
    }

    /**
     * Whether the postgres process serves {@code dataDir}: the postmaster changes its working directory
     * to the data directory, and pg_ctl passes it as {@code -D}.
     */
    static boolean servesDirectory(long pid, List<String> commandLine, Path dataDir) {
        Path wanted = real(dataDir);
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            if (real(cwd).equals(wanted)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc: fall back to the -D argument
        }
        for (int i = 0; i < commandLine.size() - 1; i++) {
            if (commandLine.get(i).equals("-D") && real(Path.of(commandLine.get(i + 1))).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL the postmaster and whatever children it left. */
    static void stop(ProcessHandle postmaster, Duration grace) throws IOException {
        LOG.warnf("Stopping orphaned PostgreSQL server (pid %d) left behind by an earlier Kring process", postmaster.pid());
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroy();
        if (awaitExit(postmaster, grace)) {
            awaitExit(children, Duration.ofSeconds(5));
            return;
        }
        LOG.warnf("PostgreSQL server (pid %d) did not stop within %s; killing it", postmaster.pid(), grace);
        children = new ArrayList<>(children);
        children.addAll(postmaster.descendants().toList());
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(postmaster, Duration.ofSeconds(5)) || !awaitExit(children, Duration.ofSeconds(5))) {
            throw new IOException("Could not stop the orphaned PostgreSQL server (pid " + postmaster.pid() + ")");
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            if (!awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process.pid())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process.pid());
            }
        }
        return true;
    }

    /** Alive and not a zombie (an exited process nobody has reaped yet still counts as alive for the JDK). */
    static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')'
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return !Files.isDirectory(Path.of("/proc")) && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
        }
    }
}
