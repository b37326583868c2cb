package io.kring.browser;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The lifecycle the browser test classes built on {@link MeetingOfThree} share: one meeting of three for the whole
 * class (started once, on the Quarkus-served page), its browsers as fields, and all of them closed at the end. Without
 * Chromium nothing starts and {@link RequiresChromium} skips each test with the reason. A subclass names its meeting
 * in its constructor and carries its own {@code @QuarkusTest}.
 */
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MeetingOfThreeTestBase {

    private final String title;
    private final String firstItem;
    private final boolean organisations;

    @TestHTTPResource("/")
    URL base;

    MeetingOfThree meeting;
    Browser moderator;
    Browser ann;
    Browser bob;

    /** See {@link MeetingOfThree#start(URL, String, String, boolean)}. */
    MeetingOfThreeTestBase(String title, String firstItem, boolean organisations) {
        this.title = title;
        this.firstItem = firstItem;
        this.organisations = organisations;
    }

    @BeforeAll
    void startMeetingOfThree() {
        if (!Browser.available()) {
            return; // every test of this class is skipped by RequiresChromium
        }
        meeting = MeetingOfThree.start(base, title, firstItem, organisations);
        moderator = meeting.moderator;
        ann = meeting.ann;
        bob = meeting.bob;
    }

    @AfterAll
    void closeMeetingOfThree() {
        if (meeting != null) {
            meeting.close();
        }
    }
}
