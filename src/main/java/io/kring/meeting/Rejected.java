package io.kring.meeting;

/**
 * A command that breaks a meeting rule. Thrown before anything changes, so a rejected command leaves
 * the meeting as it was; the transport turns it into an {@code error} reply and keeps the connection.
 */
public final class Rejected extends RuntimeException {

    private final ErrorCode code;

    public Rejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static Rejected invalid(String message) {
        return new Rejected(ErrorCode.INVALID, message);
    }

    public static Rejected forbidden(String message) {
        return new Rejected(ErrorCode.FORBIDDEN, message);
    }

    public static Rejected notFound(String message) {
        return new Rejected(ErrorCode.NOT_FOUND, message);
    }

    public static Rejected conflict(String message) {
        return new Rejected(ErrorCode.CONFLICT, message);
    }
}
