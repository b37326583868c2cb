package io.kring.meeting.roster;

import java.util.Optional;

/** How a person takes part (protocol.md section 7): online with a device, or in the physical room. */
public enum Attendance {
    ONLINE("online"),
    IN_ROOM("inRoom");

    private final String wireName;

    Attendance(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Attendance> fromWire(String wire) {
        for (Attendance attendance : values()) {
            if (attendance.wireName.equals(wire)) {
                return Optional.of(attendance);
            }
        }
        return Optional.empty();
    }

    /** As stored: events from before attendance existed say nothing, which is online. */
    static Attendance stored(String wire) {
        return fromWire(wire).orElse(ONLINE);
    }
}
