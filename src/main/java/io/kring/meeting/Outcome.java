package io.kring.meeting;

import java.util.List;
import java.util.Set;

/**
 * What one command or tick did: the events in order (already applied), the notice each gives
 * (null where an event tells nobody), the participants whose view changed so much that they need a
 * fresh snapshot, and a result for the caller (the new participant's id for a join).
 */
public record Outcome(List<Emitted> emitted, Set<String> resync, String result) {

    public record Emitted(MeetingEvent event, Notice notice) {
    }

    public List<MeetingEvent> events() {
        return emitted.stream().map(Emitted::event).toList();
    }

    public boolean isEmpty() {
        return emitted.isEmpty();
    }
}
