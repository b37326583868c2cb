package kring.bench;

import java.util.Map;

import kring.bench.Harness.Target;

/**
 * What S6 and S7 measure around their burst: the server's metrics (its store commits), the server's CPU (with its
 * PostgreSQL), the harness's own CPU and the wall time, from just before the send to just after the end.
 */
final class BurstWindow {

    private final ServerMetrics m0;
    private final long cpu0, self0, w0;
    private ServerMetrics m1;
    private long cpu1, self1, w1;
    /** {@code kring_store_commit_seconds} during the window: count, mean (ms). */
    double[] commits;

    private BurstWindow(ServerMetrics m0, long cpu0, long self0, long w0) {
        this.m0 = m0;
        this.cpu0 = cpu0;
        this.self0 = self0;
        this.w0 = w0;
    }

    static BurstWindow open(Harness h, Target t) {
        ServerMetrics m0 = ServerMetrics.scrape(t.host, t.port);
        return new BurstWindow(m0, Proc.cpuNanosTree(t.pid), Proc.cpuNanos(h.selfPid), System.nanoTime());
    }

    /** Reads the clocks, ends the burst, then scrapes the server again. */
    void close(Harness h, Target t) {
        cpu1 = Proc.cpuNanosTree(t.pid);
        self1 = Proc.cpuNanos(h.selfPid);
        w1 = System.nanoTime();
        h.endBurst();
        m1 = ServerMetrics.scrape(t.host, t.port);
        commits = ServerMetrics.delta(m0, m1, "kring_store_commit_seconds");
    }

    double wallSeconds() {
        return (w1 - w0) / 1e9;
    }

    double serverCpuPercent() {
        return 100.0 * (cpu1 - cpu0) / (w1 - w0);
    }

    double harnessCpuPercent() {
        return 100.0 * (self1 - self0) / (w1 - w0);
    }

    /** The server's other metrics that moved, as "; ..." for a note, or "". */
    String metricsNote() {
        String described = ServerMetrics.describe(m0, m1);
        return described.isEmpty() ? "" : "; " + described;
    }

    /** The rows both bursts end with: store commits, server CPU, sockets closed. */
    void putTotals(Main main, Target t, String scenario, Map<Integer, Integer> closed) {
        main.put(t, scenario, "store commits during the burst", commits[0]);
        main.put(t, scenario, "server CPU incl. its PostgreSQL (% of a core)", serverCpuPercent());
        main.put(t, scenario, "sockets closed during the burst", closed.values().stream().mapToInt(Integer::intValue).sum());
    }
}
