package io.kring.websocket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket: whose it is once its hello was accepted, and what it has not yet written.
 * A client that lets more than {@code maxUnsentBytes} pile up is closed with 1013 (R5): it
 * reconnects and gets a fresh welcome, and never slows the room down.
 */
final class Session {

    static final int COMMANDS_PER_SECOND = 20;

    final WebSocketConnection connection;
    final String meetingId;
    private final long maxUnsentBytes;
    private final Runnable onSlowConsumer;
    private volatile String participantId;
    private final AtomicLong unsentBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Deque<Long> recentCommands = new ArrayDeque<>();
    volatile long helloTimer = -1;

    Session(WebSocketConnection connection, String meetingId, long maxUnsentBytes, Runnable onSlowConsumer) {
        this.connection = connection;
        this.meetingId = meetingId;
        this.maxUnsentBytes = maxUnsentBytes;
        this.onSlowConsumer = onSlowConsumer;
    }

    String participantId() {
        return participantId;
    }

    boolean isAuthenticated() {
        return participantId != null;
    }

    void authenticate(String participantId) {
        this.participantId = participantId;
    }

    /** Queues a text frame without waiting for it to be written. */
    void send(String text) {
        if (closing.get()) {
            return;
        }
        long size = text.length();
        if (unsentBytes.addAndGet(size) > maxUnsentBytes) {
            Log.warnf("[%s] closing a connection of %s that does not keep up", meetingId, participantId);
            onSlowConsumer.run();
            close(1013, "too slow to read its events");
            return;
        }
        connection.sendText(text).subscribe().with(done -> unsentBytes.addAndGet(-size),
                failure -> unsentBytes.addAndGet(-size));
    }

    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failure -> Log.debugf("closing a connection failed: %s", failure.getMessage()));
        }
    }

    boolean isClosing() {
        return closing.get();
    }

    /** R2: more than 20 commands in any one-second window are refused; refused ones do not count. */
    synchronized boolean admitCommand(long now) {
        while (!recentCommands.isEmpty() && recentCommands.peekFirst() <= now - 1000) {
            recentCommands.pollFirst();
        }
        if (recentCommands.size() >= COMMANDS_PER_SECOND) {
            return false;
        }
        recentCommands.addLast(now);
        return true;
    }

    /** A command the meeting refused as RATE_LIMITED (the chat limit) does not count either. */
    synchronized void forgetLastCommand() {
        recentCommands.pollLast();
    }
}
