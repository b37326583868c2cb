package io.kring.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;

/** ND2: the rules of a profile's fields. */
class ProfileInputTest {

    private static ProfileInput with(String function, String email, String phone, String offer, String ask) {
        return new ProfileInput("Els", "Gemeente", function, email, phone, offer, ask, true);
    }

    private static void invalid(ProfileInput input) {
        assertThatThrownBy(input::checked).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    @DisplayName("[ND2] texts are trimmed; empty optional fields become null; limits count characters")
    void limits() {
        ProfileInput.Checked ok = with(" Beleid ", "", "  ", "x".repeat(500), "é".repeat(500)).checked();
        assertThat(ok.function()).isEqualTo("Beleid");
        assertThat(ok.email()).isNull();
        assertThat(ok.phone()).isNull();
        assertThat(ok.offer()).hasSize(500);
        invalid(with("x".repeat(81), null, null, null, null));
        invalid(with(null, null, "1".repeat(41), null, null));
        invalid(with(null, null, null, "x".repeat(501), null));
        invalid(with(null, null, null, null, "x".repeat(501)));
    }

    @Test
    @DisplayName("[ND2] profile fields are single-line: a line break or control character is INVALID")
    void singleLine() {
        invalid(with("a\nb", null, null, null, null));
        invalid(with(null, null, null, "a\tb", null));
        invalid(with(null, null, null, null, "a\u0000b"));
    }

    @Test
    @DisplayName("[ND2] email must be a valid address")
    void email() {
        assertThat(with(null, " els.de-vries+kring@gemeente.example.nl ", null, null, null).checked().email())
                .isEqualTo("els.de-vries+kring@gemeente.example.nl");
        for (String bad : new String[] { "els", "els@", "@example.org", "els@example", "els@@example.org",
                "els@exa mple.org", "els@-example.org", "els..x@example.org", "<els@example.org>",
                "x".repeat(65) + "@example.org", "els@" + "a".repeat(250) + ".org" }) {
            invalid(with(null, bad, null, null, null));
        }
    }

    @Test
    @DisplayName("[ND2] name follows the join's name rules; shareInDirectory is required")
    void nameAndConsent() {
        invalid(new ProfileInput(null, null, null, null, null, null, null, true));
        invalid(new ProfileInput("\u200B", null, null, null, null, null, null, true));
        invalid(new ProfileInput("x".repeat(61), null, null, null, null, null, null, true));
        invalid(new ProfileInput("Els", "x".repeat(81), null, null, null, null, null, true));
        invalid(new ProfileInput("Els", null, null, null, null, null, null, null));
        ProfileInput.Checked ok = new ProfileInput("Els", null, null, null, null, null, null, false).checked();
        assertThat(ok.organisation()).isEmpty();
        assertThat(ok.shareInDirectory()).isFalse();
    }
}
