package io.kring.meeting;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * CALL1-CALL3: video-call links. With a base configured ({@code KRING_CALL_BASE_URL}, e.g.
 * {@code https://meet.jit.si/}), each new link is the base followed by {@code Kring-} and 24 random
 * URL-safe characters (144 bits: unguessable). The drawn links are stored in the events, so a replay
 * never draws again. Only {@code https://} links with a host are accepted, from the configuration and
 * from anyone's command ({@link #checked}).
 */
public final class CallLinks {

    public static final int MAX_LENGTH = 500;
    /** Random characters after {@code Kring-}: at least 20 (protocol.md section 7). */
    static final int RANDOM_CHARACTERS = 24;
    private static final char[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private static final CallLinks NONE = new CallLinks(null, null);

    private final String base;
    private final RandomGenerator random;

    private CallLinks(String base, RandomGenerator random) {
        this.base = base;
        this.random = random;
    }

    /** No base configured: nothing is generated. */
    public static CallLinks none() {
        return NONE;
    }

    /** Links from {@code base} (checked like any link) drawn with a {@link SecureRandom}. */
    public static CallLinks from(String base) {
        return from(base, new SecureRandom());
    }

    /** For tests: links drawn from {@code random}. */
    public static CallLinks from(String base, RandomGenerator random) {
        if (base == null || base.isBlank()) {
            return NONE;
        }
        String checked;
        try {
            checked = checked(base.strip(), "call base URL");
        } catch (Rejected e) {
            throw new IllegalArgumentException("kring.call.base-url: " + e.getMessage());
        }
        if (checked.length() + "Kring-".length() + RANDOM_CHARACTERS > MAX_LENGTH || checked.contains("?")
                || checked.contains("#")) {
            throw new IllegalArgumentException("kring.call.base-url must be a short https:// URL without query or fragment");
        }
        return new CallLinks(checked, random);
    }

    public boolean enabled() {
        return base != null;
    }

    /** CALL1: a new link, or null when no base is configured. */
    public String next() {
        if (base == null) {
            return null;
        }
        StringBuilder link = new StringBuilder(base.length() + 6 + RANDOM_CHARACTERS).append(base).append("Kring-");
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            link.append(URL_SAFE[random.nextInt(URL_SAFE.length)]);
        }
        return link.toString();
    }

    /**
     * CALL4: trimmed as every text field (protocol.md: "Text fields are trimmed"), then an {@code https://} URL of
     * 1..500 visible ASCII characters that {@link URI} parses strictly, with a host and no user part; anything else
     * ({@code javascript:}, {@code http:}, relative, spaces inside, control characters) is {@code INVALID}. The
     * trimmed URL is what is kept.
     */
    public static String checked(String value, String field) {
        if (value == null) {
            throw Rejected.invalid(field + " is required");
        }
        String url = value.strip();
        if (url.isEmpty() || url.length() > MAX_LENGTH) {
            throw Rejected.invalid(field + " must be 1.." + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch <= 0x20 || ch >= 0x7f) {
                throw Rejected.invalid(field + " must be an https:// URL without spaces or control characters");
            }
        }
        if (!url.startsWith("https://")) {
            throw Rejected.invalid(field + " must be an https:// URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Rejected.invalid(field + " is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null) {
            throw Rejected.invalid(field + " must be an https:// URL with a host");
        }
        return url;
    }
}
