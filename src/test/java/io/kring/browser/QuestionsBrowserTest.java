package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13 in the real browser: questions (QA) are asked, one anonymously, voted up and marked answered, and the
 * list follows the votes; an insight is edited and removed by a member of its room (IN1).
 */
@QuarkusTest
class QuestionsBrowserTest extends MeetingOfThreeTestBase {

    QuestionsBrowserTest() {
        super("Network day", "One", false);
    }

    private static List<String> order(Browser b) {
        return b.driver().findElements(By.cssSelector("#question-list .questions__text")).stream()
                .map(WebElement::getText).toList();
    }

    @Test
    @DisplayName("[QA1, QA3, QA4, QA5, QA7] Ann asks twice (once anonymously), Bob votes, the moderator marks answered; the order follows the votes")
    void questions() {
        ann.type("Your question", "Where do we start?");
        ann.click("Ask");
        ann.waiting().until(d -> order(ann).equals(List.of("Where do we start?")));
        ann.type("Your question", "Is this anonymous?");
        ann.driver().findElement(By.id("question-anonymous")).click();
        ann.click("Ask");
        bob.waiting().until(d -> order(bob).equals(List.of("Where do we start?", "Is this anonymous?")));
        moderator.waiting().until(d -> order(moderator).size() == 2);
        List<String> askers = moderator.driver().findElements(By.cssSelector("#question-list .questions__meta"))
                .stream().map(WebElement::getText).toList();
        assertThat(askers.get(0)).startsWith("Ann");
        assertThat(askers.get(1)).as("[QA3] nobody sees who asked, moderators included").startsWith("Anonymous")
                .doesNotContain("Ann");
        assertThat(ann.hasButton("Remove question: Is this anonymous?")).as("[QA6] the asker may remove it").isTrue();
        assertThat(bob.hasButton("Remove question: Is this anonymous?")).isFalse();

        bob.click("Support this question (0 votes): Is this anonymous?");
        moderator.waiting().until(d -> order(moderator).equals(List.of("Is this anonymous?", "Where do we start?")));
        ann.waiting().until(d -> order(ann).equals(List.of("Is this anonymous?", "Where do we start?")));
        WebElement withdraw = bob.button("Withdraw your support (1 votes): Is this anonymous?");
        assertThat(withdraw.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(ann.button("Support this question (1 votes): Is this anonymous?").getText()).isEqualTo("▲ 1");

        moderator.click("Mark as answered: Where do we start?");
        ann.textContaining("✓ Answered");
        bob.textContaining("✓ Answered");
        moderator.screenshot("40-moderator-questions");
        ann.screenshot("41-participant-questions-phone");
    }

    @Test
    @DisplayName("[IN1] a member of the room edits an insight inline and removes it; the other member sees each change")
    void insightEditedAndRemoved() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("manual");
        moderator.number("Number of groups", 1);
        moderator.number("Wrap-up after the end (seconds)", 0);
        new Select(moderator.field("Ann")).selectByValue("0");
        new Select(moderator.field("Bob")).selectByValue("0");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        ann.region("Your group: Group 1");
        bob.region("Your group: Group 1");

        ann.type("New insight", "Reading togther works");
        ann.click("Add insight");
        bob.textContaining("Reading togther works");
        bob.click("Edit insight: Reading togther works");
        bob.type("Insight text", "Reading together works");
        bob.click("Save");
        ann.textContaining("Reading together works");
        moderator.textContaining("Reading together works");
        bob.click("Remove insight: Reading together works");
        ann.waiting().until(d -> d.findElements(By.xpath("//*[contains(normalize-space(.), 'Reading together works')]"))
                .stream().noneMatch(WebElement::isDisplayed));
        ann.text("No insights yet.");
        moderator.click("Close groups");
        ann.text("Chat (everyone)");
    }
}
