package io.kring.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.live.LiveMeetings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * On SIGTERM: let the commands being handled finish (stored and answered), then close every socket
 * with 1001 so clients reconnect to the next start. Nothing acknowledged is lost: it was stored first.
 * It runs at the start of the shutdown delay ({@code quarkus.shutdown.delay}): by the time of
 * {@code ShutdownEvent} the HTTP server has already dropped the sockets (as 1000).
 */
@ApplicationScoped
public class GracefulShutdown {

    /** How long the close frames get to leave before the HTTP server stops. */
    private static final long CLOSE_WAIT_NANOS = 3_000_000_000L;

    private final LiveMeetings meetings;
    private final Connections connections;

    public GracefulShutdown(LiveMeetings meetings, Connections connections) {
        this.meetings = meetings;
        this.connections = connections;
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent shutdown) {
        connections.refuseNewConnections();
        meetings.drain();
        connections.closeAll(1001, "server shutting down");
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (connections.openCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Log.infof("Kring is shutting down: connections closed with 1001 (%d still closing)", connections.openCount());
    }
}
