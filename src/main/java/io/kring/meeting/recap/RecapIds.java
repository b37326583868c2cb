package io.kring.meeting.recap;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * RC1: recap ids are secrets: 144 bits from {@link SecureRandom}, as 24 URL-safe base64 characters. The id is
 * drawn while the command is handled and stored in its event, so a replay rebuilds the same link.
 */
final class RecapIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    static final int BYTES = 18;

    private RecapIds() {
    }

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
