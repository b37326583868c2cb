package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.config.KringConfig;
import io.kring.directory.NetworkFixture;
import io.kring.directory.NetworkFixture.Member;
import io.kring.directory.NetworkFixture.Network;
import io.kring.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/** ND10: retention deletes a network with no meeting activity for the retention period, with its members. */
@QuarkusTest
class NetworkRetentionTest {

    @Inject
    MeetingMemory memory;
    @Inject
    DataSource dataSource;
    @Inject
    KringConfig config;

    private void sql(String statement, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.setInt(1, config.retentionDays() + 1);
            update.setString(2, id);
            assertThat(update.executeUpdate()).isPositive();
        }
    }

    /** Moves the network's last activity back beyond the retention period. */
    private void ageNetwork(String networkId) throws SQLException {
        sql("update network set last_activity_at = last_activity_at - make_interval(days => ?) where network_id = ?",
                networkId);
    }

    /** Moves everything a meeting recorded back beyond the retention period. */
    private void ageMeeting(String meetingId) throws SQLException {
        sql("update meeting_event set recorded_at = recorded_at - make_interval(days => ?) where meeting_id = ?",
                meetingId);
    }

    private long count(String sql, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    @DisplayName("[ND10] a network whose meetings and activity are older than KRING_RETENTION_DAYS is deleted with its members; one with a recent meeting or activity stays")
    void quietNetworksGo() throws SQLException {
        Network quiet = NetworkFixture.create("Stil netwerk", "nl");
        String oldMeeting = NetworkFixture.planMeeting(quiet, "Lang geleden");
        Member member = NetworkFixture.join(oldMeeting, "Oud lid", "Vroeger", null);
        Network busy = NetworkFixture.create("Druk netwerk", "nl");
        String recentMeeting = NetworkFixture.planMeeting(busy, "Vorige week");
        Member busyMember = NetworkFixture.join(recentMeeting, "Actief lid", null, null);
        Network empty = NetworkFixture.create("Leeg en oud", "nl");
        Network fresh = NetworkFixture.create("Nieuw", "nl");

        ageMeeting(oldMeeting);
        ageNetwork(quiet.networkId());
        ageNetwork(busy.networkId()); // its meeting is recent: it stays
        ageNetwork(empty.networkId());

        memory.applyRetention();

        assertThat(count("select count(*) from meeting where meeting_id = ?", oldMeeting)).as("E4 first").isZero();
        assertThat(count("select count(*) from network where network_id = ?", quiet.networkId())).isZero();
        assertThat(count("select count(*) from network_member where network_id = ?", quiet.networkId())).isZero();
        assertThat(count("select count(*) from network_member where member_id = ?", member.memberId())).isZero();
        assertThat(count("select count(*) from network where network_id = ?", empty.networkId())).isZero();
        assertThat(Api.json(NetworkFixture.members(quiet.networkId(), member.memberToken()), 404)
                .path("error").path("code").asText()).isEqualTo("NOT_FOUND");

        assertThat(count("select count(*) from network where network_id = ?", busy.networkId())).isEqualTo(1);
        assertThat(count("select count(*) from network_member where member_id = ?", busyMember.memberId())).isEqualTo(1);
        assertThat(count("select count(*) from meeting where meeting_id = ?", recentMeeting)).isEqualTo(1);
        assertThat(count("select count(*) from network where network_id = ?", fresh.networkId())).isEqualTo(1);
    }
}
