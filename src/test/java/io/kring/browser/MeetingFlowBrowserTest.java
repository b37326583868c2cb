package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * A meeting as people run it, in real browsers: a moderator creates it, a participant joins from
 * the link on a phone-sized screen, they queue, chat, go into a breakout and come back, and the
 * projector view follows. The steps share the browsers and run in order. Screenshots of the main
 * screens land in target/screenshots/.
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeetingFlowBrowserTest {

    /** A name that would run script if it were ever parsed as HTML. */
    static final String XSS_NAME = "<img src=x onerror=alert(1)>An";
    static final String XSS_CHAT = "Hallo <script>window.kringXss=1</script><b>vet</b>";
    static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2})");

    @TestHTTPResource("/")
    URL base;

    Browser moderator;
    Browser participant;
    Browser projector;
    String joinUrl;

    @BeforeAll
    void browsers() {
        if (!Browser.available()) {
            return; // every test of this class is skipped by RequiresChromium
        }
        moderator = Browser.open("moderator", 1280, 900);
        participant = Browser.open("participant", 360, 780);
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[] {moderator, participant, projector}) {
            if (b != null) {
                b.close();
            }
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    @Order(10)
    void aModeratorCreatesAMeetingAndLandsInTheRoom() {
        moderator.get(url("/"));
        moderator.type("Titel van de vergadering", "Lerend netwerk bibliotheken");
        moderator.type("Je naam (als moderator)", "Mo");
        moderator.type("Organisatie (niet verplicht)", "Kring");
        moderator.type("Titel van punt 1", "Welkom");
        moderator.number("Minuten", 5);
        moderator.click("Agendapunt toevoegen");
        moderator.type("Titel van punt 2", "Groepswerk");
        moderator.screenshot("01-create");
        moderator.click("Vergadering starten");

        moderator.waiting().until(d -> d.getCurrentUrl().matches(".*/m/[A-Za-z0-9_-]+#key=.+"));
        moderator.text("Verbonden");
        assertThat(moderator.text("Lerend netwerk bibliotheken").getTagName()).isEqualTo("h1");
        joinUrl = moderator.field("Link om deel te nemen").getDomProperty("value");
        assertThat(joinUrl).matches("http://[^/]+/m/[A-Za-z0-9_-]+");
        assertThat(moderator.button("Kopiëren").isDisplayed()).isTrue();
        assertThat(moderator.region("Agenda").getText()).contains("Welkom", "Groepswerk");
        moderator.screenshot("02-moderator-room");
    }

    @Test
    @Order(20)
    void aParticipantJoinsFromTheLink() {
        participant.get(joinUrl);
        participant.text("Lerend netwerk bibliotheken");
        participant.type("Je naam", XSS_NAME);
        participant.type("Organisatie (niet verplicht)", "Bibliotheek Gent");
        participant.screenshot("03-join-form-phone");
        participant.click("Deelnemen");
        participant.text("Verbonden");
        participant.text(XSS_NAME + " (jij)");

        WebElement people = moderator.region("Aanwezig (2 van 2)");
        assertThat(people.getText()).contains(XSS_NAME, "Bibliotheek Gent");
    }

    @Test
    @Order(30)
    void aRaisedHandAppearsInTheModeratorsQueue() {
        participant.click("Ik wil iets zeggen");
        participant.text("Je staat op plaats 1.");
        participant.waiting().until(d -> "true".equals(participant.button("Ik wil iets zeggen").getDomAttribute("aria-pressed")));

        moderator.waiting().until(d -> ("Geef het woord aan " + XSS_NAME).equals(
                moderator.button("Geef het woord aan " + XSS_NAME).getAccessibleName()));
        assertThat(moderator.region("Sprekerslijst").getText()).contains("Handen omhoog (1)", XSS_NAME, "spreken");
    }

    @Test
    @Order(40)
    void chatGoesBothWaysAndMarkupStaysText() {
        participant.type("Chatbericht", XSS_CHAT);
        participant.click("Versturen");
        moderator.text(XSS_CHAT);

        moderator.type("Chatbericht", "Welkom iedereen!");
        moderator.click("Versturen");
        participant.text("Welkom iedereen!");

        for (Browser b : List.of(moderator, participant)) {
            assertThat(b.js("return window.kringXss === undefined")).isEqualTo(true);
            assertThat(b.driver().findElements(By.cssSelector("img[src='x'], .chat b, .chat script"))).isEmpty();
            assertThat(b.driver().findElements(By.xpath("//*[normalize-space(.)=" + Browser.literal(XSS_CHAT) + "]")))
                    .isNotEmpty();
            try {
                b.driver().switchTo().alert();
                throw new AssertionError(b.who + ": an alert opened: the name or the chat ran as script");
            } catch (NoAlertPresentException expected) {
                // no script ran
            }
        }
    }

    @Test
    @Order(50)
    void theModeratorRunsTheAgendaAndGivesTheFloor() {
        moderator.click("Agenda starten");
        WebElement now = moderator.region("Nu");
        moderator.waiting().until(d -> now.getText().contains("Welkom"));
        assertThat(clockIn(moderator, now)).isBetween(240, 300);

        moderator.click("Geef het woord aan " + XSS_NAME);
        participant.text("Je hebt het woord.");
        participant.waiting().until(d -> "Je hebt het woord.".equals(
                participant.js("return document.getElementById('live-assertive').textContent")));
        moderator.waiting().until(d -> moderator.region("Sprekerslijst").getText().contains("Handen omhoog (0)"));
        participant.screenshot("04-participant-has-the-floor-phone");
        assertNoSidewaysScroll(participant);
        moderator.screenshot("05-moderator-agenda-running");
        moderator.click("Beurt beëindigen");
        participant.waiting().until(d -> !participant.hasButton("Ik ben klaar"));
    }

    @Test
    @Order(60)
    void breakoutsOpenAndTheParticipantSeesTheRoomAndARunningCountdown() throws InterruptedException {
        moderator.click("Groepen openen…");
        moderator.number("Aantal groepen", 1);
        moderator.number("Duur (minuten)", 3);
        moderator.number("Afronden na het einde (seconden)", 5);
        moderator.type("Onderwerp voor Groep 1", "Samen lezen");
        moderator.screenshot("06-moderator-breakout-dialog");
        WebElement dialog = moderator.driver().findElement(By.id("breakout-dialog"));
        dialog.findElement(By.xpath(".//button[normalize-space(.)='Groepen openen']")).click();

        WebElement room = participant.region("Jouw groep: Groep 1");
        assertThat(room.getText()).contains("Samen lezen", XSS_NAME);
        int first = clockIn(participant, room);
        assertThat(first).isBetween(150, 180);
        Thread.sleep(2200);
        int later = clockIn(participant, room);
        assertThat(later).as("the breakout countdown runs").isLessThan(first);
        assertThat(participant.text("Chat in Groep 1")).isNotNull();

        participant.type("Nieuw inzicht", "Samen lezen verbindt mensen");
        participant.click("Inzicht toevoegen");
        participant.text("Samen lezen verbindt mensen");
        participant.click("Hulp vragen");
        participant.textContaining("Hulp gevraagd.");
        participant.screenshot("07-participant-in-breakout-phone");
        assertNoSidewaysScroll(participant);

        WebElement overview = moderator.region("Groepen");
        moderator.waiting().until(d -> overview.getText().contains("Vraagt hulp")
                && overview.getText().contains("Samen lezen verbindt mensen"));
        assertThat(overview.getText()).contains("Groep 1", XSS_NAME, "Inzichten (1)");
        assertThat(clockIn(moderator, overview)).isBetween(100, 180);
        // Read one after the other, the two clocks can straddle a tick (or a slow read on a loaded machine):
        // read both again until they agree; two browsers that disagree for good time out here.
        moderator.waiting().withMessage(() -> "both browsers show the same time left").until(d -> {
            int moderatorClock = clockIn(moderator, overview);
            int participantClock = clockIn(participant, room);
            return Math.abs(moderatorClock - participantClock) <= 1;
        });
        moderator.screenshot("08-moderator-breakout-overview");
    }

    @Test
    @Order(70)
    void theProjectorShowsTheTimerAndTheQrCode() {
        projector = Browser.open("projector", 1600, 900);
        projector.get(joinUrl.replace("/m/", "/display/"));
        projector.text("Lerend netwerk bibliotheken");
        WebElement round = projector.region("Groepswerk loopt");
        assertThat(clockIn(projector, round)).isBetween(100, 180);
        WebElement now = projector.region("Nu");
        assertThat(now.getText()).contains("Welkom");
        WebElement qr = projector.driver().findElement(By.cssSelector("img[src$='/qr.svg']"));
        projector.waiting().until(d -> Boolean.TRUE.equals(
                projector.js("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)));
        assertThat(qr.getAccessibleName()).startsWith("QR-code om deel te nemen: ").endsWith(joinUrl);
        assertThat(projector.region("Doe mee").getText()).contains(joinUrl.replaceFirst("^https?://", ""));
        assertThat(projector.driver().getPageSource()).doesNotContain("Welkom iedereen!");
        projector.screenshot("09-projector-breakout-timer-and-qr");
    }

    @Test
    @Order(80)
    void theRoundClosesAndBothAreBackInThePlenary() {
        moderator.click("Groepen sluiten");
        participant.textContaining("De groepen sluiten.");
        participant.region("Inzichten uit de groepen");
        participant.text("Chat (iedereen)");
        assertThat(participant.driver().findElement(By.id("breakout-room")).isDisplayed()).isFalse();
        assertThat(participant.text("Welkom iedereen!")).isNotNull();
        moderator.text("Er zijn nu geen groepen open.");
        moderator.text("Chat (iedereen)");
        assertThat(moderator.region("Aanwezig (2 van 2)").getText()).doesNotContain("Groep 1");
        participant.screenshot("10-participant-back-in-plenary-phone");

        WebElement results = projector.region("Inzichten uit de groepen");
        projector.waiting().until(d -> results.getText().contains("Samen lezen verbindt mensen"));
        projector.screenshot("11-projector-insights");
    }

    @Test
    @Order(85)
    void anItemInItsLastMinuteTurnsAmberAndOverTimeCountsUpInRed() {
        moderator.click("Bewerk: Groepswerk");
        moderator.field("Duur (minuten)").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "0.1");
        moderator.click("Opslaan");
        moderator.waiting().until(d -> moderator.region("Agenda").getText().contains("0,1 min"));
        moderator.click("Start: Groepswerk");

        WebElement now = participant.region("Nu");
        participant.waiting().until(d -> now.getText().contains("Groepswerk") && now.getText().contains("laatste minuut"));
        participant.waiting().until(d -> now.findElement(By.cssSelector(".countdown")).getDomAttribute("class").contains("countdown--warning"));
        participant.waiting().until(d -> now.getText().contains("over tijd"));
        participant.waiting().until(d -> now.findElement(By.cssSelector(".countdown")).getDomAttribute("class").contains("countdown--over"));
        participant.waiting().until(d -> now.findElement(By.cssSelector(".countdown__time")).getText().matches("\\+0:0[1-9]"));
        participant.screenshot("11b-participant-item-over-time-phone");
        moderator.waiting().until(d -> moderator.region("Agenda").getText().contains("over tijd"));
    }

    @Test
    @Order(90)
    void aReloadRejoinsSilentlyAndTheLanguageToggleOverrides() {
        participant.driver().navigate().refresh();
        participant.text("Verbonden");
        assertThat(participant.driver().findElement(By.id("join-view")).isDisplayed()).isFalse();
        participant.text(XSS_NAME + " (jij)");

        participant.click("Switch to English");
        participant.text("Connected");
        participant.button("I want to speak");
        participant.text("Chat (everyone)");
        assertThat(participant.js("return document.documentElement.lang")).isEqualTo("en");
        participant.screenshot("12-participant-english-phone");
        participant.driver().navigate().refresh();
        participant.text("Connected");
    }

    @Test
    @Order(100)
    void aLockedMeetingSaysSoInPlainWords() {
        moderator.click("Vergrendelen");
        moderator.text("Vergrendeld: nieuwe deelnemers kunnen niet binnen.");
        projector.get(joinUrl);
        projector.textContaining("Deze vergadering is vergrendeld.");
        projector.type("Je naam", "Cas");
        projector.click("Deelnemen");
        projector.text("Deze vergadering is vergrendeld. Vraag de moderator om je binnen te laten.");
        projector.screenshot("13-join-locked");
        moderator.click("Ontgrendelen");
        moderator.text("Open: iedereen met de link kan deelnemen.");
    }

    @Test
    @Order(110)
    void theModeratorEndsTheMeetingAfterConfirming() {
        moderator.click("Vergadering beëindigen");
        moderator.text("De vergadering beëindigen voor iedereen? Dat kan niet ongedaan worden.");
        moderator.screenshot("14-moderator-confirm-end");
        moderator.click("Ja, doorgaan");
        moderator.text("Deze vergadering is afgelopen");
        participant.text("This meeting has ended");
        assertThat(moderator.button("Verslag downloaden (Markdown)").isDisplayed()).isTrue();
        Object report = moderator.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const id = location.pathname.split('/')[2];
                const { token } = JSON.parse(localStorage.getItem('kring.token.' + id));
                fetch('/api/meetings/' + id + '/report?format=md', { headers: { Authorization: 'Bearer ' + token } })
                  .then(r => r.text().then(body => done(r.status + ' ' + body)), e => done('failed ' + e));""");
        assertThat(String.valueOf(report)).startsWith("200 ").contains("Lerend netwerk bibliotheken");
        moderator.screenshot("15-moderator-meeting-ended");
    }

    @Test
    @Order(120)
    void noPageBrokeTheContentSecurityPolicyOrThrew() {
        for (Browser b : new Browser[] {moderator, participant, projector}) {
            List<String> problems = b.console().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage)
                    // the refused join of the locked meeting is an expected 403
                    .filter(m -> !(m.contains("/participants") && m.contains("403")))
                    .toList();
            assertThat(problems).as("%s console errors", b.who).isEmpty();
        }
    }

    /** At 360 px wide nothing may stick out: the page reads without scrolling sideways. */
    static void assertNoSidewaysScroll(Browser b) {
        Object widths = b.js("return [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat((List<?>) widths).as("%s: page width vs window width", b.who)
                .satisfies(w -> assertThat(((Number) w.get(0)).longValue()).isLessThanOrEqualTo(((Number) w.get(1)).longValue()));
        assertThat(((Number) ((List<?>) widths).get(1)).longValue()).isEqualTo(360L);
    }

    /** The seconds on the first countdown inside {@code region} (m:ss). */
    static int clockIn(Browser b, WebElement region) {
        return b.waiting().withMessage(() -> b.who + ": no running clock in " + region.getText()).until(d -> {
            String text = region.findElement(By.cssSelector(".countdown__time")).getText();
            Matcher m = CLOCK.matcher(text);
            return m.find() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : null;
        });
    }
}
