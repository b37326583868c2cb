package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Q11, Q12 in the browser: the moderator starts a round of turns by organisation with a limit per turn; the
 * first participant has the floor, the projector shows who now and who next, "Next speaker" moves on with
 * the round's limit.
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloorRoundBrowserTest {

    @TestHTTPResource("/")
    URL base;

    Browser moderator;
    Browser ann;
    Browser bob;
    Browser projector;
    String joinUrl;

    @BeforeAll
    void meeting() {
        if (!Browser.available()) {
            return; // every test of this class is skipped by RequiresChromium
        }
        moderator = Browser.open("moderator", 1280, 900);
        ann = Browser.open("Ann", 800, 900);
        bob = Browser.open("Bob", 800, 900);

        joinUrl = moderator.startEnglishMeeting(base.toString(), "Check-in", "Check-in round");
        for (Browser p : List.of(ann, bob)) {
            p.get(joinUrl);
            p.type("Your name", p.who);
            p.type("Organisation (optional)", p == ann ? "Zebra works" : "apple library");
            p.click("Join");
            p.text("Connected");
        }
        moderator.text("Here (3 of 3)");
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[] {moderator, ann, bob, projector}) {
            if (b != null) {
                b.close();
            }
        }
    }

    List<String> texts(Browser b, String css) {
        return b.waiting().until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
    }

    @Test
    @DisplayName("[Q11, Q12] the moderator starts a round by organisation: Bob (apple) speaks, Ann is next; next moves on with the round's limit")
    void aRoundOfTurns() {
        new Select(moderator.field("Order")).selectByValue("organisation");
        moderator.field("Time per turn (minutes, 0 = no limit)").clear();
        moderator.field("Time per turn (minutes, 0 = no limit)").sendKeys("1");
        moderator.click("Start a round");

        bob.text("You have the floor.");
        moderator.waiting().until(d -> texts(moderator, ".hands__name").equals(List.of("Ann")));
        moderator.text("Round of turns: 1:00 per turn");
        WebElement queue = bob.region("Speaking queue");
        bob.waiting().until(d -> queue.findElement(By.cssSelector(".countdown__time")).getText().matches("(1:00|0:5\\d)"));

        projector = Browser.open("projector", 1280, 800);
        projector.get(joinUrl.replace("/m/", "/display/"));
        projector.text("Round of turns");
        projector.text("Next: Ann");
        WebElement display = projector.driver().findElement(By.id("display-queue"));
        assertThat(display.getText()).contains("Bob");

        moderator.click("Next speaker");
        ann.text("You have the floor.");
        WebElement annQueue = ann.region("Speaking queue");
        ann.waiting().until(d -> annQueue.findElement(By.cssSelector(".countdown__time")).getText().matches("(1:00|0:5\\d)"));
        moderator.waiting().until(d -> d.findElements(By.id("queue-round")).isEmpty());
        projector.waiting().until(d -> d.findElements(By.id("display-round")).isEmpty()
                && d.findElement(By.id("display-queue")).getText().contains("Ann"));
        assertThat(moderator.console()).noneMatch(entry -> entry.getLevel().getName().equals("SEVERE"));
    }
}
