package io.kring.web;

import java.util.regex.Pattern;

/** The shape of a meeting id as it may appear in a URL: 1 to 64 URL-safe characters. */
final class MeetingIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MeetingIds() {
    }

    /** True when {@code meetingId} is a well-formed meeting id (it may still not exist). */
    static boolean isValid(String meetingId) {
        return meetingId != null && VALID.matcher(meetingId).matches();
    }
}
