package io.kring.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.kring.config.KringConfig;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.MeetingStore.StoredEvent;
import io.kring.input.Ids;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingRecord;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Outcome;
import io.kring.meeting.Rejected;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The meetings in memory, and the only way to change one. Each meeting is changed under its own lock:
 * the command is handled, its events are stored in one transaction (P1), and only then is anyone told,
 * in {@code seq} order. Meetings load on first use, and at start-up when a deadline is pending (P3).
 */
@ApplicationScoped
public class LiveMeetings {

    private final MeetingStore store;
    private final Broadcaster broadcaster;
    private final DeadlineScheduler deadlines;
    private final Clock clock;
    private final KringMetrics metrics;
    private final ConcurrentHashMap<String, LiveMeeting> live = new ConcurrentHashMap<>();
    private final Event<MeetingLeftMemory> leftMemory;
    private final long idleTimeMillis;
    private final long deadlineWindowMillis;
    private final long retentionMillis;
    /**
     * E6: ids the store did not know, until when: a client hammering an unknown id costs one query per
     * {@link #UNKNOWN_FOR_MS}, not one per request. Bounded; a created or found meeting is never in it.
     */
    private final ConcurrentHashMap<String, Long> unknownUntil = new ConcurrentHashMap<>();
    static final long UNKNOWN_FOR_MS = 10_000;
    static final int MAX_UNKNOWN_IDS = 10_000;
    /** E4: meetings deleted per batch of the retention job. */
    private static final int RETENTION_BATCH = 500;
    private final ScheduledExecutorService presenceFlusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kring-presence");
        thread.setDaemon(true);
        return thread;
    });

    /** How long presence changes are gathered before they are stored and told together (P8). */
    static final long PRESENCE_FLUSH_MS = 100;

    public LiveMeetings(MeetingStore store, Broadcaster broadcaster, DeadlineScheduler deadlines, Clock clock,
            KringMetrics metrics, KringConfig config, Event<MeetingLeftMemory> leftMemory) {
        this.leftMemory = leftMemory;
        this.idleTimeMillis = config.memory().idleTime().toMillis();
        this.deadlineWindowMillis = config.memory().deadlineWindow().toMillis();
        this.retentionMillis = Duration.ofDays(config.retentionDays()).toMillis();
        this.store = store;
        this.broadcaster = broadcaster;
        this.deadlines = deadlines;
        this.clock = clock;
        this.metrics = metrics;
        metrics.gauge("kring.meetings.open", "Meetings in memory that have not ended",
                () -> live.values().stream().filter(m -> !m.meeting.isEnded()).count());
        metrics.gauge("kring.meetings.memory", "Meetings in memory, ended or not (E1)", live::size);
        metrics.gauge("kring.deadline.timers", "Deadline timers waiting in the scheduler (E5)", deadlines::scheduled);
    }

    /**
     * Waits for the commands being handled to finish (each meeting's lock is taken once), so a graceful
     * shutdown closes no connection before its command was stored and answered.
     */
    public void drain() {
        for (LiveMeeting meeting : live.values()) {
            meeting.lock.lock();
            try {
                flushPresence(meeting);
            } finally {
                meeting.lock.unlock();
            }
        }
    }

    public record Created(String meetingId, String title, String moderatorKey) {
    }

    public record Joined(String participantId, String token, String role) {
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
                find(meetingId);
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] could not be loaded to arm its deadline", meetingId);
            }
        }
    }

    /** M1: a new meeting, stored before it is returned. */
    public Created create(String title, String language, List<Meeting.AgendaItemPlan> agenda) {
        String meetingId = Secrets.id();
        String moderatorKey = Secrets.secret();
        long now = clock.millis();
        List<MeetingEvent> events = Meeting.creationEvents(meetingId, title, language, Credentials.hash(moderatorKey),
                agenda, now, Secrets::id);
        Meeting meeting = Meeting.replay(events, Secrets::id, new Random());
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (MeetingEvent event : events) {
            stored.add(new StoredEvent(stored.size() + 1, event, now));
        }
        Long deadline = meeting.nextDeadline().orElse(null);
        try {
            store.create(meetingId, meeting.title(), meeting.languageCode(), now, stored, deadline);
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
        unknownUntil.remove(meetingId);
        LiveMeeting created = new LiveMeeting(meetingId, meeting, stored.get(stored.size() - 1).seq());
        created.lastUsedAt = now;
        live.put(meetingId, created);
        Log.infof("[%s] meeting created", meetingId);
        return new Created(meetingId, meeting.title(), moderatorKey);
    }

    /** M2: joining from the link; the token is returned once and only its hash is kept. */
    public Joined join(String meetingId, String name, String organisation, String moderatorKey) {
        Token token = Token.issue(Secrets.id());
        MeetingCommand.JoinMeeting command = new MeetingCommand.JoinMeeting(token.participantId(), name, organisation,
                moderatorKey, Credentials.hash(token.secret()));
        return withMeeting(meetingId, live -> {
            commit(live, live.meeting.handle(null, command, clock.millis()), clock.millis());
            String role = live.meeting.isModerator(token.participantId()) ? "moderator" : "participant";
            return new Joined(token.participantId(), token.value(), role);
        });
    }

    /** M3: whose token this is, if it belongs to a participant of this meeting who was not removed. */
    public Optional<String> authenticate(String meetingId, String token) {
        Optional<Token> parsed = Token.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return read(meetingId, meeting -> meeting.authenticate(parsed.get().participantId(), parsed.get().secret()));
    }

    /**
     * Handles one command of a participant. {@code accepted} gets the {@code seq} its ack carries, after
     * the command's events were sent and before any socket it closes is closed (the sender of
     * {@code meeting.end} gets its ack before its 4410).
     */
    public void execute(String meetingId, String participantId, MeetingCommand command, LongConsumer accepted) {
        withMeeting(meetingId, live -> {
            long now = clock.millis();
            commit(live, live.meeting.handle(participantId, command, now), now, () -> accepted.accept(live.seq));
            return null;
        });
    }

    /**
     * L6: the report's record, for a moderator, from the stored events: read outside the meeting's lock, so a
     * long meeting's report neither holds the meeting up nor needs its whole history kept in memory.
     */
    public MeetingRecord record(String meetingId, String participantId) {
        read(meetingId, meeting -> {
            if (!meeting.isModerator(participantId)) {
                throw new Rejected(ErrorCode.FORBIDDEN, "only moderators may read the report");
            }
            return null;
        });
        MeetingStore.StoredMeeting stored;
        try {
            stored = store.load(meetingId).orElseThrow(() -> new Rejected(ErrorCode.NOT_FOUND, "no such meeting"));
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
        return MeetingRecord.of(stored.events(), clock.millis());
    }

    /** Reads a meeting under its lock. */
    public <T> T read(String meetingId, Function<Meeting, T> reader) {
        return withMeeting(meetingId, live -> reader.apply(live.meeting));
    }

    /**
     * A connection of {@code participantId} opened (after its hello). With the lock held: the participant
     * comes online if this is their first connection, then {@code attach} gets the welcome's state and
     * registers the connection, so it misses no event and sees none twice.
     */
    public void connect(String meetingId, String participantId, Consumer<WelcomeState> attach) {
        withMeeting(meetingId, live -> {
            long now = clock.millis();
            if (live.meeting.isEnded()) {
                throw new Rejected(ErrorCode.ENDED, "this meeting has ended");
            }
            if (!broadcaster.isConnected(meetingId, participantId)) {
                commit(live, live.meeting.handle(participantId, new MeetingCommand.ConnectParticipant(), now), now);
            }
            attach.accept(new LiveWelcomeState(live, participantId, now));
            return null;
        });
    }

    /** A connection closed: {@code detach} unregisters it; the participant goes offline with their last one. */
    public void disconnect(String meetingId, String participantId, Runnable detach) {
        withMeeting(meetingId, live -> {
            detach.run();
            if (!broadcaster.isConnected(meetingId, participantId) && live.meeting.isMember(participantId)
                    && !live.meeting.isEnded()) {
                long now = clock.millis();
                try {
                    commit(live, live.meeting.handle(participantId, new MeetingCommand.DisconnectParticipant(), now),
                            now);
                } catch (Rejected e) {
                    Log.warnf("[%s] could not record that %s went offline: %s", meetingId, participantId,
                            e.getMessage());
                }
            }
            if (live.meeting.isEnded() && !broadcaster.hasConnections(meetingId)) {
                leaveMemory(live);
            }
            return null;
        });
    }

    /**
     * E3: deletes the meeting and everything stored about it; its sockets close with 4410 and later
     * requests answer NOT_FOUND. Moderators only.
     */
    public void delete(String meetingId, String participantId) {
        withMeeting(meetingId, live -> {
            if (!live.meeting.isModerator(participantId)) {
                throw new Rejected(ErrorCode.FORBIDDEN, "only moderators may delete the meeting");
            }
            try {
                store.delete(meetingId, null);
            } catch (StoreUnavailable e) {
                throw unavailable(e);
            }
            forgetDeleted(live);
            Log.infof("[%s] meeting deleted by a moderator", meetingId);
            return null;
        });
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
    int sweep(long now) {
        int evicted = 0;
        for (LiveMeeting candidate : live.values()) {
            if (!candidate.lock.tryLock()) {
                continue;
            }
            try {
                if (!candidate.stale && mayLeaveMemory(candidate, now)) {
                    flushPresence(candidate);
                    leaveMemory(candidate);
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

    /** Whether the meeting is in memory now (for tests and the gauge). */
    boolean isInMemory(String meetingId) {
        return live.containsKey(meetingId);
    }

    /** With the lock held: the meeting leaves memory; whoever waits for its lock loads it again (stale). */
    private void leaveMemory(LiveMeeting leaving) {
        deadlines.cancel(leaving.id);
        leaving.stale = true;
        live.remove(leaving.id, leaving);
        leftMemory.fire(new MeetingLeftMemory(leaving.id));
        Log.debugf("[%s] meeting left memory", leaving.id);
    }

    /** With the lock held: the meeting was deleted from the store. */
    private void forgetDeleted(LiveMeeting deleted) {
        deleted.pendingPresence.clear();
        rememberUnknown(deleted.id);
        leaveMemory(deleted);
        broadcaster.disconnectAll(deleted.id, 4410, "the meeting was deleted");
    }

    /** E4: every hour, the meetings that recorded nothing for the retention period are deleted. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyRetention() {
        try {
            deleteQuietMeetings(clock.millis());
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
                if (expire(meetingId, quietSince)) {
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
     * A meeting out of memory is deleted while its map entry is held, so no load runs at the same time;
     * one in memory under its lock, with its sockets closed.
     */
    private boolean expire(String meetingId, long quietSince) {
        boolean[] outOfMemory = { false };
        boolean[] deleted = { false };
        live.compute(meetingId, (id, loaded) -> {
            if (loaded == null) {
                outOfMemory[0] = true;
                deleted[0] = store.delete(id, quietSince);
            }
            return loaded;
        });
        if (outOfMemory[0]) {
            if (deleted[0]) {
                rememberUnknown(meetingId);
            }
            return deleted[0];
        }
        try {
            return withMeeting(meetingId, loaded -> {
                if (!store.delete(meetingId, quietSince)) {
                    return false;
                }
                forgetDeleted(loaded);
                return true;
            });
        } catch (Rejected e) {
            return false;
        }
    }

    void tick(String meetingId) {
        try {
            withMeeting(meetingId, live -> {
                long now = clock.millis();
                commit(live, live.meeting.tick(now), now);
                arm(live);
                return null;
            });
        } catch (Rejected e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                // Deleted meanwhile (E3, E4): nothing is due any more.
                deadlines.cancel(meetingId);
                return;
            }
            Log.warnf("[%s] deadline not handled (%s); trying again in a second", meetingId, e.getMessage());
            deadlines.arm(meetingId, Optional.of(clock.millis() + 1000), this::tick);
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] deadline failed", meetingId);
        }
    }

    private <T> T withMeeting(String meetingId, Function<LiveMeeting, T> work) {
        while (true) {
            LiveMeeting live = find(meetingId);
            live.lock.lock();
            try {
                if (live.stale) {
                    continue;
                }
                live.lastUsedAt = clock.millis();
                return work.apply(live);
            } finally {
                live.lock.unlock();
            }
        }
    }

    private LiveMeeting find(String meetingId) {
        if (!Ids.isId(meetingId)) { // a malformed id cannot exist: no lookup, whichever way it came in
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        LiveMeeting found = live.get(meetingId);
        if (found != null) {
            return found;
        }
        if (isKnownUnknown(meetingId)) {
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        try {
            found = live.computeIfAbsent(meetingId, this::load);
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
        if (found == null) {
            rememberUnknown(meetingId);
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        return found;
    }

    private boolean isKnownUnknown(String meetingId) {
        Long until = unknownUntil.get(meetingId);
        if (until == null) {
            return false;
        }
        if (until > clock.millis()) {
            return true;
        }
        unknownUntil.remove(meetingId, until);
        return false;
    }

    private void rememberUnknown(String meetingId) {
        long now = clock.millis();
        if (unknownUntil.size() >= MAX_UNKNOWN_IDS) {
            unknownUntil.values().removeIf(until -> until <= now);
            if (unknownUntil.size() >= MAX_UNKNOWN_IDS) {
                // A flood of random ids: start over rather than grow; each costs one query again.
                unknownUntil.clear();
            }
        }
        unknownUntil.put(meetingId, now + UNKNOWN_FOR_MS);
    }

    private LiveMeeting load(String meetingId) {
        Optional<MeetingStore.StoredMeeting> found = store.load(meetingId);
        metrics.meetingLookedUp(found.isPresent());
        return found.map(stored -> {
            Meeting meeting = Meeting.replay(stored.events(), Secrets::id, new Random());
            LiveMeeting loaded = new LiveMeeting(meetingId, meeting, stored.lastSeq());
            loaded.lastUsedAt = clock.millis();
            Log.infof("[%s] meeting loaded (%d events)", meetingId, stored.events().size());
            reconnectWhoIsConnected(loaded);
            arm(loaded);
            return loaded;
        }).orElse(null);
    }

    /**
     * A replayed meeting has everyone offline (P2). When it is reloaded while sockets are still open
     * (after a failed write), whoever still has a connection comes back online.
     */
    private void reconnectWhoIsConnected(LiveMeeting loaded) {
        if (loaded.meeting.isEnded()) {
            return;
        }
        long now = clock.millis();
        for (MeetingView.ParticipantView participant : loaded.meeting.viewFor(null, now).participants()) {
            if (broadcaster.isConnected(loaded.id, participant.participantId())) {
                Outcome outcome = loaded.meeting.handle(participant.participantId(),
                        new MeetingCommand.ConnectParticipant(), now);
                List<StoredEvent> stored = number(outcome, loaded.seq, now);
                store.append(loaded.id, stored, status(loaded.meeting), loaded.meeting.nextDeadline().orElse(null));
                loaded.seq = stored.isEmpty() ? loaded.seq : stored.get(stored.size() - 1).seq();
            }
        }
    }

    /** Stores what a command did, then tells everyone; on a failed write the meeting is reloaded. */
    private void commit(LiveMeeting live, Outcome outcome, long now) {
        commit(live, outcome, now, () -> {
        });
    }

    private void commit(LiveMeeting live, Outcome outcome, long now, Runnable afterTelling) {
        if (outcome.isEmpty()) {
            afterTelling.run();
            return;
        }
        if (isPresenceOnly(outcome)) {
            deferPresence(live, outcome, now);
            afterTelling.run();
            return;
        }
        flushPresence(live);
        List<StoredEvent> stored = number(outcome, live.seq, now);
        storeOrDrop(live, stored);
        long seq = live.seq;
        live.seq = stored.get(stored.size() - 1).seq();
        for (Outcome.Emitted emitted : outcome.emitted()) {
            seq++;
            if (emitted.notice() != null) {
                publish(live, seq, emitted);
            }
        }
        for (String participantId : outcome.resync()) {
            if (live.meeting.isMember(participantId)) {
                broadcaster.sendSnapshot(live.id, participantId, live.seq, live.meeting.viewFor(participantId, now));
            }
        }
        afterTelling.run();
        for (MeetingEvent event : outcome.events()) {
            if (event instanceof MeetingEvent.ParticipantRemoved removed) {
                broadcaster.disconnect(live.id, removed.participantId(), 4403, "removed from the meeting");
            } else if (event instanceof MeetingEvent.MeetingEnded) {
                broadcaster.disconnectAll(live.id, 4410, "the meeting has ended");
            }
        }
        arm(live);
    }

    /**
     * P8: someone coming online or going offline is told within {@link #PRESENCE_FLUSH_MS}, many at once:
     * a reconnect storm of a thousand people then costs a few stored batches and a few events, not two
     * thousand commits each told to a thousand sockets. Presence is not durable anyway (after a restart
     * everyone is offline); nothing that is told was not stored first.
     */
    private void deferPresence(LiveMeeting live, Outcome outcome, long now) {
        for (MeetingEvent event : outcome.events()) {
            live.pendingPresence.add(event instanceof MeetingEvent.ParticipantConnected c
                    ? new MeetingEvent.PresenceChange(c.participantId(), true, c.at())
                    : new MeetingEvent.PresenceChange(((MeetingEvent.ParticipantDisconnected) event).participantId(),
                            false, ((MeetingEvent.ParticipantDisconnected) event).at()));
        }
        if (!live.presenceFlushArmed) {
            live.presenceFlushArmed = true;
            presenceFlusher.schedule(() -> flushPresenceOf(live), PRESENCE_FLUSH_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void flushPresenceOf(LiveMeeting scheduled) {
        scheduled.lock.lock();
        try {
            scheduled.presenceFlushArmed = false;
            flushPresence(scheduled);
        } catch (Rejected e) {
            Log.warnf("[%s] presence not stored: %s", scheduled.id, e.getMessage());
        } finally {
            scheduled.lock.unlock();
        }
    }

    /** Stores and tells the gathered presence changes as one event, before anything else happens. */
    private void flushPresence(LiveMeeting live) {
        if (live.pendingPresence.isEmpty() || live.stale) {
            return;
        }
        long now = clock.millis();
        Outcome outcome = live.meeting.recordPresence(List.copyOf(live.pendingPresence));
        live.pendingPresence.clear();
        if (outcome.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = number(outcome, live.seq, now);
        storeOrDrop(live, stored);
        live.seq = stored.get(stored.size() - 1).seq();
        publish(live, live.seq, outcome.emitted().get(0));
    }

    private void publish(LiveMeeting live, long seq, Outcome.Emitted emitted) {
        long fanOutStarted = System.nanoTime();
        broadcaster.publish(live.id, seq, emitted.notice());
        metrics.fanOut(System.nanoTime() - fanOutStarted);
    }

    /** Stores events; on failure the meeting is dropped (the next caller reloads it) and UNAVAILABLE thrown. */
    private void storeOrDrop(LiveMeeting live, List<StoredEvent> stored) {
        long started = System.nanoTime();
        try {
            store.append(live.id, stored, status(live.meeting), live.meeting.nextDeadline().orElse(null));
            metrics.storeCommit(System.nanoTime() - started);
        } catch (StoreUnavailable e) {
            live.stale = true;
            this.live.remove(live.id, live);
            deadlines.arm(live.id, Optional.empty(), this::tick);
            Log.warnf("[%s] change not stored, the meeting will be reloaded: %s", live.id, e.getMessage());
            throw unavailable(e);
        }
    }

    private static boolean isPresenceOnly(Outcome outcome) {
        return outcome.resync().isEmpty() && outcome.events().stream().allMatch(
                e -> e instanceof MeetingEvent.ParticipantConnected || e instanceof MeetingEvent.ParticipantDisconnected);
    }

    private void arm(LiveMeeting live) {
        deadlines.arm(live.id, live.meeting.nextDeadline(), this::tick);
    }

    private static List<StoredEvent> number(Outcome outcome, long lastSeq, long now) {
        List<StoredEvent> stored = new ArrayList<>();
        long seq = lastSeq;
        for (MeetingEvent event : outcome.events()) {
            stored.add(new StoredEvent(++seq, event, now));
        }
        return stored;
    }

    private static String status(Meeting meeting) {
        return meeting.isEnded() ? "ended" : "open";
    }

    private static Rejected unavailable(StoreUnavailable e) {
        return new Rejected(ErrorCode.UNAVAILABLE, "the database cannot be reached; nothing changed, try again");
    }
}
