package io.kring.input;

/**
 * The shape of ids on the wire (docs/protocol.md, input rule I4). The server makes its ids as 12
 * URL-safe base64 characters; anything that cannot be such an id is refused before it is looked up,
 * so no id of another shape (control characters, a megabyte, a surrogate) reaches a map, a log or
 * an error message.
 */
public final class Ids {

    /** Longer than any id the server makes, short enough that an id never dominates a frame. */
    public static final int MAX_LENGTH = 64;
    /** A client's own command id is echoed back only; it may use any visible ASCII character. */
    public static final int MAX_CLIENT_ID_LENGTH = 64;

    private Ids() {
    }

    /** 1..64 of {@code A-Z a-z 0-9 _ -}. */
    public static boolean isId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A command's {@code id} as text: 1..64 visible ASCII characters (U+0021..U+007E). */
    public static boolean isClientId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CLIENT_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
