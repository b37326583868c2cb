package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14, the network's pages (protocol.md section 9): a coordinator creates a network from the start page and
 * plans two meetings on its page /n/{id}; three people join the first from the network page and become members;
 * the coordinator, as moderator of that meeting through the network, runs a round mixing organisations; the
 * directory shows a member to the others only after she consents; a returning member is greeted on the second
 * meeting's join page with her name and organisation filled in, and stays the same member.
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
class NetworkBrowserTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @TestHTTPResource("/")
    URL base;

    @Test
    @DisplayName("create a network, plan two meetings, three members join and mix, the directory by consent, a returning member")
    void aNetworkMeetsTwice() {
        Browser coordinator = Browser.open("coordinator", 1280, 900);
        Browser ann = Browser.open("Ann", 360, 780);
        Browser bob = Browser.open("Bob", 800, 900);
        Browser cas = Browser.open("Cas", 800, 900);
        try {
            // The start page (Dutch by default): a new English network; its coordinator link is shown to keep.
            coordinator.get(base.toString());
            coordinator.type("Naam van het netwerk", "Neighbourhood network");
            new Select(coordinator.field("Taal van het netwerk")).selectByValue("en");
            coordinator.click("Netwerk aanmaken");
            coordinator.text("Je netwerk is klaar");
            String coordinatorLink = coordinator.field("Coördinatorlink").getDomProperty("value");
            assertThat(coordinatorLink).matches(".*/n/[A-Za-z0-9_-]+#key=.+");
            String networkUrl = coordinatorLink.substring(0, coordinatorLink.indexOf('#'));
            coordinator.driver().findElement(By.linkText("Netwerkpagina openen")).click();

            // The network page in the network's language; the key left the address bar; nothing planned yet.
            coordinator.text("Neighbourhood network");
            coordinator.textContaining("Nothing is planned yet.");
            coordinator.text("No meetings held yet. After each meeting you find its recap here, once the moderator shares it.");
            assertThat(coordinator.driver().getCurrentUrl()).as("the key is stripped from the address").isEqualTo(networkUrl);

            LocalDateTime first = LocalDateTime.now().plusDays(7).truncatedTo(ChronoUnit.HOURS);
            plan(coordinator, "Session 1", first, "hybrid", null);
            plan(coordinator, "Session 2", first.plusDays(14), "online", "Session 1");
            WebElement next = coordinator.region("Next meeting");
            coordinator.waiting().until(d -> next.getText().contains("Session 1") && next.getText().contains("Hybrid"));
            coordinator.waiting().until(d -> coordinator.region("Also planned").getText().contains("Session 2"));
            coordinator.screenshot("70-network-coordinator");

            // The coordinator opens the first meeting as its moderator (the coordinator key is its moderator key).
            link(coordinator, "Open Session 1 as moderator");
            coordinator.type("Your name", "Coordinator");
            coordinator.click("Join as moderator");
            coordinator.text("Connected");

            // Three people join from the network page: the next meeting's big join link.
            String[][] people = {{"Ann", "Org A"}, {"Bob", "Org A"}, {"Cas", "Org B"}};
            Browser[] browsers = {ann, bob, cas};
            for (int i = 0; i < browsers.length; i++) {
                Browser p = browsers[i];
                p.get(networkUrl);
                p.textContaining("The directory is for the members of this network.");
                link(p, "Join Session 1");
                p.field("Your name"); // the join form is shown: whether it greets is decided by now
                assertThat(p.driver().findElements(By.xpath("//*[starts-with(normalize-space(.), 'Welcome back')]"))
                        .stream().noneMatch(WebElement::isDisplayed)).as("not a member yet").isTrue();
                p.type("Your name", people[i][0]);
                p.type("Organisation (optional)", people[i][1]);
                p.click("Join");
                p.text("Connected");
            }
            coordinator.text("Here (4 of 4)");

            // A round mixing organisations.
            coordinator.click("Open groups…");
            new Select(coordinator.field("Grouping")).selectByValue("mixOrganisations");
            coordinator.number("Number of groups", 2);
            coordinator.number("Wrap-up after the end (seconds)", 0);
            coordinator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                    By.xpath(".//button[normalize-space(.)='Open groups']")).click();
            for (Browser p : browsers) {
                p.textContaining("Your group: Group");
            }
            coordinator.click("Close groups");
            ann.text("Chat (everyone)");

            // The directory by consent: Bob sees nobody else until Ann shares; Cas never shares.
            String annMember = (String) ann.js("return localStorage.getItem(arguments[0])", memberKey(networkUrl));
            assertThat(annMember).as("Ann's browser keeps her member token").contains("memberToken");
            bob.get(networkUrl);
            bob.text("Nobody else shares their profile yet.");
            assertThat(cards(bob)).containsExactly("Bob (you)");

            ann.get(networkUrl);
            WebElement annProfile = ann.region("My profile");
            assertThat(ann.field("Name").getDomProperty("value")).isEqualTo("Ann");
            assertThat(ann.field("Organisation").getDomProperty("value")).isEqualTo("Org A");
            ann.type("What I offer (knowledge, experience, help)", "Street parties that work");
            WebElement share = ann.field("Share in the directory");
            assertThat(share.getDomAttribute("role")).isEqualTo("switch");
            assertThat(share.isSelected()).as("consent is off until she sets it").isFalse();
            share.click();
            ann.click("Save profile");
            ann.text("Saved. Your profile is in the directory.");
            assertThat(annProfile.isDisplayed()).isTrue();
            ann.screenshot("71-network-member-phone");

            bob.get(networkUrl);
            bob.text("One member shares their profile.");
            assertThat(cards(bob)).containsExactly("Bob (you)", "Ann");
            bob.type("Search by name, organisation, offer or ask", "street");
            bob.waiting().until(d -> cards(bob).equals(List.of("Ann")));
            bob.type("Search by name, organisation, offer or ask", "Cas");
            bob.text("Nobody found for “Cas”.");

            // The coordinator joined the meeting, so is a member too: sees themself and the consenting members, not Cas.
            coordinator.get(networkUrl);
            coordinator.waiting().until(d -> cards(coordinator).equals(List.of("Coordinator (you)", "Ann")));
            coordinator.region("Coordination");

            // The network report, fetched with the coordinator key (kept for the tab, not in the address).
            coordinator.js("window.reports = []; const make = URL.createObjectURL;"
                    + " URL.createObjectURL = blob => { window.reports.push(blob); return make(blob); };");
            coordinator.click("Download report (Markdown)");
            Object report = ((org.openqa.selenium.JavascriptExecutor) coordinator.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + " const look = () => window.reports.length ? window.reports[0].text().then(done) : setTimeout(look, 100);"
                    + " look();");
            assertThat((String) report).contains("Session 1").contains("Org A");

            // Ann returns for the second meeting: greeted, her name and organisation filled in, the same member.
            ann.get(networkUrl);
            link(ann, "Join Session 2");
            ann.text("Welcome back, Ann");
            assertThat(ann.field("Your name").getDomProperty("value")).isEqualTo("Ann");
            assertThat(ann.field("Organisation (optional)").getDomProperty("value")).isEqualTo("Org A");
            ann.screenshot("72-network-welcome-back");
            ann.click("Join");
            ann.text("Connected");
            assertThat(ann.js("return localStorage.getItem(arguments[0])", memberKey(networkUrl)))
                    .as("the same member token: she stayed the same member").isEqualTo(annMember);

            // Ann deletes her profile: confirmed, gone from Bob's directory, and this browser forgets her token.
            ann.get(networkUrl);
            ann.click("Delete my profile");
            ann.click("Yes, go ahead");
            ann.textContaining("Your profile is deleted.");
            assertThat(ann.js("return localStorage.getItem(arguments[0])", memberKey(networkUrl))).isNull();
            assertThat(ann.driver().findElement(By.id("profile")).isDisplayed()).isFalse();
            bob.get(networkUrl);
            bob.text("Nobody else shares their profile yet.");
            assertThat(cards(bob)).containsExactly("Bob (you)");
            assertThat(coordinator.console().stream().filter(e -> e.getLevel().intValue() >= 1000).toList()).isEmpty();
        } finally {
            for (Browser b : new Browser[] {coordinator, ann, bob, cas}) {
                b.close();
            }
        }
    }

    private static void plan(Browser coordinator, String title, LocalDateTime at, String mode, String copyFrom) {
        coordinator.type("Title", title);
        coordinator.js("arguments[0].value = arguments[1]", coordinator.field("Date and time"), at.format(LOCAL));
        new Select(coordinator.field("Mode")).selectByValue(mode);
        if (copyFrom != null) {
            Select copy = new Select(coordinator.field("Copy the agenda of"));
            copy.getOptions().stream().filter(o -> o.getText().startsWith(copyFrom)).findFirst().orElseThrow().click();
        }
        coordinator.click("Plan the meeting");
        coordinator.text("“" + title + "” is planned.");
    }

    /** Waits for the visible link with this accessible name (aria-label) and follows it. */
    private static void link(Browser b, String name) {
        b.waiting().withMessage(() -> b.who + ": no link \"" + name + "\"").until(d -> {
            WebElement a = d.findElements(By.xpath("//a[@aria-label=" + Browser.literal(name) + "]")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (a == null) {
                return false;
            }
            a.click();
            return true;
        });
    }

    private static String memberKey(String networkUrl) {
        return "kring.member." + networkUrl.substring(networkUrl.lastIndexOf('/') + 1);
    }

    /** The names on the directory's cards, in order. */
    private static List<String> cards(Browser b) {
        return b.driver().findElements(By.cssSelector("#directory-list .directory__name")).stream()
                .map(WebElement::getText).toList();
    }
}
