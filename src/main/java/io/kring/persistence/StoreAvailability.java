package io.kring.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import io.kring.live.MeetingStore.StoreUnavailable;
import io.quarkus.logging.Log;

/**
 * Whether the database answers (P7, issue 10 finding 17). After a write whose outcome is unknown (it
 * timed out, or its connection broke), the store is <em>down</em>: every call fails at once instead of
 * waiting on a database that does not answer, while a background ping checks every
 * {@link #PING_INTERVAL}. It is up again only when the database answers <em>and</em> every backend
 * that ran an unknown write has ended (it is asked to end): from then on, that write is either
 * committed or never will be, so a meeting loaded from the store is the truth.
 */
@ApplicationScoped
public class StoreAvailability {

    static final Duration PING_INTERVAL = Duration.ofMillis(250);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Set<Integer> unfinishedBackends = ConcurrentHashMap.newKeySet();
    private boolean pinging;
    private long failures;
    private volatile boolean down;
    /** The database's clock minus ours, in ms, as last measured; the append deadline is on its clock. */
    private volatile long databaseClockOffsetMillis;
    private volatile boolean clockMeasured;

    public StoreAvailability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Fails fast while the database is known not to answer. */
    void checkUp() {
        if (down) {
            throw new StoreUnavailable("the database does not answer", null);
        }
    }

    /**
     * A call failed without an answer from the database; {@code backendPid} (or null) is the server
     * process that may still run (and commit) what it was sent.
     */
    synchronized void failed(Integer backendPid, Throwable cause) {
        if (backendPid != null) {
            unfinishedBackends.add(backendPid);
        }
        failures++;
        if (!down) {
            down = true;
            Log.warnf("The database does not answer (%s); failing fast until it does", String.valueOf(cause));
        }
        if (!pinging) {
            pinging = true;
            Thread pinger = new Thread(this::pingUntilUp, "kring-database-ping");
            pinger.setDaemon(true);
            pinger.start();
        }
    }

    /** The next write measures the database's clock again (an append missed its deadline). */
    void clockMayHaveMoved() {
        clockMeasured = false;
    }

    long databaseClockOffsetMillis(Connection connection) throws SQLException {
        if (!clockMeasured) {
            measureClock(connection);
        }
        return databaseClockOffsetMillis;
    }

    private void pingUntilUp() {
        while (true) {
            try {
                Thread.sleep(PING_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    pinging = false;
                }
                return;
            }
            long failuresBefore;
            synchronized (this) {
                failuresBefore = failures;
            }
            if (ping()) {
                synchronized (this) {
                    if (failures == failuresBefore) { // no new unknown write while pinging
                        down = false;
                        pinging = false;
                        Log.info("The database answers again");
                        return;
                    }
                }
            }
        }
    }

    /** True when the database answers and none of the backends of unknown writes is left. */
    private boolean ping() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, (int) PING_TIMEOUT.toMillis());
            List<Integer> backends = List.copyOf(unfinishedBackends);
            if (!backends.isEmpty()) {
                Array pids = connection.createArrayOf("integer", backends.toArray());
                try (PreparedStatement terminate = connection.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where pid = any(?) and pid <> pg_backend_pid()")) {
                    terminate.setArray(1, pids);
                    terminate.executeQuery().close();
                }
                try (PreparedStatement left = connection.prepareStatement(
                        "select count(*) from pg_stat_activity where pid = any(?) and pid <> pg_backend_pid()")) {
                    left.setArray(1, pids);
                    try (ResultSet rs = left.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            return false;
                        }
                    }
                }
                unfinishedBackends.removeAll(backends);
            }
            measureClock(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void measureClock(Connection connection) throws SQLException {
        long before = System.currentTimeMillis();
        try (PreparedStatement now = connection.prepareStatement(
                "select (extract(epoch from clock_timestamp()) * 1000)::bigint");
                ResultSet rs = now.executeQuery()) {
            rs.next();
            long after = System.currentTimeMillis();
            databaseClockOffsetMillis = rs.getLong(1) - (before + after) / 2;
            clockMeasured = true;
        }
    }
}
