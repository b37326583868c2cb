package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The physical room (protocol.md section 7) in an English meeting: a participant joins "in the room", the
 * moderator adds someone without a device and raises their hand for them; everyone sees it in the queue.
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhysicalRoomBrowserTest {

    @TestHTTPResource("/")
    URL base;

    Browser moderator;
    Browser ann;
    Browser projector;
    String joinUrl;

    @BeforeAll
    void meeting() {
        if (!Browser.available()) {
            return; // every test of this class is skipped by RequiresChromium
        }
        moderator = Browser.open("moderator", 1280, 900);
        ann = Browser.open("Ann", 360, 780);

        joinUrl = moderator.startEnglishMeeting(base.toString(), "Network day", "One");
        ann.get(joinUrl);
        ann.type("Your name", "Ann");
        ann.text("How do you take part?");
        ann.driver().findElement(By.xpath("//label[normalize-space(.)='I am in the room']")).click();
        assertThat(ann.driver().findElement(By.id("join-attendance-inroom")).isSelected()).isTrue();
        ann.click("Join");
        ann.text("Connected");
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[] {moderator, ann, projector}) {
            if (b != null) {
                b.close();
            }
        }
    }

    List<String> texts(Browser b, String css) {
        return b.waiting().until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
    }

    @Test
    @Order(10)
    void theModeratorAddsSomeoneWithoutADeviceAndRaisesTheirHand() {
        WebElement people = moderator.region("Here (2 of 2)");
        moderator.waiting().until(d -> people.getText().contains("Ann") && people.getText().contains("in the room"));

        moderator.text("Add someone without a device");
        moderator.type("Their name", "Els");
        moderator.type("Their organisation (optional)", "Library");
        moderator.click("Add someone without a device");
        ann.waiting().until(d -> d.findElement(By.id("people")).getText().contains("Els"));
        assertThat(moderator.field("Their name").getDomProperty("value")).as("cleared once accepted").isEmpty();

        moderator.click("Raise hand on behalf of Els");
        for (Browser b : List.of(moderator, ann)) {
            b.waiting().until(d -> texts(b, ".hands__name").equals(List.of("Els")));
        }
        assertThat(moderator.hasButton("Raise hand on behalf of Els")).as("her hand is up").isFalse();
        moderator.click("Lower the hand of Els");
        ann.text("Raised hands (0)");
        assertThat(ann.hasButton("Raise hand on behalf of Els")).as("moderators only").isFalse();
        assertThat(moderator.console()).noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
    }

    @Test
    @Order(20)
    void theGroupsIncludeHerTheProjectorShowsThemAndTheModeratorAddsAnInsightForAGroup() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("random");
        moderator.number("Number of groups", 1);
        moderator.number("Wrap-up after the end (seconds)", 1);
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        WebElement room = ann.region("Your group: Group 1");
        moderator.waiting().until(d -> moderator.region("Groups").getText().contains("Els"));

        projector = Browser.open("projector", 1280, 720);
        projector.get(joinUrl.replace("/m/", "/display/"));
        projector.waiting().until(d -> {
            List<String> members = texts(projector, ".display__members li");
            return members.containsAll(List.of("Ann", "Els"));
        });

        new Select(moderator.field("Group")).selectByVisibleText("Group 1");
        moderator.type("Insight", "Reading together works");
        moderator.click("Add insight");
        ann.waiting().until(d -> room.getText().contains("Reading together works"));
        assertThat(moderator.field("Insight").getDomProperty("value")).as("cleared once accepted").isEmpty();
        moderator.click("Close groups");
        ann.text("Chat (everyone)");
    }
}
