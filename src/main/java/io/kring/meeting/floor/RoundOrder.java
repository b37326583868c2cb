package io.kring.meeting.floor;

import java.util.Arrays;
import java.util.Optional;

/** The order of a round of turns (Q11). */
public enum RoundOrder {
    /** As they joined the meeting. */
    JOIN("join"),
    /** A random permutation, drawn once and stored in the round's event. */
    RANDOM("random"),
    /** Grouped by organisation (alphabetical, case-insensitive; no organisation last), join order within. */
    ORGANISATION("organisation");

    private final String wireName;

    RoundOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RoundOrder> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
