package io.kring.meeting;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place of the text rules (docs/protocol.md, input rules I5..I9), for every text a person
 * types, whether it arrives over HTTP or the WebSocket. Text is checked for valid UTF-16 (no unpaired
 * surrogate), normalised to NFC, checked character by character, trimmed, and then counted in
 * characters (code points), as the contract says. Only the checked text is kept.
 *
 * <ul>
 * <li>{@link #line}: titles and topics. No control character at all (tab and line breaks included),
 * no U+2028/U+2029, no bidi embedding, override or isolate (U+202A..U+202E, U+2066..U+2069).</li>
 * <li>{@link #paragraph}: chat, announcements, broadcasts, insights. As a line, but line feed and tab
 * are allowed.</li>
 * <li>{@link #name}: names and organisations, the text that tells people apart. As a line, and no
 * invisible character at all (every format character, such as U+200B or a zero-width joiner, and every
 * Unicode default-ignorable code point, such as the Hangul fillers U+3164 and U+FFA0), except a
 * variation selector right after a symbol (the emoji in "Els ❤️") and a zero-width joiner between two
 * symbols (an emoji ZWJ sequence such as "👩‍💻", the symbol before it may carry its variation selector,
 * as in "🏳️‍🌈"). No word may mix scripts (Latin
 * "E" and Cyrillic "Е" look the same), except the scripts written together in Chinese, Japanese and
 * Korean.</li>
 * </ul>
 * Any non-empty text must hold at least one visible character: a letter, digit, punctuation mark or
 * symbol that is not a filler (not only spaces, marks, format characters or U+2800).
 */
public final class Text {

    private enum Kind {
        LINE, PARAGRAPH, NAME
    }

    /** Scripts that are written together within one word: Chinese, Japanese and Korean. */
    private static final Set<Set<UnicodeScript>> SCRIPTS_WRITTEN_TOGETHER = Set.of(
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO));

    private Text() {
    }

    /** A required single-line text (a title, a topic) of {@code min..max} characters. */
    public static String line(String value, String field, int min, int max) {
        return checked(value, field, min, max, Kind.LINE);
    }

    /** A required multi-line text (chat, a broadcast, an insight) of {@code min..max} characters. */
    public static String paragraph(String value, String field, int min, int max) {
        return checked(value, field, min, max, Kind.PARAGRAPH);
    }

    /** An optional multi-line text: null stays null. */
    public static String optionalParagraph(String value, String field, int min, int max) {
        return value == null ? null : paragraph(value, field, min, max);
    }

    /** A required name or organisation of {@code min..max} characters. */
    public static String name(String value, String field, int min, int max) {
        return checked(value, field, min, max, Kind.NAME);
    }

    private static String checked(String value, String field, int min, int max, Kind kind) {
        if (value == null) {
            throw Rejected.invalid(field + " is required");
        }
        // NFC never makes a text more than three times shorter, and a surrogate pair is two chars.
        if (value.length() > 6L * max + 64) {
            throw Rejected.invalid(field + " must be " + min + ".." + max + " characters");
        }
        if (hasUnpairedSurrogate(value)) {
            throw Rejected.invalid(field + " is not valid Unicode text");
        }
        String text = Normalizer.normalize(value, Normalizer.Form.NFC);
        int previous = -1;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            int after = i + Character.charCount(codePoint);
            int next = after < text.length() ? text.codePointAt(after) : -1;
            if (!allowed(codePoint, previous, next, kind)) {
                throw Rejected.invalid(field + " may not contain the character "
                        + String.format("U+%04X", codePoint));
            }
            previous = codePoint;
            i = after;
        }
        String trimmed = text.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw Rejected.invalid(field + " must be " + min + ".." + max + " characters");
        }
        if (length > 0 && trimmed.codePoints().noneMatch(Text::isVisible)) {
            throw Rejected.invalid(field + " must contain a visible character");
        }
        if (kind == Kind.NAME) {
            requireOneScriptPerWord(trimmed, field);
        }
        return trimmed;
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code previous} and {@code next}: the code points around this one, -1 at either end. */
    private static boolean allowed(int codePoint, int previous, int next, Kind kind) {
        int type = Character.getType(codePoint);
        if (type == Character.CONTROL) {
            return kind == Kind.PARAGRAPH && (codePoint == '\n' || codePoint == '\t');
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || isBidiControl(codePoint)) {
            return false;
        }
        if (kind == Kind.NAME) {
            if (isVariationSelector(codePoint)) {
                return previous >= 0 && isSymbol(previous);
            }
            if (codePoint == ZERO_WIDTH_JOINER) {
                // An emoji ZWJ sequence ("👩‍💻", "🏳️‍🌈"): between two symbols it joins them into one picture;
                // anywhere else it would only make two names that look the same differ.
                return (isSymbol(previous) || previous == EMOJI_PRESENTATION) && next >= 0 && isSymbol(next);
            }
            return type != Character.FORMAT && !isDefaultIgnorable(codePoint);
        }
        return true;
    }

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    /** VARIATION SELECTOR-16: show the symbol before it as an emoji (the "️" in "🏳️‍🌈"). */
    private static final int EMOJI_PRESENTATION = 0xFE0F;

    /** Embeddings, overrides and isolates: they reorder the text around them (the "evil" in "live"). */
    private static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static boolean isVariationSelector(int codePoint) {
        return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }

    private static boolean isSymbol(int codePoint) {
        if (codePoint < 0) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.MODIFIER_SYMBOL
                || type == Character.CURRENCY_SYMBOL || type == Character.ENCLOSING_MARK;
    }

    /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties): shown as nothing at all. */
    static boolean isDefaultIgnorable(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF
                || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3)
                || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /** A letter, digit, punctuation mark or symbol that shows as something (not a filler). */
    static boolean isVisible(int codePoint) {
        if (isDefaultIgnorable(codePoint) || codePoint == 0x2800) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /** Look-alikes: within one word (a run without white space) letters come from one script. */
    private static void requireOneScriptPerWord(String text, String field) {
        for (String word : text.split("[\\s\\p{Zs}]+")) {
            Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
            word.codePoints().mapToObj(UnicodeScript::of)
                    .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED && s != UnicodeScript.UNKNOWN)
                    .forEach(scripts::add);
            if (scripts.size() > 1 && SCRIPTS_WRITTEN_TOGETHER.stream().noneMatch(together -> together.containsAll(scripts))) {
                throw Rejected.invalid(field + " mixes scripts within one word");
            }
        }
    }

    public static int range(Integer value, String field, int min, int max) {
        if (value == null) {
            throw Rejected.invalid(field + " is required");
        }
        if (value < min || value > max) {
            throw Rejected.invalid(field + " must be " + min + ".." + max);
        }
        return value;
    }

    public static Integer optionalRange(Integer value, String field, int min, int max) {
        return value == null ? null : range(value, field, min, max);
    }
}
