package io.kring.live;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fires a meeting's {@code tick} at its next deadline. Deadlines are absolute times kept in the meeting
 * (and stored), so arming again after a restart is all a timer needs (P3). One timer per meeting.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "kring-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

    public DeadlineScheduler(Clock clock) {
        this.clock = clock;
        // Every command re-arms its meeting's timer: without this, each cancelled 24-hour timer would
        // stay queued until it would have fired (E5).
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Forgets the meeting's timer, when it leaves memory (E1). */
    void cancel(String meetingId) {
        ScheduledFuture<?> previous = armed.remove(meetingId);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    boolean isArmed(String meetingId) {
        return armed.containsKey(meetingId);
    }

    /** Timers waiting in the scheduler (the gauge {@code kring_deadline_timers}). */
    int scheduled() {
        return executor.getQueue().size();
    }

    void arm(String meetingId, Optional<Long> deadline, Consumer<String> onDue) {
        ScheduledFuture<?> previous = deadline.isEmpty() ? armed.remove(meetingId)
                : armed.put(meetingId, executor.schedule(() -> onDue.accept(meetingId),
                        Math.max(0, deadline.get() - clock.millis()), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
