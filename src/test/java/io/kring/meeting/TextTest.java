package io.kring.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.text.Normalizer;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text rules I5..I9 of docs/protocol.md, on {@link Text} directly (the one place they live). */
class TextTest {

    private static void assertInvalid(Runnable check, String what) {
        Rejected rejected = catchThrowableOfType(Rejected.class, check::run);
        assertThat(rejected).as(what).isNotNull();
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID);
    }

    @ParameterizedTest(name = "[I7] the name {0} is INVALID")
    @ValueSource(strings = { "Els\u200b", "\u200bEls", "El\u200bs", "\u0415ls", "Jean-\u041f\u044c\u0435\u0440", "\u3164",
            "\u3164\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u200b", "\ufeff", "El\u200ds", "E\u200cls",
            "\u0301", "\u0301\u0302", "Els\u001b[31m", "Els\u0007", "line1\nline2", "Els\n", "\tEls", "\u202eslE",
            "Els\u2066", "a\u2028b", "a\u2029b", "a\u0085b", "Els\u0000", "Els\ud800", "\udc00Els", "   ",
            "Els\u00ad", "Els\u2060",
            // a zero-width joiner anywhere but between two symbols (an emoji ZWJ sequence)
            "Sam\u200d", "\u200dSam", "\u200d", "\ud83d\udc69\u200d", "\u200d\ud83d\udcbb", "Sam\u200d\ud83d\udcbb",
            "\ud83d\udc69\u200dSam", "\ud83d\udc69\u200d\u200d\ud83d\udcbb", "\ud83d\udc69 \u200d\ud83d\udcbb",
            "\ud83d\udc69\u200d \ud83d\udcbb", "\ud83d\udc69\u200d\u200b", "1\u200d2", "\u200d\u200d" })
    void badNames(String name) {
        assertInvalid(() -> Text.name(name, "name", 1, 60), name);
    }

    @ParameterizedTest(name = "[I7] the name {0} is fine")
    @ValueSource(strings = { "Els", "  Els  ", "\u0415\u043b\u0435\u043d\u0430", "\u0395\u03bb\u03ad\u03bd\u03b7",
            "Jean-Pierre", "Jean \u041f\u044c\u0435\u0440", "\u5c71\u7530\u306f\u306a\u3053",
            "\u30ad\u30e0\u30fb\u30b8\u30e7\u30f3", "\uae40\u6c11\u6570", "O'Brien", "Ren\u00e9e", "Ren\u0065\u0301e",
            "Els \u2764\ufe0f", "\u0645\u062d\u0645\u062f", "Ana 2", "\u00c5sa", "Nguy\u1ec5n",
            // emoji ZWJ sequences: technologist, rainbow flag (with its variation selector), skin tone, family, heart on fire
            "\ud83d\udc69\u200d\ud83d\udcbb Sam", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08 Kim",
            "Bo \ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 Fam",
            "\u2764\ufe0f\u200d\ud83d\udd25", "\ud83c\udff3\ufe0f\u200d\u26a7\ufe0f" })
    void goodNames(String name) {
        assertThat(Text.name(name, "name", 1, 60)).isNotBlank();
    }

    @Test
    @DisplayName("[I7] an emoji ZWJ sequence in a name is kept whole; the look-alike rule still holds around it")
    void emojiSequencesInNames() {
        assertThat(Text.name(" \ud83d\udc69\u200d\ud83d\udcbb Sam ", "name", 1, 60))
                .isEqualTo("\ud83d\udc69\u200d\ud83d\udcbb Sam");
        assertThat(Text.name("\ud83c\udff3\ufe0f\u200d\ud83c\udf08 Kim", "name", 1, 60))
                .isEqualTo("\ud83c\udff3\ufe0f\u200d\ud83c\udf08 Kim");
        assertInvalid(() -> Text.name("\ud83d\udc69\u200d\ud83d\udcbb \u0415ls", "name", 1, 60),
                "Cyrillic and Latin in one word next to an emoji");
        assertInvalid(() -> Text.name("\ud83d\udc69\u200d\ud83d\udcbb", "name", 1, 1), "two characters after all");
    }

    @Test
    @DisplayName("[I5] text is NFC-normalised, trimmed, and counted in characters after both")
    void normalisedTrimmedCounted() {
        assertThat(Text.name("  Ren\u0065\u0301e ", "name", 1, 60)).isEqualTo("Ren\u00e9e");
        assertThat(Text.line("e\u0301".repeat(200), "title", 1, 200)).hasSize(200);
        assertInvalid(() -> Text.line("e\u0301".repeat(201), "title", 1, 200), "201 characters after NFC");
        assertThat(Text.line("\ud83d\ude00".repeat(200), "title", 1, 200)).as("code points, not UTF-16 units")
                .hasSize(400);
        assertInvalid(() -> Text.line("x".repeat(100_000), "title", 1, 200), "far too long");
    }

    @Test
    @DisplayName("[I6] single-line text refuses every control character and line break; multi-line allows LF and tab")
    void linesAndParagraphs() {
        for (String bad : new String[] { "a\nb", "a\tb", "a\rb", "a\u000bb", "a\u001fb", "a\u0085b", "a\u2028b",
                "a\u202eb", "a\u0000b", "a\ud800b" }) {
            assertInvalid(() -> Text.line(bad, "title", 1, 200), bad);
        }
        assertThat(Text.paragraph("  line 1\n\tline 2\n ", "text", 1, 2000)).isEqualTo("line 1\n\tline 2");
        for (String bad : new String[] { "a\rb", "a\r\nb", "a\u0007b", "a\u001bb", "a\u0000b", "a\u2028b", "a\u2029b",
                "a\u202eb", "a\u2067b", "a\udfffb", "\u200b", "\u3164 \u3164" }) {
            assertInvalid(() -> Text.paragraph(bad, "text", 1, 2000), bad);
        }
        assertThat(Text.line("Koffie \u2615 en \ud83d\udc69\u200d\ud83d\udcbb", "title", 1, 200))
                .as("a joiner inside an emoji is fine in a title").contains("\u200d");
        assertThat(Text.line("", "topic", 0, 200)).isEmpty();
        assertThat(Text.name("  ", "organisation", 0, 80)).isEmpty();
    }

    @Test
    @DisplayName("[I5..I9] random text: either refused with INVALID, or kept NFC, trimmed, within limits, visible, without forbidden characters")
    void randomTextProperties() {
        Random random = new Random(5);
        int kept = 0;
        for (int n = 0; n < 8_000; n++) {
            String value = randomText(random);
            int kind = random.nextInt(3);
            String checked;
            try {
                checked = switch (kind) {
                    case 0 -> Text.line(value, "title", 1, 20);
                    case 1 -> Text.paragraph(value, "text", 1, 20);
                    default -> Text.name(value, "name", 1, 20);
                };
            } catch (Rejected e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                continue;
            } catch (RuntimeException e) {
                fail("checking " + escape(value) + " threw " + e, e);
                return;
            }
            kept++;
            String problem = problem(checked, kind);
            if (problem != null) {
                fail(problem + ": " + escape(value) + " was kept as " + escape(checked));
            }
        }
        assertThat(kept).as("the generator makes acceptable text too").isGreaterThan(800);
    }

    /** What is wrong with a kept text, or null. */
    private static String problem(String checked, int kind) {
        if (!Normalizer.isNormalized(checked, Normalizer.Form.NFC)) {
            return "not NFC";
        }
        if (!checked.equals(checked.strip())) {
            return "not trimmed";
        }
        int length = checked.codePointCount(0, checked.length());
        if (length < 1 || length > 20) {
            return "length " + length;
        }
        if (checked.codePoints().noneMatch(Text::isVisible)) {
            return "nothing visible";
        }
        for (int i = 0; i < checked.length(); i++) {
            char c = checked.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < checked.length() && Character.isLowSurrogate(checked.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired surrogate";
            }
        }
        for (int c : checked.codePoints().toArray()) {
            if (Character.getType(c) == Character.CONTROL && !(kind == 1 && (c == '\n' || c == '\t'))) {
                return "a control character";
            }
            if (c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "a line separator or bidi control";
            }
        }
        int[] points = checked.codePoints().toArray();
        for (int i = 0; i < points.length && kind == 2; i++) {
            int c = points[i];
            boolean joinsTwoSymbols = c == 0x200D && i > 0 && i + 1 < points.length
                    && (symbol(points[i - 1]) || points[i - 1] == 0xFE0F) && symbol(points[i + 1]);
            if ((Character.getType(c) == Character.FORMAT || Text.isDefaultIgnorable(c) && !(c >= 0xFE00 && c <= 0xFE0F))
                    && !joinsTwoSymbols) {
                return "an invisible character in a name";
            }
        }
        return null;
    }

    private static boolean symbol(int c) {
        int type = Character.getType(c);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.MODIFIER_SYMBOL
                || type == Character.CURRENCY_SYMBOL || type == Character.ENCLOSING_MARK;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(8)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> random.nextInt(0x110000);
                case 2 -> 0x2000 + random.nextInt(0x70);
                case 3 -> 0x300 + random.nextInt(0x70);
                case 4 -> 0x400 + random.nextInt(0x100);
                case 5 -> ' ';
                default -> 'a' + random.nextInt(26);
            };
            text.append(Character.isSurrogate((char) codePoint) || codePoint < 0x10000 ? String.valueOf((char) codePoint)
                    : new String(Character.toChars(codePoint)));
        }
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }
}
