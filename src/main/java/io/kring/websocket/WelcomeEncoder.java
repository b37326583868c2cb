package io.kring.websocket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.live.MeetingLeftMemory;

import io.kring.meeting.MeetingView;

/**
 * Encodes welcomes. A welcome carries every participant, and a reconnect storm of a big meeting asks
 * for a thousand welcomes in a row: each participant's JSON is kept and reused while their entry is
 * unchanged, and the roster is spliced into the rest of the welcome as text, so a welcome costs one
 * copy of the roster instead of serializing it (and copying it through the JSON writer) again.
 */
@ApplicationScoped
public class WelcomeEncoder {

    /**
     * Where the roster goes in the encoded welcome. The key cannot occur earlier by accident: the
     * fields before it ({@code meeting}, {@code you}) have no such key, and inside a JSON string a
     * quote is always escaped.
     */
    private static final String EMPTY_ROSTER = "\"participants\":[]";

    /**
     * L7: the meetings whose rosters are kept, the most recently welcomed first. At most 2,000 entries of at
     * most ~1 KB each per meeting (Limits.PARTICIPANTS, names 60 and organisations 80 characters), so this
     * bounds the cache to some tens of MB however many meetings are created.
     */
    static final int MEETINGS_KEPT = 32;

    private final Protocol protocol;
    private final Map<String, Map<String, Encoded>> byMeeting = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Encoded>> eldest) {
            return size() > MEETINGS_KEPT;
        }
    };

    public WelcomeEncoder(Protocol protocol) {
        this.protocol = protocol;
    }

    private record Encoded(MeetingView.ParticipantView view, String json) {
    }

    /** E1: the cache of a meeting that left memory goes with it (the event comes with the meeting's lock held). */
    void forget(@Observes MeetingLeftMemory left) {
        forget(left.meetingId());
    }

    /** L7: drops what is kept of a meeting that left memory, ended or was deleted. */
    public void forget(String meetingId) {
        synchronized (byMeeting) {
            byMeeting.remove(meetingId);
        }
    }

    /** How many meetings have rosters kept (for tests and metrics). */
    int meetingsKept() {
        synchronized (byMeeting) {
            return byMeeting.size();
        }
    }

    /** The welcome as protocol.md section 2 says; called with the meeting's lock held. */
    String encode(String meetingId, long seq, MeetingView.Snapshot snapshot) {
        Map<String, Encoded> cache;
        synchronized (byMeeting) {
            cache = byMeeting.computeIfAbsent(meetingId, id -> new ConcurrentHashMap<>());
        }
        List<MeetingView.ParticipantView> roster = snapshot.participants();
        String[] entries = new String[roster.size()];
        int rosterLength = 0;
        for (int i = 0; i < entries.length; i++) {
            MeetingView.ParticipantView view = roster.get(i);
            Encoded encoded = cache.get(view.participantId());
            if (encoded == null || !encoded.view().equals(view)) {
                encoded = new Encoded(view, protocol.encode(view));
                cache.put(view.participantId(), encoded);
            }
            entries[i] = encoded.json();
            rosterLength += encoded.json().length() + 1;
        }
        if (cache.size() > roster.size()) {
            // L7: removed participants leave the cache with the first welcome after their removal.
            java.util.Set<String> current = new java.util.HashSet<>();
            roster.forEach(view -> current.add(view.participantId()));
            cache.keySet().retainAll(current);
        }
        String shell = protocol.encode(new Messages.Welcome(seq, snapshot.withParticipants(List.of())));
        int rosterAt = shell.indexOf(EMPTY_ROSTER);
        if (rosterAt < 0) {
            throw new IllegalStateException("the welcome has no participants field");
        }
        int insertAt = rosterAt + EMPTY_ROSTER.length() - 1;
        StringBuilder welcome = new StringBuilder(shell.length() + rosterLength);
        welcome.append(shell, 0, insertAt);
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                welcome.append(',');
            }
            welcome.append(entries[i]);
        }
        return welcome.append(shell, insertAt, shell.length()).toString();
    }
}
