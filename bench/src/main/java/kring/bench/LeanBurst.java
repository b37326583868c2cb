package kring.bench;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import kring.bench.Harness.Conn;

/**
 * What S6 ({@link Burst}) and S7 ({@link VoteBurst}) share: one meeting's participants all send one command at the
 * same instant while a moderator watches, and lean clients count each frame and look only at its head (type and
 * event name). Here: the counters, each participant's first ack, the frame-head parsing and the wait for the end.
 * Fields are touched on the harness's event loop only, except the volatile progress read by the main thread.
 */
abstract class LeanBurst implements Harness.BurstSink {

    static final byte[] TYPE = "\"type\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NAME = "\"name\":\"".getBytes(StandardCharsets.US_ASCII);

    final Conn moderator;
    long sendNs;
    volatile boolean active;

    // progress, read by the main thread while it waits
    volatile int acks;
    volatile long lastByteNs, lastAckNs;

    // totals
    long bytes, frames, errors;

    private final long[] ackNs;

    LeanBurst(Conn moderator, int connections) {
        this.moderator = moderator;
        this.ackNs = new long[connections];
    }

    @Override
    public boolean isActive() {
        return active;
    }

    long ackNs(Conn c) {
        return ackNs[c.idx];
    }

    /** Counts a frame's bytes and the moment of the last byte. */
    void counted(Buffer b, long now) {
        bytes += b.length();
        frames++;
        lastByteNs = now;
    }

    /** A participant's first ack (the moderator sends nothing in the burst, so none of its acks count). */
    void acked(Conn c, long now) {
        if (ackNs[c.idx] == 0 && c != moderator) {
            ackNs[c.idx] = now;
            lastAckNs = now;
            acks++;
        }
    }

    /**
     * Where the {@code "type"} value starts (its opening quote) within the first {@code head} bytes, or -1: the byte
     * after it is {@code a} for an ack, {@code e} for an event or an error (then {@code r} follows).
     */
    static int typeValueAt(Buffer b, int head) {
        int p = Harness.indexOf(b, TYPE, 0, head);
        if (p < 0) return -1;
        p += TYPE.length;
        int len = b.length();
        while (p < len && (b.getByte(p) == ' ' || b.getByte(p) == ':')) p++;
        return p;
    }

    static boolean startsWith(Buffer b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length()) return false;
        for (int j = 0; j < prefix.length; j++) if (b.getByte(at + j) != prefix[j]) return false;
        return true;
    }

    /**
     * Waits (main thread) until the burst is {@code complete} and then quiet for 1 s, or 10 s pass without a byte,
     * or {@code timeoutNs} since the send; says which.
     */
    String awaitEnd(BooleanSupplier complete, long timeoutNs) {
        while (true) {
            Harness.sleepMs(50);
            long now = System.nanoTime();
            if (complete.getAsBoolean() && now - lastByteNs > 1_000_000_000L) return "complete, then 1 s without a byte";
            if (now - lastByteNs > 10_000_000_000L) return "10 s without a byte";
            if (now - sendNs > timeoutNs) return "timed out";
        }
    }

    /** How many of these sockets closed, by close code (-1: none given). */
    static Map<Integer, Integer> closedByCode(List<Conn> conns) {
        Map<Integer, Integer> closed = new TreeMap<>();
        for (Conn c : conns) if (!c.open) closed.merge(c.closeCode == null ? -1 : c.closeCode, 1, Integer::sum);
        return closed;
    }
}
