package io.kring.database;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL server: started at most once per JVM, stopped when the JVM exits (after
 * Quarkus has stopped, so the application never loses its database while shutting down).
 *
 * <p>The server's JDBC URL is kept in a JVM system property rather than a static field: dev mode's
 * live reload creates a new class loader (and so a fresh copy of this class) and must find the server
 * that is already running instead of starting another one.
 *
 * <p>A data directory {@code <dir>} belongs to the live process that holds the OS lock on
 * {@code <dir>.lock} (released by the OS when that process dies, also on kill -9). A second process
 * is refused; a server found running in a directory nobody holds is an orphan and is stopped.
 */
public final class EmbeddedDb {

    private static final Logger LOG = Logger.getLogger(EmbeddedDb.class);

    /** JVM system property holding the running server's JDBC URL (deliberately outside the {@code kring.} config namespace). */
    static final String URL_PROPERTY = "io.kring.database.embedded-postgres.url";

    /** The database user and database of the embedded server (trust authentication, local connections only). */
    public static final String USER = "postgres";
    static final String DATABASE = "postgres";

    /** Prefix of the throw-away data directories (tests), one per JVM. */
    static final String TEMPORARY_PREFIX = "postgres-tmp-";

    /** How long an orphaned postmaster gets to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** How long PostgreSQL gets to start (initdb excluded); zonky's default of 10 s is tight on a busy 2-core machine. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private EmbeddedDb() {
    }

    /**
     * A running server and the lock on its data directory. Closing stops the server, then releases the
     * lock; a temporary directory is deleted with its lock file.
     */
    record Server(EmbeddedPostgres postgres, Path dataDir, boolean temporary, FileChannel lock) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                postgres.close();
            } finally {
                lock.close();
                if (temporary) {
                    Files.deleteIfExists(lockFile(dataDir));
                }
            }
        }
    }

    /** The JDBC URL of this JVM's embedded server, starting it first if needed. */
    public static synchronized String jdbcUrl(Path kringDataDir, boolean temporary) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        Path dataDir = temporary
                ? temporaryDataDir(kringDataDir)
                : kringDataDir.toAbsolutePath().normalize().resolve("postgres");
        String url = start(dataDir, temporary);
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    private static String start(Path dataDir, boolean temporary) {
        long started = System.nanoTime();
        try {
            Server server = startServer(dataDir, temporary);
            // The hook also keeps the lock channel reachable for the JVM's lifetime.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(server), "kring-embedded-postgres-stop"));
            int port = server.postgres().getPort();
            LOG.infof("Embedded PostgreSQL started on port %d in %d ms, data in %s", port,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL)", e);
        }
    }

    /**
     * Takes {@code dataDir} for this process, stops an orphaned server left in it, and starts a server
     * there (initdb first if it holds no database yet). The caller closes it.
     */
    static Server startServer(Path dataDir, boolean temporary) throws IOException {
        FileChannel lock = lock(dataDir);
        try {
            Files.createDirectories(dataDir);
            StalePostmaster.clear(dataDir, STOP_GRACE);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(temporary)
                    .setOverrideWorkingDirectory(binariesDir())
                    .setPGStartupWait(STARTUP_WAIT)
                    .setRegisterShutdownHook(false)
                    .start();
            return new Server(postgres, dataDir, temporary, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Where zonky extracts the PostgreSQL binaries (~60 MB, reused by every run and every Kring process). */
    static File binariesDir() {
        String configured = System.getProperty("ot.epg.working-dir");
        return configured != null ? new File(configured) : new File(System.getProperty("java.io.tmpdir"), "embedded-pg");
    }

    static Path lockFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    }

    /**
     * Locks {@code <dataDir>.lock} for this process, or fails fast when another live process holds it:
     * otherwise we might take that process' running server for an orphan and stop it.
     */
    static FileChannel lock(Path dataDir) throws IOException {
        Path file = lockFile(dataDir);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The data directory " + dataDir + " is in use by another running Kring process;"
                    + " give each Kring process its own KRING_DATA_DIR");
        }
        return channel;
    }

    /** True when no live process holds {@code <dataDir>.lock}. */
    static boolean isFree(Path dataDir) throws IOException {
        try {
            lock(dataDir).close();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * A fresh data directory for this JVM under {@code <data-dir>}, after removing those of earlier
     * JVMs that are gone (stopping their server if a kill -9 left it running).
     */
    static Path temporaryDataDir(Path kringDataDir) {
        Path parent = kringDataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(parent);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, TEMPORARY_PREFIX + "*")) {
                for (Path dir : old) {
                    if (Files.isDirectory(dir)) {
                        removeIfAbandoned(dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not clean old temporary PostgreSQL data in %s: %s", parent, e);
        }
        return parent.resolve(TEMPORARY_PREFIX + ProcessHandle.current().pid());
    }

    /** Deletes a temporary data directory (and its lock file) unless a live process holds it. */
    private static void removeIfAbandoned(Path dir) throws IOException {
        FileChannel lock;
        try {
            lock = lock(dir);
        } catch (IllegalStateException inUse) {
            return;
        }
        try (lock) {
            StalePostmaster.clear(dir, STOP_GRACE);
            deleteRecursively(dir);
            Files.deleteIfExists(lockFile(dir));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * JVM shutdown hook: Quarkus stops the application in its own shutdown hook, concurrently with this
     * one, so wait (bounded) until it has stopped before stopping PostgreSQL under it.
     */
    private static void stopAfterQuarkus(Server server) {
        Application app = Application.currentApplication();
        if (app != null) {
            // awaitShutdown returns at once when the application failed to start or has stopped
            Thread waiter = new Thread(app::awaitShutdown, "kring-await-quarkus-stop");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }
}
