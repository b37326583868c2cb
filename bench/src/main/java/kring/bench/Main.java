package kring.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import kring.bench.Harness.Conn;
import kring.bench.Harness.Meeting;
import kring.bench.Harness.Phase;
import kring.bench.Harness.Target;

/**
 * Entry point. {@code java -jar kring-bench.jar [options]} runs the scenarios against Kring and the
 * raw Vert.x baseline in the same run; {@code java -jar kring-bench.jar baseline --port P} only
 * starts the baseline server. See docs/performance.md.
 */
public final class Main {

    /**
     * S6 late: before issue 11 a burst of 1,000 hands sends gigabytes and would disturb what follows. S7 (votes at
     * once, issue 13) runs against Kring only.
     */
    static final String SCENARIOS = "1,4,5,3,2,6,7";

    static final String USAGE = String.join("\n",
            "usage: java -jar kring-bench.jar [baseline] [--option value]...",
            "  --kring URL            Kring base URL, e.g. http://127.0.0.1:19080 (omit: baseline only)",
            "  --kring-pid PID        Kring server pid (default: found from the listening port)",
            "  --baseline spawn|URL|none   spawn (default): start the baseline in a child JVM pinned with",
            "                         taskset to --baseline-cpu (default 0) on --baseline-port (default 19081, or the next free);",
            "                         its slow-consumer bound is --baseline-slow-bytes (default 1048576)",
            "  --mode quick|full      quick (default): smoke run; full: the sizes of the issue",
            "  --scenarios 1,4,5,3,2,6,7  which scenarios, in this order (7, votes at once: Kring only)",
            "  --source-ips N         bind client sockets to 127.0.0.2..127.0.0.(N+1) (default 8)",
            "  --out FILE             also write the markdown report to FILE",
            "  scenario knobs (defaults depend on --mode): --s1-sizes --warmup --measure --s1-interval-ms",
            "  --payload --s2-meetings --s2-size --s2-interval-ms --s2-warmup --s2-measure --s3-steps",
            "  --s4-clients --s5-size --s5-interval-ms --s5-payload --s5-stalled-pct --s5-before --s5-stall",
            "  --s6-sizes --s6-timeout (seconds) --s7-sizes --s7-timeout (seconds)");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("baseline")) {
            Baseline.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println(USAGE);
            return;
        }
        Main main = new Main(parseArgs(args, 0));
        try {
            main.run();
        } catch (Throwable e) {
            e.printStackTrace();
            if (main.baselineProc != null) main.baselineProc.destroyForcibly();
            System.exit(1);
        }
    }

    static Map<String, String> parseArgs(String[] args, int from) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + args[i] + "\n" + USAGE);
            String k = args[i].substring(2);
            int eq = k.indexOf('=');
            if (eq >= 0) o.put(k.substring(0, eq), k.substring(eq + 1));
            else if (i + 1 < args.length && !args[i + 1].startsWith("--")) o.put(k, args[++i]);
            else o.put(k, "true");
        }
        return o;
    }

    // ------------------------------------------------------------------ configuration

    final Map<String, String> opt;
    final boolean full;

    Main(Map<String, String> opt) {
        this.opt = opt;
        this.full = "full".equals(opt.getOrDefault("mode", "quick"));
    }

    String s(String k, String quick, String fullV) { return opt.getOrDefault(k, full ? fullV : quick); }
    int i(String k, int quick, int fullV) { return Integer.parseInt(s(k, String.valueOf(quick), String.valueOf(fullV))); }
    double d(String k, double quick, double fullV) { return Double.parseDouble(s(k, String.valueOf(quick), String.valueOf(fullV))); }
    static int[] ints(String csv) { return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray(); }

    // ------------------------------------------------------------------ report model

    static final class Row {
        final String scenario, metric;
        String target;
        BiFunction<Double, Double, Boolean> check; // (kring, baseline) -> met?
        final Map<String, Double> v = new ConcurrentHashMap<>();
        Row(String scenario, String metric, String target, BiFunction<Double, Double, Boolean> check) {
            this.scenario = scenario; this.metric = metric; this.target = target; this.check = check;
        }
    }

    final Map<String, Row> rows = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    Row row(String scenario, String metric, String target, BiFunction<Double, Double, Boolean> check) {
        Row r = rows.computeIfAbsent(scenario + "|" + metric, k -> new Row(scenario, metric, target, check));
        if (check != null) { r.check = check; r.target = target; }
        return r;
    }

    void put(Target t, String scenario, String metric, double value) {
        row(scenario, metric, "", null).v.put(t.name, value);
    }

    void note(Target t, String text) {
        String line = "[" + t.name + "] " + text;
        notes.add(line);
        System.err.println(line);
    }

    static double ms(Histogram h, double pct) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(pct) / 1000.0;
    }

    // ------------------------------------------------------------------ run

    Harness h;
    Process baselineProc;

    void run() throws Exception {
        List<String> ips = new ArrayList<>();
        int nIps = i("source-ips", 8, 8);
        for (int k = 0; k < nIps; k++) ips.add("127.0.0." + (k + 2));
        if (ips.isEmpty()) ips.add(null); // let the kernel choose (127.0.0.1)
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(60_000));
        h = new Harness(vertx, ips);
        List<Target> targets = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { if (baselineProc != null) baselineProc.destroyForcibly(); }));

        String b = opt.getOrDefault("baseline", "spawn");
        if (b.equals("spawn")) targets.add(spawnBaseline());
        else if (!b.equals("none")) targets.add(target("baseline", b, opt.get("baseline-pid")));
        if (opt.containsKey("kring")) targets.add(target("kring", opt.get("kring"), opt.get("kring-pid")));
        if (targets.isEmpty()) throw new IllegalArgumentException("no target\n" + USAGE);
        for (Target t : targets) {
            h.init(t);
            if (t.pid <= 0) System.err.println("WARNING: no pid for " + t.name + ": no CPU/memory figures");
            else {
                Proc.cpuNanosTree(t.pid); // resolves (and caches) the PostgreSQL it talks to, off the event loop
                List<Long> pg = Proc.postgresOf(t.pid);
                System.err.println(t.name + ": server CPU counts pid " + t.pid + " and its descendants"
                        + (pg.isEmpty() ? "" : ", plus PostgreSQL postmaster " + pg + " and its backends"));
            }
        }

        long started = System.nanoTime();
        String header = header(targets);
        System.err.println(header);
        for (int sc : ints(opt.getOrDefault("scenarios", SCENARIOS))) {
            for (Target t : targets) {
                long s0 = System.nanoTime();
                try {
                    switch (sc) {
                        case 1 -> scenario1(t);
                        case 2 -> scenario2(t);
                        case 3 -> scenario3(t);
                        case 4 -> scenario4(t);
                        case 5 -> scenario5(t);
                        case 6 -> new BurstScenario(this, h).run(t);
                        case 7 -> new VoteScenario(this, h).run(t);
                        default -> throw new IllegalArgumentException("scenario " + sc);
                    }
                } catch (RuntimeException e) {
                    note(t, "scenario " + sc + " FAILED: " + e);
                    e.printStackTrace();
                    closeEverything(t);
                }
                System.err.printf(Locale.ROOT, "[%s] scenario %d took %.1f s%n", t.name, sc, (System.nanoTime() - s0) / 1e9);
            }
        }
        for (Target t : targets) {
            closeEverything(t);
            note(t, "totals: error frames " + t.errorFrames + " " + t.errorCodes + ", acks " + t.acks
                    + ", connect failures " + t.connectFailures + ", welcome timeouts " + t.welcomeTimeouts
                    + ", socket exceptions " + t.wsExceptions + ", close codes seen " + t.closeCodes
                    + (t.failureReasons.isEmpty() ? "" : ", why sockets failed " + t.failureReasons));
        }
        String report = header + String.format(Locale.ROOT, "load average at end: %s%nTotal run time: %.0f s%n%n",
                read("/proc/loadavg").trim(), (System.nanoTime() - started) / 1e9)
                + table() + "\nNotes:\n" + String.join("\n", notes.stream().map(n -> "- " + n).toList()) + "\n";
        System.out.println(report);
        if (opt.containsKey("out")) Files.writeString(Path.of(opt.get("out")), report);
        if (baselineProc != null) { baselineProc.destroy(); baselineProc.waitFor(); }
        vertx.close().toCompletionStage().toCompletableFuture().get();
        System.exit(0);
    }

    Target target(String name, String url, String pid) {
        URI u = URI.create(url);
        String host = u.getHost();
        if (!host.startsWith("127.") && !host.equals("localhost")) throw new IllegalArgumentException("only loopback targets: " + url);
        if (host.equals("localhost")) host = "127.0.0.1";
        int port = u.getPort() < 0 ? 80 : u.getPort();
        long p = pid != null ? Long.parseLong(pid) : Proc.pidListeningOn(port);
        return new Target(name, host, port, p);
    }

    Target spawnBaseline() throws Exception {
        int port = i("baseline-port", 19081, 19081);
        while (Proc.pidListeningOn(port) > 0 && !opt.containsKey("baseline-port")) port++; // busy: take the next
        String cpu = opt.getOrDefault("baseline-cpu", "0");
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = new File(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/taskset").canExecute() && !cpu.equals("none")) cmd.addAll(List.of("taskset", "-c", cpu));
        cmd.addAll(List.of(java, "-cp", jar, "kring.bench.Baseline", "--port", String.valueOf(port),
                "--slow-bytes", opt.getOrDefault("baseline-slow-bytes", String.valueOf(1 << 20))));
        File log = File.createTempFile("kring-baseline", ".log");
        log.deleteOnExit();
        baselineProc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        for (int k = 0; k < 100 && Proc.pidListeningOn(port) != baselineProc.pid(); k++) {
            if (!baselineProc.isAlive()) throw new IllegalStateException("baseline died: " + Files.readString(log.toPath()));
            Thread.sleep(100);
        }
        System.err.println("spawned baseline: " + String.join(" ", cmd) + " (pid " + baselineProc.pid() + ")");
        return new Target("baseline", "127.0.0.1", port, baselineProc.pid());
    }

    String header(List<Target> targets) {
        StringBuilder sb = new StringBuilder();
        sb.append("# kring-bench ").append(full ? "full" : "quick").append(" run, ").append(Instant.now()).append('\n');
        sb.append("machine: nproc ").append(Runtime.getRuntime().availableProcessors()).append(" (visible to the harness), ")
                .append(readFirst("/proc/cpuinfo", "model name")).append(", kernel ").append(read("/proc/sys/kernel/osrelease").trim())
                .append(", harness JDK ").append(System.getProperty("java.vm.version")).append('\n');
        sb.append("load average at start (1/5/15 min, runnable/total): ").append(read("/proc/loadavg").trim()).append('\n');
        sb.append("harness: pid ").append(h.selfPid).append(", ").append(cpus(h.selfPid)).append(", 1 event loop, run id ").append(h.runId).append('\n');
        for (Target t : targets) {
            sb.append(t.name).append(": ").append(t.host).append(':').append(t.port).append(", pid ").append(t.pid)
                    .append(", ").append(cpus(t.pid)).append(", ").append(cmdline(t.pid)).append('\n');
        }
        return sb.toString();
    }

    static String cpus(long pid) {
        String s = readFirst("/proc/" + pid + "/status", "Cpus_allowed_list");
        return "cpus " + (s.isEmpty() ? "?" : s);
    }

    static String cmdline(long pid) {
        String c = read("/proc/" + pid + "/cmdline").replace('\0', ' ').trim();
        return c.length() > 160 ? c.substring(0, 160) + "..." : c;
    }

    static String read(String f) {
        try { return Files.readString(Path.of(f)); } catch (IOException e) { return ""; }
    }

    static String readFirst(String f, String key) {
        for (String l : read(f).split("\n")) if (l.startsWith(key)) return l.substring(l.indexOf(':') + 1).trim();
        return "";
    }

    // ------------------------------------------------------------------ scenarios

    Meeting meetingOf(Target t, int n) {
        return t.bySize.computeIfAbsent(n, k -> {
            long s0 = System.nanoTime();
            Meeting m = h.createMeetings(t, 1, n, "bench " + n).get(0);
            System.err.printf(Locale.ROOT, "[%s] created a meeting of %d in %.1f s%n", t.name, n, (System.nanoTime() - s0) / 1e9);
            return m;
        });
    }

    void ensureConnected(Target t, List<Conn> conns, String what) {
        List<Conn> todo = conns.stream().filter(c -> !c.open || !c.welcomed).toList();
        if (todo.isEmpty()) return;
        long s0 = System.nanoTime();
        int failed = h.connectAll(t, todo, 64, 120_000L + 50L * todo.size());
        System.err.printf(Locale.ROOT, "[%s] %s: connected %d sockets in %.1f s, %d failed%n", t.name, what, todo.size(),
                (System.nanoTime() - s0) / 1e9, failed);
        if (failed > 0) note(t, what + ": " + failed + " of " + todo.size() + " sockets got no welcome");
    }

    void closeEverything(Target t) {
        List<Conn> all = new ArrayList<>();
        for (Meeting m : t.bySize.values()) all.addAll(m.conns);
        if (pool.containsKey(t.name)) for (Meeting m : pool.get(t.name)) all.addAll(m.conns);
        h.closeAll(all);
    }

    final Map<Phase, String> serverSide = new java.util.IdentityHashMap<>();

    /** h.traffic(...) with Kring's own histograms sampled around it. */
    Phase traffic(Target t, List<Meeting> ms, long periodNs, int payload, double warm, double meas, long graceMs) {
        ServerMetrics m0 = ServerMetrics.scrape(t.host, t.port);
        Phase ph = h.traffic(t, ms, periodNs, payload, warm, meas, graceMs);
        ServerMetrics m1 = ServerMetrics.scrape(t.host, t.port);
        serverSide.put(ph, ServerMetrics.describe(m0, m1));
        double[] s = ServerMetrics.delta(m0, m1, "kring_store_commit_seconds"), f = ServerMetrics.delta(m0, m1, "kring_fanout_seconds");
        ph.storeMeanMs = s[1]; ph.storeP99Ms = s[2]; ph.fanoutMeanMs = f[1]; ph.fanoutP99Ms = f[2];
        return ph;
    }

    void phaseRows(Target t, String sc, Phase ph) {
        put(t, sc, "last-recipient p50 (ms)", ms(ph.lastRecipient, 50));
        put(t, sc, "last-recipient p99 (ms)", ms(ph.lastRecipient, 99));
        put(t, sc, "per-recipient p50 (ms)", ms(ph.perRecipient, 50));
        put(t, sc, "per-recipient p99 (ms)", ms(ph.perRecipient, 99));
        put(t, sc, "per-recipient max (ms)", ms(ph.perRecipient, 100));
        put(t, sc, "delivered (%)", ph.deliveryPct());
        put(t, sc, "server CPU incl. its PostgreSQL (% of a core)", ph.serverCpuPct());
        if (!Double.isNaN(ph.storeMeanMs)) {
            put(t, sc, "Kring: store commit mean (ms)", ph.storeMeanMs);
            put(t, sc, "Kring: fan-out of one event mean (ms)", ph.fanoutMeanMs);
        }
        String detail = String.format(Locale.ROOT,
                "%s: %d msgs measured, %d deliveries, %.3f%% delivered, %d msgs incomplete, %d strays, %d dups, %d skipped (no sender), "
                        + "%d error frames; server CPU %.0f%%, harness CPU %.0f%%, harness loop lag p99 %.2f ms max %.2f ms",
                sc, ph.measuredMsgs, ph.deliveredMeasured, ph.deliveryPct(), ph.measuredMsgs - ph.completeMeasured, ph.strays, ph.dups,
                ph.skippedNoSender, ph.errors1 - ph.errors0, ph.serverCpuPct(), ph.selfCpuPct(), ms(ph.lag, 99), ms(ph.lag, 100));
        note(t, detail + (serverSide.getOrDefault(ph, "").isEmpty() ? "" : "; " + serverSide.get(ph)));
        if (ph.selfCpuPct() > 80 || ms(ph.lag, 99) > 5) note(t, sc + ": WARNING harness delayed (its CPU > 80% or its loop lag p99 > 5 ms, e.g. other processes on its core): numbers are suspect");
    }

    void scenario1(Target t) {
        int[] sizes = ints(s("s1-sizes", "50,1000", "50,200,1000,2000"));
        double warm = d("warmup", 2, 10), meas = d("measure", 3, 30);
        long period = (long) (d("s1-interval-ms", 100, 100) * 1_000_000);
        int payload = i("payload", 200, 200);
        int keep = opt.getOrDefault("scenarios", SCENARIOS).contains("4") ? i("s4-clients", 1000, 1000) : -1;
        for (int n : sizes) {
            Meeting m = meetingOf(t, n);
            ensureConnected(t, m.conns, "S1 N=" + n);
            Harness.sleepMs(1000);
            Phase ph = traffic(t, List.of(m), period, payload, warm, meas, 5000);
            String sc = "S1 one meeting, N=" + n;
            phaseRows(t, sc, ph);
            if (n == 1000) {
                row(sc, "last-recipient p99 (ms)", "<= 50 and <= 2x baseline",
                        (k, b) -> k <= 50 && (b == null || k <= 2 * b));
            }
            if (n != keep) h.closeAll(m.conns);
        }
    }

    void scenario4(Target t) {
        int n = i("s4-clients", 1000, 1000);
        Meeting m = meetingOf(t, n);
        ensureConnected(t, m.conns, "S4 before the storm");
        h.closeAll(m.conns);
        Harness.sleepMs(1000);
        ServerMetrics m0 = ServerMetrics.scrape(t.host, t.port);
        long cpu0 = Proc.cpuNanosTree(t.pid), self0 = Proc.cpuNanos(h.selfPid), w0 = System.nanoTime();
        Object[] r = h.storm(t, m.conns, 30_000);
        long cpu1 = Proc.cpuNanosTree(t.pid), self1 = Proc.cpuNanos(h.selfPid), w1 = System.nanoTime();
        String server = ServerMetrics.describe(m0, ServerMetrics.scrape(t.host, t.port));
        Histogram hist = (Histogram) r[0];
        int failed = (Integer) r[1];
        String sc = "S4 reconnect storm, " + n + " clients";
        put(t, sc, "welcome p50 (ms)", ms(hist, 50));
        row(sc, "welcome p99 (ms)", "<= 2000", (k, b) -> k <= 2000);
        put(t, sc, "welcome p99 (ms)", ms(hist, 99));
        put(t, sc, "all welcomed after (ms)", ms(hist, 100));
        put(t, sc, "failed", failed);
        note(t, String.format(Locale.ROOT, "%s: %d welcomed, %d failed; issuing all connects took %.1f ms; server CPU %.0f%%, harness CPU %.0f%% over %.1f s",
                sc, hist.getTotalCount(), failed, ((Long) r[2]) / 1e6, 100.0 * (cpu1 - cpu0) / (w1 - w0),
                100.0 * (self1 - self0) / (w1 - w0), (w1 - w0) / 1e9) + (server.isEmpty() ? "" : "; " + server));
        h.closeAll(m.conns);
    }

    void scenario5(Target t) {
        int n = i("s5-size", 200, 200);
        double pct = d("s5-stalled-pct", 5, 5);
        long period = (long) (d("s5-interval-ms", 20, 20) * 1_000_000);
        int payload = i("s5-payload", 2000, 2000);
        double before = d("s5-before", 3, 20), stall = d("s5-stall", 6, 60);
        Meeting m = meetingOf(t, n);
        h.closeAll(m.conns);
        int every = (int) Math.max(1, Math.round(100 / pct));
        List<Conn> stalled = new ArrayList<>();
        for (Conn c : m.conns) {
            boolean s = c.idx % every == every - 1;
            c.smallRcv = s; c.ignore = s;
            if (s) stalled.add(c);
        }
        String sc = String.format(Locale.ROOT, "S5 N=%d, %.0f%% stop reading (%d), %d-char msgs every %d ms", n, pct, stalled.size(), payload, period / 1_000_000);
        try {
            ensureConnected(t, m.conns, "S5");
            Harness.sleepMs(1000);
            Phase a = traffic(t, List.of(m), period, payload, 1, before, 5000);
            long rss0 = Proc.rssKb(t.pid);
            h.pause(stalled, true);
            long stall0 = System.nanoTime();
            Map<Conn, Long> cutAt = new ConcurrentHashMap<>();
            long[] maxTx = {0};
            sampling.set(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    Map<String, long[]> socks = Proc.serverSideSockets(t.port);
                    long now = System.nanoTime();
                    for (Conn c : stalled) {
                        if (cutAt.containsKey(c) || c.localKey == null) continue;
                        long[] st = socks.get(c.localKey);
                        if (st == null || st[0] != 1) cutAt.put(c, now - stall0);
                        else maxTx[0] = Math.max(maxTx[0], st[1]);
                    }
                    Harness.sleepMs(250);
                }
            }, "cut-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Phase b = traffic(t, List.of(m), period, payload, 0, stall, 5000);
            sampling.set(false);
            long rss1 = Proc.rssKb(t.pid);
            try { sampler.join(2000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            h.pause(stalled, false);
            for (int k = 0; k < 30 && stalled.stream().anyMatch(c -> c.open); k++) Harness.sleepMs(100);
            Map<Integer, Integer> codes = new java.util.TreeMap<>();
            List<Long> cutNs = new ArrayList<>();
            for (Conn c : stalled) {
                codes.merge(c.open ? 0 : c.closeCode, 1, Integer::sum);
                // When was it cut? The first message it never got was scheduled at t0[lastMsg + 1]:
                // the server stopped queueing events for it then (read back after resuming it).
                long first = c.lastMsg + 1 - b.base;
                if (!c.open && first >= 0 && first < b.sent) cutNs.add(b.t0[(int) first] - stall0);
            }
            java.util.Collections.sort(cutNs);
            long released = cutAt.size();
            double a99 = ms(a.perRecipient, 99), b99 = ms(b.perRecipient, 99);
            double al99 = ms(a.lastRecipient, 99), bl99 = ms(b.lastRecipient, 99);
            put(t, sc, "healthy per-recipient p99 before (ms)", a99);
            put(t, sc, "healthy per-recipient p99 during (ms)", b99);
            row(sc, "healthy per-recipient p99 change (%)", "<= +10%", (k, bb) -> k <= 10);
            put(t, sc, "healthy per-recipient p99 change (%)", 100.0 * (b99 - a99) / a99);
            put(t, sc, "healthy last-recipient p99 before (ms)", al99);
            put(t, sc, "healthy last-recipient p99 during (ms)", bl99);
            put(t, sc, "healthy last-recipient p99 change (%)", 100.0 * (bl99 - al99) / al99);
            put(t, sc, "healthy delivered during (%)", b.deliveryPct());
            put(t, sc, "stalled clients closed with 1013", codes.getOrDefault(1013, 0));
            // R6: one that stays silent is dropped without a close frame (its 1013 never gets through): -1 or 1006 here.
            put(t, sc, "stalled clients cut off (closed by the server, any code)",
                    stalled.stream().filter(c -> !c.open).count());
            put(t, sc, "first cut after (s)", cutNs.isEmpty() ? Double.NaN : cutNs.get(0) / 1e9);
            put(t, sc, "last cut after (s)", cutNs.isEmpty() ? Double.NaN : cutNs.get(cutNs.size() - 1) / 1e9);
            put(t, sc, "stalled TCP connections released by the server during the stall", released);
            put(t, sc, "server RSS growth during stall (MB)", (rss1 - rss0) / 1024.0);
            note(t, sc + ": stalled clients' close codes after resuming (0 = still open) " + codes
                    + "; max bytes queued in the server's kernel send buffer for a stalled socket: " + maxTx[0]
                    + "; cut times (s after the stall began, from the last event each one got): "
                    + cutNs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x / 1e9)).toList());
            phaseRows(t, sc + " [before]", a);
            phaseRows(t, sc + " [during]", b);
        } finally {
            sampling.set(false);
            h.closeAll(m.conns);
            for (Conn c : m.conns) { c.smallRcv = false; c.ignore = false; }
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean();

    final Map<String, List<Meeting>> pool = new ConcurrentHashMap<>();

    List<Meeting> pool(Target t) {
        return pool.computeIfAbsent(t.name, k -> {
            int size = i("s2-size", 25, 25);
            int[] steps = ints(s("s3-steps", "1000", "1000,10000"));
            int need = Math.max(i("s2-meetings", 40, 400), (Arrays.stream(steps).max().orElse(0) + size - 1) / size);
            long s0 = System.nanoTime();
            List<Meeting> ms = h.createMeetings(t, need, size, "pool");
            System.err.printf(Locale.ROOT, "[%s] created %d meetings of %d in %.1f s%n", t.name, need, size, (System.nanoTime() - s0) / 1e9);
            return ms;
        });
    }

    void scenario3(Target t) {
        List<Meeting> ms = pool(t);
        List<Conn> all = new ArrayList<>();
        for (Meeting m : ms) all.addAll(m.conns);
        h.closeAll(all);
        Harness.sleepMs(1000);
        long heap0 = Proc.heapAfterGcKb(t.pid), rss0 = Proc.rssKb(t.pid);
        note(t, "S3 idle: before opening: heap after GC " + heap0 + " KiB, RSS " + rss0 + " KiB");
        for (int step : ints(s("s3-steps", "1000", "1000,10000"))) {
            if (step > all.size()) step = all.size();
            ensureConnected(t, all.subList(0, step), "S3 idle " + step);
            Harness.sleepMs(2000);
            long heap = Proc.heapAfterGcKb(t.pid), rss = Proc.rssKb(t.pid);
            long open = all.subList(0, step).stream().filter(c -> c.open).count();
            String sc = "S3 idle sockets, " + step;
            row(sc, "RSS per connection (KB)", "<= 20", (k, b) -> k <= 20);
            put(t, sc, "RSS per connection (KB)", (rss - rss0) * 1.024 / open);
            row(sc, "heap after GC per connection (KB)", "<= 20", (k, b) -> k <= 20);
            put(t, sc, "heap after GC per connection (KB)", heap0 < 0 || heap < 0 ? Double.NaN : (heap - heap0) * 1.024 / open);
            note(t, sc + ": open " + open + ", heap after GC " + heap + " KiB, RSS " + rss + " KiB");
        }
        h.closeAll(all); // S2 reconnects what it needs: the harness must not hold two servers' 10,000 sockets at once
    }

    void scenario2(Target t) {
        int meetings = i("s2-meetings", 40, 400);
        List<Meeting> ms = pool(t).subList(0, meetings);
        List<Conn> conns = new ArrayList<>();
        for (Meeting m : ms) conns.addAll(m.conns);
        ensureConnected(t, conns, "S2");
        Harness.sleepMs(1000);
        double interval = d("s2-interval-ms", 2000, 2000);
        long period = (long) (interval * 1_000_000 / meetings);
        Phase ph = traffic(t, ms, period, i("payload", 200, 200), d("s2-warmup", 1, 10), d("s2-measure", 3, 60), 5000);
        String sc = String.format(Locale.ROOT, "S2 %d meetings of %d (%d sockets), 1 msg/meeting every %.0f ms",
                meetings, ms.get(0).conns.size(), conns.size(), interval);
        row(sc, "per-recipient p99 (ms)", "<= 50", (k, b) -> k <= 50);
        phaseRows(t, sc, ph);
        List<Conn> all = new ArrayList<>();
        for (Meeting m : pool(t)) all.addAll(m.conns);
        h.closeAll(all);
    }

    // ------------------------------------------------------------------ table

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | metric | Kring | baseline | Kring / baseline | target | met |\n");
        sb.append("|---|---|---:|---:|---:|---|---|\n");
        for (Row r : rows.values()) {
            Double k = r.v.get("kring"), b = r.v.get("baseline");
            String met = "";
            if (r.check != null && k != null && !k.isNaN()) met = r.check.apply(k, b) ? "yes" : "**no**";
            String ratio = k != null && b != null && b != 0 && !k.isNaN() && !b.isNaN() ? f(k / b) : "";
            sb.append("| ").append(r.scenario).append(" | ").append(r.metric).append(" | ").append(f(k)).append(" | ")
                    .append(f(b)).append(" | ").append(ratio).append(" | ").append(r.target).append(" | ").append(met).append(" |\n");
        }
        return sb.toString();
    }

    static String f(Double x) {
        if (x == null) return "-";
        if (x.isNaN()) return "n/a";
        double a = Math.abs(x);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", x);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", x);
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
