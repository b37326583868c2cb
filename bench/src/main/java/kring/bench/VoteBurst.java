package kring.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.charset.StandardCharsets;

import kring.bench.Harness.Conn;

/**
 * S7, votes at once: every participant of one meeting sends {@code poll.vote} for one open {@code live} poll at
 * the same instant. Lean clients: each frame is counted and only its head is looked at (type and event name); a
 * {@code poll.results} frame (a few dozen bytes) is read for its {@code "voters":} count. Per connection: when its
 * ack came, how many {@code poll.results} it got and the smallest gap between two of them. Fields are touched on
 * the harness's event loop only, except the volatile progress read by the main thread.
 */
final class VoteBurst implements Harness.BurstSink {

    final Conn moderator;
    final int voting;
    long sendNs;
    volatile boolean active;

    // progress, read by the main thread while it waits
    volatile int acks;
    volatile long lastByteNs, lastAckNs, allCountedNs;
    volatile int maxVotersSeen;

    // totals
    long bytes, frames, errors, votedEvents, resultsEvents, moderatorResults;
    long minGapNs = Long.MAX_VALUE;
    /** Arrival gaps between two poll.results at one participant (microseconds). */
    final org.HdrHistogram.Histogram gaps = Harness.hist();
    /** When the last poll.results reached anyone. */
    long lastResultsAnyNs;

    private final long[] ackNs;
    final int[] results;
    private final long[] lastResultsNs;

    VoteBurst(Conn moderator, int connections, int voting) {
        this.moderator = moderator;
        this.voting = voting;
        this.ackNs = new long[connections];
        this.results = new int[connections];
        this.lastResultsNs = new long[connections];
    }

    @Override
    public boolean isActive() {
        return active;
    }

    long ackNs(Conn c) {
        return ackNs[c.idx];
    }

    private static final byte[] TYPE = "\"type\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME = "\"name\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POLL_RESULTS = "poll.results\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POLL_VOTED = "poll.voted\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOTERS = "\"voters\":".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void onFrame(Conn c, WebSocketFrame f, long now) {
        Buffer b = f.binaryData();
        int len = b.length();
        bytes += len;
        frames++;
        lastByteNs = now;
        if (f.isContinuation() || !f.isText()) {
            return; // no results event is ever fragmented: they are a few dozen bytes
        }
        int head = Math.min(len, 256);
        int p = Harness.indexOf(b, TYPE, 0, head);
        if (p < 0) return;
        p += TYPE.length;
        while (p < len && (b.getByte(p) == ' ' || b.getByte(p) == ':')) p++;
        byte k = p + 2 < len ? b.getByte(p + 1) : 0;
        int i = c.idx;
        if (k == 'a') {
            if (ackNs[i] == 0 && c != moderator) {
                ackNs[i] = now;
                lastAckNs = now;
                acks++;
            }
        } else if (k == 'e' && b.getByte(p + 2) == 'r') {
            errors++;
        } else if (k == 'e') {
            int n = Harness.indexOf(b, NAME, p, head);
            if (n < 0) return;
            n += NAME.length;
            if (startsWith(b, n, POLL_VOTED)) {
                votedEvents++;
            } else if (startsWith(b, n, POLL_RESULTS)) {
                resultsEvents++;
                int v = Harness.indexOf(b, VOTERS, n, len);
                int voters = 0;
                for (int d = v < 0 ? len : v + VOTERS.length; d < len && b.getByte(d) >= '0' && b.getByte(d) <= '9'; d++) {
                    voters = voters * 10 + (b.getByte(d) - '0');
                }
                if (voters > maxVotersSeen) maxVotersSeen = voters;
                if (voters >= voting && allCountedNs == 0) allCountedNs = now;
                lastResultsAnyNs = now;
                if (c == moderator) {
                    moderatorResults++;
                    return;
                }
                if (results[i] > 0) {
                    minGapNs = Math.min(minGapNs, now - lastResultsNs[i]);
                    gaps.recordValue(Math.max(1, (now - lastResultsNs[i]) / 1000));
                }
                results[i]++;
                lastResultsNs[i] = now;
            }
        }
    }

    private static boolean startsWith(Buffer b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length()) return false;
        for (int j = 0; j < prefix.length; j++) if (b.getByte(at + j) != prefix[j]) return false;
        return true;
    }
}
