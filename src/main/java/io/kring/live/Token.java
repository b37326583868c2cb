package io.kring.live;

import java.util.Optional;

/**
 * A participant's token: their id and a secret, so that the secret's hash is found without a search
 * and compared in constant time. Opaque to clients.
 */
record Token(String participantId, String secret) {

    static Token issue(String participantId) {
        return new Token(participantId, Secrets.secret());
    }

    static Optional<Token> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(new Token(token.substring(0, dot), token.substring(dot + 1)));
    }

    String value() {
        return participantId + "." + secret;
    }
}
