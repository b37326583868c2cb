package io.kring.live;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "kring-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

    public DeadlineScheduler(Clock clock) {
        this.clock = clock;
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
