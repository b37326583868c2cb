package kring.bench;

import io.netty.channel.EventLoop;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The load generator. Everything that touches sockets runs on ONE Vert.x event loop (one thread,
 * pin the process with taskset); the main thread only orchestrates and blocks on futures.
 * All times are System.nanoTime() in this process: send time t0 is the SCHEDULED time of an
 * open-loop timetable, receive time is taken when the frame reaches the handler.
 */
final class Harness {

    // ------------------------------------------------------------------ model

    static final class Target {
        final String name, host;
        final int port;
        long pid;
        HttpClient http;
        final List<WebSocketClient> ws = new ArrayList<>();      // one per source address
        final List<WebSocketClient> wsSmall = new ArrayList<>(); // same, small SO_RCVBUF (stalled clients)
        final Map<Integer, Meeting> bySize = new TreeMap<>();
        // counters (event loop only)
        long errorFrames, acks, wsExceptions, connectFailures, welcomeTimeouts;
        final Map<String, Integer> errorCodes = new TreeMap<>();
        final Map<Integer, Integer> closeCodes = new TreeMap<>();
        final Map<String, Integer> failureReasons = new TreeMap<>();
        Target(String name, String host, int port, long pid) {
            this.name = name; this.host = host; this.port = port; this.pid = pid;
        }
    }

    static final class Meeting {
        final String id;
        final List<Conn> conns = new ArrayList<>();
        int rr; // rotating sender
        Meeting(String id) { this.id = id; }
    }

    static final class Conn {
        final Meeting m;
        final int idx;
        final String token;
        WebSocket ws;
        boolean open, welcomed, ignore, inFragment, smallRcv;
        long connectStartNs, welcomeNs;
        long lastMsg = -1; // number of the last bench message received (any phase)
        volatile long closedAtNs;
        volatile String localKey;
        Integer closeCode;
        Promise<Void> welcomeP, closeP;
        Conn(Meeting m, int idx, String token) { this.m = m; this.idx = idx; this.token = token; }
    }

    /** One measured traffic phase. Fields are touched on the event loop only until {@code done}. */
    static final class Phase {
        final long base;
        final int cap;
        int sent;
        final long[] t0;
        final int[] expected, received;
        final boolean[] measured;
        long measureStartNs;
        final Histogram perRecipient = hist(), lastRecipient = hist(), lag = hist();
        long deliveredMeasured, expectedMeasured, strays, dups, measuredMsgs, completeMeasured, skippedNoSender;
        long serverCpu0 = -1, serverCpu1 = -1, selfCpu0 = -1, selfCpu1 = -1, wall0, wall1;
        long errors0, errors1;
        double storeMeanMs = Double.NaN, storeP99Ms = Double.NaN, fanoutMeanMs = Double.NaN, fanoutP99Ms = Double.NaN;
        Phase(long base, int cap) {
            this.base = base; this.cap = cap;
            t0 = new long[cap]; expected = new int[cap]; received = new int[cap]; measured = new boolean[cap];
        }
        double serverCpuPct() {
            return serverCpu0 < 0 || serverCpu1 < 0 ? -1 : 100.0 * (serverCpu1 - serverCpu0) / (wall1 - wall0);
        }
        double selfCpuPct() {
            return selfCpu0 < 0 ? -1 : 100.0 * (selfCpu1 - selfCpu0) / (wall1 - wall0);
        }
        double deliveryPct() {
            return expectedMeasured == 0 ? 0 : 100.0 * deliveredMeasured / expectedMeasured;
        }
    }

    static Histogram hist() {
        return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    // ------------------------------------------------------------------ state

    final Vertx vertx;
    final Context ctx;
    final EventLoop loop;
    final String runId;
    final byte[] marker;
    final List<String> sourceIps;
    long nextMsg;
    Phase phase; // current (event loop)
    /** What reads every frame of the burst meeting while a burst runs (S6 hands, S7 votes). */
    interface BurstSink {
        boolean isActive();
        void onFrame(Conn c, WebSocketFrame f, long now);
    }

    BurstSink burst; // S6, S7 (event loop)
    Meeting burstMeeting;
    final long selfPid = ProcessHandle.current().pid();

    Harness(Vertx vertx, List<String> sourceIps) {
        this.vertx = vertx;
        this.ctx = vertx.getOrCreateContext();
        this.loop = ((ContextInternal) ctx).nettyEventLoop();
        this.runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        this.marker = ("bench:" + runId + ":").getBytes(StandardCharsets.US_ASCII);
        this.sourceIps = sourceIps;
    }

    void init(Target t) {
        t.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(t.host).setDefaultPort(t.port)
                .setMaxPoolSize(16).setKeepAlive(true).setConnectTimeout(10_000));
        for (String ip : sourceIps) {
            t.ws.add(vertx.createWebSocketClient(wsOptions(ip, -1)));
            t.wsSmall.add(vertx.createWebSocketClient(wsOptions(ip, 8192)));
        }
    }

    private static WebSocketClientOptions wsOptions(String ip, int rcvbuf) {
        WebSocketClientOptions o = new WebSocketClientOptions()
                .setMaxConnections(1_000_000).setConnectTimeout(30_000)
                .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20)
                .setTryUsePerMessageCompression(false);
        if (ip != null) o.setLocalAddress(ip);
        if (rcvbuf > 0) o.setReceiveBufferSize(rcvbuf);
        return o;
    }

    // ------------------------------------------------------------------ blocking helpers (main thread)

    /** Runs {@code body} on the event loop and waits for the future it returns. */
    <T> T onLoop(Supplier<Future<T>> body, long timeoutMs) {
        Promise<T> p = Promise.promise();
        ctx.runOnContext(v -> {
            try { body.get().onComplete(p); } catch (RuntimeException e) { p.tryFail(e); }
        });
        try {
            return p.future().toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeoutMs + " ms");
        }
    }

    static void sleepMs(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    // ------------------------------------------------------------------ HTTP setup

    Future<JsonObject> post(Target t, String uri, JsonObject body, int attempt) {
        return t.http.request(HttpMethod.POST, uri)
                .compose(req -> req.putHeader("content-type", "application/json").send(body.toBuffer()))
                .compose(resp -> resp.body().compose(b -> {
                    int s = resp.statusCode();
                    if (s == 200 || s == 201) return Future.succeededFuture(b.toJsonObject());
                    if ((s == 429 || s == 503) && attempt < 8) {
                        Promise<JsonObject> p = Promise.promise();
                        vertx.setTimer(100L << attempt, id -> post(t, uri, body, attempt + 1).onComplete(p));
                        return p.future();
                    }
                    return Future.failedFuture("POST " + uri + " -> " + s + " " + b);
                }));
    }

    /** Creates {@code count} meetings of {@code size} participants each (HTTP, bounded concurrency). */
    List<Meeting> createMeetings(Target t, int count, int size, String title) {
        long timeout = 120_000L + 30L * count * size;
        return onLoop(() -> {
            List<Meeting> ms = new ArrayList<>();
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fs.add(post(t, "/api/meetings", new JsonObject().put("title", title + " " + i).put("language", "en"), 0)
                        .map(j -> { Meeting m = new Meeting(j.getString("meetingId")); ms.add(m); return m; }));
            }
            return Future.all(fs).compose(v -> {
                List<Runnable> jobs = new ArrayList<>();
                List<Promise<Void>> ps = new ArrayList<>();
                for (Meeting m : ms) {
                    for (int k = 0; k < size; k++) {
                        Promise<Void> p = Promise.promise();
                        ps.add(p);
                        int idx = k;
                        jobs.add(() -> post(t, "/api/meetings/" + m.id + "/participants",
                                new JsonObject().put("name", "bench " + idx).put("organisation", "org " + (idx % 7)), 0)
                                .onSuccess(j -> m.conns.add(new Conn(m, m.conns.size(), j.getString("token"))))
                                .<Void>mapEmpty().onComplete(p));
                    }
                }
                return bounded(jobs, ps, 16).map(x -> ms);
            });
        }, timeout);
    }

    /** Runs jobs with at most {@code width} in flight; fails if any failed. */
    private Future<Void> bounded(List<Runnable> jobs, List<? extends Promise<?>> ps, int width) {
        int[] next = {0};
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            if (next[0] >= jobs.size()) return;
            int i = next[0]++;
            ps.get(i).future().onComplete(ar -> launch[0].run());
            jobs.get(i).run();
        };
        for (int i = 0; i < width; i++) launch[0].run();
        List<Future<?>> fs = new ArrayList<>();
        for (Promise<?> p : ps) fs.add(p.future());
        return Future.all(fs).mapEmpty();
    }

    // ------------------------------------------------------------------ sockets (event loop)

    private Future<Void> connect(Target t, Conn c, long welcomeTimeoutMs) {
        Promise<Void> welcome = Promise.promise();
        c.welcomeP = welcome;
        c.welcomed = false; c.open = false; c.inFragment = false; c.closeCode = null; c.closedAtNs = 0;
        c.connectStartNs = System.nanoTime();
        List<WebSocketClient> pool = c.smallRcv ? t.wsSmall : t.ws;
        WebSocketClient cl = pool.get((c.idx + c.m.hashCode()) % pool.size());
        cl.connect(new WebSocketConnectOptions().setHost(t.host).setPort(t.port).setURI("/ws/meetings/" + c.m.id))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        t.connectFailures++;
                        welcome.tryFail(ar.cause());
                        return;
                    }
                    WebSocket ws = ar.result();
                    c.ws = ws;
                    c.open = true;
                    c.localKey = Proc.procKey(ws.localAddress().host(), ws.localAddress().port());
                    ws.frameHandler(f -> onFrame(t, c, f));
                    ws.closeHandler(v -> onClose(t, c));
                    ws.exceptionHandler(e -> t.wsExceptions++);
                    ws.writeTextMessage("{\"type\":\"hello\",\"token\":\"" + c.token + "\"}");
                });
        vertx.setTimer(welcomeTimeoutMs, id -> {
            if (welcome.tryFail("no welcome within " + welcomeTimeoutMs + " ms")) t.welcomeTimeouts++;
        });
        return welcome.future();
    }

    private void onClose(Target t, Conn c) {
        c.open = false;
        c.closedAtNs = System.nanoTime();
        Short code = c.ws.closeStatusCode();
        c.closeCode = code == null ? -1 : (int) code;
        t.closeCodes.merge(c.closeCode, 1, Integer::sum);
        if (c.welcomeP != null) c.welcomeP.tryFail("closed " + c.closeCode + " before welcome");
        if (c.closeP != null) c.closeP.tryComplete();
    }

    private static final byte[] TYPE = "\"type\"".getBytes(StandardCharsets.US_ASCII);

    private void onFrame(Target t, Conn c, WebSocketFrame f) {
        long now = System.nanoTime();
        BurstSink b0 = burst;
        if (b0 != null && b0.isActive() && c.m == burstMeeting) {
            b0.onFrame(c, f, now);
            return;
        }
        if (f.isContinuation()) {
            if (f.isFinal()) c.inFragment = false;
            return; // rest of a big frame (welcome snapshot): never scanned for markers
        }
        if (!f.isText()) return;
        if (!f.isFinal()) c.inFragment = true;
        Buffer b = f.binaryData();
        int len = b.length();
        int p = indexOf(b, TYPE, 0, Math.min(len, 256));
        if (p < 0) return;
        p += TYPE.length;
        while (p < len && (b.getByte(p) == ' ' || b.getByte(p) == ':')) p++;
        if (p >= len || b.getByte(p) != '"') return;
        byte k = p + 1 < len ? b.getByte(p + 1) : 0;
        if (k == 'e' && b.getByte(p + 2) == 'v') { // "event"
            int at = indexOf(b, marker, p, len);
            if (at < 0) return;
            long n = 0;
            for (int i = at + marker.length; i < len; i++) {
                byte d = b.getByte(i);
                if (d < '0' || d > '9') break;
                n = n * 10 + (d - '0');
            }
            onDelivery(c, n, now);
        } else if (k == 'w') { // "welcome"
            if (!c.welcomed) {
                c.welcomed = true;
                c.welcomeNs = now;
                if (c.welcomeP != null) c.welcomeP.tryComplete();
            }
        } else if (k == 'a') {
            t.acks++;
        } else if (k == 'e' && b.getByte(p + 2) == 'r') { // "error"
            t.errorFrames++;
            String s = b.toString(StandardCharsets.UTF_8);
            int ci = s.indexOf("\"code\"");
            String code = ci < 0 ? "?" : s.substring(ci + 6).replaceAll("^[\\s:]*\"([A-Z_]+)\".*$", "$1");
            if (code.length() > 20) code = code.substring(0, 20);
            t.errorCodes.merge(code, 1, Integer::sum);
        }
    }

    static int indexOf(Buffer b, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b.getByte(i + j) != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private void onDelivery(Conn c, long n, long now) {
        if (n > c.lastMsg) c.lastMsg = n;
        Phase ph = phase;
        if (ph == null || c.ignore) return;
        long slot = n - ph.base;
        if (slot < 0 || slot >= ph.sent) { ph.strays++; return; }
        int s = (int) slot;
        long lat = now - ph.t0[s];
        int r = ++ph.received[s];
        if (r > ph.expected[s]) { ph.dups++; return; }
        if (ph.measured[s]) {
            ph.perRecipient.recordValue(clampUs(lat));
            ph.deliveredMeasured++;
            if (r == ph.expected[s]) { ph.lastRecipient.recordValue(clampUs(lat)); ph.completeMeasured++; }
        }
    }

    private static long clampUs(long nanos) {
        return Math.max(1, Math.min(TimeUnit.MINUTES.toMicros(10), nanos / 1000));
    }

    // ------------------------------------------------------------------ blocking socket operations

    /** Connects and waits for every welcome, at most {@code width} handshakes in flight. Returns failures. */
    int connectAll(Target t, List<Conn> conns, int width, long timeoutMs) {
        int[] failed = {0};
        onLoop(() -> {
            List<Runnable> jobs = new ArrayList<>();
            List<Promise<Void>> ps = new ArrayList<>();
            for (Conn c : conns) {
                Promise<Void> p = Promise.promise();
                ps.add(p);
                jobs.add(() -> connect(t, c, 30_000).onComplete(ar -> {
                    if (ar.failed()) {
                        failed[0]++;
                        String why = String.valueOf(ar.cause().getMessage());
                        t.failureReasons.merge(why.length() > 80 ? why.substring(0, 80) : why, 1, Integer::sum);
                    }
                    p.complete();
                }));
            }
            return bounded(jobs, ps, width);
        }, timeoutMs);
        return failed[0];
    }

    /** Closes the open sockets and waits for the close handshakes. */
    void closeAll(List<Conn> conns) {
        try {
            onLoop(() -> {
                List<Future<?>> fs = new ArrayList<>();
                for (Conn c : conns) {
                    if (!c.open) continue;
                    Promise<Void> p = Promise.promise();
                    c.closeP = p;
                    c.ws.close();
                    fs.add(p.future());
                }
                return Future.join(fs).mapEmpty();
            }, 20_000);
        } catch (IllegalStateException e) {
            System.err.println("closeAll: " + e.getMessage());
        }
    }

    /** Reconnect storm: every conn connects at once. Returns latency histogram (µs) and failure count. */
    Object[] storm(Target t, List<Conn> conns, long timeoutMs) {
        Histogram h = hist();
        int[] failed = {0};
        long[] t0 = {0};
        long[] span = {0};
        onLoop(() -> {
            t0[0] = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (Conn c : conns) {
                fs.add(connect(t, c, timeoutMs).onComplete(ar -> {
                    if (ar.failed()) {
                        failed[0]++;
                        String why = String.valueOf(ar.cause().getMessage());
                        t.failureReasons.merge(why.length() > 80 ? why.substring(0, 80) : why, 1, Integer::sum);
                    }
                    else h.recordValue(clampUs(c.welcomeNs - t0[0]));
                }));
            }
            span[0] = System.nanoTime() - t0[0];
            return Future.join(fs).<Void>mapEmpty().recover(e -> Future.succeededFuture());
        }, timeoutMs + 10_000);
        return new Object[] {h, failed[0], span[0]};
    }

    void pause(List<Conn> conns, boolean pause) {
        onLoop(() -> {
            for (Conn c : conns) {
                if (c.ws == null || !c.open) continue;
                if (pause) c.ws.pause(); else c.ws.resume();
            }
            return Future.succeededFuture();
        }, 10_000);
    }

    // ------------------------------------------------------------------ burst (S6)

    /**
     * A meeting whose first connection (index 0) is a moderator (joined with the key) and then
     * {@code size} participants. The moderator joins last: a meeting holds at most 2,000 participants,
     * but a moderator-key join is never refused for that (L1), so N = 2,000 is a full meeting plus its moderator.
     */
    Meeting createMeetingWithModerator(Target t, int size, String title) {
        return onLoop(() -> post(t, "/api/meetings", new JsonObject().put("title", title).put("language", "en"), 0)
                .compose(j -> {
                    Meeting m = new Meeting(j.getString("meetingId"));
                    List<Runnable> jobs = new ArrayList<>();
                    List<Promise<Void>> ps = new ArrayList<>();
                    String[] tokens = new String[size];
                    for (int k = 0; k < size; k++) {
                        Promise<Void> p = Promise.promise();
                        ps.add(p);
                        int idx = k;
                        jobs.add(() -> post(t, "/api/meetings/" + m.id + "/participants",
                                new JsonObject().put("name", "bench " + idx).put("organisation", "org " + (idx % 7)), 0)
                                .onSuccess(r -> tokens[idx] = r.getString("token"))
                                .<Void>mapEmpty().onComplete(p));
                    }
                    return bounded(jobs, ps, 16)
                            .compose(x -> post(t, "/api/meetings/" + m.id + "/participants", new JsonObject()
                                    .put("name", "moderator").put("moderatorKey", j.getString("moderatorKey")), 0))
                            .map(mod -> {
                                m.conns.add(new Conn(m, 0, mod.getString("token")));
                                for (String token : tokens) m.conns.add(new Conn(m, m.conns.size(), token));
                                return m;
                            });
                }), 120_000L + 30L * size);
    }

    /** Every participant but the moderator sends hand.raise, one after the other in one event-loop task. */
    void fireBurst(Meeting m, Burst b) {
        fire(m, b, c -> "{\"type\":\"hand.raise\",\"id\":\"h" + c.idx + "\",\"kind\":\"speak\"}");
    }

    /**
     * S7: every participant but the moderator sends {@code poll.vote} for {@code pollId}, one after the other in one
     * event-loop task (participant k chooses option k % options).
     */
    void fireVotes(Meeting m, VoteBurst b, String pollId, int options) {
        fire(m, b, c -> "{\"type\":\"poll.vote\",\"id\":\"v" + c.idx + "\",\"pollId\":\"" + pollId
                + "\",\"choices\":[" + (c.idx % options) + "]}");
    }

    /** Starts {@code b} and has every open participant but the moderator send its {@code message}, in one event-loop task. */
    private void fire(Meeting m, LeanBurst b, Function<Conn, String> message) {
        onLoop(() -> {
            burstMeeting = m;
            burst = b;
            b.active = true;
            b.sendNs = System.nanoTime();
            b.lastByteNs = b.sendNs;
            for (Conn c : m.conns) {
                if (c == b.moderator || !c.open) continue;
                c.ws.writeTextMessage(message.apply(c));
            }
            return Future.succeededFuture();
        }, 60_000);
    }

    /** Sends one text frame on {@code c} (event loop), e.g. the moderator's {@code poll.open}. */
    void sendText(Conn c, String text) {
        onLoop(() -> {
            c.ws.writeTextMessage(text);
            return Future.succeededFuture();
        }, 10_000);
    }

    /** GET {@code uri} with a Bearer token; the JSON body of a 200. */
    JsonObject get(Target t, String uri, String token) {
        return onLoop(() -> t.http.request(HttpMethod.GET, uri)
                .compose(req -> req.putHeader("authorization", "Bearer " + token).send())
                .compose(resp -> resp.body().compose(b -> resp.statusCode() == 200
                        ? Future.succeededFuture(b.toJsonObject())
                        : Future.failedFuture("GET " + uri + " -> " + resp.statusCode() + " " + b))), 30_000);
    }

    void endBurst() {
        onLoop(() -> {
            if (burst instanceof LeanBurst lean) lean.active = false;
            burst = null;
            burstMeeting = null;
            return Future.succeededFuture();
        }, 10_000);
    }

    // ------------------------------------------------------------------ open-loop traffic

    /**
     * Sends chat messages on a fixed timetable: message k at start + k*period, to meeting
     * k % meetings.size(), from that meeting's next sender (rotating). t0 = scheduled time.
     * The chat text is {@code payloadChars} long (marker included). Messages scheduled before warmup has elapsed are delivered but not recorded.
     * Waits for the stragglers (at most graceMs after the last send) and returns the phase.
     */
    Phase traffic(Target t, List<Meeting> meetings, long periodNs, int payloadChars,
                  double warmupS, double measureS, long graceMs) {
        long total = (long) Math.ceil((warmupS + measureS) * 1e9 / periodNs);
        Phase ph = new Phase(nextMsg, (int) total);
        nextMsg += total + 1;
        long warmNs = (long) (warmupS * 1e9);
        Promise<Phase> done = Promise.promise();
        String pad = "x".repeat(Math.max(0, payloadChars));
        ctx.runOnContext(v -> {
            phase = ph;
            ph.errors0 = t.errorFrames;
            long start = System.nanoTime() + 20_000_000L;
            ph.measureStartNs = start + warmNs;
            long lastDue = start + (total - 1) * periodNs;
            // event-loop lag probe (10 ms)
            long[] probeDue = {start};
            Runnable[] probe = new Runnable[1];
            probe[0] = () -> {
                long now = System.nanoTime();
                if (now >= ph.measureStartNs) ph.lag.recordValue(clampUs(now - probeDue[0]));
                probeDue[0] += 10_000_000L;
                if (probeDue[0] <= lastDue) loop.schedule(probe[0], probeDue[0] - System.nanoTime(), TimeUnit.NANOSECONDS);
            };
            loop.schedule(probe[0], start - System.nanoTime(), TimeUnit.NANOSECONDS);
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                long now = System.nanoTime();
                while (ph.sent < total && start + ph.sent * periodNs <= now) {
                    long due = start + ph.sent * periodNs;
                    if (due >= ph.measureStartNs && ph.wall0 == 0) {
                        ph.wall0 = System.nanoTime();
                        ph.serverCpu0 = Proc.cpuNanosTree(t.pid);
                        ph.selfCpu0 = Proc.cpuNanos(selfPid);
                    }
                    send(ph, meetings.get(ph.sent % meetings.size()), due, due >= ph.measureStartNs, pad);
                    now = System.nanoTime();
                }
                if (ph.sent < total) {
                    loop.schedule(tick[0], start + ph.sent * periodNs - System.nanoTime(), TimeUnit.NANOSECONDS);
                } else {
                    ph.wall1 = System.nanoTime();
                    ph.serverCpu1 = Proc.cpuNanosTree(t.pid);
                    ph.selfCpu1 = Proc.cpuNanos(selfPid);
                    long deadline = System.nanoTime() + graceMs * 1_000_000L;
                    vertx.setPeriodic(20, id -> {
                        if (ph.completeMeasured >= ph.measuredMsgs || System.nanoTime() > deadline) {
                            vertx.cancelTimer(id);
                            ph.errors1 = t.errorFrames;
                            phase = null;
                            done.complete(ph);
                        }
                    });
                }
            };
            loop.schedule(tick[0], start - System.nanoTime(), TimeUnit.NANOSECONDS);
        });
        long timeout = (long) ((warmupS + measureS) * 1000) + graceMs + 30_000;
        try {
            return done.future().toCompletionStage().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("traffic phase did not finish: " + e, e);
        }
    }

    private void send(Phase ph, Meeting m, long due, boolean measured, String pad) {
        int slot = ph.sent++;
        long n = ph.base + slot;
        ph.t0[slot] = due;
        Conn sender = null;
        int expected = 0;
        List<Conn> cs = m.conns;
        for (Conn c : cs) if (c.open && c.welcomed && !c.ignore) expected++;
        for (int i = 0; i < cs.size() && sender == null; i++) {
            Conn c = cs.get((m.rr + i) % cs.size());
            if (c.open && c.welcomed && !c.ignore) { sender = c; m.rr = (m.rr + i + 1) % cs.size(); }
        }
        if (sender == null) { ph.skippedNoSender++; return; }
        ph.expected[slot] = expected;
        ph.measured[slot] = measured;
        if (measured) { ph.measuredMsgs++; ph.expectedMeasured += expected; }
        String text = "bench:" + runId + ":" + n + ": ";
        text += pad.substring(0, Math.max(0, Math.min(pad.length(), pad.length() - text.length())));
        sender.ws.writeTextMessage("{\"type\":\"chat.send\",\"id\":\"b" + n + "\",\"text\":\"" + text + "\"}");
    }
}
