package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/**
 * IN1, RB11: during a report-back of an earlier round the moderator corrects its insights with the same inline
 * controls as in the rooms' list; a participant sees each change, and has no such controls.
 */
@QuarkusTest
class EarlierRoundInsightsBrowserTest extends MeetingOfThreeTestBase {

    EarlierRoundInsightsBrowserTest() {
        super("Second harvest", "One", false);
    }

    /** A round of one group with Ann and Bob, closed at once when {@code insight} is noted (or none is). */
    private void roundOfOneGroup(String insight) {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("manual");
        moderator.number("Number of groups", 1);
        moderator.number("Wrap-up after the end (seconds)", 0);
        new Select(moderator.field("Ann")).selectByValue("0");
        new Select(moderator.field("Bob")).selectByValue("0");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        ann.region("Your group: Group 1");
        if (insight != null) {
            ann.type("New insight", insight);
            ann.click("Add insight");
            ann.textContaining(insight);
        }
        moderator.click("Close groups");
        ann.text("Chat (everyone)");
    }

    @Test
    @DisplayName("[IN1][RB11] the moderator edits and removes an insight of round 1 while it reports back after round 2")
    void moderatorCorrectsAnEarlierRound() {
        roundOfOneGroup("Reading togther works");
        roundOfOneGroup(null);

        new Select(moderator.field("Round")).selectByVisibleText("Round 1");
        moderator.number("Seconds per group", 90);
        moderator.click("Start the report-back");
        WebElement shown = ann.region("Report-back: Group 1");
        ann.text("Round 1");
        assertThat(shown.getText()).contains("Reading togther works");
        assertThat(ann.hasButton("Edit insight: Reading togther works")).as("a participant may not").isFalse();

        moderator.click("Edit insight: Reading togther works");
        moderator.type("Insight text", "Reading together works");
        moderator.click("Save");
        ann.textContaining("Reading together works");
        moderator.textContaining("Reading together works");
        moderator.screenshot("53-moderator-edits-earlier-round");

        moderator.click("Remove insight: Reading together works");
        ann.text("This group noted no insights.");
        assertThat(ann.driver().findElements(By.xpath("//*[contains(normalize-space(.), 'Reading together works')]")))
                .noneMatch(WebElement::isDisplayed);
    }
}
