package io.kring.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;

/**
 * The event frames of one publish (one commit's events), to be written together: each text is encoded to
 * UTF-8 once and its bytes shared by all its recipients; each event loop gets one task that writes its
 * sessions' frames in order and then flushes each session once. So a burst of events to one socket costs
 * one flush, not one per event, and a burst to a thousand sockets one task per loop, not one per event.
 * Each loop runs its tasks in order, so the events still reach a session before the ack that follows them.
 */
final class FrameBurst {

    /** Bigger events go through Vert.x, which splits them into frames of at most the configured frame size. */
    static final int MAX_SHARED_FRAME_BYTES = 64 * 1024;

    private final Map<EventExecutor, LoopWrites> byLoop = new LinkedHashMap<>();

    /** What one event loop writes: each session's frames in order, and one reference to each frame's bytes. */
    private static final class LoopWrites implements Runnable {
        private final List<Session> sessions = new ArrayList<>();
        private final List<ByteBuf> frames = new ArrayList<>();
        private final List<ByteBuf> held = new ArrayList<>();

        void add(Session session, ByteBuf frame) {
            if (held.isEmpty() || held.get(held.size() - 1) != frame) {
                held.add(frame.retain());
            }
            sessions.add(session);
            frames.add(frame);
        }

        @Override
        public void run() {
            try {
                Map<Session, Boolean> written = new IdentityHashMap<>();
                for (int i = 0; i < sessions.size(); i++) {
                    sessions.get(i).writeShared(frames.get(i));
                    written.put(sessions.get(i), Boolean.TRUE);
                }
                written.keySet().forEach(Session::flush);
            } finally {
                held.forEach(ByteBuf::release);
            }
        }
    }

    /** Adds one text for these recipients, after everything added before. */
    void add(List<Session> recipients, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_SHARED_FRAME_BYTES) {
            send(); // what was gathered goes first, so every session keeps the order of its events
            recipients.forEach(session -> session.send(text));
            return;
        }
        ByteBuf shared = Unpooled.wrappedBuffer(utf8);
        try {
            for (Session session : recipients) {
                if (session.isClosing()) {
                    continue;
                }
                EventExecutor loop = session.eventLoop();
                if (loop == null) {
                    session.send(text);
                } else {
                    byLoop.computeIfAbsent(loop, l -> new LoopWrites()).add(session, shared);
                }
            }
        } finally {
            shared.release();
        }
    }

    /** Hands what was gathered to the event loops; the burst is empty again. */
    void send() {
        byLoop.forEach((loop, writes) -> {
            if (loop.inEventLoop()) {
                writes.run();
            } else {
                loop.execute(writes);
            }
        });
        byLoop.clear();
    }
}
