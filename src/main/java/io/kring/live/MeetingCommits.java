package io.kring.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.kring.live.Broadcaster.Told;
import io.kring.live.CommandQueues.Waiting;
import io.kring.live.MeetingStore.StoredEvent;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.Outcome;
import io.kring.meeting.Rejected;
import io.quarkus.logging.Log;

/**
 * Stores what a meeting did, then tells it (P7), always with the meeting's lock held: one command's
 * outcome, a batch of queued commands in one transaction (group commit), or the gathered presence (P8).
 * A failed write drops the meeting from memory, so the next caller reloads it from the store.
 */
final class MeetingCommits {

    /** How long presence changes are gathered before they are stored and told together (P8). */
    static final long PRESENCE_FLUSH_MS = 100;

    private final MeetingStore store;
    private final Broadcaster broadcaster;
    private final KringMetrics metrics;
    private final Clock clock;
    /** Forgets a meeting whose in-memory state is ahead of the store; the next caller loads it again. */
    private final Consumer<LiveMeeting> drop;
    /** Arms the meeting's timer for its next deadline. */
    private final Consumer<LiveMeeting> arm;
    private final ScheduledExecutorService presenceFlusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kring-presence");
        thread.setDaemon(true);
        return thread;
    });

    MeetingCommits(MeetingStore store, Broadcaster broadcaster, KringMetrics metrics, Clock clock,
            Consumer<LiveMeeting> drop, Consumer<LiveMeeting> arm) {
        this.clock = clock;
        this.store = store;
        this.broadcaster = broadcaster;
        this.metrics = metrics;
        this.drop = drop;
        this.arm = arm;
    }

    /** One command's or tick's outcome, stored on its own; {@code afterTelling} runs once it was told. */
    void commit(LiveMeeting live, Outcome outcome, long now, Runnable afterTelling) {
        if (outcome.isEmpty()) {
            afterTelling.run();
            return;
        }
        if (isPresenceOnly(outcome)) {
            deferPresence(live, outcome);
            afterTelling.run();
            return;
        }
        flushPresence(live);
        List<StoredEvent> stored = number(outcome.events(), live.seq, now);
        storeOrDrop(live, stored);
        long firstSeq = live.seq + 1;
        live.seq = stored.get(stored.size() - 1).seq();
        publish(live, told(outcome, firstSeq, new ArrayList<>()));
        resync(live, outcome, now);
        afterTelling.run();
        closeSockets(live, outcome);
        arm.accept(live);
    }

    /**
     * Group commit: the queued commands are handled in order, their events stored in one transaction, then
     * told in one burst, then each command is answered in order (so each ack follows its own events), and
     * last the sockets the batch closes are closed. A command the meeting refuses gets its error in its
     * place and changes nothing (P5). A command that needs someone's fresh snapshot ends its transaction, so
     * the snapshot shows the meeting as of that command; the rest of the batch goes on in the next one. When
     * a transaction fails, it and the rest of the batch are answered {@code UNAVAILABLE} and the meeting is
     * dropped, to be reloaded without any of them.
     */
    void commitBatch(LiveMeeting live, List<Waiting> batch, long now) {
        try {
            flushPresence(live);
        } catch (Rejected e) {
            batch.forEach(command -> command.refuse(e));
            return;
        }
        int next = 0;
        while (next < batch.size() && !live.stale) {
            next = commitPart(live, batch, next, now);
        }
    }

    /** One command of a batch and what became of it: its outcome, or why it was refused, and its ack's seq. */
    private record Handled(Waiting command, Outcome outcome, Rejected refusal, long seq) {
    }

    /** Commits the batch's commands from {@code from} on, in one transaction; where the next one starts. */
    private int commitPart(LiveMeeting live, List<Waiting> batch, int from, long now) {
        List<Handled> handled = new ArrayList<>();
        List<MeetingEvent> events = new ArrayList<>();
        long seq = live.seq;
        int next = from;
        while (next < batch.size()) {
            Waiting command = batch.get(next++);
            Outcome outcome;
            try {
                outcome = live.meeting.handle(command.participantId, command.command, now);
            } catch (Rejected e) {
                handled.add(new Handled(command, null, e, seq));
                continue;
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] failed to handle %s", live.id, command.command.getClass().getSimpleName());
                handled.add(new Handled(command, null,
                        new Rejected(ErrorCode.UNAVAILABLE, "the server could not handle this; try again"), seq));
                continue;
            }
            events.addAll(outcome.events());
            seq += outcome.events().size();
            handled.add(new Handled(command, outcome, null, seq));
            if (!outcome.resync().isEmpty()) {
                break;
            }
        }
        long firstSeq = live.seq + 1;
        if (!events.isEmpty()) {
            try {
                storeOrDrop(live, number(events, live.seq, now));
            } catch (Rejected e) {
                batch.subList(from, batch.size()).forEach(command -> command.refuse(e));
                return batch.size();
            }
            metrics.commandsCommitted(next - from);
            live.seq = seq;
        }
        List<Told> told = new ArrayList<>();
        for (Handled one : handled) {
            if (one.outcome() != null) {
                told(one.outcome(), firstSeq, told);
                firstSeq += one.outcome().events().size();
            }
        }
        publish(live, told);
        Handled last = handled.get(handled.size() - 1);
        if (last.outcome() != null) {
            resync(live, last.outcome(), now);
        }
        for (Handled one : handled) {
            if (one.refusal() != null) {
                one.command().refuse(one.refusal());
            } else {
                one.command().accept(one.seq());
            }
        }
        for (Handled one : handled) {
            if (one.outcome() != null) {
                closeSockets(live, one.outcome());
            }
        }
        if (!events.isEmpty()) {
            arm.accept(live);
        }
        return next;
    }

    /** Adds the outcome's notices, numbered from {@code firstSeq}, to {@code told}; events that tell nobody keep their number. */
    private static List<Told> told(Outcome outcome, long firstSeq, List<Told> told) {
        long seq = firstSeq;
        for (Outcome.Emitted emitted : outcome.emitted()) {
            if (emitted.notice() != null) {
                told.add(new Told(seq, emitted.notice()));
            }
            seq++;
        }
        return told;
    }

    private void resync(LiveMeeting live, Outcome outcome, long now) {
        for (String participantId : outcome.resync()) {
            if (live.meeting.isMember(participantId)) {
                broadcaster.sendSnapshot(live.id, participantId, live.seq, live.meeting.viewFor(participantId, now));
            }
        }
    }

    /** After the answers: a removed participant's sockets close with 4403, an ended meeting's with 4410. */
    private void closeSockets(LiveMeeting live, Outcome outcome) {
        for (MeetingEvent event : outcome.events()) {
            if (event instanceof MeetingEvent.ParticipantRemoved removed) {
                broadcaster.disconnect(live.id, removed.participantId(), 4403, "removed from the meeting");
            } else if (event instanceof MeetingEvent.MeetingEnded) {
                broadcaster.disconnectAll(live.id, 4410, "the meeting has ended");
            }
        }
    }

    /**
     * P8: someone coming online or going offline is told within {@link #PRESENCE_FLUSH_MS}, many at once:
     * a reconnect storm of a thousand people then costs a few stored batches and a few events, not two
     * thousand commits each told to a thousand sockets. Presence is not durable anyway (after a restart
     * everyone is offline); nothing that is told was not stored first.
     */
    private void deferPresence(LiveMeeting live, Outcome outcome) {
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

    /** With the lock held: stores and tells the gathered presence changes as one event, before anything else happens. */
    void flushPresence(LiveMeeting live) {
        if (live.pendingPresence.isEmpty() || live.stale) {
            return;
        }
        long now = clock.millis();
        Outcome outcome = live.meeting.recordPresence(List.copyOf(live.pendingPresence));
        live.pendingPresence.clear();
        if (outcome.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = number(outcome.events(), live.seq, now);
        storeOrDrop(live, stored);
        live.seq = stored.get(stored.size() - 1).seq();
        publish(live, List.of(new Told(live.seq, outcome.emitted().get(0).notice())));
    }

    private void publish(LiveMeeting live, List<Told> told) {
        if (told.isEmpty()) {
            return;
        }
        long fanOutStarted = System.nanoTime();
        broadcaster.publish(live.id, told);
        metrics.fanOut(System.nanoTime() - fanOutStarted);
    }

    /**
     * Stores events in one transaction; on failure the meeting is dropped (the next caller reloads it) and
     * UNAVAILABLE thrown. Also on an unexpected failure: the meeting in memory is then ahead of the store.
     */
    private void storeOrDrop(LiveMeeting live, List<StoredEvent> stored) {
        long started = System.nanoTime();
        try {
            store.append(live.id, stored, status(live.meeting), live.meeting.nextDeadline().orElse(null));
            metrics.storeCommit(System.nanoTime() - started);
        } catch (MeetingStore.StoreUnavailable e) {
            drop.accept(live);
            Log.warnf("[%s] change not stored, the meeting will be reloaded: %s", live.id, e.getMessage());
            throw unavailable();
        } catch (RuntimeException e) {
            drop.accept(live);
            Log.errorf(e, "[%s] change not stored, the meeting will be reloaded", live.id);
            throw unavailable();
        }
    }

    private static boolean isPresenceOnly(Outcome outcome) {
        return outcome.resync().isEmpty() && outcome.events().stream().allMatch(
                e -> e instanceof MeetingEvent.ParticipantConnected || e instanceof MeetingEvent.ParticipantDisconnected);
    }

    static List<StoredEvent> number(List<MeetingEvent> events, long lastSeq, long now) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        long seq = lastSeq;
        for (MeetingEvent event : events) {
            stored.add(new StoredEvent(++seq, event, now));
        }
        return stored;
    }

    static String status(Meeting meeting) {
        return meeting.isEnded() ? "ended" : "open";
    }

    static Rejected unavailable() {
        return new Rejected(ErrorCode.UNAVAILABLE, "the database cannot be reached; nothing changed, try again");
    }

}
