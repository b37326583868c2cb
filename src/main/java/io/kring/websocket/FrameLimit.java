package io.kring.websocket;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * R2: at most {@link #FRAMES_PER_SECOND} frames in any one-second window from one participant, counted
 * over all their connections together, so opening more sockets buys no more. Every frame counts, each
 * connection's first hello and unreadable ones too; a refused frame does not. The time is passed in, so the rule is tested
 * without waiting.
 */
final class FrameLimit {

    static final int FRAMES_PER_SECOND = 20;
    static final long WINDOW_MILLIS = 1_000;

    /** When the admitted frames of the last second arrived, oldest first; never more than the limit. */
    private final Deque<Long> admitted = new ArrayDeque<>(FRAMES_PER_SECOND);

    /** Counts a frame arriving at {@code now}, or refuses it (uncounted) when the window is full. */
    synchronized boolean admit(long now) {
        expire(now);
        if (admitted.size() >= FRAMES_PER_SECOND) {
            return false;
        }
        admitted.addLast(now);
        return true;
    }

    /** Uncounts the last admitted frame: its command was refused as RATE_LIMITED (the chat limit, a full queue). */
    synchronized void giveBack() {
        admitted.pollLast();
    }

    /** No frame was admitted in the window before {@code now}: forgetting this limit loses nothing. */
    synchronized boolean isQuiet(long now) {
        expire(now);
        return admitted.isEmpty();
    }

    private void expire(long now) {
        // A wall clock set back would otherwise keep "future" frames in the window for as long as the jump.
        admitted.removeIf(at -> at > now);
        while (!admitted.isEmpty() && admitted.peekFirst() <= now - WINDOW_MILLIS) {
            admitted.pollFirst();
        }
    }
}
