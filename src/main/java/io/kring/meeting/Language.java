package io.kring.meeting;

import java.util.Optional;

/** The meeting's language: it names the breakout rooms and is the UI's default. */
public enum Language {
    NL("nl", "Groep"),
    EN("en", "Group");

    private final String code;
    private final String roomPrefix;

    Language(String code, String roomPrefix) {
        this.code = code;
        this.roomPrefix = roomPrefix;
    }

    public String code() {
        return code;
    }

    public String roomName(int index) {
        return roomPrefix + " " + (index + 1);
    }

    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
