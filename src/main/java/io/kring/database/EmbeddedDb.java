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

    /** JVM system property holding the running server's data directory, where its password file is. */
    static final String DATA_DIR_PROPERTY = "io.kring.database.embedded-postgres.data-dir";

    /** The database user and database of the embedded server (password authentication, loopback only). */
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
    public record Server(EmbeddedPostgres postgres, Path dataDir, boolean temporary, FileChannel lock, String password)
            implements Closeable {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
        }

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

    /** How to reach this JVM's embedded server: its JDBC URL and the password of {@link #USER}. */
    public record Access(String jdbcUrl, String password) {
    }

    /** This JVM's embedded server, starting it first if needed. */
    public static synchronized Access access(Path kringDataDir, boolean temporary, Path binariesDir) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            try {
                return new Access(running, PrivateAccess.storedPassword(Path.of(System.getProperty(DATA_DIR_PROPERTY)))
                        .orElseThrow(() -> new IOException("the embedded PostgreSQL's password file is gone")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path dataDir = temporary
                ? temporaryDataDir(kringDataDir)
                : kringDataDir.toAbsolutePath().normalize().resolve("postgres");
        Access access = start(dataDir, temporary, binariesDir);
        System.setProperty(DATA_DIR_PROPERTY, dataDir.toString());
        System.setProperty(URL_PROPERTY, access.jdbcUrl());
        return access;
    }

    /** Where the binaries go unless configured: {@code <data-dir>/postgres-binaries}. */
    public static Path defaultBinariesDir(Path kringDataDir) {
        return kringDataDir.toAbsolutePath().normalize().resolve("postgres-binaries");
    }

    private static Access start(Path dataDir, boolean temporary, Path binariesDir) {
        long started = System.nanoTime();
        try {
            Server server = startServer(dataDir, temporary, binariesDir);
            // The hook also keeps the lock channel reachable for the JVM's lifetime.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(server), "kring-embedded-postgres-stop"));
            int port = server.postgres().getPort();
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d in %d ms, data in %s", port,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
            return new Access(server.jdbcUrl(), server.password());
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL)", e);
        }
    }

    /**
     * Takes {@code dataDir} for this process, stops an orphaned server left in it, and starts a server
     * there (initdb first if it holds no database yet), durable and private. The caller closes it.
     */
    public static Server startServer(Path dataDir, boolean temporary, Path binariesDir) throws IOException {
        FileChannel lock = lock(dataDir);
        try {
            Files.createDirectories(dataDir);
            StalePostmaster.clear(dataDir, STOP_GRACE);
            Path binaries = binariesDir.toAbsolutePath().normalize();
            PrivateAccess.privateDirectory(binaries);
            // known before the start, for zonky's own readiness check; written into the directory after initdb
            String password = temporary ? PrivateAccess.newPassword() : PrivateAccess.storedPassword(dataDir)
                    .orElseGet(PrivateAccess::newPassword);
            EmbeddedPostgres postgres;
            try {
                postgres = durable(EmbeddedPostgres.builder())
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(temporary)
                        .setOverrideWorkingDirectory(binaries.toFile())
                        .setPGStartupWait(STARTUP_WAIT)
                        .setRegisterShutdownHook(false)
                        // after initdb, before the server starts: password and pg_hba.conf
                        .setDataDirectoryCustomizer(dir -> PrivateAccess.secure(dir.toPath(), binaries, password))
                        .setConnectConfig("password", password)
                        .start();
            } finally {
                // zonky opens its working folder to everybody (it expects a shared temp folder)
                PrivateAccess.privateDirectory(binaries);
            }
            return new Server(postgres, dataDir, temporary, lock, password);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * PostgreSQL's own durable defaults, which zonky turns off for speed ({@code -F} and
     * {@code synchronous_commit=off}): an acknowledged command must survive a power cut. Later
     * {@code -c} options win over zonky's {@code -F}. Listens on 127.0.0.1 only, without a Unix socket.
     */
    static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256");
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
