package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The recap (RC rules, protocol.md section 8) in a real browser. The meeting's harvest (a round with insights, a
 * closed poll, a question, chat) is made over the WebSocket by people whose names must never show; the moderator
 * publishes in the room, a participant follows the header's "Recap" link to /r/{id}, and after the withdrawal
 * the same link shows the friendly "not found".
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
class RecapBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    @DisplayName("[RC1, RC4, RC7, RC9] moderator publishes; /r/{id} shows the title, a round's insights and a poll's counts, no names, no chat; withdrawn: not found")
    void publishOpenWithdraw() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Welcome", 300)));
                Browser moderator = Browser.open("moderator", 1280, 900);
                Browser ann = Browser.open("Ann", 360, 780)) {
            TestParticipant mo = m.moderator("Marguerite Socketmod");
            TestParticipant zed = m.participant("Zebulon Quistgaard", "Hidden Foundation");
            TestParticipant yol = m.participant("Yolanda Pimentelli");
            zed.ack("chat.send", "text", "A private remark in the chat");
            mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600, "topics",
                    List.of("Housing", "Mobility"), "assignments", Map.of(zed.id(), 0, yol.id(), 1));
            zed.awaitEvent("breakouts.opened");
            zed.ack("insight.add", "text", "Shared gardens bring neighbours together");
            yol.ack("insight.add", "text", "Cycle lanes to every school");
            mo.ack("breakout.close", "graceSeconds", 0);
            zed.awaitEvent("breakouts.closed");
            mo.ack("poll.open", "question", "Meet again in spring?", "options", List.of("Yes", "No"));
            String poll = Api.state(mo.who).path("polls").get(0).path("pollId").asText();
            zed.ack("poll.vote", "pollId", poll, "choices", List.of(0));
            yol.ack("poll.vote", "pollId", poll, "choices", List.of(0));
            mo.ack("poll.close", "pollId", poll);

            moderator.get(base + m.created.moderatorPath().substring(1));
            moderator.type("Your name", "Morgana Browsermod");
            moderator.click("Join as moderator");
            moderator.text("Connected");
            ann.get(base + m.created.joinPath().substring(1));
            ann.type("Your name", "Annika Browserperson");
            ann.click("Join");
            ann.text("Connected");
            assertThat(ann.driver().findElements(By.cssSelector("#recap-header a"))).as("nothing published yet").isEmpty();

            moderator.click("Publish recap");
            String link = moderator.waiting().until(d -> {
                var fields = d.findElements(By.id("recap-link"));
                return fields.isEmpty() ? null : fields.get(0).getDomProperty("value");
            });
            assertThat(link).matches(".*/r/[A-Za-z0-9_-]{22,64}");
            moderator.button("Copy");
            moderator.screenshot("60-moderator-recap-published");

            var recapLink = ann.waiting().until(d -> {
                var links = d.findElements(By.cssSelector("#recap-header a"));
                return links.isEmpty() || !links.get(0).isDisplayed() ? null : links.get(0);
            });
            assertThat(recapLink.getText()).isEqualTo("Recap");
            String href = recapLink.getDomProperty("href");
            assertThat(link).endsWith(href.substring(href.indexOf("/r/")));
            ann.get(href);
            ann.text(m.created.title());
            ann.text("Shared gardens bring neighbours together");
            ann.text("Cycle lanes to every school");
            ann.textContaining("Housing");
            ann.text("Meet again in spring?");
            ann.text("2 votes");
            ann.text("2 voters");
            ann.screenshot("61-recap-page-phone");
            String page = ann.driver().findElement(By.tagName("body")).getText();
            for (String secret : List.of("Marguerite", "Zebulon", "Quistgaard", "Yolanda", "Pimentelli", "Morgana",
                    "Annika", "Hidden Foundation", "A private remark")) {
                assertThat(page).as("[RC7] the recap page never shows %s", secret).doesNotContain(secret);
            }
            assertThat(ann.console()).as("no errors (CSP included) on the recap page")
                    .noneMatch(entry -> entry.getLevel().getName().equals("SEVERE"));

            moderator.click("Withdraw recap");
            moderator.click("Yes, go ahead");
            moderator.button("Publish recap");
            ann.get(href);
            // Without a recap there is no meeting language: the page follows the browser's, and the toggle switches.
            String dutch = "Deze terugblik bestaat niet (meer)";
            String english = "This recap does not exist (any more)";
            String shown = ann.waiting().until(d -> {
                var heading = d.findElements(By.id("recap-message-heading"));
                return heading.isEmpty() || !heading.get(0).isDisplayed() || heading.get(0).getText().isEmpty() ? null
                        : heading.get(0).getText();
            });
            assertThat(shown).isIn(dutch, english);
            ann.click(shown.equals(dutch) ? "Switch to English" : "Overschakelen naar Nederlands");
            ann.text(shown.equals(dutch) ? english : dutch);
            ann.screenshot("62-recap-withdrawn");
        }
    }
}
