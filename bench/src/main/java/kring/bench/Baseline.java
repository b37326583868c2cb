package kring.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "B1" raw Vert.x baseline: speaks just enough of the Kring wire contract for the harness
 * (create meeting, join, hello/welcome, chat.send -> chat.message event to every socket of the
 * meeting, then ack to the sender). No domain logic, no database, no CDI, no Mutiny.
 *
 * <p>Fan-out: the event is serialised once per chat message; the sockets of a meeting are grouped
 * by their owning event loop and each loop gets one task that writes the same String to each of its
 * sockets. Slow consumers: per socket the bytes handed to Vert.x but not yet written are counted;
 * past {@code --slow-bytes} (default 1 MiB) the socket is closed with 1013.
 *
 * <p>Run: {@code taskset -c 0 java -cp kring-bench.jar kring.bench.Baseline --port 19081}
 */
public final class Baseline extends AbstractVerticle {

    static final class Peer {
        final ServerWebSocket ws;
        final Context ctx;
        final String participantId;
        long inFlightBytes; // touched only on ctx
        boolean dead;       // touched only on ctx
        Peer(ServerWebSocket ws, Context ctx, String participantId) {
            this.ws = ws; this.ctx = ctx; this.participantId = participantId;
        }
    }

    static final class Meeting {
        final String id, title, moderatorKey;
        final Map<String, String> tokens = new ConcurrentHashMap<>(); // token -> participantId
        final Map<String, String> names = new ConcurrentHashMap<>();  // participantId -> name
        // guarded by this
        final Map<Context, List<Peer>> byLoop = new HashMap<>();
        long seq;
        int hands;
        Meeting(String id, String title, String moderatorKey) {
            this.id = id; this.title = title; this.moderatorKey = moderatorKey;
        }
    }

    static final Map<String, Meeting> MEETINGS = new ConcurrentHashMap<>();
    static final AtomicLong IDS = new AtomicLong();
    static final SecureRandom RANDOM = new SecureRandom();
    static volatile long slowBytes = 1 << 20;
    static final AtomicLong CUT = new AtomicLong();

    static String secret() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder(32);
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    public static void main(String[] args) {
        Map<String, String> o = Main.parseArgs(args, 0);
        int port = Integer.parseInt(o.getOrDefault("port", "19081"));
        slowBytes = Long.parseLong(o.getOrDefault("slow-bytes", String.valueOf(1 << 20)));
        int loops = Integer.parseInt(o.getOrDefault("event-loops",
                String.valueOf(2 * Runtime.getRuntime().availableProcessors())));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new Baseline(port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("baseline listening on " + port + " with " + loops
                        + " event loops, slow-consumer bound " + slowBytes + " bytes, pid "
                        + ProcessHandle.current().pid()))
                .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }

    private final int port;

    Baseline(int port) { this.port = port; }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer(new HttpServerOptions()
                        .setPort(port).setHost("127.0.0.1")
                        .setMaxWebSocketFrameSize(65536).setMaxWebSocketMessageSize(16384))
                .requestHandler(this::http)
                .webSocketHandler(this::socket)
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void http(HttpServerRequest req) {
        String path = req.path();
        if (req.method().name().equals("POST") && path.equals("/api/meetings")) {
            req.body().onSuccess(b -> {
                JsonObject in = b.length() == 0 ? new JsonObject() : b.toJsonObject();
                String id = "m" + IDS.incrementAndGet();
                Meeting m = new Meeting(id, in.getString("title", ""), secret());
                MEETINGS.put(id, m);
                json(req, 201, new JsonObject().put("meetingId", id).put("title", m.title)
                        .put("moderatorKey", m.moderatorKey).put("joinPath", "/m/" + id)
                        .put("moderatorPath", "/m/" + id + "#key=" + m.moderatorKey));
            });
            return;
        }
        if (req.method().name().equals("POST") && path.startsWith("/api/meetings/") && path.endsWith("/participants")) {
            String id = path.substring("/api/meetings/".length(), path.length() - "/participants".length());
            Meeting m = MEETINGS.get(id);
            if (m == null) {
                json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND").put("message", "no such meeting")));
                return;
            }
            req.body().onSuccess(b -> {
                JsonObject in = b.toJsonObject();
                String pid = "p" + IDS.incrementAndGet();
                String token = secret();
                String key = in.getString("moderatorKey");
                String role = key != null && key.equals(m.moderatorKey) ? "moderator" : "participant";
                m.tokens.put(token, pid);
                m.names.put(pid, in.getString("name", ""));
                json(req, 201, new JsonObject().put("participantId", pid).put("token", token).put("role", role));
            });
            return;
        }
        json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND").put("message", path)));
    }

    private static void json(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private void socket(ServerWebSocket ws) {
        String path = ws.path();
        if (!path.startsWith("/ws/meetings/")) { ws.close((short) 1008); return; }
        Meeting m = MEETINGS.get(path.substring("/ws/meetings/".length()));
        if (m == null) { ws.close((short) 4401); return; }
        Context ctx = vertx.getOrCreateContext();
        Peer[] self = new Peer[1];
        ws.textMessageHandler(text -> {
            JsonObject cmd;
            try { cmd = new JsonObject(text); } catch (RuntimeException e) {
                ws.writeTextMessage("{\"type\":\"error\",\"id\":null,\"code\":\"INVALID\",\"message\":\"bad json\"}");
                return;
            }
            String type = cmd.getString("type", "");
            if (self[0] == null) {
                String pid = "hello".equals(type) ? m.tokens.get(cmd.getString("token", "")) : null;
                if (pid == null) { ws.close((short) 4401); return; }
                Peer p = new Peer(ws, ctx, pid);
                self[0] = p;
                long seq;
                synchronized (m) {
                    m.byLoop.computeIfAbsent(ctx, c -> new ArrayList<>()).add(p);
                    seq = m.seq;
                }
                ws.writeTextMessage("{\"type\":\"welcome\",\"seq\":" + seq + ",\"serverTime\":" + System.currentTimeMillis()
                        + ",\"state\":{\"meeting\":{\"meetingId\":\"" + m.id + "\",\"status\":\"open\"},\"you\":{\"participantId\":\""
                        + pid + "\",\"role\":\"participant\",\"roomId\":null},\"chat\":[]}}");
                return;
            }
            String id = cmd.getString("id");
            if ("chat.send".equals(type)) {
                String t = cmd.getString("text", "").trim();
                if (t.isEmpty() || t.length() > 2000) {
                    ws.writeTextMessage(new JsonObject().put("type", "error").put("id", id).put("code", "INVALID").put("message", "text").encode());
                    return;
                }
                long seq = broadcast(m, self[0], t);
                ws.writeTextMessage(new JsonObject().put("type", "ack").put("id", id).put("seq", seq).encode());
            } else if ("hand.raise".equals(type)) {
                long seq = raiseHand(m, self[0], cmd.getString("kind", "speak"));
                ws.writeTextMessage(new JsonObject().put("type", "ack").put("id", id).put("seq", seq).encode());
            } else if ("hello".equals(type)) {
                ws.writeTextMessage(new JsonObject().put("type", "error").put("id", id).put("code", "INVALID").put("message", "second hello").encode());
            } else {
                ws.writeTextMessage(new JsonObject().put("type", "error").put("id", id).put("code", "INVALID").put("message", "unknown command").encode());
            }
        });
        ws.closeHandler(v -> {
            Peer p = self[0];
            if (p == null) return;
            p.dead = true;
            synchronized (m) {
                List<Peer> l = m.byLoop.get(ctx);
                if (l != null) l.remove(p);
            }
        });
        ws.exceptionHandler(e -> { });
    }

    /** Serialise once, one task per event loop, same String to every socket. Returns the seq. */
    private static long broadcast(Meeting m, Peer from, String text) {
        synchronized (m) {
            long seq = ++m.seq;
            return send(m, seq, new JsonObject().put("type", "event").put("seq", seq).put("name", "chat.message")
                    .put("data", new JsonObject().put("message", new JsonObject()
                            .put("messageId", "c" + seq).putNull("roomId").put("participantId", from.participantId)
                            .put("name", m.names.get(from.participantId)).put("text", text)
                            .put("sentAt", System.currentTimeMillis()))).encode());
        }
    }

    /**
     * The burst's baseline (S6): each hand is told to everyone as the change alone (issue 11's
     * {@code hand.raised}, {"hand":{...},"index":n}), serialised once, like a chat message. A hand
     * raised again is told again: no queue is kept, only its length.
     */
    private static long raiseHand(Meeting m, Peer from, String kind) {
        synchronized (m) {
            long seq = ++m.seq;
            int index = m.hands++;
            return send(m, seq, new JsonObject().put("type", "event").put("seq", seq).put("name", "hand.raised")
                    .put("data", new JsonObject().put("hand", new JsonObject().put("participantId", from.participantId)
                            .put("kind", kind).put("raisedAt", System.currentTimeMillis())).put("index", index)).encode());
        }
    }

    /** With the meeting's monitor held: one task per event loop, the same String to each of its sockets. */
    private static long send(Meeting m, long seq, String frame) {
        int bytes = frame.length() + 4;
        Context here = Vertx.currentContext();
        for (Map.Entry<Context, List<Peer>> e : m.byLoop.entrySet()) {
            Peer[] batch = e.getValue().toArray(new Peer[0]);
            if (e.getKey() == here) write(batch, frame, bytes);
            else e.getKey().runOnContext(v -> write(batch, frame, bytes));
        }
        return seq;
    }

    private static void write(Peer[] batch, String frame, int bytes) {
        for (Peer p : batch) {
            if (p.dead) continue;
            if (p.inFlightBytes > slowBytes) {
                p.dead = true;
                CUT.incrementAndGet();
                p.ws.close((short) 1013, "slow consumer");
                continue;
            }
            p.inFlightBytes += bytes;
            p.ws.writeTextMessage(frame).onComplete(ar -> p.inFlightBytes -= bytes);
        }
    }
}
