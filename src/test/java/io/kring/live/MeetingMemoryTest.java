package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.config.KringConfig;
import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/** E1, E2: meetings leave memory when nobody uses them and come back whole, through the real stack. */
@QuarkusTest
class MeetingMemoryTest {

    @Inject
    LiveMeetings meetings;
    @Inject
    MeetingMemory memory;
    @Inject
    Broadcaster connections;
    @Inject
    DeadlineScheduler deadlines;
    @Inject
    Clock clock;
    @Inject
    KringConfig config;

    /** A sweep as it would run once the idle time has passed. */
    private int sweepAfterIdleTime() {
        return memory.sweep(clock.millis() + config.memory().idleTime().toMillis() + 1000);
    }

    private void awaitNoConnections(String meetingId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !connections.hasConnections(meetingId));
    }

    /**
     * Sweeps until the meeting left memory: a sweep passes over a meeting that is busy at that moment
     * (a disconnect still being recorded), as it should.
     */
    private void awaitLeavesMemory(String meetingId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            sweepAfterIdleTime();
            return !meetings.isInMemory(meetingId);
        });
    }

    @Test
    @DisplayName("[E1] an idle meeting nobody is connected to leaves memory; its next use loads it whole, seq and all")
    void idleMeetingLeavesMemoryAndComesBackWhole() {
        String meetingId;
        Api.Joined moderator;
        Api.Joined participant;
        long seqBefore;
        try (TestMeeting meeting = TestMeeting.create("en", List.of(Api.item("Welcome", 3600)))) {
            meetingId = meeting.id();
            TestParticipant mod = meeting.moderator("Mira");
            TestParticipant els = meeting.participant("Els", "Stad Gent");
            moderator = mod.who;
            participant = els.who;
            mod.ack("chat.send", "text", "hello before the sweep");
            els.ack("hand.raise");
            mod.ack("agenda.next");
            seqBefore = els.ack("hand.lower").path("seq").asLong();
        }
        awaitNoConnections(meetingId);
        memory.sweep(clock.millis());
        assertThat(meetings.isInMemory(meetingId)).as("not idle long enough yet").isTrue();

        awaitLeavesMemory(meetingId);
        JsonNode summary = Api.meeting(meetingId);
        assertThat(meetings.isInMemory(meetingId)).as("loaded again by its next use").isTrue();
        assertThat(summary.path("participantCount").asInt()).isEqualTo(2);
        assertThat(summary.path("locked").asBoolean()).isFalse();

        awaitLeavesMemory(meetingId);
        try (TestParticipant els = TestParticipant.connect(participant)) {
            JsonNode state = els.welcome().path("state");
            assertThat(els.welcome().path("seq").asLong()).isGreaterThanOrEqualTo(seqBefore);
            assertThat(state.path("agenda").path("items").get(0).path("status").asText()).isEqualTo("running");
            assertThat(state.path("chat").get(0).path("text").asText()).isEqualTo("hello before the sweep");
            assertThat(state.path("queue").path("hands")).isEmpty();
            assertThat(state.path("participants")).anySatisfy(p -> {
                assertThat(p.path("participantId").asText()).isEqualTo(participant.participantId());
                assertThat(p.path("online").asBoolean()).isTrue();
            });
            assertThat(state.path("participants")).anySatisfy(p -> {
                assertThat(p.path("participantId").asText()).isEqualTo(moderator.participantId());
                assertThat(p.path("online").asBoolean()).as("nobody connected the moderator again").isFalse();
            });
            long welcomeSeq = els.welcome().path("seq").asLong();
            JsonNode ack = els.ack("chat.send", "text", "after the reload");
            assertThat(ack.path("seq").asLong()).as("seq goes on from the store").isGreaterThan(welcomeSeq);

            sweepAfterIdleTime();
            assertThat(meetings.isInMemory(meetingId)).as("a connected meeting stays").isTrue();
        }
    }

    @Test
    @DisplayName("[E2] a deadline within the window keeps a meeting; a far one is cancelled on leaving and re-armed on reload")
    void deadlinesKeepOrFollowTheMeeting() {
        String soon;
        String far;
        try (TestMeeting meeting = TestMeeting.create("en", List.of(Api.item("Short", 120)))) {
            TestParticipant mod = meeting.moderator("Mira");
            mod.ack("agenda.next");
            soon = meeting.id();
        }
        Api.Joined farModerator;
        try (TestMeeting meeting = TestMeeting.create("en", List.of(Api.item("Long", 86_400)))) {
            TestParticipant mod = meeting.moderator("Mira");
            farModerator = mod.who;
            mod.ack("agenda.next");
            far = meeting.id();
        }
        awaitNoConnections(soon);
        awaitNoConnections(far);
        assertThat(deadlines.isArmed(far)).isTrue();

        awaitLeavesMemory(far);

        assertThat(meetings.isInMemory(soon)).as("its deadline is due within the window").isTrue();
        assertThat(deadlines.isArmed(soon)).isTrue();
        assertThat(meetings.isInMemory(far)).isFalse();
        assertThat(deadlines.isArmed(far)).as("a meeting out of memory keeps no timer").isFalse();

        try (TestParticipant mod = TestParticipant.connect(farModerator)) {
            JsonNode item = mod.welcome().path("state").path("agenda").path("items").get(0);
            assertThat(item.path("status").asText()).isEqualTo("running");
            assertThat(deadlines.isArmed(far)).as("re-armed when loaded again").isTrue();
        }
        awaitNoConnections(far);
        awaitLeavesMemory(far);

        // When the far deadline comes within the window, the sweep brings the meeting back to fire it in time.
        memory.sweep(clock.millis() + Duration.ofHours(24).toMillis() - Duration.ofMinutes(5).toMillis());
        assertThat(meetings.isInMemory(far)).isTrue();
        assertThat(deadlines.isArmed(far)).isTrue();
    }

    @Test
    @DisplayName("[E1] an ended meeting leaves memory when its last socket closes, and can still be read")
    void endedMeetingLeavesWithItsLastSocket() {
        try (TestMeeting meeting = TestMeeting.create()) {
            TestParticipant mod = meeting.moderator("Mira");
            TestParticipant els = meeting.participant("Els");
            mod.send("meeting.end");
            assertThat(els.awaitClose()).isEqualTo(4410);
            assertThat(mod.awaitClose()).isEqualTo(4410);
            await().atMost(Duration.ofSeconds(5)).until(() -> !meetings.isInMemory(meeting.id()));
            assertThat(Api.meeting(meeting.id()).path("status").asText()).isEqualTo("ended");
        }
    }

    @Test
    @DisplayName("[E1] joins racing with sweeps all land: none lost, none doubled, the sequence unbroken")
    void joinsRacingWithSweepsAllLand() throws Exception {
        Api.Created created = Api.create("Race");
        AtomicBoolean sweeping = new AtomicBoolean(true);
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        Future<?> sweeps = sweeper.submit(() -> {
            while (sweeping.get()) {
                sweepAfterIdleTime();
            }
        });
        List<Api.Joined> joined = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                joined.add(Api.join(created.meetingId(), "P" + i));
            }
        } finally {
            sweeping.set(false);
            sweeps.get();
            sweeper.shutdown();
        }
        assertThat(Api.meeting(created.meetingId()).path("participantCount").asInt()).isEqualTo(40);
        sweepAfterIdleTime();
        try (TestParticipant last = TestParticipant.connect(joined.get(39))) {
            assertThat(last.welcome().path("state").path("participants")).hasSize(40);
        }
    }
}
