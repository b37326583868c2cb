package io.kring.meeting.floor;

import java.util.Arrays;
import java.util.Optional;

/** Why a participant raised their hand; the order of the constants is the speaking order (Q2). */
public enum HandKind {
    POINT_OF_ORDER("pointOfOrder"),
    REPLY("reply"),
    SPEAK("speak");

    private final String wireName;

    HandKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HandKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
