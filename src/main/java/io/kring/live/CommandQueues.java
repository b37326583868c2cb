package io.kring.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

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
 */
final class CommandQueues {

    /** The most commands handled and stored in one transaction. */
    static final int MAX_BATCH = 256;

    private final ConcurrentHashMap<String, ArrayDeque<Waiting>> queues = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

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

    /** Queues the command; true when the caller must drain the meeting's queue (nobody else is). */
    boolean add(String meetingId, Waiting command) {
        boolean[] drains = new boolean[1];
        queues.compute(meetingId, (id, queue) -> {
            ArrayDeque<Waiting> waiting = queue == null ? new ArrayDeque<>() : queue;
            drains[0] = queue == null;
            waiting.add(command);
            return waiting;
        });
        this.waiting.incrementAndGet();
        return drains[0];
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

    /** Commands queued and not yet taken by their drainer, over all meetings. */
    int waiting() {
        return waiting.get();
    }

    /** Whether every queued command was taken and its drainer is done (for a graceful shutdown). */
    boolean isIdle() {
        return queues.isEmpty();
    }
}
