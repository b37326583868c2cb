package kring.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

import kring.bench.Harness.Conn;
import kring.bench.Harness.Meeting;
import kring.bench.Harness.Target;

/**
 * S6 (issue 11): one meeting of N participants and a moderator; once all are welcomed, every
 * participant sends {@code hand.raise} at the same instant. Measured from that instant: each ack,
 * the moment the moderator has seen every hand, the bytes every client received, the size of each
 * hand event per recipient, and Kring's store commits during the burst (the count of its
 * {@code kring_store_commit_seconds} timer before and after).
 */
final class BurstScenario {

    private final Main main;
    private final Harness h;

    BurstScenario(Main main, Harness h) {
        this.main = main;
        this.h = h;
    }

    void run(Target t) {
        int[] sizes = Main.ints(main.s("s6-sizes", "1000", "1000,2000"));
        long timeoutNs = (long) (main.d("s6-timeout", 300, 600) * 1e9);
        for (int n : sizes) {
            long c0 = System.nanoTime();
            Meeting m = h.createMeetingWithModerator(t, n, "burst " + n);
            System.err.printf(Locale.ROOT, "[%s] created a burst meeting of %d and a moderator in %.1f s%n", t.name, n,
                    (System.nanoTime() - c0) / 1e9);
            try {
                main.ensureConnected(t, m.conns, "S6 N=" + n);
                Harness.sleepMs(1500); // the connects' presence is stored and told before the burst starts
                burst(t, m, n, timeoutNs);
            } finally {
                h.endBurst();
                h.closeAll(m.conns);
            }
        }
    }

    private void burst(Target t, Meeting m, int n, long timeoutNs) {
        Conn moderator = m.conns.get(0);
        int raising = (int) m.conns.stream().filter(c -> c != moderator && c.open && c.welcomed).count();
        Burst b = new Burst(moderator, m.conns.size(), raising);
        BurstWindow w = BurstWindow.open(h, t);
        h.fireBurst(m, b);
        String stop = b.awaitEnd(() -> b.acks >= raising && b.moderatorSawAllNs != 0, timeoutNs);
        w.close(h, t);

        Histogram acks = Harness.hist();
        for (Conn c : m.conns) {
            if (c != moderator && b.ackNs(c) != 0) acks.recordValue(Math.max(1, (b.ackNs(c) - b.sendNs) / 1000));
        }
        Map<Integer, Integer> closed = LeanBurst.closedByCode(m.conns);
        long expectedHandEvents = (long) raising * m.conns.size();
        double wall = w.wallSeconds();

        String sc = "S6 burst: " + n + " raise a hand at once";
        Main.Row ackRow = main.row(sc, "last ack (ms)", "<= 1000", (k, base) -> k <= 1000);
        ackRow.v.put(t.name, b.acks >= raising ? (b.lastAckNs - b.sendNs) / 1e6 : Double.NaN);
        main.put(t, sc, "ack p50 (ms)", Main.ms(acks, 50));
        main.put(t, sc, "acks received", b.acks);
        main.row(sc, "moderator saw every hand (ms)", "<= 1000", (k, base) -> k <= 1000);
        main.put(t, sc, "moderator saw every hand (ms)", b.moderatorSawAllNs == 0 ? Double.NaN : (b.moderatorSawAllNs - b.sendNs) / 1e6);
        main.put(t, sc, "bytes received by all clients (MB)", b.bytes / 1e6);
        main.put(t, sc, "hand events received (% of hands x recipients)", 100.0 * b.handEvents / expectedHandEvents);
        main.put(t, sc, "hand event per recipient, mean (bytes)", b.handEvents == 0 ? Double.NaN : (double) b.handEventBytes / b.handEvents);
        main.row(sc, "hand event per recipient, max (bytes)", "<= ~300", (k, base) -> k <= 330);
        main.put(t, sc, "hand event per recipient, max (bytes)", b.handEvents == 0 ? Double.NaN : b.handEventMaxBytes);
        w.putTotals(main, t, sc, closed);
        main.note(t, String.format(Locale.ROOT,
                "%s: %d hands raised by %d sockets (+1 moderator); stopped: %s after %.1f s; acks %d (p50 %.0f ms, p99 %.0f ms), "
                        + "error frames %d; moderator saw %d hands at most (%d hand.raised events); %d frames, %.1f MB; "
                        + "hand events %d of %d expected, mean %.0f bytes, max %d bytes; sockets closed %s; "
                        + "server CPU %.0f%%, harness CPU %.0f%% over %.1f s; %.0f store commits (mean %.2f ms)%s",
                sc, raising, raising, stop, wall, b.acks, Main.ms(acks, 50), Main.ms(acks, 99), b.errors,
                b.moderatorMaxQueue, b.moderatorHandEvents, b.frames, b.bytes / 1e6, b.handEvents, expectedHandEvents,
                b.handEvents == 0 ? Double.NaN : (double) b.handEventBytes / b.handEvents, b.handEventMaxBytes, closed,
                w.serverCpuPercent(), w.harnessCpuPercent(), wall, w.commits[0], w.commits[1],
                w.metricsNote()));
    }
}
