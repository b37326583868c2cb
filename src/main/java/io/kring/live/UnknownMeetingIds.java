package io.kring.live;

import java.util.concurrent.ConcurrentHashMap;

/**
 * E6: ids the store did not know, until when: a client hammering an unknown id costs one query per
 * {@link #UNKNOWN_FOR_MS}, not one per request. Bounded; a created or found meeting is never in it.
 */
final class UnknownMeetingIds {

    static final long UNKNOWN_FOR_MS = 10_000;
    static final int MAX_UNKNOWN_IDS = 10_000;

    private final ConcurrentHashMap<String, Long> unknownUntil = new ConcurrentHashMap<>();

    /** Whether the store did not know this id a moment ago. */
    boolean isUnknown(String meetingId, long now) {
        Long until = unknownUntil.get(meetingId);
        if (until == null) {
            return false;
        }
        if (until > now) {
            return true;
        }
        unknownUntil.remove(meetingId, until);
        return false;
    }

    void remember(String meetingId, long now) {
        if (unknownUntil.size() >= MAX_UNKNOWN_IDS) {
            unknownUntil.values().removeIf(until -> until <= now);
            if (unknownUntil.size() >= MAX_UNKNOWN_IDS) {
                // A flood of random ids: start over rather than grow; each costs one query again.
                unknownUntil.clear();
            }
        }
        unknownUntil.put(meetingId, now + UNKNOWN_FOR_MS);
    }

    /** The meeting was created with this id. */
    void forget(String meetingId) {
        unknownUntil.remove(meetingId);
    }
}
