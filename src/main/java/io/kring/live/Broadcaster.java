package io.kring.live;

import java.util.List;

import io.kring.meeting.MeetingView;
import io.kring.meeting.Notice;

/**
 * Port: tells the connected participants. Called with the meeting's lock held, in {@code seq} order,
 * so each connection receives events in order. Implementations must not block.
 */
public interface Broadcaster {

    /** One event to tell, with its place in the meeting's sequence. */
    record Told(long seq, Notice notice) {
    }

    /**
     * Serializes each delivery of each notice once and sends it to the connections of its audience, in
     * the order given; a connection that gets several of them gets them in one burst (one flush), before
     * anything sent to it after this call.
     */
    void publish(String meetingId, List<Told> events);

    default void publish(String meetingId, long seq, Notice notice) {
        publish(meetingId, List.of(new Told(seq, notice)));
    }

    /** A fresh snapshot for one participant whose view changed beyond one field. */
    void sendSnapshot(String meetingId, String participantId, long seq, MeetingView.Snapshot snapshot);

    /** Closes every connection of one participant. */
    void disconnect(String meetingId, String participantId, int closeCode, String reason);

    /** Closes every connection of the meeting. */
    void disconnectAll(String meetingId, int closeCode, String reason);

    /** Whether the participant has at least one open connection. */
    boolean isConnected(String meetingId, String participantId);

    /** Whether any connection of the meeting is still registered, closing or not. */
    boolean hasConnections(String meetingId);
}
