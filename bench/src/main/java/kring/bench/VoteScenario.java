package kring.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

import kring.bench.Harness.Conn;
import kring.bench.Harness.Meeting;
import kring.bench.Harness.Target;

/**
 * S7 (issue 13): one meeting of N participants and a moderator; the moderator opens an anonymous {@code live}
 * poll of three options, and once everyone has it, every participant sends {@code poll.vote} at the same instant.
 * Measured from that instant: each vote's ack (target: all within 1 s), when a {@code poll.results} first counted
 * every vote, how many {@code poll.results} each participant got against what POLL7 (at most one per poll per
 * 250 ms, on the server's clock) allows in the time they took, their arrival gaps, the bytes, the store commits and the server's CPU.
 * Kring only: the raw Vert.x baseline has no polls.
 */
final class VoteScenario {

    static final int OPTIONS = 3;

    private final Main main;
    private final Harness h;

    VoteScenario(Main main, Harness h) {
        this.main = main;
        this.h = h;
    }

    void run(Target t) {
        if (!t.name.equals("kring")) {
            main.note(t, "S7 votes: skipped (the baseline has no polls)");
            return;
        }
        int[] sizes = Main.ints(main.s("s7-sizes", "1000", "1000,2000"));
        long timeoutNs = (long) (main.d("s7-timeout", 120, 300) * 1e9);
        for (int n : sizes) {
            long c0 = System.nanoTime();
            Meeting m = h.createMeetingWithModerator(t, n, "votes " + n);
            System.err.printf(Locale.ROOT, "[%s] created a vote meeting of %d and a moderator in %.1f s%n", t.name, n,
                    (System.nanoTime() - c0) / 1e9);
            try {
                main.ensureConnected(t, m.conns, "S7 N=" + n);
                Harness.sleepMs(1500); // the connects' presence is stored and told before the poll opens
                String pollId = openPoll(t, m);
                Harness.sleepMs(1000); // everyone has poll.opened before the votes
                votes(t, m, n, pollId, timeoutNs);
            } finally {
                h.endBurst();
                h.closeAll(m.conns);
            }
        }
    }

    /** The moderator opens the poll over its socket; its id is read from the moderator's state (HTTP). */
    private String openPoll(Target t, Meeting m) {
        Conn moderator = m.conns.get(0);
        h.sendText(moderator, "{\"type\":\"poll.open\",\"id\":\"open\",\"question\":\"Which first?\","
                + "\"options\":[\"Housing\",\"Mobility\",\"Energy\"],\"showResults\":\"live\"}");
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonObject state = h.get(t, "/api/meetings/" + m.id + "/state", moderator.token);
            JsonArray polls = state.getJsonArray("polls");
            if (polls != null && !polls.isEmpty()) {
                return polls.getJsonObject(polls.size() - 1).getString("pollId");
            }
            Harness.sleepMs(100);
        }
        throw new IllegalStateException("the poll did not open");
    }

    private void votes(Target t, Meeting m, int n, String pollId, long timeoutNs) {
        Conn moderator = m.conns.get(0);
        int voting = (int) m.conns.stream().filter(c -> c != moderator && c.open && c.welcomed).count();
        VoteBurst b = new VoteBurst(moderator, m.conns.size(), voting);
        BurstWindow w = BurstWindow.open(h, t);
        h.fireVotes(m, b, pollId, OPTIONS);
        String stop = b.awaitEnd(() -> b.acks >= voting && b.allCountedNs != 0, timeoutNs);
        w.close(h, t);

        Histogram acks = Harness.hist();
        Histogram resultsPer = Harness.hist();
        int within1s = 0;
        for (Conn c : m.conns) {
            if (c == moderator) continue;
            if (b.ackNs(c) != 0) {
                long micros = Math.max(1, (b.ackNs(c) - b.sendNs) / 1000);
                acks.recordValue(micros);
                if (micros <= 1_000_000) within1s++;
            }
            if (c.open) resultsPer.recordValue(Math.max(1, b.results[c.idx]));
        }
        Map<Integer, Integer> closed = LeanBurst.closedByCode(m.conns);
        double wall = w.wallSeconds();

        String sc = "S7 votes: " + n + " vote at once";
        main.put(t, sc, "vote ack p50 (ms)", Main.ms(acks, 50));
        main.put(t, sc, "vote ack p99 (ms)", Main.ms(acks, 99));
        main.row(sc, "vote ack max (ms)", "<= 1000", (k, base) -> k <= 1000);
        main.put(t, sc, "vote ack max (ms)", b.acks >= voting ? Main.ms(acks, 100) : Double.NaN);
        main.row(sc, "votes acked within 1 s (%)", "100", (k, base) -> k >= 100);
        main.put(t, sc, "votes acked within 1 s (%)", 100.0 * within1s / voting);
        main.put(t, sc, "every vote counted in a poll.results after (ms)",
                b.allCountedNs == 0 ? Double.NaN : (b.allCountedNs - b.sendNs) / 1e6);
        main.put(t, sc, "poll.results per participant, p50", resultsPer.getTotalCount() == 0 ? Double.NaN : resultsPer.getValueAtPercentile(50));
        // POLL7 is a rule on when the server tells (its clock): at most one poll.results per poll per 250 ms. From
        // the outside that bounds how many a participant can get: the tells fall between the send and the last
        // arrival, so at most 1 + (last arrival - send) / 250 ms of them. Arrival gaps are shown but are no check:
        // a tell that waits for the meeting behind a slow commit reaches the sockets right after the one before.
        double spanMs = b.lastResultsAnyNs == 0 ? Double.NaN : (b.lastResultsAnyNs - b.sendNs) / 1e6;
        long bound = Double.isNaN(spanMs) ? 0 : 1 + (long) Math.floor(spanMs / 250);
        main.row(sc, "poll.results per participant, max", "<= 1 + (last poll.results - send) / 250 ms",
                (k, base) -> k <= bound);
        main.put(t, sc, "poll.results per participant, max", resultsPer.getTotalCount() == 0 ? Double.NaN : resultsPer.getMaxValue());
        main.put(t, sc, "last poll.results arrived after (ms)", spanMs);
        main.put(t, sc, "poll.results arrival gap at one participant, min (ms)",
                b.minGapNs == Long.MAX_VALUE ? Double.NaN : b.minGapNs / 1e6);
        main.put(t, sc, "poll.results arrival gap at one participant, p50 (ms)", Main.ms(b.gaps, 50));
        main.put(t, sc, "bytes received by all clients (MB)", b.bytes / 1e6);
        w.putTotals(main, t, sc, closed);
        main.note(t, String.format(Locale.ROOT,
                "%s: %d votes by %d sockets (+1 moderator); stopped: %s after %.1f s; acks %d (p50 %.0f ms, p99 %.0f ms, "
                        + "max %.0f ms), error frames %d; poll.voted %d; poll.results %d (participants p50 %d, max %d each; "
                        + "moderator %d), arrival gaps min %.0f ms p50 %.0f ms, every vote counted after %.0f ms (max voters seen %d); "
                        + "%d frames, %.2f MB; sockets closed %s; server CPU %.0f%%, harness CPU %.0f%% over %.1f s; "
                        + "%.0f store commits (mean %.2f ms)%s",
                sc, voting, voting, stop, wall, b.acks, Main.ms(acks, 50), Main.ms(acks, 99), Main.ms(acks, 100), b.errors,
                b.votedEvents, b.resultsEvents, resultsPer.getValueAtPercentile(50), resultsPer.getMaxValue(),
                b.moderatorResults, b.minGapNs == Long.MAX_VALUE ? Double.NaN : b.minGapNs / 1e6, Main.ms(b.gaps, 50),
                b.allCountedNs == 0 ? Double.NaN : (b.allCountedNs - b.sendNs) / 1e6, b.maxVotersSeen, b.frames,
                b.bytes / 1e6, closed, w.serverCpuPercent(), w.harnessCpuPercent(), wall,
                w.commits[0], w.commits[1], w.metricsNote()));
    }
}
