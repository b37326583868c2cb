package io.kring.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small WebSocket client on the JDK's {@link WebSocket} for the operations tests: says hello, keeps every
 * frame it receives in order, sends commands and waits for their answer. Every wait is bounded.
 */
final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final String label;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Object monitor = new Object();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;
    private JsonNode welcome;

    private WsClient(String label) {
        this.label = label;
    }

    /** Opens a socket, says hello with {@code token} and waits for the welcome. */
    static WsClient connect(int port, String meetingId, String token, String label) {
        WsClient client = new WsClient(label);
        try {
            client.socket = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/meetings/" + meetingId), client.new Listener())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": cannot open a WebSocket to meeting " + meetingId, e);
        }
        ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("token", token);
        client.sendText(hello.toString());
        client.welcome = client.await("a welcome", f -> "welcome".equals(f.path("type").asText()));
        return client;
    }

    JsonNode welcome() {
        return welcome;
    }

    /** Every frame received so far, in order. */
    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Sends a command with a fresh id and returns its answer (ack or error). */
    JsonNode command(String type, Map<String, ?> fields) {
        String id = "c" + nextId.incrementAndGet();
        ObjectNode frame = JSON.valueToTree(fields);
        frame.put("type", type);
        frame.put("id", id);
        sendText(frame.toString());
        return await("the answer to " + type + " " + id,
                f -> id.equals(f.path("id").textValue()) && !"event".equals(f.path("type").asText()));
    }

    /** Sends a command and fails unless it is acknowledged; returns the ack. */
    JsonNode ack(String type, Map<String, ?> fields) {
        JsonNode reply = command(type, fields);
        if (!"ack".equals(reply.path("type").asText())) {
            throw new AssertionError(label + ": expected an ack for " + type + " but got " + reply);
        }
        return reply;
    }

    synchronized void sendText(String text) {
        try {
            socket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": could not send " + text, e);
        }
    }

    /** The first frame received (since the connection opened) that matches. */
    JsonNode await(String what, Predicate<JsonNode> matches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (monitor) {
            while (true) {
                for (JsonNode frame : frames) {
                    if (matches.test(frame)) {
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(label + ": no " + what + " within " + TIMEOUT.toSeconds() + " s; last frames: "
                            + frames.subList(Math.max(0, frames.size() - 5), frames.size())
                            + (closeCode.isDone() ? "; closed with " + closeCode.join() : ""));
                }
                try {
                    monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    synchronized (monitor) {
                        frames.add(frame);
                        monitor.notifyAll();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(label + ": not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            synchronized (monitor) {
                monitor.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
