package io.kring.browser;

import java.net.URL;
import java.util.List;

/**
 * The start several browser tests share: a moderator on a wide screen, Ann on a phone and Bob on a tablet, both
 * joined to a new English meeting with one agenda item, and the moderator seeing all three present.
 */
final class MeetingOfThree implements AutoCloseable {

    final Browser moderator;
    final Browser ann;
    final Browser bob;

    private MeetingOfThree(Browser moderator, Browser ann, Browser bob) {
        this.moderator = moderator;
        this.ann = ann;
        this.bob = bob;
    }

    static MeetingOfThree start(URL base, String title, String firstItem) {
        return start(base, title, firstItem, false);
    }

    /** With {@code organisations}, Ann and Bob give "Org Ann" and "Org Bob" when they join. */
    static MeetingOfThree start(URL base, String title, String firstItem, boolean organisations) {
        MeetingOfThree meeting = new MeetingOfThree(Browser.open("moderator", 1280, 900), Browser.open("Ann", 360, 780),
                Browser.open("Bob", 800, 900));
        try {
            String joinUrl = meeting.moderator.startEnglishMeeting(base.toString(), title, firstItem);
            for (Browser p : List.of(meeting.ann, meeting.bob)) {
                p.get(joinUrl);
                p.type("Your name", p.who);
                if (organisations) {
                    p.type("Organisation (optional)", "Org " + p.who);
                }
                p.click("Join");
                p.text("Connected");
            }
            meeting.moderator.text("Here (3 of 3)");
            return meeting;
        } catch (RuntimeException e) {
            meeting.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Browser b : new Browser[] {moderator, ann, bob}) {
            b.close();
        }
    }
}
