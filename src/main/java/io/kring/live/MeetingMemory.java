package io.kring.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.config.KringConfig;
import io.kring.directory.DirectoryStore;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * What is kept in memory and for how long (E1, E2, E4): idle meetings leave memory, meetings with a
 * deadline coming soon come back in time to fire it, and meetings quiet for the retention period are
 * deleted.
 */
@ApplicationScoped
public class MeetingMemory {

    /** E4: meetings deleted per batch of the retention job. */
    private static final int RETENTION_BATCH = 500;

    private final LiveMeetings meetings;
    private final MeetingStore store;
    private final DirectoryStore networks;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final long idleTimeMillis;
    private final long deadlineWindowMillis;
    private final long retentionMillis;

    public MeetingMemory(LiveMeetings meetings, MeetingStore store, DirectoryStore networks, Broadcaster broadcaster,
            Clock clock, KringConfig config) {
        this.networks = networks;
        this.meetings = meetings;
        this.store = store;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.idleTimeMillis = config.memory().idleTime().toMillis();
        this.deadlineWindowMillis = config.memory().deadlineWindow().toMillis();
        this.retentionMillis = Duration.ofDays(config.retentionDays()).toMillis();
    }

    /** P3, E2: only the meetings whose deadline comes soon are loaded; the sweep loads the others in time. */
    void rearmPendingDeadlines(@Observes StartupEvent startup) {
        loadMeetingsWithDeadlinesBefore(clock.millis() + deadlineWindowMillis);
    }

    /** Loads (and so arms) each stored meeting with a deadline before {@code before}; one that fails does not stop the others. */
    private void loadMeetingsWithDeadlinesBefore(long before) {
        List<String> due;
        try {
            due = store.meetingsWithDeadlinesBefore(before);
        } catch (RuntimeException e) {
            Log.warnf("Could not list the meetings with a deadline coming soon: %s", e.getMessage());
            return;
        }
        for (String meetingId : due) {
            try {
                meetings.find(meetingId);
            } catch (MeetingOwnership.OwnedElsewhere e) {
                Log.debugf("[%s] its owner arms its deadline: %s", meetingId, e.getMessage());
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] could not be loaded to arm its deadline", meetingId);
            }
        }
    }

    /** E1, E2: every minute, idle meetings leave memory and those with a deadline coming soon come back. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepMemory() {
        sweep(clock.millis());
    }

    /**
     * Lets every meeting go that nobody is connected to, nobody used for the idle time and that has no
     * deadline within the window; then loads the stored meetings whose deadline is within the window.
     * A meeting busy at this moment is left for the next sweep. How many meetings left memory.
     */
    public int sweep(long now) {
        int evicted = 0;
        for (LiveMeeting candidate : meetings.inMemory()) {
            if (!candidate.lock.tryLock()) {
                continue;
            }
            try {
                if (!candidate.stale && mayLeaveMemory(candidate, now)) {
                    meetings.flushPresence(candidate);
                    meetings.leaveMemory(candidate);
                    evicted++;
                }
            } catch (RuntimeException e) {
                Log.warnf("[%s] stays in memory for now: %s", candidate.id, e.getMessage());
            } finally {
                candidate.lock.unlock();
            }
        }
        loadMeetingsWithDeadlinesBefore(now + deadlineWindowMillis);
        return evicted;
    }

    private boolean mayLeaveMemory(LiveMeeting candidate, long now) {
        if (broadcaster.hasConnections(candidate.id)) {
            return false;
        }
        if (candidate.meeting.isEnded()) {
            return true;
        }
        if (now - candidate.lastUsedAt < idleTimeMillis) {
            return false;
        }
        return candidate.meeting.nextDeadline().map(deadline -> deadline > now + deadlineWindowMillis).orElse(true);
    }

    /**
     * E4, ND10: every hour, the meetings that recorded nothing for the retention period are deleted, and then the
     * networks with no activity for that long and no meeting left, with their members.
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyRetention() {
        try {
            long now = clock.millis();
            deleteQuietMeetings(now);
            deleteQuietNetworks(now);
        } catch (StoreUnavailable e) {
            Log.warnf("Retention postponed, the database cannot be reached: %s", e.getMessage());
        }
    }

    /** Deletes, as by DELETE, every meeting that recorded no event since {@code now} minus the retention. */
    int deleteQuietMeetings(long now) {
        long quietSince = now - retentionMillis;
        int deleted = 0;
        while (true) {
            List<String> batch = store.meetingsQuietSince(quietSince, RETENTION_BATCH);
            int deletedBefore = deleted;
            for (String meetingId : batch) {
                if (meetings.expire(meetingId, quietSince)) {
                    deleted++;
                }
            }
            if (batch.size() < RETENTION_BATCH || deleted == deletedBefore) {
                if (deleted > 0) {
                    Log.infof("Retention: %d meetings quiet for more than %d days deleted", deleted,
                            retentionMillis / 86_400_000L);
                }
                return deleted;
            }
        }
    }

    /**
     * ND10: deletes, with their members, the networks that had no activity (no meeting planned, no member joined)
     * since {@code now} minus the retention and have no meeting left: their meetings are deleted first, by
     * {@link #deleteQuietMeetings}, when they recorded nothing for as long. How many networks were deleted.
     */
    int deleteQuietNetworks(long now) {
        long quietSince = now - retentionMillis;
        int deleted = 0;
        int batch;
        do {
            batch = networks.deleteQuietNetworks(quietSince, RETENTION_BATCH);
            deleted += batch;
        } while (batch == RETENTION_BATCH);
        if (deleted > 0) {
            Log.infof("Retention: %d networks quiet for more than %d days deleted with their members", deleted,
                    retentionMillis / 86_400_000L);
        }
        return deleted;
    }
}
