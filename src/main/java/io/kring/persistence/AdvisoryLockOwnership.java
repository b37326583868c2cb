package io.kring.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.kring.config.KringConfig;
import io.kring.live.MeetingOwnership;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.quarkus.logging.Log;

/**
 * Ownership of meetings among several nodes on one PostgreSQL (architecture section 10, rules N1..N4). A node
 * owns a meeting while it holds a session-level advisory lock on it ({@code pg_try_advisory_lock}) on one
 * connection of its own, outside the pool. The session is a lease: the node renews it every quarter of
 * {@code kring.ownership-lease} and PostgreSQL ends it after a lease without a word
 * ({@code idle_session_timeout}), so a node that dies, is cut off or is frozen (GC pause, SIGSTOP) loses every
 * meeting it held. Taking a meeting raises its {@code owner_epoch} in the meeting row; {@link PanacheMeetingStore}
 * appends only with the epoch this node took, in the same statement, so a frozen old owner that wakes up
 * cannot write. Without {@code kring.node-url} this does nothing at all: a single node owns everything.
 */
@ApplicationScoped
public class AdvisoryLockOwnership implements MeetingOwnership {

    private final Optional<String> nodeUrl;
    private final Duration lease;
    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    /** The meetings this node holds, with the epoch it took each one with. */
    private final ConcurrentHashMap<String, Long> held = new ConcurrentHashMap<>();
    /** Guards {@link #connection}: one statement at a time on it. */
    private final Object connectionLock = new Object();
    private Connection connection;
    private volatile Consumer<Set<String>> onLoss = lost -> {
    };
    private final ScheduledExecutorService keeper;

    public AdvisoryLockOwnership(KringConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.nodeUrl = config.nodeUrl().map(String::strip).filter(url -> !url.isEmpty()).map(AdvisoryLockOwnership::valid);
        this.lease = config.ownershipLease();
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        if (nodeUrl.isEmpty()) {
            keeper = null;
            return;
        }
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("kring.ownership-lease must be at least 1 s, not " + lease);
        }
        keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kring-ownership");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(250, lease.toMillis() / 4);
        keeper.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        Log.infof("Clustered: this node is %s, ownership lease %d ms", nodeUrl.get(), lease.toMillis());
    }

    /** The address goes into a close frame's reason: at most 123 bytes, an http(s) URL without a trailing slash. */
    private static String valid(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")
                || trimmed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("kring.node-url must be an http(s) URL of at most 123 bytes: " + url);
        }
        return trimmed;
    }

    @Override
    public boolean isClustered() {
        return nodeUrl.isPresent();
    }

    @Override
    public boolean holds(String meetingId) {
        return !isClustered() || held.containsKey(meetingId);
    }

    /** The epoch this node took the meeting with; null when it does not hold it. */
    Long epochOf(String meetingId) {
        return held.get(meetingId);
    }

    @Override
    public void onLoss(Consumer<Set<String>> lost) {
        this.onLoss = lost;
    }

    @Override
    public boolean take(String meetingId) {
        if (!isClustered() || held.containsKey(meetingId)) {
            return true;
        }
        synchronized (connectionLock) {
            try {
                return takeWithLock(meetingId);
            } catch (SQLException first) {
                // The session may have ended while nothing used it (a pause longer than the lease): once more, anew.
                lost(first);
                try {
                    return takeWithLock(meetingId);
                } catch (SQLException second) {
                    lost(second);
                    throw new StoreUnavailable("the database cannot be reached to take meeting " + meetingId, second);
                }
            }
        }
    }

    private boolean takeWithLock(String meetingId) throws SQLException {
        Connection c = connection();
        boolean locked;
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, meetingId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                locked = row.getBoolean(1);
            }
        }
        if (!locked) {
            try (PreparedStatement owner = c.prepareStatement("select owner_node from meeting where meeting_id = ?")) {
                owner.setString(1, meetingId);
                try (ResultSet row = owner.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    String ownerNode = row.getString(1);
                    // Our own address here is the row of an earlier life of this node, not the holder's: unknown.
                    throw new OwnedElsewhere(meetingId, nodeUrl.get().equals(ownerNode) ? null : ownerNode);
                }
            }
        }
        try (PreparedStatement epoch = c.prepareStatement(
                "update meeting set owner_epoch = owner_epoch + 1, owner_node = ? where meeting_id = ? returning owner_epoch")) {
            epoch.setString(1, nodeUrl.get());
            epoch.setString(2, meetingId);
            try (ResultSet row = epoch.executeQuery()) {
                if (row.next()) {
                    long taken = row.getLong(1);
                    held.put(meetingId, taken);
                    Log.debugf("[%s] taken with epoch %d", meetingId, taken);
                    return true;
                }
            }
        }
        unlock(c, meetingId);
        return false;
    }

    @Override
    public void release(String meetingId) {
        if (!isClustered() || held.remove(meetingId) == null) {
            return;
        }
        synchronized (connectionLock) {
            if (connection == null) {
                return;
            }
            try {
                unlock(connection, meetingId);
            } catch (SQLException e) {
                lost(e);
            }
        }
    }

    private static void unlock(Connection c, String meetingId) throws SQLException {
        try (PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            unlock.setString(1, meetingId);
            unlock.executeQuery().close();
        }
    }

    /** Renews the lease: one round trip on the lock connection; when it fails, every meeting is lost. */
    private void renew() {
        synchronized (connectionLock) {
            if (connection == null) {
                return;
            }
            try (PreparedStatement ping = connection.prepareStatement("select 1")) {
                ping.executeQuery().close();
            } catch (SQLException e) {
                lost(e);
            }
        }
    }

    /** With the connection lock held: the session is gone, and every advisory lock with it. */
    private void lost(SQLException cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is broken anyway
            }
            connection = null;
        }
        Set<String> lost = Set.copyOf(held.keySet());
        held.keySet().removeAll(lost);
        if (!lost.isEmpty()) {
            Log.warnf("Lost the ownership connection (%s): %d meetings dropped", cause.getMessage(), lost.size());
            Consumer<Set<String>> tell = onLoss;
            keeper.execute(() -> {
                try {
                    tell.accept(lost);
                } catch (RuntimeException e) {
                    Log.errorf(e, "Could not drop the lost meetings");
                }
            });
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            user.ifPresent(u -> properties.setProperty("user", u));
            password.ifPresent(p -> properties.setProperty("password", p));
            properties.setProperty("ApplicationName", "kring-ownership");
            long seconds = Math.max(1, lease.toSeconds());
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("socketTimeout", Long.toString(seconds));
            properties.setProperty("tcpKeepAlive", "true");
            Connection opened = new org.postgresql.Driver().connect(jdbcUrl, properties);
            if (opened == null) {
                throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            try (var statement = opened.createStatement()) {
                // The lease: a session that says nothing for this long is ended by PostgreSQL, its locks freed.
                statement.execute("set idle_session_timeout = " + lease.toMillis());
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    @PreDestroy
    void stop() {
        if (keeper == null) {
            return;
        }
        keeper.shutdownNow();
        synchronized (connectionLock) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing frees the locks either way
                }
                connection = null;
            }
        }
    }
}
