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
final class VoteBurst extends LeanBurst {

    final int voting;

    // progress, read by the main thread while it waits
    volatile long allCountedNs;
    volatile int maxVotersSeen;

    // totals
    long votedEvents, resultsEvents, moderatorResults;
    long minGapNs = Long.MAX_VALUE;
    /** Arrival gaps between two poll.results at one participant (microseconds). */
    final org.HdrHistogram.Histogram gaps = Harness.hist();
    /** When the last poll.results reached anyone. */
    long lastResultsAnyNs;

    final int[] results;
    private final long[] lastResultsNs;

    VoteBurst(Conn moderator, int connections, int voting) {
        super(moderator, connections);
        this.voting = voting;
        this.results = new int[connections];
        this.lastResultsNs = new long[connections];
    }

    private static final byte[] POLL_RESULTS = "poll.results\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POLL_VOTED = "poll.voted\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOTERS = "\"voters\":".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void onFrame(Conn c, WebSocketFrame f, long now) {
        Buffer b = f.binaryData();
        int len = b.length();
        counted(b, now);
        if (f.isContinuation() || !f.isText()) {
            return; // no results event is ever fragmented: they are a few dozen bytes
        }
        int head = Math.min(len, 256);
        int p = typeValueAt(b, head);
        if (p < 0) return;
        byte k = p + 2 < len ? b.getByte(p + 1) : 0;
        int i = c.idx;
        if (k == 'a') {
            acked(c, now);
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
}
