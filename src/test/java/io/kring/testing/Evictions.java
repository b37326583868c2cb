package io.kring.testing;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kring.config.KringConfig;
import io.kring.live.LiveMeetings;
import io.kring.live.MeetingMemory;

/** Sends a meeting out of memory (E1) as the sweep would once its idle time has passed, so a test can load it again. */
@ApplicationScoped
public class Evictions {

    @Inject
    LiveMeetings meetings;
    @Inject
    MeetingMemory memory;
    @Inject
    Clock clock;
    @Inject
    KringConfig config;

    /**
     * Sweeps until the meeting left memory: a sweep passes over a meeting that is busy at that moment (a disconnect
     * still being recorded), as it should.
     */
    public void awaitLeavesMemory(String meetingId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            memory.sweep(clock.millis() + config.memory().idleTime().toMillis() + 1000);
            return !meetings.isInMemory(meetingId);
        });
    }
}
