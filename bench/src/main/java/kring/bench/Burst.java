package kring.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.charset.StandardCharsets;

import kring.bench.Harness.Conn;

/**
 * S6, a burst: every participant of one meeting sends {@code hand.raise} at the same instant (after
 * all are connected and welcomed), and a moderator who raises no hand watches the queue. Lean
 * clients: each frame is counted, only its first bytes are looked at (its type and event name); only
 * the moderator's hand events are read whole, to count the hands.
 *
 * <p>A hand event is {@code queue.changed} (the whole queue, before issue 11) or {@code hand.raised}
 * with {@code {"hand":{...},"index":n}} (after): the moderator has seen every hand when a
 * {@code queue.changed} lists them all, or when it has counted one {@code hand.raised} per hand.
 * Fields are touched on the harness's event loop only, except the volatile progress read by the main
 * thread.
 */
final class Burst extends LeanBurst {

    final int hands;

    // progress, read by the main thread while it waits
    volatile long moderatorSawAllNs;

    // totals
    long handEvents, handEventBytes, handEventMaxBytes;
    int moderatorHandEvents, moderatorMaxQueue;

    private final int[] messageBytes;
    private final boolean[] messageIsHand;
    private Buffer moderatorMessage;

    Burst(Conn moderator, int connections, int hands) {
        super(moderator, connections);
        this.hands = hands;
        this.messageBytes = new int[connections];
        this.messageIsHand = new boolean[connections];
    }

    private static final byte[] QUEUE_CHANGED = "queue.changed\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HAND_RAISED = "hand.raised\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HANDS = "\"hands\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARTICIPANT_ID = "\"participantId\"".getBytes(StandardCharsets.US_ASCII);

    /** Every frame of every burst connection while the burst runs (event loop). */
    @Override
    public void onFrame(Conn c, WebSocketFrame f, long now) {
        Buffer b = f.binaryData();
        int len = b.length();
        counted(b, now);
        int i = c.idx;
        if (f.isContinuation()) {
            messageBytes[i] += len;
            if (c == moderator && moderatorMessage != null) moderatorMessage.appendBuffer(b);
            if (f.isFinal()) finish(c, now);
            return;
        }
        if (!f.isText()) return;
        messageBytes[i] = len;
        messageIsHand[i] = false;
        int head = Math.min(len, 256);
        int p = typeValueAt(b, head);
        if (p < 0) return;
        byte k = p + 2 < len ? b.getByte(p + 1) : 0;
        if (k == 'a') {
            acked(c, now);
        } else if (k == 'e' && b.getByte(p + 2) == 'r') {
            errors++;
        } else if (k == 'e') {
            int n = Harness.indexOf(b, NAME, p, head);
            if (n >= 0) {
                n += NAME.length;
                messageIsHand[i] = startsWith(b, n, QUEUE_CHANGED) || startsWith(b, n, HAND_RAISED);
            }
            if (messageIsHand[i] && c == moderator) moderatorMessage = b.copy();
        }
        if (f.isFinal()) finish(c, now);
    }

    private void finish(Conn c, long now) {
        int i = c.idx;
        if (!messageIsHand[i]) return;
        messageIsHand[i] = false;
        handEvents++;
        handEventBytes += messageBytes[i];
        handEventMaxBytes = Math.max(handEventMaxBytes, messageBytes[i]);
        if (c != moderator || moderatorMessage == null) return;
        Buffer m = moderatorMessage;
        moderatorMessage = null;
        int n = Harness.indexOf(m, NAME, 0, Math.min(m.length(), 256)) + NAME.length;
        int seen;
        if (startsWith(m, n, HAND_RAISED)) {
            seen = ++moderatorHandEvents;
        } else {
            int at = Harness.indexOf(m, HANDS, n, m.length());
            int count = 0;
            for (int p = at < 0 ? m.length() : at; (p = Harness.indexOf(m, PARTICIPANT_ID, p, m.length())) >= 0; p++) count++;
            seen = count;
        }
        moderatorMaxQueue = Math.max(moderatorMaxQueue, seen);
        if (seen >= hands && moderatorSawAllNs == 0) moderatorSawAllNs = now;
    }
}
