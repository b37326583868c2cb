package io.kring.live;

import java.util.concurrent.locks.ReentrantLock;

import io.kring.meeting.Meeting;

/**
 * One loaded meeting: its state, its sequence number and the lock that serialises everything done
 * to it. Only {@link LiveMeetings} touches these fields, and only while holding the lock.
 */
final class LiveMeeting {
    final String id;
    final ReentrantLock lock = new ReentrantLock();
    Meeting meeting;
    long seq;
    /** Set when the in-memory state was dropped after a failed write; the next caller loads it again. */
    boolean stale;

    LiveMeeting(String id, Meeting meeting, long seq) {
        this.id = id;
        this.meeting = meeting;
        this.seq = seq;
    }
}
