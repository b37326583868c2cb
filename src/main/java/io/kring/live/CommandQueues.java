package io.kring.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.Rejected;
import io.quarkus.logging.Log;

/**
 * Group commit (architecture section 9): the participants' commands for one meeting wait in one queue, in
 * arrival order. Whoever adds to a meeting that has no queue becomes its drainer and takes the commands in
 * batches; everyone else returns at once and is answered by the drainer. A queue exists exactly while it
 * has a drainer: the drainer removes it when it finds it empty, atomically with the last look, so no
 * command is left behind. The queues are kept by meeting id, not in the loaded meeting, so the commands
 * still waiting when a failed commit drops the meeting go to the reloaded one, in their order.
 * <p>
 * Every queue is bounded (meeting-rules P12): a command beyond {@link #MAX_WAITING_PER_MEETING} for its
 * meeting, or beyond {@link #MAX_WAITING} over all meetings, is not queued but refused at once as
 * {@code RATE_LIMITED}, so a slow database or a meeting flooded by its 2,000 participants cannot grow the
 * heap without limit. What was queued before stays queued and is answered by its drainer as always.
 */
final class CommandQueues {

    /** The most commands handled and stored in one transaction. */
    static final int MAX_BATCH = 256;

    /**
     * The most commands waiting for one meeting. A meeting has at most 2,000 participants (L1): five commands
     * from every one of them at the same instant (a hand, a vote, a chat message, ...) still fit, and a healthy
     * drainer stores 256 a transaction in milliseconds, so only a database that stopped answering, or a
     * meeting sent more than it can ever store, reaches it. A waiting command is its decoded frame (from at most
     * 16 KiB, R1; most are a few hundred bytes) and two callbacks, so a full queue is typically a few MB.
     */
    static final int MAX_WAITING_PER_MEETING = 10_000;

    /**
     * The most commands waiting over all meetings together: five for each of the 10,000 connections a server
     * is sized for (docs/performance.md), so a database that stops answering for every meeting at once cannot
     * fill the heap either.
     */
    static final int MAX_WAITING = 50_000;

    /** How often a meeting whose commands are refused for a full queue is logged, at most. */
    static final long FULL_LOG_INTERVAL_MILLIS = 60_000;

    static final String MEETING_BUSY = "the meeting is busy; try again in a moment";
    static final String SERVER_BUSY = "the server is busy; try again in a moment";

    private final ConcurrentHashMap<String, ArrayDeque<Waiting>> queues = new ConcurrentHashMap<>();
    /** Commands queued and not yet taken; counted before a command is queued, so it never reads too few. */
    private final AtomicInteger waiting = new AtomicInteger();
    /**
     * When each meeting last logged a refusal for a full queue. Only meetings logged within the last
     * {@link #FULL_LOG_INTERVAL_MILLIS} are kept: older entries leave whenever one is added.
     */
    private final ConcurrentHashMap<String, Long> fullLogged = new ConcurrentHashMap<>();

    /** One command waiting for its meeting, and where its answer goes; it is answered exactly once. */
    static final class Waiting {
        final String participantId;
        final MeetingCommand command;
        private final LongConsumer accepted;
        private final Consumer<Rejected> refused;
        private boolean answered;

        Waiting(String participantId, MeetingCommand command, LongConsumer accepted, Consumer<Rejected> refused) {
            this.participantId = participantId;
            this.command = command;
            this.accepted = accepted;
            this.refused = refused;
        }

        /** Whether its answer was given (read by the thread that drains). */
        boolean isAnswered() {
            return answered;
        }

        /** The command's events are stored and sent; {@code seq} is what its ack carries. */
        void accept(long seq) {
            if (!answered) {
                answered = true;
                answerSafely(() -> accepted.accept(seq));
            }
        }

        /** The command changed nothing (refused by the meeting, or its batch was not stored). */
        void refuse(Rejected why) {
            if (!answered) {
                answered = true;
                answerSafely(() -> refused.accept(why));
            }
        }

        /** An answer that fails (a socket gone) must not stop the drainer answering the others. */
        private static void answerSafely(Runnable answer) {
            try {
                answer.run();
            } catch (RuntimeException e) {
                Log.warnf(e, "could not answer a command");
            }
        }
    }

    /**
     * Queues the command; true when the caller must drain the meeting's queue (nobody else is). When the
     * meeting's queue, or all queues together, hold their bound already, the command is refused at once as
     * {@code RATE_LIMITED} (on the caller's thread, before this returns false) and nothing is queued.
     */
    boolean add(String meetingId, Waiting command, long now) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            refuseBusy(meetingId, command, SERVER_BUSY, now, "all meetings' command queues together are full");
            return false;
        }
        boolean[] drains = new boolean[1];
        boolean[] full = new boolean[1];
        queues.compute(meetingId, (id, queue) -> {
            if (queue != null && queue.size() >= MAX_WAITING_PER_MEETING) {
                full[0] = true;
                return queue;
            }
            ArrayDeque<Waiting> waiting = queue == null ? new ArrayDeque<>() : queue;
            drains[0] = queue == null;
            waiting.add(command);
            return waiting;
        });
        if (full[0]) {
            waiting.decrementAndGet();
            refuseBusy(meetingId, command, MEETING_BUSY, now, "the meeting's command queue is full");
            return false;
        }
        return drains[0];
    }

    /** Answers outside the queue's lock: a reply writes to a socket, and the drainer must not wait for it. */
    private void refuseBusy(String meetingId, Waiting command, String message, long now, String whichIsFull) {
        if (firstRefusalOfInterval(meetingId, now)) {
            Log.warnf("[%s] %s (%d waiting for this meeting, %d in all): its commands are refused"
                    + " as RATE_LIMITED while it stays so; logged at most once a minute per meeting",
                    meetingId, whichIsFull, waiting(meetingId), waiting.get());
        }
        command.refuse(new Rejected(ErrorCode.RATE_LIMITED, message));
    }

    /** Whether a full-queue refusal for this meeting is the first one in {@link #FULL_LOG_INTERVAL_MILLIS}. */
    boolean firstRefusalOfInterval(String meetingId, long now) {
        boolean[] first = new boolean[1];
        fullLogged.compute(meetingId, (id, last) -> {
            first[0] = last == null || isAnotherInterval(last, now);
            return first[0] ? now : last;
        });
        if (first[0]) {
            fullLogged.values().removeIf(last -> isAnotherInterval(last, now));
        }
        return first[0];
    }

    /** A clock set back by a whole interval counts too, so a jump cannot silence the log for its length. */
    private static boolean isAnotherInterval(long last, long now) {
        return Math.abs(now - last) >= FULL_LOG_INTERVAL_MILLIS;
    }

    /** Meetings with a full-queue refusal logged in the last interval (the log's memory, bounded by it). */
    int loggedMeetings() {
        return fullLogged.size();
    }

    /**
     * The next commands of the meeting, oldest first, at most {@link #MAX_BATCH}. Empty when none waits: the
     * queue is gone then and the drainer is done; the next command starts a new one.
     */
    List<Waiting> take(String meetingId) {
        List<Waiting> batch = new ArrayList<>();
        queues.computeIfPresent(meetingId, (id, waiting) -> {
            while (batch.size() < MAX_BATCH && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            return batch.isEmpty() ? null : waiting;
        });
        waiting.addAndGet(-batch.size());
        return batch;
    }

    /** Whether commands wait for this meeting now. */
    boolean hasWaiting(String meetingId) {
        boolean[] any = new boolean[1];
        queues.computeIfPresent(meetingId, (id, waiting) -> {
            any[0] = !waiting.isEmpty();
            return waiting;
        });
        return any[0];
    }

    /** Commands of this meeting queued and not yet taken by its drainer (read under the queue's lock). */
    int waiting(String meetingId) {
        int[] size = new int[1];
        queues.computeIfPresent(meetingId, (id, waiting) -> {
            size[0] = waiting.size();
            return waiting;
        });
        return size[0];
    }

    /** Commands queued and not yet taken by their drainer, over all meetings. */
    int waiting() {
        return waiting.get();
    }

    /** Whether every queued command was taken and its drainer is done (for a graceful shutdown). */
    boolean isIdle() {
        return queues.isEmpty();
    }
}
