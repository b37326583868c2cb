package io.kring.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A participant's socket as the web client keeps it (frontend/js/connection.js): hello, welcome, commands; after a
 * close {@code 4307} with an address it connects to that node, after any other close through the balancer again.
 */
final class FollowingClient implements WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final LinkedBlockingDeque<JsonNode> frames = new LinkedBlockingDeque<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    volatile String closeReason;
    private WebSocket socket;
    /** The http(s) base this socket went to: the balancer, or a node's address after a 4307. */
    String base;
    JsonNode welcome;
    private int nextId;

    /**
     * Connects from {@code balancer} until welcomed, following 4307s, for at most {@code within}; the welcome
     * may come from any node.
     */
    static FollowingClient connect(String balancer, String meetingId, String token, Duration within) throws Exception {
        return connect(balancer, meetingId, token, within, true);
    }

    /** As {@link #connect}; without {@code follow}, always to {@code balancer} (one node's own address). */
    static FollowingClient connect(String balancer, String meetingId, String token, Duration within, boolean follow)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String base = balancer;
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            FollowingClient client = new FollowingClient();
            client.base = base;
            try {
                client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                        .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws/meetings/" + meetingId), client)
                        .get(5, TimeUnit.SECONDS);
                client.socket.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\"}", true).get(5, TimeUnit.SECONDS);
                JsonNode first = client.next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (first != null && "welcome".equals(first.path("type").asText())) {
                    client.welcome = first;
                    return client;
                }
                int code = client.closed.isDone() ? client.closed.join()[0] : -1;
                last = "close " + code + " '" + client.closeReason + "' from " + base;
                client.abort();
                if (follow && code == 4307 && client.closeReason != null && !client.closeReason.isEmpty()) {
                    base = client.closeReason; // the owner's address: go there at once
                    continue;
                }
            } catch (Exception e) {
                last = e + " at " + base;
                client.abort();
            }
            base = balancer;
            Thread.sleep(100);
        }
        throw new AssertionError("not welcomed within " + within + "; last: " + last);
    }

    /** How one hello without following went: the close code and reason, or 0 when welcomed. */
    record Attempt(int closeCode, String closeReason) {
    }

    static Attempt attempt(String base, String meetingId, String token) throws Exception {
        FollowingClient client = new FollowingClient();
        client.socket = HTTP.newWebSocketBuilder().buildAsync(
                URI.create(base.replaceFirst("^http", "ws") + "/ws/meetings/" + meetingId), client).get(5, TimeUnit.SECONDS);
        client.socket.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode first = client.next(10_000);
        client.abort();
        if (first != null && "welcome".equals(first.path("type").asText())) {
            return new Attempt(0, null);
        }
        return new Attempt(client.closed.isDone() ? client.closed.join()[0] : -1, client.closeReason);
    }

    /** The next frame, or null when the socket closed or nothing came in time. */
    private JsonNode next(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null) {
                return frame;
            }
            if (closed.isDone() && frames.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** Sends a command; the reply frame ({@code ack} or {@code error}), or null when the socket closed first. */
    JsonNode send(String type, Map<String, Object> fields, Duration within) throws Exception {
        String id = "c" + (++nextId);
        ObjectNode frame = JSON.valueToTree(fields);
        frame.put("type", type);
        frame.put("id", id);
        socket.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode reply = next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (reply == null) {
                return null;
            }
            if (id.equals(reply.path("id").asText()) && !"event".equals(reply.path("type").asText())) {
                return reply;
            }
        }
        throw new AssertionError("no reply to " + type + " within " + within);
    }

    /** Sends a command that must be acknowledged; its ack. */
    JsonNode command(String type, Map<String, Object> fields) throws Exception {
        JsonNode reply = send(type, fields, Duration.ofSeconds(10));
        if (reply == null || !"ack".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " not acknowledged: " + reply + " (close '" + closeReason + "')");
        }
        return reply;
    }

    /** Waits until the socket is closed; its close code. */
    int awaitClose(Duration within) throws Exception {
        return closed.get(within.toMillis(), TimeUnit.MILLISECONDS)[0];
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(new int[] { statusCode });
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = String.valueOf(error);
        closed.complete(new int[] { 1006 });
    }
}
