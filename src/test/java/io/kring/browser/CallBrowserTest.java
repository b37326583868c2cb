package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.kring.testing.WithCallBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Calls in the browser (protocol.md section 7, CALL-rules) on a server with a call base: the header's
 * "Join the call", the moderator setting the plenary link, the group's call in the room view, and the
 * way back to the plenary call when the round closed.
 */
@QuarkusTest
@TestProfile(WithCallBase.class)
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallBrowserTest {

    static final String LINK = "https://meet\\.example\\.org/Kring-[A-Za-z0-9_-]{20,}";

    @TestHTTPResource("/")
    URL base;

    Browser moderator;
    Browser ann;

    @BeforeAll
    void meeting() {
        if (!Browser.available()) {
            return;
        }
        moderator = Browser.open("moderator", 1280, 900);
        ann = Browser.open("Ann", 360, 780);
        String joinUrl = moderator.startEnglishMeeting(base.toString(), "Call day", "One");
        ann.get(joinUrl);
        ann.type("Your name", "Ann");
        ann.click("Join");
        ann.text("Connected");
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[] {moderator, ann}) {
            if (b != null) {
                b.close();
            }
        }
    }

    static WebElement link(Browser b, String text) {
        return b.waiting().until(d -> d.findElements(By.xpath("//a[normalize-space(.)=" + Browser.literal(text) + "]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    @Test
    @Order(10)
    @DisplayName("[CALL1] the header shows the meeting's generated plenary link, opening in a new tab")
    void headerShowsThePlenaryLink() {
        WebElement join = link(ann, "Join the call");
        assertThat(join.getDomProperty("href")).matches(LINK);
        assertThat(join.getDomAttribute("target")).isEqualTo("_blank");
        assertThat(join.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(link(moderator, "Join the call").getDomProperty("href")).isEqualTo(join.getDomProperty("href"));
    }

    @Test
    @Order(20)
    @DisplayName("[CALL2, CALL4] the moderator sets the plenary link; a javascript: link is refused in the browser")
    void moderatorSetsThePlenaryLink() {
        moderator.type("Link to the main call (https://)", "javascript:alert(1)");
        moderator.click("Set link");
        moderator.text("Give a link that starts with https://.");
        moderator.type("Link to the main call (https://)", "https://zoom.example.com/j/123");
        moderator.click("Set link");
        ann.waiting().until(d -> "https://zoom.example.com/j/123".equals(link(ann, "Join the call").getDomProperty("href")));
        moderator.button("Remove link");
    }

    @Test
    @Order(30)
    @DisplayName("[CALL1, CALL5] the room view shows the group's call; after the round, the way back to the plenary call")
    void roomViewShowsTheGroupsCall() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("manual");
        moderator.number("Wrap-up after the end (seconds)", 1);
        new Select(moderator.field("Ann")).selectByValue("0");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();
        WebElement room = ann.region("Your group: Group 1");
        WebElement group = room.findElement(By.xpath(".//a[normalize-space(.)=\"Join your group's call\"]"));
        assertThat(group.getDomProperty("href")).matches(LINK);
        assertThat(group.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
        ann.screenshot("30-participant-group-call");

        moderator.click("Close groups");
        WebElement back = link(ann, "Back to the main call");
        assertThat(back.getDomProperty("href")).isEqualTo("https://zoom.example.com/j/123");
        ann.text("The groups are over: come back to the main call.");
        ann.click("Close");
        ann.waiting().until(d -> !d.findElement(By.id("call-back")).isDisplayed());
    }
}
