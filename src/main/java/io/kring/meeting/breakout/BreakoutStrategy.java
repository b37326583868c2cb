package io.kring.meeting.breakout;

import java.util.Arrays;
import java.util.Optional;

/** How a breakout round puts participants into rooms (BR2). */
public enum BreakoutStrategy {
    RANDOM("random"),
    MIX_ORGANISATIONS("mixOrganisations"),
    MANUAL("manual"),
    SELF_SELECT("selfSelect");

    private final String wireName;

    BreakoutStrategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** BR5: these strategies send late joiners to the smallest room. */
    public boolean assignsLateJoiners() {
        return this == RANDOM || this == MIX_ORGANISATIONS;
    }

    public static Optional<BreakoutStrategy> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
