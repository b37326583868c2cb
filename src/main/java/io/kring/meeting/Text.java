package io.kring.meeting;

/** Checks of user text: trimmed first, then counted in characters (code points), as the contract says. */
final class Text {

    private Text() {
    }

    /** A required text of {@code min..max} characters after trimming. */
    static String required(String value, String field, int min, int max) {
        if (value == null) {
            throw Rejected.invalid(field + " is required");
        }
        return within(value, field, min, max);
    }

    /** An optional text: null stays null, anything else must have {@code min..max} characters after trimming. */
    static String optional(String value, String field, int min, int max) {
        return value == null ? null : within(value, field, min, max);
    }

    private static String within(String value, String field, int min, int max) {
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw Rejected.invalid(field + " must be " + min + ".." + max + " characters");
        }
        return trimmed;
    }

    static int range(Integer value, String field, int min, int max) {
        if (value == null) {
            throw Rejected.invalid(field + " is required");
        }
        if (value < min || value > max) {
            throw Rejected.invalid(field + " must be " + min + ".." + max);
        }
        return value;
    }

    static Integer optionalRange(Integer value, String field, int min, int max) {
        return value == null ? null : range(value, field, min, max);
    }
}
