package io.kring.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.config.KringConfig;
import io.kring.testing.Api;
import io.kring.testing.Evictions;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** E3, E4, E6: deletion, retention and unknown ids, checked in the real database. */
@QuarkusTest
class MeetingDeletionTest {

    @Inject
    Evictions evictions;
    @Inject
    LiveMeetings meetings;
    @Inject
    MeetingMemory memory;
    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    KringConfig config;
    @Inject
    MeterRegistry registry;

    private io.restassured.response.Response delete(String meetingId, String token) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().delete("/api/meetings/" + meetingId);
    }

    private long storedRows(String meetingId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select (select count(*) from meeting where meeting_id = ?)"
                                + " + (select count(*) from meeting_event where meeting_id = ?)")) {
            statement.setString(1, meetingId);
            statement.setString(2, meetingId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Moves everything a meeting recorded back in time, as if it happened {@code days} ago. */
    private void age(String meetingId, int days) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "update meeting_event set recorded_at = recorded_at - make_interval(days => ?) where meeting_id = ?")) {
            statement.setInt(1, days);
            statement.setString(2, meetingId);
            assertThat(statement.executeUpdate()).isPositive();
        }
    }

    private String errorCode(io.restassured.response.Response response) {
        return Api.json(response, response.statusCode()).path("error").path("code").asText();
    }

    @Test
    @DisplayName("[E3] DELETE by a moderator: 204, every stored row gone, sockets closed with 4410, then 404 everywhere")
    void moderatorDeletesTheMeeting() throws Exception {
        try (TestMeeting meeting = TestMeeting.create("en", List.of(Api.item("Long", 86_400)))) {
            TestParticipant mod = meeting.moderator("Mira");
            TestParticipant els = meeting.participant("Els");
            mod.ack("agenda.next");
            els.ack("chat.send", "text", "something to delete");
            assertThat(storedRows(meeting.id())).isGreaterThan(5);

            assertThat(delete(meeting.id(), mod.who.token()).statusCode()).isEqualTo(204);

            assertThat(storedRows(meeting.id())).isZero();
            assertThat(els.awaitClose()).isEqualTo(4410);
            assertThat(mod.awaitClose()).isEqualTo(4410);
            assertThat(meetings.isInMemory(meeting.id())).isFalse();
            assertThat(errorCode(given().get("/api/meetings/" + meeting.id()))).isEqualTo("NOT_FOUND");
            assertThat(Api.stateResponse(meeting.id(), mod.who.token()).statusCode()).isEqualTo(404);
            assertThat(Api.joinResponse(meeting.id(), "Late", null, null).statusCode()).isEqualTo(404);
            assertThat(delete(meeting.id(), mod.who.token()).statusCode()).isEqualTo(404);
            // Protocol 2.5: a hello to a deleted meeting closes 4410 (ended or deleted), not 4401 (bad token).
            TestParticipant again = meeting.open();
            again.sendJson(Map.of("type", "hello", "token", mod.who.token()));
            assertThat(again.awaitClose()).isEqualTo(4410);
            TestParticipant stranger = meeting.open();
            stranger.sendJson(Map.of("type", "hello", "token", "not-a-token"));
            assertThat(stranger.awaitClose()).as("whatever the token: the meeting is gone").isEqualTo(4410);
            TestParticipant unknown = TestParticipant.open("neverExisted42");
            unknown.sendJson(Map.of("type", "hello", "token", mod.who.token()));
            assertThat(unknown.awaitClose()).as("an id that never was a meeting").isEqualTo(4401);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(storedRows(meeting.id())).isZero());
        }
    }

    @Test
    @DisplayName("[E3] only a moderator's token deletes: a participant gets 403, no token 401, nothing is deleted")
    void onlyModeratorsDelete() throws Exception {
        Api.Created created = Api.create("Keep me");
        Api.Joined participant = Api.join(created.meetingId(), "Els");
        assertThat(errorCode(delete(created.meetingId(), participant.token()))).isEqualTo("FORBIDDEN");
        assertThat(errorCode(delete(created.meetingId(), null))).isEqualTo("UNAUTHORIZED");
        assertThat(delete(created.meetingId(), "junk").statusCode()).isEqualTo(401);
        assertThat(errorCode(delete("no-such-meeting", participant.token()))).isEqualTo("NOT_FOUND");
        assertThat(storedRows(created.meetingId())).isGreaterThan(1);
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("[E4] retention deletes meetings quiet for longer than the retention, in memory or not, and keeps the rest")
    void retentionDeletesQuietMeetings() throws Exception {
        int days = config.retentionDays();
        Api.Created outOfMemory = Api.create("Old, out of memory");
        Api.Joined oldModerator = Api.joinAsModerator(outOfMemory, "Mira");
        Api.Created inMemory = Api.create("Old, in memory, someone still connected");
        Api.Joined lingering = Api.joinAsModerator(inMemory, "Jan");
        Api.Created recent = Api.create("Recent");
        Api.Created almost = Api.create("Quiet for a day less than the retention");
        age(outOfMemory.meetingId(), days + 1);
        age(inMemory.meetingId(), days + 30);
        age(almost.meetingId(), days - 1);
        evictions.awaitLeavesMemory(outOfMemory.meetingId());
        try (TestParticipant socket = TestParticipant.connect(lingering)) {
            // Connecting recorded a presence event now: age it too, so the meeting looks quiet again.
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.events("presence.changed").size() > 0);
            age(inMemory.meetingId(), days + 30);

            assertThat(memory.deleteQuietMeetings(clock.millis())).isGreaterThanOrEqualTo(2);

            assertThat(socket.awaitClose()).isEqualTo(4410);
        }
        assertThat(storedRows(outOfMemory.meetingId())).isZero();
        assertThat(storedRows(inMemory.meetingId())).isZero();
        assertThat(Api.stateResponse(outOfMemory.meetingId(), oldModerator.token()).statusCode()).isEqualTo(404);
        for (Api.Joined old : List.of(oldModerator, lingering)) {
            try (TestParticipant hello = TestParticipant.open(old.meetingId())) {
                hello.sendJson(Map.of("type", "hello", "token", old.token()));
                assertThat(hello.awaitClose()).as("a hello to a meeting retention deleted").isEqualTo(4410);
            }
        }
        assertThat(Api.meeting(recent.meetingId()).path("title").asText()).isEqualTo("Recent");
        assertThat(storedRows(almost.meetingId())).isPositive();
    }

    @Test
    @DisplayName("[E6] a hammered unknown id costs one database lookup, not one per request; a new meeting is found")
    void unknownIdsAreRemembered() {
        double before = missingLookups();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(given().get("/api/meetings/unknownMeeting42").statusCode()).isEqualTo(404);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        // One lookup per period the id is remembered (on a slow machine the 200 requests may span two).
        assertThat(missingLookups() - before).isLessThanOrEqualTo(1 + elapsedMillis / UnknownMeetingIds.UNKNOWN_FOR_MS);
        Api.Created created = Api.create("Found at once");
        assertThat(Api.meeting(created.meetingId()).path("title").asText()).isEqualTo("Found at once");
    }

    private double missingLookups() {
        var counter = registry.find("kring.meetings.lookups").tag("result", "missing").counter();
        return counter == null ? 0 : counter.count();
    }
}
