package io.kring.meeting.agenda;

import java.util.Arrays;
import java.util.Optional;

/** What happens during an agenda item. */
public enum AgendaItemKind {
    PLENARY("plenary"),
    BREAKOUT("breakout"),
    BREAK("break");

    private final String wireName;

    AgendaItemKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AgendaItemKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
