package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13, polls (POLL1..POLL5): the moderator opens a poll in the "new poll" dialog, two participants vote (one
 * changes their vote), the results stay hidden from them until the close and then show as bars to everyone.
 */
@QuarkusTest
class PollBrowserTest extends MeetingOfThreeTestBase {

    PollBrowserTest() {
        super("Network day", "One", false);
    }

    /** Ticks the option with this text in the poll card. */
    private static void tick(Browser b, String option) {
        b.waiting().until(d -> {
            var inputs = d.findElements(By.xpath("//label[contains(@class,'poll-option')][normalize-space(.)="
                    + Browser.literal(option) + "]/input"));
            if (inputs.isEmpty() || !inputs.get(0).isDisplayed()) {
                return false;
            }
            inputs.get(0).click();
            return true;
        });
    }

    @Test
    @DisplayName("[POLL1, POLL3, POLL5] moderator opens a poll, two participants vote, results hidden until the close, then shown")
    void pollFromOpenToClose() {
        moderator.click("New poll…");
        moderator.type("Question", "Lunch?");
        moderator.type("Answer 1", "Soup");
        moderator.type("Answer 2", "Salad");
        moderator.click("Add an answer");
        moderator.type("Answer 3", "Both");
        moderator.click("Remove answer 3");
        moderator.driver().findElement(By.cssSelector("#poll-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open poll']")).click();

        ann.region("Poll");
        ann.text("Lunch?");
        ann.text("Choose one answer");
        ann.text("The results show when the poll closes.");
        assertThat(ann.driver().findElements(By.xpath("//label[contains(@class,'poll-option')]"))).hasSize(2);
        tick(ann, "Salad");
        ann.click("Vote");
        ann.text("You voted.");
        tick(ann, "Soup");
        ann.click("Change your vote");
        tick(bob, "Salad");
        bob.button("Vote").sendKeys(Keys.ENTER); // keyboard works too
        bob.text("You voted.");

        moderator.text("Soup: 1 (50%)");
        moderator.text("Salad: 1 (50%)");
        moderator.text("2 voters");
        moderator.screenshot("40-moderator-poll-live-counts");
        ann.text("The results show when the poll closes.");
        assertThat(ann.driver().findElements(By.cssSelector(".poll-results"))).as("hidden from participants").isEmpty();
        assertThat(bob.driver().findElements(By.cssSelector("progress"))).isEmpty();
        ann.screenshot("41-participant-poll-voted-phone");

        moderator.click("Close poll");
        for (Browser b : List.of(ann, bob, moderator)) {
            b.text("Soup: 1 (50%)");
            b.text("Salad: 1 (50%)");
        }
        ann.textContaining("Closed");
        assertThat(bob.driver().findElements(By.cssSelector(".poll-results progress"))).hasSize(2);
        assertThat(ann.driver().findElements(By.cssSelector(".poll-form"))).as("no voting after the close").isEmpty();
        bob.screenshot("42-participant-poll-results");

        // The projector shows the closed poll's question and bars (everyone may see them now).
        String meetingId = moderator.driver().getCurrentUrl().replaceAll(".*/m/([^#?/]+).*", "$1");
        moderator.get(base + "display/" + meetingId);
        moderator.text("Lunch?");
        moderator.text("Soup: 1 (50%)");
        moderator.text("Salad: 1 (50%)");
        moderator.screenshot("43-display-poll-results");
    }
}
