package io.kring.websocket;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.config.KringConfig;
import io.kring.live.Broadcaster;
import io.kring.live.Broadcaster.Told;
import io.kring.live.KringMetrics;
import io.kring.live.MeetingLeftMemory;
import io.kring.meeting.Audience;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Notice;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Our own registry: meeting -> participant -> open sessions. Fan-out walks one meeting's sessions,
 * never every connection of the server, and serializes each delivery once for all its recipients.
 * A participant keeps at most {@link #MAX_CONNECTIONS_PER_PARTICIPANT} connections (R8), and their
 * frames are limited over all of them together (R2).
 */
@ApplicationScoped
public class Connections implements Broadcaster {

    private final Protocol protocol;
    private final KringMetrics metrics;
    private final long maxUnsentBytes;
    private final long silenceTimeoutMillis;
    private volatile boolean shuttingDown;
    private final Map<String, Session> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Participant>> byMeeting = new ConcurrentHashMap<>();
    private final Clock clock;

    static final int MAX_CONNECTIONS_PER_PARTICIPANT = 5;

    /**
     * One participant's registered sessions, oldest first (never changed, only replaced under the map's
     * per-key lock, so registering and unregistering are atomic), and the frame limit they share. The entry
     * outlives the last session until the limit is quiet, so reconnecting does not reset the limit.
     */
    private record Participant(List<Session> sessions, FrameLimit frames) {
    }

    public Connections(Protocol protocol, KringMetrics metrics, KringConfig config, Clock clock) {
        this.clock = clock;
        this.protocol = protocol;
        this.metrics = metrics;
        this.maxUnsentBytes = config.websocket().maxUnsentBytes();
        this.silenceTimeoutMillis = config.websocket().silenceTimeout().toMillis();
        metrics.gauge("kring.connections", "Open WebSocket connections", byConnection::size);
    }

    /** Looks for silent peers a few times per timeout, so one is dropped at most a quarter late. */
    void watchForSilentPeers(@Observes StartupEvent startup, Vertx vertx, Clock clock) {
        vertx.setPeriodic(Math.max(250, silenceTimeoutMillis / 4), timer -> {
            dropSilentPeers(clock.millis());
            forgetQuietParticipants(clock.millis());
        });
    }

    /** R6: every connection that sent nothing, not even a pong, for the silence timeout is dropped. */
    void dropSilentPeers(long now) {
        for (Session session : byConnection.values()) {
            if (session.silentSince(now - silenceTimeoutMillis)) {
                Log.infof("[%s] dropping a connection of %s that answered nothing for %d s", session.meetingId,
                        session.participantId(), silenceTimeoutMillis / 1000);
                metrics.silentPeerDropped();
                session.drop();
            }
        }
    }

    Session open(WebSocketConnection connection, String meetingId, long now) {
        Session session = new Session(connection, meetingId, maxUnsentBytes, metrics::slowConsumerClosed, now);
        byConnection.put(connection.id(), session);
        if (shuttingDown) {
            session.close(1001, "server shutting down");
        }
        return session;
    }

    /** From the start of a graceful shutdown on, new connections are closed with 1001 at once. */
    void refuseNewConnections() {
        shuttingDown = true;
    }

    Session session(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    Session forget(WebSocketConnection connection) {
        return byConnection.remove(connection.id());
    }

    /**
     * R2: counts the hello of a connection whose token named {@code participantId} in the frame limit that
     * participant shares over all their connections, or refuses it (uncounted) when the window is full. The
     * participant's entry is kept (without sessions) until the limit is quiet, so the count survives until
     * {@link #register} attaches the session to the same limit.
     */
    boolean admitHello(String meetingId, String participantId, long now) {
        boolean[] admitted = new boolean[1];
        byMeeting.compute(meetingId, (id, participants) -> {
            Map<String, Participant> registered = participants == null ? new ConcurrentHashMap<>() : participants;
            registered.compute(participantId, (pid, participant) -> {
                Participant known = participant == null ? new Participant(List.of(), new FrameLimit()) : participant;
                admitted[0] = known.frames().admit(now);
                return known;
            });
            return registered;
        });
        return admitted[0];
    }

    /**
     * Starts delivering the meeting's events to an authenticated session, which shares its participant's
     * frame limit from now on. R8: if the participant already has {@link #MAX_CONNECTIONS_PER_PARTICIPANT}
     * open connections, the oldest is closed with 4409.
     */
    void register(Session session) {
        List<Session> replaced = new ArrayList<>(1);
        // Inside compute, so that an unregister dropping the meeting's emptied map cannot lose this one.
        byMeeting.compute(session.meetingId, (meetingId, participants) -> {
            Map<String, Participant> registered = participants == null ? new ConcurrentHashMap<>() : participants;
            registered.compute(session.participantId(), (id, participant) -> {
                FrameLimit frames = participant == null ? new FrameLimit() : participant.frames();
                List<Session> sessions = new ArrayList<>(participant == null ? List.of() : participant.sessions());
                List<Session> open = sessions.stream().filter(s -> !s.isClosing()).toList();
                replaced.addAll(open.subList(0, Math.max(0, open.size() - MAX_CONNECTIONS_PER_PARTICIPANT + 1)));
                sessions.add(session);
                session.limitFramesWith(frames);
                return new Participant(List.copyOf(sessions), frames);
            });
            return registered;
        });
        for (Session oldest : replaced) {
            Log.debugf("[%s] a sixth connection of %s replaces their oldest", session.meetingId, session.participantId());
            oldest.close(4409, "replaced by a newer connection");
        }
    }

    void unregister(Session session) {
        if (session.participantId() == null) {
            return;
        }
        long now = clock.millis();
        // A meeting's map leaves with its last session: it must not outlive the meeting in memory (E1).
        byMeeting.computeIfPresent(session.meetingId, (meetingId, participants) -> {
            participants.computeIfPresent(session.participantId(), (id, participant) -> {
                List<Session> sessions = participant.sessions().stream().filter(s -> s != session).toList();
                return sessions.isEmpty() && participant.frames().isQuiet(now) ? null
                        : new Participant(sessions, participant.frames());
            });
            return participants.isEmpty() ? null : participants;
        });
    }

    /** Forgets the participants without a connection whose frame limit has become quiet since they left. */
    void forgetQuietParticipants(long now) {
        for (String meetingId : byMeeting.keySet()) {
            byMeeting.computeIfPresent(meetingId, (id, participants) -> {
                participants.values().removeIf(p -> p.sessions().isEmpty() && p.frames().isQuiet(now));
                return participants.isEmpty() ? null : participants;
            });
        }
    }

    /** E1: nothing is kept for a meeting that left memory with no session registered (frame limits neither). */
    void forgetMeeting(@Observes MeetingLeftMemory left) {
        byMeeting.computeIfPresent(left.meetingId(), (id, participants) -> {
            participants.values().removeIf(p -> p.sessions().isEmpty());
            return participants.isEmpty() ? null : participants;
        });
    }

    @Override
    public boolean hasConnections(String meetingId) {
        Map<String, Participant> participants = byMeeting.get(meetingId);
        return participants != null && participants.values().stream().anyMatch(p -> !p.sessions().isEmpty());
    }

    int openCount() {
        return byConnection.size();
    }

    /** Closes every connection, for a graceful shutdown. */
    void closeAll(int closeCode, String reason) {
        byConnection.values().forEach(session -> session.close(closeCode, reason));
    }

    @Override
    public void publish(String meetingId, List<Told> events) {
        Map<String, Participant> participants = byMeeting.get(meetingId);
        if (participants == null) {
            return;
        }
        FrameBurst burst = new FrameBurst();
        for (Told told : events) {
            for (Notice.Delivery delivery : told.notice().deliveries()) {
                List<Session> recipients = new ArrayList<>();
                if (delivery.audience() instanceof Audience.Only only) {
                    for (String participantId : only.participantIds()) {
                        Participant participant = participants.get(participantId);
                        if (participant != null) {
                            recipients.addAll(participant.sessions());
                        }
                    }
                } else {
                    participants.values().forEach(participant -> recipients.addAll(participant.sessions()));
                }
                if (!recipients.isEmpty()) {
                    burst.add(recipients,
                            protocol.encode(new Messages.Event(told.seq(), told.notice().name(), delivery.data())));
                }
            }
        }
        burst.send();
    }

    @Override
    public void sendSnapshot(String meetingId, String participantId, long seq, MeetingView.Snapshot snapshot) {
        List<Session> sessions = sessionsOf(meetingId, participantId);
        if (!sessions.isEmpty()) {
            String text = protocol.encode(new Messages.Event(seq, "state.snapshot", snapshot));
            sessions.forEach(session -> session.sendWholeState(text));
        }
    }

    @Override
    public void disconnect(String meetingId, String participantId, int closeCode, String reason) {
        sessionsOf(meetingId, participantId).forEach(session -> session.close(closeCode, reason));
    }

    @Override
    public void disconnectAll(String meetingId, int closeCode, String reason) {
        for (Session session : byConnection.values()) {
            if (session.meetingId.equals(meetingId)) {
                session.close(closeCode, reason);
            }
        }
    }

    @Override
    public boolean isConnected(String meetingId, String participantId) {
        return sessionsOf(meetingId, participantId).stream().anyMatch(session -> !session.isClosing());
    }

    private List<Session> sessionsOf(String meetingId, String participantId) {
        Map<String, Participant> participants = byMeeting.get(meetingId);
        Participant participant = participants == null ? null : participants.get(participantId);
        return participant == null ? List.of() : participant.sessions();
    }
}
