package io.kring.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import io.kring.config.KringConfig;
import io.kring.live.MeetingStore;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingEvent.RecapPublished;
import io.kring.meeting.MeetingEvent.RecapUnpublished;

/** {@link MeetingStore} on PostgreSQL: the meeting row and its events, each call atomic. */
@ApplicationScoped
public class PanacheMeetingStore implements MeetingStore {

    private final MeetingRepository meetings;
    private final EventCodec codec;
    private final DataSource dataSource;
    private final StoreAvailability availability;
    private final Duration appendTimeout;
    private final AdvisoryLockOwnership ownership;

    public PanacheMeetingStore(MeetingRepository meetings, EventCodec codec,
            DataSource dataSource, StoreAvailability availability, KringConfig config, AdvisoryLockOwnership ownership) {
        this.ownership = ownership;
        this.dataSource = dataSource;
        this.availability = availability;
        this.appendTimeout = config.database().appendTimeout();
        this.meetings = meetings;
        this.codec = codec;
    }

    /**
     * One statement, as an append (P9): it applies only before a deadline on the database's clock, so a
     * creation answered {@code UNAVAILABLE} because the database did not answer in time cannot commit
     * later when the database thaws, and the answer comes within {@code append-timeout}.
     */
    @Override
    public void create(String meetingId, String title, String language, long createdAt, List<StoredEvent> stored,
            Long nextDeadlineAt, NetworkLink network) {
        int inserted = withinTimeout((connection, refuseAfter) -> {
            try (PreparedStatement statement = connection.prepareStatement(createSql(stored.size()))) {
                int p = 1;
                statement.setString(p++, meetingId);
                statement.setString(p++, title);
                statement.setString(p++, language);
                statement.setObject(p++, timestamp(createdAt));
                statement.setLong(p++, lastSeq(stored, 0));
                setDeadline(statement, p++, nextDeadlineAt);
                statement.setString(p++, network == null ? null : network.networkId());
                setDeadline(statement, p++, network == null ? null : network.startsAt());
                statement.setString(p++, network == null ? null : network.mode());
                statement.setObject(p++, timestamp(refuseAfter + availability.databaseClockOffsetMillis(connection)));
                p = setEvents(statement, p, stored);
                return statement.executeUpdate();
            }
        });
        if (inserted != Math.max(1, stored.size())) {
            availability.clockMayHaveMoved();
            throw new StoreUnavailable("meeting " + meetingId + " was not created before its deadline; nothing stored",
                    null);
        }
    }

    private static String createSql(int events) {
        String meetingRow = """
                insert into meeting (meeting_id, title, language, status, created_at, last_seq, next_deadline_at,                 network_id, starts_at, mode)                 select ?, ?, ?, 'open', ?, ?, ?, ?, ?, ? where clock_timestamp() < ?""";
        if (events == 0) {
            return meetingRow;
        }
        return "with created as (" + meetingRow + " returning meeting_id) " + insertEventsFrom("created", events);
    }

    /**
     * The hot path (every command): one SQL statement, so one round trip and atomic on its own, without
     * the ORM and a JTA transaction around it, which cost more CPU than PostgreSQL's own work here.
     *
     * <p>No uncertain outcome (P9): the statement only applies when the meeting's stored {@code last_seq}
     * is the one before these events <em>and</em> the database's clock is before a deadline, so a
     * statement that reaches a frozen database and runs after it thaws changes nothing, and an older
     * attempt can never apply after a newer one. We wait at most {@code append-timeout} for the answer;
     * without one, the store is down until that backend has ended (see {@link StoreAvailability}).
     */
    @Override
    public void append(String meetingId, List<StoredEvent> stored, String status, Long nextDeadlineAt) {
        if (stored.isEmpty()) {
            return;
        }
        // N2: one of several nodes appends only with the epoch it took the meeting with, checked by the statement.
        Long epoch = ownership.isClustered() ? ownership.epochOf(meetingId) : null;
        if (ownership.isClustered() && epoch == null) {
            throw new StoreUnavailable("this node does not own meeting " + meetingId + " any more; nothing stored", null);
        }
        int inserted = withinTimeout((connection, refuseAfter) ->
                appendUnless(connection, meetingId, stored, status, nextDeadlineAt, refuseAfter, epoch));
        if (inserted != stored.size()) {
            if (epoch != null) {
                throw new StoreUnavailable("meeting " + meetingId + " was not at seq " + (stored.get(0).seq() - 1)
                        + " with epoch " + epoch + " before its deadline (another node may own it); nothing stored", null);
            }
            // Nothing applied: too late for its deadline, or the stored meeting is not at the seq we thought.
            // If the database's clock jumped, every later deadline would miss too: measure it again.
            availability.clockMayHaveMoved();
            throw new StoreUnavailable("meeting " + meetingId + " was not at seq " + (stored.get(0).seq() - 1)
                    + " before its deadline; nothing stored", null);
        }
    }

    /** Work on one connection that must answer within {@code append-timeout}. */
    @FunctionalInterface
    private interface TimedWork<T> {
        /** {@code refuseAfter}: our clock's time after which a write must not apply any more. */
        T run(Connection connection, long refuseAfter) throws SQLException;
    }

    /**
     * Runs {@code work} waiting at most {@code append-timeout} for the database (P9). A write must refuse to
     * apply a quarter of the timeout before we stop waiting, so that a statement applied in time has that long
     * to be answered. Without an answer the store is down until that backend has ended.
     */
    private <T> T withinTimeout(TimedWork<T> work) {
        availability.checkUp();
        long started = System.currentTimeMillis();
        long timeout = appendTimeout.toMillis();
        Integer backendPid = null;
        try (Connection connection = dataSource.getConnection()) {
            backendPid = connection.unwrap(PGConnection.class).getBackendPID();
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, (int) Math.max(100, started + timeout - System.currentTimeMillis()));
            try {
                return work.run(connection, started + timeout - timeout / 4);
            } finally {
                if (!connection.isClosed()) { // a timed-out connection is closed by the driver
                    connection.setNetworkTimeout(Runnable::run, networkTimeout);
                }
            }
        } catch (SQLException e) {
            if (!isRefusal(e)) {
                availability.failed(backendPid, e);
            }
            throw new StoreUnavailable("the database cannot be reached", e);
        }
    }

    /** The statement; it inserts nothing when the database's clock has passed {@code refuseAfter} (our clock). */
    private int appendUnless(Connection connection, String meetingId, List<StoredEvent> stored, String status,
            Long nextDeadlineAt, long refuseAfter, Long epoch) throws SQLException {
        long refuseAfterOnTheirClock = refuseAfter + availability.databaseClockOffsetMillis(connection);
        MeetingEvent recapChange = lastRecapChange(stored);
        try (PreparedStatement statement = connection.prepareStatement(
                appendSql(stored.size(), recapChange != null, epoch != null))) {
            int p = 1;
            statement.setLong(p++, lastSeq(stored, 0));
            statement.setString(p++, status);
            setDeadline(statement, p++, nextDeadlineAt);
            if (recapChange != null) {
                statement.setString(p++, recapChange instanceof RecapPublished published ? published.recapId() : null);
            }
            statement.setString(p++, meetingId);
            statement.setLong(p++, stored.get(0).seq() - 1);
            statement.setObject(p++, timestamp(refuseAfterOnTheirClock));
            if (epoch != null) {
                statement.setLong(p++, epoch);
            }
            setEvents(statement, p, stored);
            return statement.executeUpdate();
        }
    }

    private static void setDeadline(PreparedStatement statement, int index, Long nextDeadlineAt) throws SQLException {
        if (nextDeadlineAt == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, timestamp(nextDeadlineAt));
        }
    }

    /** The values of {@link #insertEventsFrom}, from parameter {@code p} on; the next free parameter. */
    private int setEvents(PreparedStatement statement, int p, List<StoredEvent> stored) throws SQLException {
        for (StoredEvent event : stored) {
            statement.setLong(p++, event.seq());
            statement.setString(p++, codec.typeOf(event.event()));
            statement.setString(p++, codec.encode(event.event()));
            statement.setObject(p++, timestamp(event.at()));
        }
        return p;
    }

    /** The database answered and refused (a constraint): it is up, and nothing was stored. */
    private static boolean isRefusal(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * RC8: the last recap event among {@code stored} (published or withdrawn), or null: the append sets the
     * meeting row's {@code recap_id} from it in the same statement, so the lookup always agrees with the log.
     */
    private static MeetingEvent lastRecapChange(List<StoredEvent> stored) {
        MeetingEvent last = null;
        for (StoredEvent event : stored) {
            if (event.event() instanceof RecapPublished || event.event() instanceof RecapUnpublished) {
                last = event.event();
            }
        }
        return last;
    }

    /** With {@code fenced}, the row moves only at the owner's epoch: the meeting row's lock orders it with a takeover (N2). */
    private static String appendSql(int events, boolean setsRecap, boolean fenced) {
        return "with moved as (update meeting set last_seq = ?, status = ?, next_deadline_at = ? "
                + (setsRecap ? ", recap_id = ? " : "")
                + "where meeting_id = ? and last_seq = ? and clock_timestamp() < ?"
                + (fenced ? " and owner_epoch = ?" : "") + " returning meeting_id) "
                + insertEventsFrom("moved", events);
    }

    /** Inserts {@code events} rows for the meeting id that the statement {@code source} returned, if it did. */
    private static String insertEventsFrom(String source, int events) {
        StringBuilder sql = new StringBuilder("insert into meeting_event (meeting_id, seq, type, payload, recorded_at) "
                + "select " + source + ".meeting_id, v.seq, v.type, v.payload, v.recorded_at from " + source
                + " cross join (values ");
        for (int i = 0; i < events; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::bigint, ?::varchar, ?::text, ?::timestamptz)");
        }
        return sql.append(") as v (seq, type, payload, recorded_at)").toString();
    }

    private static OffsetDateTime timestamp(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /**
     * One statement (a consistent read), answered within {@code append-timeout} like a write: a meeting that
     * comes back into memory while the database does not answer gets {@code UNAVAILABLE} in seconds, not at
     * the driver's socket timeout.
     */
    @Override
    public Optional<StoredMeeting> load(String meetingId) {
        return withinTimeout((connection, refuseAfter) -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select m.last_seq, e.type, e.payload from meeting m                     left join meeting_event e on e.meeting_id = m.meeting_id                     where m.meeting_id = ? order by e.seq""")) {
                query.setString(1, meetingId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long lastSeq = rows.getLong(1);
                    List<MeetingEvent> loaded = new ArrayList<>();
                    do {
                        String type = rows.getString(2);
                        if (type != null) {
                            loaded.add(codec.decode(type, rows.getString(3)));
                        }
                    } while (rows.next());
                    return Optional.of(new StoredMeeting(loaded, lastSeq));
                }
            }
        });
    }

    /**
     * RC8: the meeting whose recap is published under {@code recapId}, if any, and its last seq: one index lookup.
     * The append that withdraws the recap clears {@code recap_id} in the same statement, so this finds nothing
     * from the moment the withdrawal is stored.
     */
    @Override
    public Optional<PublishedRecap> publishedRecap(String recapId) {
        return withinTimeout((connection, refuseAfter) -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select meeting_id, last_seq from meeting where recap_id = ?")) {
                query.setString(1, recapId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new PublishedRecap(rows.getString(1), rows.getLong(2)))
                            : Optional.<PublishedRecap>empty();
                }
            }
        });
    }

    @Override
    @Transactional
    public List<String> meetingsWithDeadlines() {
        return meetings.getEntityManager()
                .createQuery("select m.meetingId from MeetingEntity m where m.status = 'open' and m.nextDeadlineAt is not null",
                        String.class)
                .getResultList();
    }

    @Override
    public List<String> meetingsWithDeadlinesBefore(long beforeMillis) {
        return inTransaction(() -> meetings.getEntityManager()
                .createQuery("select m.meetingId from MeetingEntity m where m.status = 'open'"
                        + " and m.nextDeadlineAt is not null and m.nextDeadlineAt < :before", String.class)
                .setParameter("before", Instant.ofEpochMilli(beforeMillis))
                .getResultList());
    }

    @Override
    public boolean delete(String meetingId, Long quietSinceMillis) {
        return watched(() -> {
            var entityManager = meetings.getEntityManager();
            // The row lock keeps an append from slipping in between the check and the delete.
            boolean exists = !entityManager.createNativeQuery("select 1 from meeting where meeting_id = ?1 for update")
                    .setParameter(1, meetingId).getResultList().isEmpty();
            if (!exists) {
                return false;
            }
            if (quietSinceMillis != null && !entityManager.createNativeQuery(
                    "select 1 from meeting_event where meeting_id = ?1 and recorded_at >= ?2 limit 1")
                    .setParameter(1, meetingId).setParameter(2, timestamp(quietSinceMillis)).getResultList().isEmpty()) {
                return false;
            }
            entityManager.createNativeQuery("delete from meeting_event where meeting_id = ?1").setParameter(1, meetingId)
                    .executeUpdate();
            entityManager.createNativeQuery("delete from meeting where meeting_id = ?1").setParameter(1, meetingId)
                    .executeUpdate();
            return true;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> meetingsQuietSince(long sinceMillis, int limit) {
        return inTransaction(() -> (List<String>) meetings.getEntityManager().createNativeQuery(
                // The last event (seq = last_seq, one primary-key lookup per meeting) is the latest one recorded.
                "select m.meeting_id from meeting m join meeting_event e on e.meeting_id = m.meeting_id"
                        + " and e.seq = m.last_seq where e.recorded_at < ?1 limit ?2")
                .setParameter(1, timestamp(sinceMillis)).setParameter(2, limit).getResultList());
    }


    private static long lastSeq(List<StoredEvent> stored, long otherwise) {
        return stored.isEmpty() ? otherwise : stored.get(stored.size() - 1).seq();
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private <T> T watched(Supplier<T> work) {
        return Transactions.watched(availability, work);
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return Transactions.inTransaction(work);
    }
}
