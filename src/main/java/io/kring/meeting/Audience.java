package io.kring.meeting;

import java.util.Set;

/** Who may receive one delivery of an event. Decided by the meeting, so visibility lives in one place. */
public sealed interface Audience {

    boolean includes(String participantId);

    record Everyone() implements Audience {
        @Override
        public boolean includes(String participantId) {
            return true;
        }
    }

    record Only(Set<String> participantIds) implements Audience {
        @Override
        public boolean includes(String participantId) {
            return participantIds.contains(participantId);
        }
    }

    Audience EVERYONE = new Everyone();
}
