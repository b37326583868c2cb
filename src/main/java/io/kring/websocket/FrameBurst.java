package io.kring.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;

/**
 * The event frames of one publish (one commit's events), to be written together. Each event is encoded
 * once, as a whole WebSocket frame (header and UTF-8 payload). Each event loop gets one task that writes
 * its sessions' frames in order and flushes each session once per {@link Session#FLUSH_AT_BYTES}.
 * <p>
 * Sessions that get the same frames in the same order (everyone, for events everyone sees) share their
 * bytes whole: the frames are joined once into chunks of at most {@code FLUSH_AT_BYTES}, and each such
 * session is written the same chunks. A burst of a thousand hands to a thousand sockets then costs a few
 * dozen writes per socket, not a thousand frames each through the WebSocket encoder.
 * Each loop runs its tasks in order, so the events still reach a session before the ack that follows them.
 */
final class FrameBurst {

    /** Bigger events go through Vert.x, which splits them into frames of at most the configured frame size. */
    static final int MAX_SHARED_FRAME_BYTES = 64 * 1024;

    private final Map<EventExecutor, LoopWrites> byLoop = new LinkedHashMap<>();

    /** What one event loop writes: each session's frames in order, and one reference to each frame. */
    private static final class LoopWrites implements Runnable {
        private final Map<Session, List<ByteBuf>> framesBySession = new IdentityHashMap<>();
        private final List<Session> order = new ArrayList<>();
        private final List<ByteBuf> held = new ArrayList<>();

        void add(Session session, ByteBuf frame) {
            if (held.isEmpty() || held.get(held.size() - 1) != frame) {
                held.add(frame.retain());
            }
            framesBySession.computeIfAbsent(session, s -> {
                order.add(s);
                return new ArrayList<>();
            }).add(frame);
        }

        @Override
        public void run() {
            Map<FrameSequence, List<ByteBuf>> chunksBySequence = new HashMap<>();
            try {
                for (Session session : order) {
                    List<ByteBuf> chunks = chunksBySequence.computeIfAbsent(
                            new FrameSequence(framesBySession.get(session)), FrameSequence::chunks);
                    for (ByteBuf chunk : chunks) {
                        session.writeFramed(chunk);
                    }
                    session.flush();
                }
            } finally {
                chunksBySequence.values().forEach(chunks -> chunks.forEach(ByteBuf::release));
                held.forEach(ByteBuf::release);
            }
        }
    }

    /** The frames one session gets, compared by identity: the same shared frames in the same order. */
    private static final class FrameSequence {
        private final List<ByteBuf> frames;
        private final int hash;

        FrameSequence(List<ByteBuf> frames) {
            this.frames = frames;
            int h = 1;
            for (ByteBuf frame : frames) {
                h = 31 * h + System.identityHashCode(frame);
            }
            this.hash = h;
        }

        /** The frames joined into chunks of at most FLUSH_AT_BYTES (a bigger frame is a chunk of its own). */
        List<ByteBuf> chunks() {
            List<ByteBuf> chunks = new ArrayList<>();
            int from = 0;
            while (from < frames.size()) {
                int to = from;
                int bytes = 0;
                while (to < frames.size()
                        && (to == from || bytes + frames.get(to).readableBytes() <= Session.FLUSH_AT_BYTES)) {
                    bytes += frames.get(to).readableBytes();
                    to++;
                }
                ByteBuf chunk = Unpooled.buffer(bytes, bytes);
                for (int i = from; i < to; i++) {
                    ByteBuf frame = frames.get(i);
                    chunk.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
                }
                chunks.add(chunk);
                from = to;
            }
            return chunks;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof FrameSequence that) || that.hash != hash || that.frames.size() != frames.size()) {
                return false;
            }
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i) != that.frames.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
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
        ByteBuf frame = textFrame(utf8);
        try {
            for (Session session : recipients) {
                if (session.isClosing()) {
                    continue;
                }
                EventExecutor loop = session.eventLoop();
                if (loop == null) {
                    session.send(text);
                } else {
                    byLoop.computeIfAbsent(loop, l -> new LoopWrites()).add(session, frame);
                }
            }
        } finally {
            frame.release();
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

    /** A final, unmasked text frame (RFC 6455 section 5.2), as a server sends it. */
    static ByteBuf textFrame(byte[] utf8) {
        int length = utf8.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = Unpooled.buffer(header + length, header + length);
        frame.writeByte(0x81); // FIN, opcode 1 (text)
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(utf8);
        return frame;
    }
}
