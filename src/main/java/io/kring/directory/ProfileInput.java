package io.kring.directory;

import java.util.regex.Pattern;

import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The body of {@code PUT /api/networks/{networkId}/members/me}, read strictly (I1..I4), and its rules ND2:
 * {@code name} as a join's name (1..60, a visible character, one script per word), {@code organisation} as a
 * join's (0..80), {@code function} 0..80, {@code phone} 0..40, {@code offer} and {@code ask} 0..500, all
 * single-line; {@code email} a valid address (at most 254 characters); {@code shareInDirectory} a boolean,
 * required. A PUT replaces the whole profile: an absent optional field (or an empty one) is cleared.
 */
public record ProfileInput(String name, String organisation, String function, String email, String phone,
        String offer, String ask, Boolean shareInDirectory) {

    /**
     * ND2: an address as people type it: a dot-atom local part of at most 64 ASCII characters, {@code @}, and a
     * domain of at least two labels (letters, digits, inner hyphens; at most 63 characters each).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** The checked profile: texts normalised and trimmed, empty ones null (the organisation "" when none). */
    public record Checked(String name, String organisation, String function, String email, String phone,
            String offer, String ask, boolean shareInDirectory) {
    }

    public Checked checked() {
        if (shareInDirectory == null) {
            throw Rejected.invalid("shareInDirectory (true or false) is required");
        }
        String checkedName = Text.name(name, "name", 1, 60);
        String checkedOrganisation = organisation == null ? "" : Text.name(organisation, "organisation", 0, 80);
        return new Checked(checkedName, checkedOrganisation, optionalLine(function, "function", 80),
                email(email), optionalLine(phone, "phone", 40), optionalLine(offer, "offer", 500),
                optionalLine(ask, "ask", 500), shareInDirectory);
    }

    private static String optionalLine(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String checked = Text.line(value, field, 0, max);
        return checked.isEmpty() ? null : checked;
    }

    static String email(String value) {
        String address = optionalLine(value, "email", 254);
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (!EMAIL.matcher(address).matches() || at > 64) {
            throw Rejected.invalid("email must be a valid address, such as name@example.org");
        }
        return address;
    }
}
