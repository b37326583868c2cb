package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The moderator's controls in an English meeting, with two participants: agenda editing and
 * reordering, extend and stop, announcements, the queue in speaking order with a time limit,
 * mute, promote, a manual breakout round with broadcast, extend and a visit, a self-select round,
 * and removing someone after a confirm.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModeratorControlsBrowserTest extends MeetingOfThreeTestBase {

    ModeratorControlsBrowserTest() {
        super("Network day", "One", true);
    }

    List<String> texts(Browser b, String css) {
        return b.waiting().until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
    }

    @Test
    @Order(10)
    void theAgendaIsEditedReorderedStartedExtendedAndStopped() {
        moderator.type("Title", "Two");
        moderator.click("Add");
        ann.text("Two");
        moderator.click("Move up: Two");
        ann.waiting().until(d -> texts(ann, ".agenda__title").equals(List.of("Two", "One")));

        moderator.click("Edit: Two");
        moderator.type("Title", "Two, edited");
        moderator.field("Duration (minutes)").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "2");
        moderator.click("Save");
        ann.text("Two, edited");
        ann.text("2 min · planned");

        moderator.click("Start: One");
        WebElement now = ann.region("Now");
        ann.waiting().until(d -> now.getText().contains("One")
                && now.findElement(By.cssSelector(".countdown__time")).getText().matches("(10:00|9:5\\d)"));
        moderator.click("Add 1 minute");
        ann.waiting().until(d -> now.findElement(By.cssSelector(".countdown__time")).getText().matches("1[01]:\\d\\d"));
        moderator.click("Stop agenda item");
        ann.text("No agenda item is running.");
        moderator.button("Start the next item");
    }

    @Test
    @Order(20)
    void anAnnouncementIsABannerForEveryoneUntilRemoved() {
        moderator.type("Announcement for everyone", "Coffee until 11");
        moderator.click("Announce");
        for (Browser b : List.of(ann, bob)) {
            b.waiting().until(d -> d.findElement(By.id("announcement")).isDisplayed()
                    && d.findElement(By.id("announcement")).getText().equals("Announcement: Coffee until 11"));
        }
        moderator.click("Remove announcement");
        ann.waiting().until(d -> !d.findElement(By.id("announcement")).isDisplayed());
    }

    @Test
    @Order(30)
    void theQueueIsInSpeakingOrderAndTheLimitCountsDown() {
        ann.click("I want to speak");
        bob.click("I want to reply");
        moderator.waiting().until(d -> texts(moderator, ".hands__name").equals(List.of("Bob", "Ann")));
        ann.text("You are number 2 in the queue.");

        new Select(moderator.field("Speaking time")).selectByValue("60");
        moderator.click("Next speaker");
        bob.text("You have the floor.");
        WebElement queue = bob.region("Speaking queue");
        bob.waiting().until(d -> queue.findElement(By.cssSelector(".countdown__time")).getText().matches("[01]:\\d\\d"));
        ann.waiting().until(d -> "You are the next speaker.".equals(ann.js("return document.getElementById('live-polite').textContent")));
        moderator.click("Lower the hand of Ann");
        ann.text("Raised hands (0)");
        bob.click("I am done");
        moderator.text("Nobody has the floor.");
    }

    @Test
    @Order(40)
    void muteAndPromoteChangeWhatAPersonCanDo() {
        moderator.click("Turn chat off for Ann");
        ann.waiting().until(d -> d.findElement(By.id("chat-text")).getDomProperty("disabled").equals("true"));
        ann.text("The moderator turned off your chat.");
        moderator.click("Turn chat on for Ann");
        ann.waiting().until(d -> d.findElement(By.id("chat-text")).getDomProperty("disabled").equals("false"));

        moderator.click("Make Bob a moderator");
        bob.region("Moderation");
        bob.button("Lock");
        moderator.click("Remove the moderator role of Bob");
        bob.waiting().until(d -> !d.findElement(By.id("moderation")).isDisplayed());
    }

    @Test
    @Order(50)
    void aManualRoundWithBroadcastExtendAndAVisit() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("manual");
        moderator.number("Wrap-up after the end (seconds)", 1);
        new Select(moderator.field("Ann (Org Ann)")).selectByValue("1");
        new Select(moderator.field("Bob (Org Bob)")).selectByValue("0");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        ann.region("Your group: Group 2");
        bob.region("Your group: Group 1");

        moderator.type("Message to all groups", "Five more minutes");
        moderator.click("Send to all groups");
        ann.waiting().until(d -> ann.region("Your group: Group 2").getText().contains("Message from the moderator: Five more minutes"));
        bob.waiting().until(d -> bob.region("Your group: Group 1").getText().contains("Five more minutes"));

        moderator.click("Add 5 minutes");
        WebElement room = ann.region("Your group: Group 2");
        ann.waiting().until(d -> room.findElement(By.cssSelector(".countdown__time")).getText().matches("(19|20):\\d\\d"));

        moderator.click("Visit Group 2");
        moderator.region("Your group: Group 2");
        moderator.text("Chat in Group 2");
        ann.type("Chat message", "Hi Mo");
        ann.click("Send");
        moderator.text("Hi Mo");
        bob.waiting().until(d -> d.findElements(By.xpath("//*[normalize-space(.)='Hi Mo']")).isEmpty());
        moderator.screenshot("20-moderator-visiting-a-room");
        moderator.click("Back to the plenary");
        moderator.text("Chat (everyone)");

        moderator.click("Close groups");
        ann.text("Chat (everyone)");
        bob.text("Chat (everyone)");
    }

    @Test
    @Order(60)
    void inASelfSelectRoundParticipantsChooseTheirGroup() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("selfSelect");
        moderator.number("Number of groups", 2);
        moderator.number("Wrap-up after the end (seconds)", 1);
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        ann.text("Choose a group:");
        ann.screenshot("21-participant-self-select-phone");
        ann.click("Go to Group 2");
        ann.region("Your group: Group 2");
        moderator.waiting().until(d -> moderator.region("Groups").getText().contains("Ann"));
        moderator.click("Close groups");
        ann.text("Chat (everyone)");
    }

    @Test
    @Order(70)
    void removingSomeoneAsksFirstAndSendsThemBackToTheJoinForm() {
        moderator.click("Remove Bob from the meeting");
        moderator.text("Remove Bob from the meeting?");
        moderator.click("Cancel");
        assertThat(moderator.region("Here (3 of 3)").getText()).contains("Bob");

        moderator.click("Remove Bob from the meeting");
        moderator.click("Yes, go ahead");
        bob.textContaining("The moderator removed you from the meeting.");
        bob.button("Join");
        moderator.text("Here (2 of 2)");
        assertThat(bob.js("return localStorage.getItem('kring.token.' + location.pathname.split('/')[2])")).isNull();
    }
}
