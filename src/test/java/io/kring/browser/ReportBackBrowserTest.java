package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13, report-back (RB1..RB10): after a round with insights the moderator starts a report-back; a participant
 * and the projector see the room reporting (name, members, insights, countdown); next and stop.
 */
@QuarkusTest
class ReportBackBrowserTest extends MeetingOfThreeTestBase {

    ReportBackBrowserTest() {
        super("Harvest day", "One", false);
    }

    /** The countdown's time in the report-back, once it ticked. */
    private static String countdownIn(Browser b, String css) {
        return b.waiting().until(d -> {
            var times = d.findElements(By.cssSelector(css + " .countdown__time"));
            return times.isEmpty() || times.get(0).getText().isBlank() ? null : times.get(0).getText();
        });
    }

    @Test
    @DisplayName("[RB1, RB4, RB5, RB10] a round with insights, then a report-back: the room, its insights and the countdown for a participant and on the projector; next, stop")
    void reportBackAfterARound() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("manual");
        moderator.number("Number of groups", 2);
        moderator.number("Wrap-up after the end (seconds)", 0);
        new Select(moderator.field("Ann")).selectByValue("1");
        new Select(moderator.field("Bob")).selectByValue("0");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        ann.region("Your group: Group 2");
        bob.region("Your group: Group 1");
        ann.type("New insight", "Libraries and schools together");
        ann.click("Add insight");
        ann.text("Libraries and schools together");
        bob.type("New insight", "Volunteers need a host");
        bob.click("Add insight");
        bob.text("Volunteers need a host");
        moderator.click("Close groups");
        ann.text("Chat (everyone)");

        assertThat(new Select(moderator.field("Round")).getFirstSelectedOption().getText()).isEqualTo("Round 1");
        moderator.number("Seconds per group", 90);
        moderator.click("Start the report-back");

        WebElement shown = ann.region("Report-back: Group 1");
        ann.text("Group 1 of 2");
        ann.text("Volunteers need a host");
        assertThat(shown.getText()).contains("Bob").contains("Volunteers need a host")
                .doesNotContain("Libraries and schools together");
        assertThat(countdownIn(ann, "#reportback")).matches("1:[0-3]\\d");
        assertThat(ann.hasButton("Next group")).as("only moderators move on").isFalse();
        ann.screenshot("50-participant-report-back-phone");

        String meetingId = moderator.driver().getCurrentUrl().replaceAll(".*/m/([^#?/]+).*", "$1");
        bob.get(base + "display/" + meetingId);
        bob.region("Report-back from the groups");
        bob.text("Group 1");
        bob.text("Volunteers need a host");
        bob.text("Bob");
        assertThat(countdownIn(bob, "#display-reportback")).matches("1:[0-3]\\d");
        assertThat(bob.driver().findElements(By.xpath("//*[normalize-space(.)='Libraries and schools together']")))
                .as("the other room's insights wait during the report-back").noneMatch(WebElement::isDisplayed);
        bob.screenshot("51-display-report-back");

        moderator.click("Next group");
        ann.region("Report-back: Group 2");
        ann.text("Group 2 of 2");
        ann.text("Libraries and schools together");
        bob.text("Group 2");
        bob.text("Libraries and schools together");
        moderator.screenshot("52-moderator-report-back-last-group");
        assertThat(moderator.hasButton("Finish the report-back")).as("next on the last group ends it").isTrue();

        moderator.click("Stop the report-back");
        ann.waiting().until(d -> d.findElements(By.cssSelector("#reportback")).stream().noneMatch(WebElement::isDisplayed));
        bob.waiting().until(d -> d.findElements(By.cssSelector("#display-reportback")).stream()
                .noneMatch(WebElement::isDisplayed));
        moderator.button("Start the report-back");
    }
}
