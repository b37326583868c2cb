package io.kring.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the meetings deleted on this node (by DELETE or by retention), the most recent
 * {@link #MAX_IDS}, so that a hello to one closes with 4410 ("meeting ended or deleted", protocol.md
 * section 2) rather than 4401: a client with an old link learns the meeting is gone, not that its token
 * is bad. Only the random ids are kept, nothing about who took part; HTTP still answers 404.
 */
final class DeletedMeetingIds {

    static final int MAX_IDS = 10_000;

    private final Map<String, Boolean> ids = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_IDS;
        }
    };

    synchronized void remember(String meetingId) {
        ids.put(meetingId, Boolean.TRUE);
    }

    /** Whether this id was deleted here (among the last {@link #MAX_IDS}); a look-up keeps it longer (LRU). */
    synchronized boolean wasDeleted(String meetingId) {
        return ids.get(meetingId) != null;
    }

    synchronized int size() {
        return ids.size();
    }
}
