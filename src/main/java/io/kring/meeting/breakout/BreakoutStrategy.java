package io.kring.meeting.breakout;

import java.util.Arrays;
import java.util.Optional;

/** How a breakout round puts participants into rooms (BR2). */
public enum BreakoutStrategy {
    RANDOM("random"),
    MIX_ORGANISATIONS("mixOrganisations"),
    MANUAL("manual"),
    SELF_SELECT("selfSelect"),
    /** GM4: the rooms of an earlier round again. */
    SAME_AS("sameAs"),
    /** GM5 (1-2-4-All): an earlier round's rooms combined whole. */
    MERGE("merge"),
    /** GM6 (World Café): hosts stay, everyone else moves to another room. */
    ROTATE("rotate");

    private final String wireName;

    BreakoutStrategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** BR5, GM9: these strategies send late joiners to the smallest room. */
    public boolean assignsLateJoiners() {
        return this == RANDOM || this == MIX_ORGANISATIONS || buildsOnEarlierRound();
    }

    /** GM3: these strategies start from the rooms of a closed round ({@code fromRound}). */
    public boolean buildsOnEarlierRound() {
        return this == SAME_AS || this == MERGE || this == ROTATE;
    }

    /** GM4, GM6: the room count is the earlier round's, not the request's. */
    public boolean keepsEarlierRooms() {
        return this == SAME_AS || this == ROTATE;
    }

    public static Optional<BreakoutStrategy> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
