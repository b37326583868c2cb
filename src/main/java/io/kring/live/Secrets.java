package io.kring.live;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids and secrets, URL-safe. Secrets carry 256 bits, ids 72 bits (unguessable meeting links). */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    static String id() {
        return random(9);
    }

    static String secret() {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }
}
