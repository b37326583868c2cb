package io.kring.websocket;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket: whose it is once its hello was accepted, and what it has not yet written.
 * A client that lets more than {@code maxUnsentBytes} of events pile up is closed with 1013 (R5): it
 * reconnects and gets a fresh welcome, and never slows the room down. The welcome itself is not
 * counted (R7): however big a meeting has grown, a connection always gets its welcome.
 */
final class Session {

    /** The longest frame written: Vert.x's default frame limit, which clients built on it keep too. */
    static final int MAX_FRAME_BYTES = 65536;

    final WebSocketConnection connection;
    /** The TCP connection under it, to drop a peer that does not answer (R6); empty if Vert.x hides it. */
    private final Optional<Channel> channel;
    private final EventExecutor eventLoop;
    final String meetingId;
    private final long maxUnsentBytes;
    private final Runnable onSlowConsumer;
    private volatile String participantId;
    private final AtomicLong unsentBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The frame limit of this participant, shared by all their connections; set when registered. */
    private volatile FrameLimit frames;
    /**
     * UTF-8 bytes of every whole state (welcome or state.snapshot) queued and not yet written, not counted by
     * the bound: a snapshot queued right behind a welcome still unread must not make the welcome count.
     */
    private final AtomicLong unwrittenStateBytes = new AtomicLong();
    private volatile long lastHeardAt;
    /** Bytes of events written on the event loop and not flushed yet: only the event loop touches it. */
    private int unflushedBytes;
    static final int FLUSH_AT_BYTES = 16 * 1024;
    /** Set on the event loop when it closed this connection with 1013: its close frame is already out. */
    private boolean cutOffHere;
    volatile long helloTimer = -1;
    /** R10: this socket's place among those waiting for their hello; released at the hello or the close. */
    volatile PendingHellos.Wait helloWait;

    Session(WebSocketConnection connection, String meetingId, long maxUnsentBytes, Runnable onSlowConsumer,
            long openedAt) {
        this.connection = connection;
        this.channel = TcpChannels.of(connection);
        this.eventLoop = channel.map(Channel::eventLoop).orElse(null);
        this.lastHeardAt = openedAt;
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
        if (unsentBytes.addAndGet(size) + eventsInChannel() > maxUnsentBytes) {
            closeSlowConsumer();
            return;
        }
        connection.sendText(text).subscribe().with(done -> unsentBytes.addAndGet(-size),
                failure -> unsentBytes.addAndGet(-size));
    }

    /**
     * R7: queues a welcome or a {@code state.snapshot}, the whole state as this participant sees it, without
     * counting it against the bound: it only grows with the meeting, and refusing it would lock the
     * participant out of a big meeting for good. Only what piles up behind it counts.
     */
    void sendWholeState(String text) {
        if (closing.get()) {
            return;
        }
        long bytes = utf8Length(text);
        unwrittenStateBytes.addAndGet(bytes);
        connection.sendText(text).subscribe().with(done -> unwrittenStateBytes.addAndGet(-bytes),
                failure -> unwrittenStateBytes.addAndGet(-bytes));
    }

    /**
     * R7 as {@link #sendWholeState(String)}, for a welcome in parts: the parts are written as they are
     * (the shared ones are not copied first) when the TCP channel is at hand, as one text otherwise. In
     * frames of at most 64 KiB, as Vert.x splits a long text, for clients that limit a frame's size.
     */
    void sendWholeState(WelcomeEncoder.Encoded welcome) {
        if (closing.get()) {
            return;
        }
        if (channel.isEmpty()) {
            sendWholeState(welcome.text());
            return;
        }
        ByteBuf utf8 = Unpooled.wrappedBuffer(welcome.parts().toArray(new byte[0][]));
        long bytes = utf8.readableBytes();
        unwrittenStateBytes.addAndGet(bytes);
        Channel tcp = channel.get();
        // One task on the channel's event loop, queued (with the meeting's lock held) before any event
        // queued after this welcome, so nothing comes between its fragments or before it.
        tcp.eventLoop().execute(() -> {
            ChannelFuture last = null;
            boolean first = true;
            while (utf8.isReadable()) {
                ByteBuf fragment = utf8.readRetainedSlice(Math.min(MAX_FRAME_BYTES, utf8.readableBytes()));
                boolean end = !utf8.isReadable();
                last = tcp.write(first ? new TextWebSocketFrame(end, 0, fragment)
                        : new ContinuationWebSocketFrame(end, 0, fragment));
                first = false;
            }
            utf8.release();
            tcp.flush();
            if (last == null) {
                unwrittenStateBytes.addAndGet(-bytes);
            } else {
                last.addListener(written -> unwrittenStateBytes.addAndGet(-bytes));
            }
        });
    }

    /** The event loop that writes to this connection, or null when the channel is hidden (then use {@link #send}). */
    EventExecutor eventLoop() {
        return eventLoop;
    }

    /**
     * Writes event frames already encoded as WebSocket frames (header and payload; one frame or several
     * joined), whose bytes are shared by all the sessions that get the same frames, without flushing (see
     * {@link #flush()}); runs on {@link #eventLoop()}, so it keeps its place among the frames {@link #send}
     * queued on that loop before it. A long burst is flushed every {@link #FLUSH_AT_BYTES} bytes, so what it
     * leaves unwritten counts against the bound no more than before bursts were flushed together.
     */
    void writeFramed(ByteBuf frames) {
        // Not the closing flag: a close asked for after this event was queued sends its close frame
        // after it, so the event still goes out (a meeting's end is told before the 4410).
        if (cutOffHere) {
            return;
        }
        if (unsentBytes.get() + eventsInChannel() + frames.readableBytes() > maxUnsentBytes) {
            cutOffHere = true;
            closeSlowConsumer();
            return;
        }
        // Raw bytes pass the WebSocket encoder untouched: it encodes only WebSocketFrame messages.
        channel.get().write(frames.retainedDuplicate(), channel.get().voidPromise());
        unflushedBytes += frames.readableBytes();
        if (unflushedBytes >= FLUSH_AT_BYTES) {
            flush();
        }
    }

    /** On {@link #eventLoop()}: hands the frames {@link #writeFramed} wrote since the last flush to the kernel at once. */
    void flush() {
        if (unflushedBytes > 0) {
            unflushedBytes = 0;
            channel.get().flush();
        }
    }

    /**
     * Bytes of events written to the channel but not yet taken by the kernel: the channel's backlog less the
     * whole states still unwritten. While a whole state longer than one frame is half
     * written this counts too little by at most its size, never too much.
     */
    private long eventsInChannel() {
        return Math.max(0, pendingInChannel() - unwrittenStateBytes.get());
    }

    /** Bytes written to the channel but not yet taken by the kernel. */
    private long pendingInChannel() {
        if (channel.isEmpty()) {
            return 0;
        }
        ChannelOutboundBuffer outbound = channel.get().unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }

    private void closeSlowConsumer() {
        Log.warnf("[%s] closing a connection of %s that does not keep up", meetingId, participantId);
        onSlowConsumer.run();
        close(1013, "too slow to read its events");
    }

    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failure -> Log.debugf("closing a connection failed: %s", failure.getMessage()));
        }
    }

    /** A message or a pong arrived: the peer is alive. */
    void heard(long now) {
        lastHeardAt = now;
    }

    boolean silentSince(long since) {
        return lastHeardAt < since;
    }

    /**
     * R6: a peer that answers nothing gets no closing handshake, which would wait behind everything it
     * did not read; its TCP connection is closed at once, and the close handler sends it offline.
     */
    void drop() {
        if (channel.isEmpty()) {
            close(1001, "no answer to pings");
            return;
        }
        closing.set(true);
        // From the first handler on: Vert.x's own handler would flush first, behind what the peer does not read.
        channel.get().pipeline().firstContext().close();
    }

    boolean isClosing() {
        return closing.get();
    }

    void limitFramesWith(FrameLimit participantFrames) {
        this.frames = participantFrames;
    }

    /** R2: counts a frame of this participant against the limit of all their connections, or refuses it. */
    boolean admitFrame(long now) {
        FrameLimit limit = frames;
        return limit == null || limit.admit(now);
    }

    /** A command refused as RATE_LIMITED (chat or question limit, a full meeting queue) does not count either. */
    void giveBackFrame() {
        FrameLimit limit = frames;
        if (limit != null) {
            limit.giveBack();
        }
    }

    /** The size of {@code text} in UTF-8, without encoding it (also R1's measure of a received message). */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
