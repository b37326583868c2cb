package io.kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.kring.live.LiveMeetings;

/**
 * A meeting's lock, held by another thread until closed: commands sent meanwhile wait in the meeting's
 * queue, so a test can make them land in one batch (group commit, meeting-rules P11).
 */
public final class HeldMeetingLock implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    public HeldMeetingLock(LiveMeetings meetings, String meetingId) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        holder = new Thread(() -> meetings.read(meetingId, meeting -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "test-lock-holder");
        holder.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).as("the lock was taken").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        holder.join(5000);
    }
}
