package io.kring.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.MeetingStore.StoredEvent;
import io.kring.input.Ids;
import io.kring.config.KringConfig;
import io.kring.meeting.CallLinks;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingRecap;
import io.kring.meeting.MeetingRecord;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Outcome;
import io.kring.meeting.Rejected;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The meetings in memory, and the only way to change one. Each meeting is changed under its own lock:
 * the command is handled, its events are stored in one transaction (P7), and only then is anyone told,
 * in {@code seq} order ({@link MeetingCommits}). Participants' commands that arrive while their meeting
 * is busy wait and are stored together, one transaction per batch (group commit, {@link CommandQueues}).
 * Meetings load on first use; {@link MeetingMemory} decides what stays in memory.
 */
@ApplicationScoped
@Startup // its gauges exist from the start, before any meeting is used
public class LiveMeetings {

    private final MeetingStore store;
    private final Broadcaster broadcaster;
    private final DeadlineScheduler deadlines;
    private final Clock clock;
    private final KringMetrics metrics;
    private final ConcurrentHashMap<String, LiveMeeting> live = new ConcurrentHashMap<>();
    private final Event<MeetingLeftMemory> leftMemory;
    private final UnknownMeetingIds unknownIds = new UnknownMeetingIds();
    private final DeletedMeetingIds deletedIds = new DeletedMeetingIds();
    private final MeetingCommits commits;
    private final CommandQueues commands = new CommandQueues();
    /** Recaps kept per stored seq (see {@link #recap}); a recap is bounded by the meeting's quotas. */
    static final int RECAP_CACHE_SIZE = 256;
    private final VersionedCache<MeetingRecap> recaps = new VersionedCache<>(RECAP_CACHE_SIZE);
    /** Drains the queues whose first drainer was a sender who got its answer: one thread per busy meeting at most. */
    private final ExecutorService drainers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kring-drainer");
        thread.setDaemon(true);
        return thread;
    });
    /** How long a graceful shutdown waits for the queued commands to be stored and answered. */
    private static final long DRAIN_WAIT_MS = 5_000;

    /** NWM1: the network's memory for a network meeting's rounds (field-injected: one more collaborator). */
    @Inject
    NetworkMixing networkMixing;

    /** CALL1: where meetings and rooms get their call links from ({@code kring.call.base-url}). */
    private final CallLinks callLinks;

    /** Which node owns which meeting (architecture section 10); a single node owns them all. */
    private final MeetingOwnership ownership;

    public LiveMeetings(MeetingStore store, Broadcaster broadcaster, DeadlineScheduler deadlines, Clock clock,
            KringMetrics metrics, Event<MeetingLeftMemory> leftMemory, KringConfig config, MeetingOwnership ownership) {
        this.ownership = ownership;
        ownership.onLoss(this::lost);
        this.callLinks = CallLinks.from(config.call().baseUrl().orElse(null));
        this.leftMemory = leftMemory;
        this.store = store;
        this.broadcaster = broadcaster;
        this.deadlines = deadlines;
        this.clock = clock;
        this.metrics = metrics;
        this.commits = new MeetingCommits(store, broadcaster, metrics, clock, this::drop, this::arm);
        metrics.gauge("kring.meetings.open", "Meetings in memory that have not ended",
                () -> live.values().stream().filter(m -> !m.meeting.isEnded()).count());
        metrics.gauge("kring.meetings.memory", "Meetings in memory, ended or not (E1)", live::size);
        metrics.gauge("kring.commands.waiting", "Participants' commands waiting for their meeting's drainer (group commit)",
                commands::waiting);
        metrics.gauge("kring.deadline.timers", "Deadline timers waiting in the scheduler (E5)", deadlines::scheduled);
    }

    /**
     * Waits for the queued commands to be stored and answered (a while at most), then for those being
     * handled (each meeting's lock is taken once), so a graceful shutdown closes no connection before its
     * command was stored and answered.
     */
    public void drain() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_WAIT_MS);
        while (!commands.isIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (LiveMeeting meeting : live.values()) {
            meeting.lock.lock();
            try {
                commits.flushPresence(meeting);
            } finally {
                meeting.lock.unlock();
            }
        }
    }

    public record Created(String meetingId, String title, String moderatorKey) {
    }

    public record Joined(String participantId, String token, String role) {
    }

    /** M1: a new meeting, stored before it is returned. */
    public Created create(String title, String language, List<Meeting.AgendaItemPlan> agenda) {
        return create(title, language, agenda, null);
    }

    /**
     * M1, NW2: a new meeting, planned in a network when {@code plan} is given (its row then names the network,
     * the planned start and the mode), stored before it is returned.
     */
    public Created create(String title, String language, List<Meeting.AgendaItemPlan> agenda, Meeting.NetworkPlan plan) {
        String meetingId = Secrets.id();
        String moderatorKey = Secrets.secret();
        long now = clock.millis();
        List<MeetingEvent> events = Meeting.creationEvents(meetingId, title, language, Credentials.hash(moderatorKey),
                agenda, now, Secrets::id, callLinks, plan);
        Meeting meeting = Meeting.replay(events, Secrets::id, new Random());
        meeting.useCallLinks(callLinks);
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (MeetingEvent event : events) {
            stored.add(new StoredEvent(stored.size() + 1, event, now));
        }
        Long deadline = meeting.nextDeadline().orElse(null);
        try {
            store.create(meetingId, meeting.title(), meeting.languageCode(), now, stored, deadline,
                    plan == null ? null : new MeetingStore.NetworkLink(plan.networkId(), meeting.startsAt(), meeting.mode()));
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
        unknownIds.forget(meetingId);
        if (ownership.isClustered()) {
            // N1: the node the balancer sends the meeting's requests to takes it on first use.
            Log.infof("[%s] meeting created", meetingId);
            return new Created(meetingId, meeting.title(), moderatorKey);
        }
        LiveMeeting created = new LiveMeeting(meetingId, meeting, stored.get(stored.size() - 1).seq());
        created.lastUsedAt = now;
        live.put(meetingId, created);
        Log.infof("[%s] meeting created", meetingId);
        return new Created(meetingId, meeting.title(), moderatorKey);
    }

    /** M2: joining from the link; the token is returned once and only its hash is kept. */
    public Joined join(String meetingId, String name, String organisation, String moderatorKey) {
        return join(meetingId, name, organisation, moderatorKey, null);
    }

    /** M2 with {@code attendance} ({@code online} or {@code inRoom}; null: online). */
    public Joined join(String meetingId, String name, String organisation, String moderatorKey, String attendance) {
        return join(meetingId, name, organisation, moderatorKey, attendance, null);
    }

    /** M2, NW4: as above, as the network member {@code memberId} (a network meeting only; ignored elsewhere). */
    public Joined join(String meetingId, String name, String organisation, String moderatorKey, String attendance,
            String memberId) {
        Token token = Token.issue(Secrets.id());
        MeetingCommand.JoinMeeting command = new MeetingCommand.JoinMeeting(token.participantId(), name, organisation,
                moderatorKey, Credentials.hash(token.secret()), attendance, memberId);
        return withMeeting(meetingId, live -> {
            commit(live, live.meeting.handle(null, command, clock.millis()), clock.millis());
            String role = live.meeting.isModerator(token.participantId()) ? "moderator" : "participant";
            return new Joined(token.participantId(), token.value(), role);
        });
    }

    /**
     * Whether this meeting was deleted on this node, by DELETE or by retention (among the last
     * {@value DeletedMeetingIds#MAX_IDS}): a hello to it closes 4410, not 4401.
     */
    public boolean wasDeleted(String meetingId) {
        return meetingId != null && deletedIds.wasDeleted(meetingId);
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
     * Handles one command of a participant, answered through exactly one of the callbacks, on whichever
     * thread stores it. {@code accepted} gets the {@code seq} its ack carries, after the command's events
     * were sent and before any socket it closes is closed (the sender of {@code meeting.end} gets its ack
     * before its 4410); {@code refused} gets why it changed nothing. Group commit: while the meeting is busy
     * the command waits in the meeting's queue and this returns at once; otherwise the caller drains the
     * queue, storing each batch of waiting commands in one transaction. A command beyond the queue's bound is
     * refused as {@code RATE_LIMITED} before this returns (P12).
     */
    public void execute(String meetingId, String participantId, MeetingCommand command, LongConsumer accepted,
            Consumer<Rejected> refused) {
        if (Meeting.mayOpenRound(command)) {
            rememberNetwork(meetingId, participantId);
        }
        CommandQueues.Waiting waiting = new CommandQueues.Waiting(participantId, command, accepted, refused);
        if (commands.add(meetingId, waiting, clock.millis())) {
            drainCommands(meetingId, waiting);
        }
    }

    /**
     * NWM1: before a command that may open a round, a network meeting learns who met whom in the network's earlier
     * meetings, when a moderator sends it. Read outside the meeting's lock (the meeting rows, and the earlier meetings' events only when they
     * changed since the last time); a failure only leaves the rooms without that memory, and the command itself then
     * meets the store as every command does.
     */
    private void rememberNetwork(String meetingId, String participantId) {
        try {
            // The meeting's lock twice, no fewer: once to read the network and the memory this load already has, once
            // to give it the memory; the store is read between, unlocked, so the meeting's commands do not wait for it.
            // Both reads share one lock: nothing between them needs it released, and one lock gives them the same load.
            NetworkAsked asked = withMeeting(meetingId, live -> {
                // only a moderator opens rounds: nobody else makes the server read the network's meetings
                String networkId = live.meeting.isModerator(participantId) ? live.meeting.networkId() : null;
                return networkId == null ? null : new NetworkAsked(networkId, live.networkMemory);
            });
            if (asked == null) {
                return;
            }
            NetworkMixing.Remembered fresh = networkMixing.remember(meetingId, asked.networkId(), asked.cached());
            withMeeting(meetingId, live -> {
                if (live.networkMemory != fresh) { // new, or this load of the meeting has not had it yet
                    live.networkMemory = fresh;
                    live.meeting.rememberNetwork(fresh.memory());
                }
                return null;
            });
        } catch (RuntimeException e) { // Rejected (no such meeting) is answered by the command's own path
            if (!(e instanceof Rejected)) {
                Log.warnf("[%s] the network's earlier rooms could not be read: %s", meetingId, e.getMessage());
            }
        }
    }

    /** NWM1: what {@link #rememberNetwork} reads of the meeting: its network, and the memory this load was given. */
    private record NetworkAsked(String networkId, NetworkMixing.Remembered cached) {
    }

    /**
     * The drainer: takes the waiting commands under the meeting's lock, batch after batch, until none waits.
     * Once its own command is answered, a sender's thread hands the rest to {@link #drainers}: its
     * connection reads its next frame only when this returns, and a busy meeting may keep a queue for long.
     */
    private void drainCommands(String meetingId, CommandQueues.Waiting own) {
        List<CommandQueues.Waiting> batch;
        do {
            if (own != null && own.isAnswered() && commands.hasWaiting(meetingId)) {
                drainers.execute(() -> drainCommands(meetingId, null));
                return;
            }
            List<CommandQueues.Waiting> taken = new ArrayList<>();
            try {
                withMeeting(meetingId, live -> {
                    taken.addAll(commands.take(meetingId));
                    commits.commitBatch(live, taken, clock.millis());
                    return null;
                });
            } catch (MeetingOwnership.OwnedElsewhere e) { // N3: its sockets here are leftovers; they follow the owner
                if (taken.isEmpty()) {
                    taken.addAll(commands.take(meetingId));
                }
                Rejected moved = new Rejected(ErrorCode.UNAVAILABLE, "another server has this meeting now; reconnect");
                taken.forEach(waiting -> waiting.refuse(moved));
                broadcaster.disconnectAll(meetingId, MOVED_CLOSE_CODE, e.ownerUrl() == null ? "" : e.ownerUrl());
            } catch (Rejected e) { // no such meeting, or it cannot be loaded: the waiting commands are refused
                if (taken.isEmpty()) {
                    taken.addAll(commands.take(meetingId));
                }
                taken.forEach(waiting -> waiting.refuse(e));
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] failed to handle a batch of commands", meetingId);
                Rejected failed = new Rejected(ErrorCode.UNAVAILABLE, "the server could not handle this; try again");
                taken.forEach(waiting -> waiting.refuse(failed));
            }
            batch = taken;
        } while (!batch.isEmpty());
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

    /**
     * RC4, RC8: the published recap under {@code recapId}, for anyone with the link, from the stored events (so
     * it works whether the meeting is in memory or not, and shows every round). NOT_FOUND for an id of the
     * wrong shape, an unknown one, or one that was withdrawn: the events decide, the lookup only finds them.
     * The link is public, so replaying a long meeting's log for every request would let a script spend the
     * server's heap and CPU: a recap is kept per stored seq ({@link #RECAP_CACHE_SIZE} of them), built once per
     * seq however many ask at the same time. The lookup runs on every request, so a withdrawal answers 404 at
     * once, and every stored event (an insight edited, a vote) makes the next request build it again.
     */
    public MeetingRecap recap(String recapId) {
        Rejected notFound = new Rejected(ErrorCode.NOT_FOUND, "no such recap, or it is no longer published");
        if (!Ids.isId(recapId)) {
            throw notFound;
        }
        try {
            MeetingStore.PublishedRecap published = store.publishedRecap(recapId).orElse(null);
            if (published == null) {
                recaps.forget(recapId);
                throw notFound;
            }
            MeetingRecap recap = recaps.get(recapId, published.lastSeq(), () -> {
                MeetingStore.StoredMeeting stored = store.load(published.meetingId()).orElseThrow(() -> notFound);
                return MeetingRecap.of(stored.events(), recapId, clock.millis()).orElseThrow(() -> notFound);
            });
            return recap.at(clock.millis());
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
    }

    /**
     * RC9: whether {@code recapId} is published now, by the one index lookup (a withdrawal clears it), so the recap
     * page answers 404 for a link that leads nowhere. While the database cannot be reached: true, and the page's
     * own request tells the reader.
     */
    public boolean recapExists(String recapId) {
        if (!Ids.isId(recapId)) {
            return false;
        }
        try {
            return store.publishedRecap(recapId).isPresent();
        } catch (StoreUnavailable e) {
            return true;
        }
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
        LiveMeeting inMemory = live.get(meetingId);
        if (inMemory == null) {
            // Out of memory (dropped, deleted, owned elsewhere): nothing to record, a replay has everyone offline.
            // Loading it here would take back a meeting this node just lost.
            detach.run();
            return;
        }
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

    /** The meetings in memory now; each is read or changed only under its lock. */
    Collection<LiveMeeting> inMemory() {
        return live.values();
    }

    /** With the lock held: stores and tells the gathered presence changes (P8). */
    void flushPresence(LiveMeeting meeting) {
        commits.flushPresence(meeting);
    }

    /** Whether the meeting is in memory now (for tests and the gauge). */
    public boolean isInMemory(String meetingId) {
        return live.containsKey(meetingId);
    }

    /** With the lock held: the meeting leaves memory; whoever waits for its lock loads it again (stale). */
    void leaveMemory(LiveMeeting leaving) {
        deadlines.cancel(leaving.id);
        leaving.stale = true;
        // Let go before the entry goes: a load that starts once it is gone takes the meeting anew (N1).
        ownership.release(leaving.id);
        live.remove(leaving.id, leaving);
        leftMemory.fire(new MeetingLeftMemory(leaving.id));
        Log.debugf("[%s] meeting left memory", leaving.id);
    }

    /** With the lock held: the meeting was deleted from the store. */
    private void forgetDeleted(LiveMeeting deleted) {
        deleted.pendingPresence.clear();
        rememberDeleted(deleted.id);
        leaveMemory(deleted);
        broadcaster.disconnectAll(deleted.id, 4410, "the meeting was deleted");
    }

    /** A deleted meeting's id: unknown to the store from now on (E6), and a hello to it closes 4410. */
    private void rememberDeleted(String meetingId) {
        unknownIds.remember(meetingId, clock.millis());
        deletedIds.remember(meetingId);
    }

    /**
     * E4: deletes the meeting if it recorded nothing since {@code quietSince}, as by DELETE. A meeting out of
     * memory is deleted while its map entry is held, so no load runs at the same time; one in memory under
     * its lock, with its sockets closed. Whether it was deleted.
     */
    boolean expire(String meetingId, long quietSince) {
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
                rememberDeleted(meetingId);
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
        } catch (MeetingOwnership.OwnedElsewhere e) {
            deadlines.cancel(meetingId); // N3: the owner fires it
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] deadline failed", meetingId);
        }
    }

    <T> T withMeeting(String meetingId, Function<LiveMeeting, T> work) {
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

    LiveMeeting find(String meetingId) {
        if (!Ids.isId(meetingId)) { // a malformed id cannot exist: no lookup, whichever way it came in
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        LiveMeeting found = live.get(meetingId);
        if (found != null) {
            return found;
        }
        if (unknownIds.isUnknown(meetingId, clock.millis())) {
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        try {
            found = live.computeIfAbsent(meetingId, this::load);
        } catch (StoreUnavailable e) {
            throw unavailable(e);
        }
        if (found == null) {
            unknownIds.remember(meetingId, clock.millis());
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
        return found;
    }

    private LiveMeeting load(String meetingId) {
        if (!ownership.take(meetingId)) { // N1, N2: the meeting is ours, with a new epoch, before it is read
            metrics.meetingLookedUp(false);
            return null;
        }
        try {
            LiveMeeting loaded = loadOwned(meetingId);
            if (loaded == null) {
                ownership.release(meetingId);
            }
            return loaded;
        } catch (RuntimeException e) {
            ownership.release(meetingId);
            throw e;
        }
    }

    private LiveMeeting loadOwned(String meetingId) {
        Optional<MeetingStore.StoredMeeting> found = store.load(meetingId);
        metrics.meetingLookedUp(found.isPresent());
        return found.map(stored -> {
            Meeting meeting = Meeting.replay(stored.events(), Secrets::id, new Random());
            meeting.useCallLinks(callLinks);
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
                List<StoredEvent> stored = MeetingCommits.number(outcome.events(), loaded.seq, now);
                store.append(loaded.id, stored, MeetingCommits.status(loaded.meeting),
                        loaded.meeting.nextDeadline().orElse(null));
                loaded.seq = stored.isEmpty() ? loaded.seq : stored.get(stored.size() - 1).seq();
            }
        }
    }

    /** Stores what a command did, then tells everyone; on a failed write the meeting is reloaded. */
    private void commit(LiveMeeting live, Outcome outcome, long now) {
        commits.commit(live, outcome, now, () -> {
        });
    }

    /** With the lock held: the meeting in memory is ahead of the store; the next caller loads it again. */
    private void drop(LiveMeeting dropped) {
        dropped.stale = true;
        ownership.release(dropped.id);
        live.remove(dropped.id, dropped);
        deadlines.arm(dropped.id, Optional.empty(), this::tick);
    }

    /** WebSocket close code: another node owns the meeting; the reason is its address, or empty when unknown (N3). */
    public static final int MOVED_CLOSE_CODE = 4307;

    /**
     * N4: this node's hold on the store broke, so other nodes may own these meetings now: each leaves memory
     * (unless it was taken again meanwhile) and its sockets close with 4307, to come back through the balancer.
     */
    private void lost(java.util.Set<String> meetingIds) {
        for (String meetingId : meetingIds) {
            LiveMeeting lost = live.get(meetingId);
            if (lost == null) {
                continue;
            }
            lost.lock.lock();
            try {
                if (lost.stale || ownership.holds(meetingId)) {
                    continue;
                }
                lost.pendingPresence.clear(); // not stored: another node may have written since
                leaveMemory(lost); // with what is kept per meeting (welcome cache, timer); nothing left to release
                broadcaster.disconnectAll(meetingId, MOVED_CLOSE_CODE, "");
                Log.warnf("[%s] ownership lost: the meeting left memory", meetingId);
            } finally {
                lost.lock.unlock();
            }
        }
    }

    private void arm(LiveMeeting live) {
        deadlines.arm(live.id, live.meeting.nextDeadline(), this::tick);
    }

    private static Rejected unavailable(StoreUnavailable e) {
        return MeetingCommits.unavailable();
    }
}
