package io.kring.browser;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12, rooms say they are done (RD1): a participant in a room presses "Our group is done"; the moderator's
 * overview counts the groups that are done, marks them, and says when all are done.
 */
@QuarkusTest
class RoomDoneBrowserTest extends MeetingOfThreeTestBase {

    RoomDoneBrowserTest() {
        super("Network day", "One", false);
    }

    @Test
    @DisplayName("[RD1] a participant presses 'Our group is done'; the moderator sees '1 of 2 groups done', then all done, and closes")
    void groupsSayTheyAreDone() {
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
        moderator.text("0 of 2 groups done");

        WebElement toggle = ann.button("Our group is done");
        ann.waiting().until(d -> "false".equals(ann.button("Our group is done").getDomAttribute("aria-pressed")));
        toggle.click();
        ann.waiting().until(d -> "true".equals(ann.button("Our group is done").getDomAttribute("aria-pressed")));
        ann.textContaining("Your group is done.");
        moderator.text("1 of 2 groups done");
        moderator.waiting().until(d -> d.findElements(By.cssSelector(".room-card--done h3")).stream()
                .map(WebElement::getText).toList().equals(List.of("Group 2")));
        moderator.text("✓ Done");
        moderator.screenshot("30-moderator-one-group-done");

        bob.button("Our group is done").sendKeys(Keys.ENTER); // keyboard works too
        moderator.text("2 of 2 groups done");
        moderator.text("All groups are done: you can close the groups now.");
        ann.screenshot("31-participant-group-done-phone");

        ann.click("Our group is done");
        ann.waiting().until(d -> "false".equals(ann.button("Our group is done").getDomAttribute("aria-pressed")));
        moderator.text("1 of 2 groups done");
        moderator.waiting().until(d -> d.findElements(By.xpath(
                "//*[normalize-space(.)='All groups are done: you can close the groups now.']")).isEmpty());

        moderator.click("Close groups");
        ann.text("Chat (everyone)");
        bob.text("Chat (everyone)");
    }
}
