package io.kring.meeting;

/** The error codes of the wire contract (protocol.md section 5), each with its HTTP status. */
public enum ErrorCode {
    INVALID(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    LOCKED(403),
    ENDED(410),
    MUTED(403),
    RATE_LIMITED(429),
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
