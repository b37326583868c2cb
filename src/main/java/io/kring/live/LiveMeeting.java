package io.kring.live;

import java.util.ArrayList;
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
    final PendingPresence pendingPresence = new PendingPresence();
    boolean presenceFlushArmed;
    /**
     * NWM1: the network's memory given to this load of the meeting, and what it was built from (null: none yet, or
     * not a network meeting). A reload starts without it; the next round opening builds it again.
     */
    NetworkMixing.Remembered networkMemory;
    /** When anyone last used the meeting (a command, a read, a connection): an idle meeting leaves memory (E1). */
    long lastUsedAt;

    /**
     * The pending presence changes, counting every one ever added: presence changes the meeting's state
     * without changing {@code seq}, so {@code seq} and this count together tell whether a welcome's shared
     * parts built earlier still show the state (see {@link WelcomeState}).
     */
    static final class PendingPresence extends ArrayList<MeetingEvent.PresenceChange> {
        private long added;

        long added() {
            return added;
        }

        @Override
        public boolean add(MeetingEvent.PresenceChange change) {
            added++;
            return super.add(change);
        }

        @Override
        public boolean addAll(java.util.Collection<? extends MeetingEvent.PresenceChange> changes) {
            added += changes.size();
            return super.addAll(changes);
        }

        @Override
        public void add(int index, MeetingEvent.PresenceChange change) {
            throw new UnsupportedOperationException("presence changes are added in order");
        }
    }

    LiveMeeting(String id, Meeting meeting, long seq) {
        this.id = id;
        this.meeting = meeting;
        this.seq = seq;
    }
}
