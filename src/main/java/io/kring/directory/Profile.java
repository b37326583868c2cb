package io.kring.directory;

/**
 * A member's profile as the API shows it (protocol.md section 9): every text absent or empty is null.
 * {@code function} is the member's job or role ("function" on the wire).
 */
public record Profile(String memberId, String name, String organisation, String function, String email, String phone,
        String offer, String ask, boolean shareInDirectory) {
}
