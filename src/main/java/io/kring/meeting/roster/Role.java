package io.kring.meeting.roster;

/** What a participant may do in one meeting. */
public enum Role {
    MODERATOR("moderator"),
    PARTICIPANT("participant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
