package io.kring.websocket;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import io.kring.live.KringMetrics;
import io.kring.live.LiveMeetings;
import io.kring.live.MeetingOwnership;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.Rejected;
import io.kring.web.ClientAddresses;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The live connection of protocol.md section 2. Thin on purpose: it reads the frame, takes the
 * participant from the connection (never from the payload), hands the command to {@link LiveMeetings}
 * and answers {@code ack} or {@code error}. Nothing escapes a callback: an uncaught exception would
 * close the connection.
 */
@WebSocket(path = "/ws/meetings/{meetingId}")
public class MeetingSocket {

    static final long HELLO_TIMEOUT_MS = 10_000;
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    static final String RATE_LIMITED_MESSAGE = "at most 20 messages a second";
    static final String TOO_MANY_WAITING_REASON = "too many connections waiting for their hello; try again later";

    private final LiveMeetings meetings;
    private final Connections connections;
    private final Protocol protocol;
    private final Vertx vertx;
    private final Clock clock;
    private final KringMetrics metrics;
    private final WelcomeEncoder welcomes;
    private final PendingHellos pendingHellos;
    private final ClientAddresses clientAddresses;

    public MeetingSocket(LiveMeetings meetings, Connections connections, Protocol protocol, Vertx vertx, Clock clock,
            KringMetrics metrics, WelcomeEncoder welcomes, PendingHellos pendingHellos, ClientAddresses clientAddresses) {
        this.welcomes = welcomes;
        this.pendingHellos = pendingHellos;
        this.clientAddresses = clientAddresses;
        this.meetings = meetings;
        this.connections = connections;
        this.protocol = protocol;
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * R10: a socket beyond the bounds of sockets waiting for their hello (per client address, and in all) is closed
     * at once with 1013, before it costs a timer; the client tries again later, as after any 1013.
     */
    @OnOpen
    void onOpen(WebSocketConnection connection) {
        Session session = connections.open(connection, connection.pathParam("meetingId"), clock.millis());
        String clientAddress = clientAddress(connection.handshakeRequest());
        PendingHellos.Wait wait = pendingHellos.admit(clientAddress);
        if (wait == null) {
            Log.debugf("[%s] too many sockets waiting for their hello (from %s): closed", session.meetingId, clientAddress);
            session.close(1013, TOO_MANY_WAITING_REASON);
            return;
        }
        session.helloWait = wait;
        if (connection.isClosed()) {
            wait.release(); // it closed before it was counted: onClose may have missed it
        }
        session.helloTimer = vertx.setTimer(HELLO_TIMEOUT_MS, timer -> {
            if (!session.isAuthenticated()) {
                session.close(1008, "no hello within 10 seconds");
            }
        });
    }

    /** The client address of the handshake, as {@code HttpEdge} sees a request's (trusted proxies included). */
    private String clientAddress(HandshakeRequest handshake) {
        return clientAddresses.limitKey(peerHost(handshake.remoteAddress()), handshake.headers("X-Forwarded-For"));
    }

    /**
     * The TCP peer's IP from the handshake's {@code remoteAddress}, which Quarkus writes as {@code host:port} (an
     * IPv6 host without brackets): the port follows the last colon.
     */
    static String peerHost(String remoteAddress) {
        if (remoteAddress == null) {
            return null;
        }
        int colon = remoteAddress.lastIndexOf(':');
        return colon <= 0 ? remoteAddress : remoteAddress.substring(0, colon);
    }

    @OnTextMessage
    void onMessage(String text, WebSocketConnection connection) {
        Session session = connections.session(connection);
        if (session == null || session.isClosing()) {
            return;
        }
        session.heard(clock.millis());
        try {
            receive(session, text);
        } catch (Rejected e) {
            reply(session, new Messages.Error(NullNode.getInstance(), e.code().name(), e.getMessage()));
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] failed to handle a message", session.meetingId);
            reply(session, new Messages.Error(NullNode.getInstance(), ErrorCode.UNAVAILABLE.name(),
                    "the server could not handle this; try again"));
        }
    }

    private void receive(Session session, String text) {
        // R1: the limit counts the bytes on the wire, not characters; no text this short can exceed it.
        if (text.length() * 3L > MAX_MESSAGE_BYTES && Session.utf8Length(text) > MAX_MESSAGE_BYTES) {
            session.close(1009, "message too large");
            return;
        }
        // R2: every frame after the hello counts, counted before it is read: unreadable ones and repeated hellos too.
        // The first hello counts once its token named the participant (see hello).
        boolean admitted = !session.isAuthenticated() || session.admitFrame(clock.millis());
        JsonNode frame = protocol.parse(text);
        String type = frame == null || !frame.path("type").isTextual() ? null : frame.get("type").asText();
        if (!session.isAuthenticated()) {
            if (!"hello".equals(type)) {
                session.close(4401, "the first message must be a hello");
            } else {
                hello(session, frame.path("token").isTextual() ? frame.get("token").asText() : null);
            }
            return;
        }
        JsonNode id = Protocol.clientId(frame);
        String command = type != null && Protocol.COMMANDS.containsKey(type) ? type : "unknown";
        if (!admitted) {
            metrics.command(command, ErrorCode.RATE_LIMITED.name());
            reply(session, new Messages.Error(id, ErrorCode.RATE_LIMITED.name(), RATE_LIMITED_MESSAGE));
            return;
        }
        if (frame == null) {
            reply(session, new Messages.Error(id, ErrorCode.INVALID.name(), "not a JSON object"));
            return;
        }
        if ("hello".equals(type)) {
            reply(session, new Messages.Error(id, ErrorCode.INVALID.name(), "already said hello"));
            return;
        }
        if (!Protocol.hasUsableId(frame)) {
            metrics.command(command, ErrorCode.INVALID.name());
            reply(session, new Messages.Error(id, ErrorCode.INVALID.name(),
                    "id must be 1..64 visible ASCII characters or a whole number"));
            return;
        }
        MeetingCommand decoded;
        try {
            decoded = protocol.decode(type, frame);
        } catch (Rejected e) {
            refuse(session, command, id, e);
            return;
        }
        // Answered later, perhaps on another thread: the meeting's drainer stores it together with others (group commit).
        meetings.execute(session.meetingId, session.participantId(), decoded, seq -> {
            metrics.command(command, "ok");
            reply(session, new Messages.Ack(id, seq));
        }, refused -> refuse(session, command, id, refused));
    }

    private void refuse(Session session, String command, JsonNode id, Rejected refused) {
        if (refused.code() == ErrorCode.RATE_LIMITED) {
            session.giveBackFrame();
        }
        metrics.command(command, refused.code().name());
        reply(session, new Messages.Error(id, refused.code().name(), refused.getMessage()));
    }

    /** M3: the token decides who this is; the welcome and the registration happen under the meeting's lock. */
    private void hello(Session session, String token) {
        if (meetings.wasDeleted(session.meetingId)) {
            // Protocol 2.5: 4410 "meeting ended or deleted"; whatever the token, there is nothing to reconnect to.
            session.close(4410, "the meeting was deleted");
            return;
        }
        try {
            String participantId = meetings.authenticate(session.meetingId, token).orElse(null);
            if (participantId == null) {
                session.close(4401, "unknown token");
                return;
            }
            // R2: the hello counts as soon as the participant is known, before it costs a stored connect, a
            // welcome or a 4409 to an older socket: reconnecting in a loop buys no more than 20 frames a second.
            if (!connections.admitHello(session.meetingId, participantId, clock.millis())) {
                metrics.command("hello", ErrorCode.RATE_LIMITED.name());
                reply(session, new Messages.Error(NullNode.getInstance(), ErrorCode.RATE_LIMITED.name(),
                        RATE_LIMITED_MESSAGE));
                session.close(1008, "too many frames");
                return;
            }
            meetings.connect(session.meetingId, participantId, state -> {
                session.authenticate(participantId);
                vertx.cancelTimer(session.helloTimer);
                stopWaitingForHello(session);
                connections.register(session);
                session.sendWholeState(welcomes.encode(session.meetingId, state));
            });
        } catch (MeetingOwnership.OwnedElsewhere e) {
            // N3: another node has the meeting; the client reconnects there (or through the balancer when unknown)
            session.close(LiveMeetings.MOVED_CLOSE_CODE, e.ownerUrl() == null ? "" : e.ownerUrl());
        } catch (Rejected e) {
            if (e.code() == ErrorCode.ENDED) {
                session.close(4410, "the meeting has ended");
            } else if (e.code() == ErrorCode.UNAVAILABLE) {
                session.close(1011, "the database cannot be reached; reconnect");
            } else if (meetings.wasDeleted(session.meetingId)) { // deleted while this hello was on its way
                session.close(4410, "the meeting was deleted");
            } else {
                session.close(4401, "unknown token");
            }
        }
    }

    /**
     * R9: the protocol has no binary frames. One is answered like any unreadable frame, and counts as one
     * (R2); before the hello it closes the socket like any other first message that is not a hello.
     */
    @OnBinaryMessage
    void onBinaryMessage(Buffer data, WebSocketConnection connection) {
        Session session = connections.session(connection);
        if (session == null || session.isClosing()) {
            return;
        }
        session.heard(clock.millis());
        if (data.length() > MAX_MESSAGE_BYTES) {
            session.close(1009, "message too large");
        } else if (!session.isAuthenticated()) {
            session.close(4401, "the first message must be a hello");
        } else if (!session.admitFrame(clock.millis())) {
            metrics.command("unknown", ErrorCode.RATE_LIMITED.name());
            reply(session, new Messages.Error(NullNode.getInstance(), ErrorCode.RATE_LIMITED.name(), RATE_LIMITED_MESSAGE));
        } else {
            metrics.command("unknown", ErrorCode.INVALID.name());
            reply(session, new Messages.Error(NullNode.getInstance(), ErrorCode.INVALID.name(),
                    "binary frames are not understood; send JSON in text frames"));
        }
    }

    /** The answer to the server's ping (R6); on the event loop: it only notes the time. */
    @OnPongMessage
    @NonBlocking
    void onPong(Buffer data, WebSocketConnection connection) {
        Session session = connections.session(connection);
        if (session != null) {
            session.heard(clock.millis());
        }
    }

    /** The session is forgotten last, so a graceful shutdown waits until the disconnect is stored. */
    @OnClose
    void onClose(WebSocketConnection connection) {
        Session session = connections.session(connection);
        if (session == null) {
            return;
        }
        try {
            vertx.cancelTimer(session.helloTimer);
            stopWaitingForHello(session);
            if (session.isAuthenticated()) {
                meetings.disconnect(session.meetingId, session.participantId(), () -> connections.unregister(session));
            }
        } catch (RuntimeException e) {
            connections.unregister(session);
            Log.debugf("[%s] disconnect of %s not recorded: %s", session.meetingId, session.participantId(),
                    e.getMessage());
        } finally {
            connections.forget(connection);
        }
    }

    @OnError
    void onError(WebSocketConnection connection, Throwable failure) {
        Log.debugf("WebSocket %s failed: %s", connection.id(), failure.getMessage());
    }

    private static void stopWaitingForHello(Session session) {
        PendingHellos.Wait wait = session.helloWait;
        if (wait != null) {
            wait.release();
        }
    }

    private void reply(Session session, Object message) {
        session.send(protocol.encode(message));
    }
}
