package io.kring.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tiny WebSocket client speaking protocol.md section 2, on the JDK's own {@link WebSocket} (independent of
 * the server's Vert.x). Every frame received is kept, in order, in {@link #frames()} (and queued in an inbox
 * for {@link #next()}); the close code is kept too. Every wait has a timeout ({@link #TIMEOUT}) and fails
 * with the frames seen so far, so a failing test tells what the server did say.
 */
public final class TestParticipant implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Who this connection belongs to (null for a raw connection that has not said hello). */
    public final Api.Joined who;
    private final String label;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final LinkedBlockingDeque<JsonNode> inbox = new LinkedBlockingDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Object monitor = new Object();
    private volatile String closeReason;
    private volatile boolean holdCloseReply;
    private volatile WebSocket socket;

    private TestParticipant(Api.Joined who, String label) {
        this.who = who;
        this.label = label;
    }

    /** The WebSocket address of a meeting on the test server. */
    public static URI socketUri(String meetingId) {
        return URI.create("ws://localhost:" + Api.port() + "/ws/meetings/" + meetingId);
    }

    /** Opens a socket to the meeting without saying hello. */
    public static TestParticipant open(String meetingId) {
        return open(meetingId, null, "raw");
    }

    /** Opens a socket, says hello with this participant's token and waits for the welcome. */
    public static TestParticipant connect(Api.Joined who) {
        TestParticipant participant = open(who.meetingId(), who, who.name());
        participant.sendJson(Map.of("type", "hello", "token", who.token()));
        participant.welcome();
        return participant;
    }

    /**
     * Opens a socket without saying hello, with {@code X-Forwarded-For: clientAddress}: the server takes it for
     * the client's address when the test profile trusts loopback as a proxy ({@code kring.trusted-proxies}).
     */
    public static TestParticipant openFrom(String meetingId, String clientAddress) {
        return open(meetingId, null, "raw from " + clientAddress, clientAddress);
    }

    /** As {@link #connect}, with {@code X-Forwarded-For: clientAddress} (see {@link #openFrom}). */
    public static TestParticipant connectFrom(Api.Joined who, String clientAddress) {
        TestParticipant participant = open(who.meetingId(), who, who.name(), clientAddress);
        participant.sendJson(Map.of("type", "hello", "token", who.token()));
        participant.welcome();
        return participant;
    }

    private static TestParticipant open(String meetingId, Api.Joined who, String label) {
        return open(meetingId, who, label, null);
    }

    private static TestParticipant open(String meetingId, Api.Joined who, String label, String forwardedFor) {
        TestParticipant participant = new TestParticipant(who, label);
        try {
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
            if (forwardedFor != null) {
                builder.header("X-Forwarded-For", forwardedFor);
            }
            participant.socket = builder
                    .buildAsync(socketUri(meetingId), participant.new Listener())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot open a WebSocket to meeting " + meetingId, e);
        }
        return participant;
    }

    // -------------------------------------------------------------------------------------------
    // Sending

    /** Sends a command with a fresh id; {@code fields} alternate name and value. Returns the id. */
    public String send(String type, Object... fields) {
        return send(type, fields(fields));
    }

    /** Sends a command with a fresh id and the given fields (null values are sent as JSON null). */
    public String send(String type, Map<String, ?> fields) {
        String id = "c" + nextId.incrementAndGet();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("id", id);
        frame.putAll(fields);
        sendJson(frame);
        return id;
    }

    /** Sends a command and waits for its ack (failing on an error). Returns the ack. */
    public JsonNode ack(String type, Object... fields) {
        return awaitAck(send(type, fields));
    }

    /** Sends a command and waits for its error (failing on an ack). Returns the error frame. */
    public JsonNode error(String type, Object... fields) {
        return awaitError(send(type, fields));
    }

    public void sendJson(Object frame) {
        try {
            sendText(JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends one text frame as is; the JDK allows one send at a time, so this waits for it to be written. */
    public synchronized void sendText(String text) {
        try {
            socket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": could not send " + abbreviate(text), e);
        }
    }

    public synchronized void sendBinary(byte[] bytes) {
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": could not send binary", e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Receiving

    /** The welcome of this connection (waits for it). */
    public JsonNode welcome() {
        return await("a welcome", 0, f -> "welcome".equals(f.path("type").asText()));
    }

    /** The ack of command {@code id}; fails if the command got an error instead. */
    public JsonNode awaitAck(String id) {
        JsonNode reply = awaitReply(id);
        if (!"ack".equals(reply.path("type").asText())) {
            throw new AssertionError(label + ": expected an ack for " + id + " but got " + reply);
        }
        return reply;
    }

    /** The error answering command {@code id}; fails if the command was acked instead. */
    public JsonNode awaitError(String id) {
        JsonNode reply = awaitReply(id);
        if (!"error".equals(reply.path("type").asText())) {
            throw new AssertionError(label + ": expected an error for " + id + " but got " + reply);
        }
        return reply;
    }

    /** The ack or error whose {@code id} is {@code id}. */
    public JsonNode awaitReply(String id) {
        return await("the answer to " + id, 0, f -> isReply(f) && Objects.equals(id, f.path("id").textValue()));
    }

    /** The first error frame with {@code "id": null} received. */
    public JsonNode awaitErrorWithoutId() {
        return await("an error with id null", 0,
                f -> "error".equals(f.path("type").asText()) && f.has("id") && f.get("id").isNull());
    }

    /** The first event {@code name} (since the connection opened) whose {@code data} matches. */
    public JsonNode awaitEvent(String name, Predicate<JsonNode> data) {
        return awaitEvent(0, name, data);
    }

    public JsonNode awaitEvent(String name) {
        return awaitEvent(0, name, d -> true);
    }

    /** The first event {@code name} at or after frame index {@code from} (see {@link #mark()}) whose data matches. */
    public JsonNode awaitEvent(int from, String name, Predicate<JsonNode> data) {
        return await("event " + name, from, f -> isEvent(f, name) && data.test(f.path("data")));
    }

    /** The first event {@code name} whose data matches, waiting up to {@code timeout} (for server timers). */
    public JsonNode awaitEvent(String name, Predicate<JsonNode> data, Duration timeout) {
        return await("event " + name, 0, f -> isEvent(f, name) && data.test(f.path("data")), timeout);
    }

    /** The first frame at or after {@code from} that matches. */
    public JsonNode await(String what, int from, Predicate<JsonNode> matches) {
        return await(what, from, matches, TIMEOUT);
    }

    /** The first frame at or after {@code from} that matches, waiting up to {@code timeout}. */
    public JsonNode await(String what, int from, Predicate<JsonNode> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                for (int i = from; i < frames.size(); i++) {
                    JsonNode frame = frames.get(i);
                    if (matches.test(frame)) {
                        return frame;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || closed.isDone()) {
                    throw new AssertionError(label + ": no " + what + " within " + timeout.toMillis() + " ms"
                            + (closed.isDone() ? " (closed " + closed.getNow(null) + " " + closeReason + ")" : "")
                            + "; frames: " + describe(frames));
                }
                try {
                    monitor.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The next frame of the inbox (in arrival order), waiting for one. */
    public JsonNode next() {
        try {
            JsonNode frame = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError(label + ": no frame within " + TIMEOUT.toSeconds() + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The number of frames received so far: a mark for {@link #awaitEvent(int, String, Predicate)}. */
    public int mark() {
        return frames.size();
    }

    /** Every frame received, in order. */
    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Every frame received from index {@code from} on. */
    public List<JsonNode> framesSince(int from) {
        List<JsonNode> all = frames();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Every event {@code name} received, in order. */
    public List<JsonNode> events(String name) {
        return frames().stream().filter(f -> isEvent(f, name)).toList();
    }

    public int indexOf(JsonNode frame) {
        List<JsonNode> all = frames();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == frame) {
                return i;
            }
        }
        return -1;
    }

    /** Waits for the server to close this socket; returns the close code. */
    public int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": not closed within " + TIMEOUT.toSeconds() + " s; frames: "
                    + describe(frames), e);
        }
    }

    /** Waits up to {@code timeout} for the server to close this socket; returns the close code. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(label + ": not closed within " + timeout.toMillis() + " ms", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public String closeReason() {
        return closeReason;
    }

    /** The {@code seq} of the last welcome or event received (0 before any). */
    public long lastSeq() {
        long seq = 0;
        for (JsonNode frame : frames()) {
            String type = frame.path("type").asText();
            if (type.equals("welcome") || type.equals("event")) {
                seq = frame.path("seq").asLong();
            }
        }
        return seq;
    }

    /** The participant id (of {@link #who}). */
    public String id() {
        return who.participantId();
    }

    /**
     * From now on, when the server closes this socket, do not answer its close frame (a client that vanished
     * mid-close): the server keeps the connection until its closing timeout. {@link #close()} aborts it.
     */
    public void holdCloseReply() {
        holdCloseReply = true;
    }

    /** Closes the socket normally (1000) if it is still open, waiting briefly for the server's answer. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        if (closed.isDone() && holdCloseReply) {
            socket.abort();
            return;
        }
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                synchronized (this) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    @Override
    public String toString() {
        return label;
    }

    // -------------------------------------------------------------------------------------------

    public static boolean isEvent(JsonNode frame, String name) {
        return "event".equals(frame.path("type").asText()) && name.equals(frame.path("name").asText());
    }

    public static boolean isReply(JsonNode frame) {
        String type = frame.path("type").asText();
        return type.equals("ack") || type.equals("error");
    }

    /** Name-value pairs as a map (values may be null). */
    public static Map<String, Object> fields(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name-value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String describe(List<JsonNode> frames) {
        List<String> lines = new ArrayList<>();
        int from = Math.max(0, frames.size() - 25);
        if (from > 0) {
            lines.add("(" + from + " earlier frames)");
        }
        for (int i = from; i < frames.size(); i++) {
            lines.add(abbreviate(frames.get(i).toString()));
        }
        return "\n  " + String.join("\n  ", lines);
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }

    private void received(JsonNode frame) {
        synchronized (monitor) {
            frames.add(frame);
            inbox.add(frame);
            monitor.notifyAll();
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(JSON.readTree(text));
                } catch (JsonProcessingException e) {
                    received(JsonNodeFactory.instance.objectNode().put("type", "unreadable").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            received(JsonNodeFactory.instance.objectNode().put("type", "binary"));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            synchronized (monitor) {
                closed.complete(statusCode);
                monitor.notifyAll();
            }
            return holdCloseReply ? new CompletableFuture<Void>() : null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = "error: " + error;
            synchronized (monitor) {
                closed.complete(-1);
                monitor.notifyAll();
            }
        }
    }

    /** Optional helper: the value at a JSON pointer, if present and not null. */
    public static Optional<JsonNode> at(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
