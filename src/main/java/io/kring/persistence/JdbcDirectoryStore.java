package io.kring.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import io.kring.directory.DirectoryStore;
import io.kring.directory.Profile;
import io.kring.directory.ProfileInput;
import io.kring.live.MeetingStore.StoreUnavailable;

/** {@link DirectoryStore} on PostgreSQL: one statement per call, on its own connection (auto-commit). */
@ApplicationScoped
public class JdbcDirectoryStore implements DirectoryStore {

    private static final String PROFILE_COLUMNS = "member_id, name, organisation, job_function, email, phone, offer,"
            + " ask, share_in_directory";

    private final DataSource dataSource;
    private final StoreAvailability availability;

    public JdbcDirectoryStore(DataSource dataSource, StoreAvailability availability) {
        this.dataSource = dataSource;
        this.availability = availability;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Fails fast while the database is known down (as the other stores); a failure tells the availability watch. */
    private <T> T withConnection(Work<T> work) {
        availability.checkUp();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            StoreUnavailable unavailable = new StoreUnavailable("the database cannot be reached", e);
            String state = e.getSQLState();
            if (state == null || !(state.startsWith("22") || state.startsWith("23"))) { // not a refusal of the data
                availability.failed(null, unavailable);
            }
            throw unavailable;
        }
    }

    @Override
    public Optional<Profile> saveProfile(String networkId, String memberId, ProfileInput.Checked p, long now) {
        return withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement("update network_member set name = ?, organisation = ?,"
                    + " job_function = ?, email = ?, phone = ?, offer = ?, ask = ?, share_in_directory = ?,"
                    + " updated_at = ? where network_id = ? and member_id = ? returning " + PROFILE_COLUMNS)) {
                int i = 1;
                update.setString(i++, p.name());
                update.setString(i++, p.organisation());
                update.setString(i++, p.function());
                update.setString(i++, p.email());
                update.setString(i++, p.phone());
                update.setString(i++, p.offer());
                update.setString(i++, p.ask());
                update.setBoolean(i++, p.shareInDirectory());
                update.setObject(i++, OffsetDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC));
                update.setString(i++, networkId);
                update.setString(i++, memberId);
                try (ResultSet rows = update.executeQuery()) {
                    return rows.next() ? Optional.of(profile(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Profile> profile(String networkId, String memberId) {
        return withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("select " + PROFILE_COLUMNS
                    + " from network_member where network_id = ? and member_id = ?")) {
                query.setString(1, networkId);
                query.setString(2, memberId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(profile(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Profile> sharing(String networkId, int limit) {
        return withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("select " + PROFILE_COLUMNS
                    + " from network_member where network_id = ? and share_in_directory"
                    + " order by lower(name), name, member_id limit ?")) {
                query.setString(1, networkId);
                query.setInt(2, limit);
                List<Profile> profiles = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        profiles.add(profile(rows));
                    }
                }
                return profiles;
            }
        });
    }

    @Override
    public boolean deleteMember(String networkId, String memberId) {
        return withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from network_member where network_id = ? and member_id = ?")) {
                delete.setString(1, networkId);
                delete.setString(2, memberId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public MemberCounts memberCounts(String networkId) {
        return withConnection(c -> {
            try (PreparedStatement query = c.prepareStatement("select count(*), count(*) filter (where"
                    + " share_in_directory) from network_member where network_id = ?")) {
                query.setString(1, networkId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new MemberCounts(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    @Override
    public int deleteQuietNetworks(long quietSinceMillis, int limit) {
        return withConnection(c -> {
            // One statement: the members go with their network (ON DELETE CASCADE). A network that still has a
            // meeting is kept: its meetings are deleted by their own retention first (E4), and a meeting
            // planned meanwhile either sees no network (its insert fails) or keeps it.
            try (PreparedStatement delete = c.prepareStatement("delete from network where network_id in ("
                    + "select n.network_id from network n where n.last_activity_at < ?"
                    + " and not exists (select 1 from meeting m where m.network_id = n.network_id)"
                    + " limit ? for update skip locked)")) {
                delete.setObject(1, OffsetDateTime.ofInstant(Instant.ofEpochMilli(quietSinceMillis), ZoneOffset.UTC));
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    private static Profile profile(ResultSet rows) throws SQLException {
        String organisation = rows.getString(3);
        return new Profile(rows.getString(1), rows.getString(2),
                organisation == null || organisation.isEmpty() ? null : organisation, rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getBoolean(9));
    }
}
