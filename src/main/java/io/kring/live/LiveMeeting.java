package io.kring.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingEvent;

/**
 * One loaded meeting: its state, its sequence number and the lock that serialises everything done
 * to it. Only this package ({@link LiveMeetings} and its helpers) touches these fields, and only while
 * holding the lock.
 */
final class LiveMeeting {
    final String id;
    final ReentrantLock lock = new ReentrantLock();
    Meeting meeting;
    long seq;
    /** Set when the in-memory state was dropped after a failed write; the next caller loads it again. */
    boolean stale;
    /**
     * Presence changes (online, offline) already applied to the meeting but not yet stored nor told:
     * they are stored and told as one event at the next flush, or before the next other event (P8).
     */
    final List<MeetingEvent.PresenceChange> pendingPresence = new ArrayList<>();
    boolean presenceFlushArmed;
    /** When anyone last used the meeting (a command, a read, a connection): an idle meeting leaves memory (E1). */
    long lastUsedAt;

    LiveMeeting(String id, Meeting meeting, long seq) {
        this.id = id;
        this.meeting = meeting;
        this.seq = seq;
    }
}
