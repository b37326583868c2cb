package io.kring.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12, a prepared run of show (protocol.md section 7): the moderator writes the agenda with instructions and
 * prepared rounds on the start page (check-in; pairs; fours built from the pairs, 1-2-4-All; all together), and
 * then only presses "next": each breakout item opens its own groups, everyone reads the item's instructions, and
 * the projector shows them. Then a World Café round from the open-groups dialog, on the fours, names a host.
 */
@QuarkusTest
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreparedRoundsBrowserTest {

    static final String CHECK_IN = "Say your name.\nAnd one wish for today.";
    static final String PAIRS = "Tell each other what you work on.\nListen, then swap.";
    static final String FOURS = "Two pairs make a four.\nWhat did both pairs hear?";
    static final String ALL = "What do we take home?";
    static final List<String> WITHOUT_DEVICE = List.of("Dirk", "Eva", "Fien", "Gust", "Hanne");

    @TestHTTPResource("/")
    URL base;

    Browser moderator;
    Browser ann;
    Browser bob;
    Browser cas;
    String joinUrl;

    @BeforeAll
    void browsers() {
        if (!Browser.available()) {
            return; // every test of this class is skipped by RequiresChromium
        }
        moderator = Browser.open("moderator", 1280, 1000);
        ann = Browser.open("Ann", 360, 780);
        bob = Browser.open("Bob", 800, 900);
        cas = Browser.open("Cas", 800, 900);
    }

    @AfterAll
    void closeBrowsers() {
        for (Browser b : new Browser[] {moderator, ann, bob, cas}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    @Order(10)
    @DisplayName("[AP1-AP5, GM] a 1-2-4-All agenda prepared on the start page runs by pressing next: pairs, fours of whole pairs, all")
    void aPreparedOneTwoFourAllRunsByPressingNext() {
        prepareTheMeeting();
        for (Browser p : List.of(ann, bob, cas)) {
            p.get(joinUrl);
            p.type("Your name", p.who);
            p.click("Join");
            p.text("Connected");
        }
        for (String name : WITHOUT_DEVICE) {
            moderator.type("Their name", name);
            moderator.click("Add someone without a device");
            moderator.waiting().until(d -> d.findElement(By.id("people")).getText().contains(name));
        }
        moderator.text("prepared: groups of 2, random");
        moderator.text("prepared: groups of 4, merge groups (1-2-4-All) of the last round");
        assertThat(bob.driver().findElement(By.id("agenda-view")).getText())
                .as("everyone sees what is prepared").contains("prepared: groups of 2, random");

        // Editable during the meeting: the agenda dialog shows the prepared groups and keeps them on saving.
        moderator.click("Edit: Fours");
        assertThat(moderator.field("Prepare the groups (they open when this item starts)").isSelected()).isTrue();
        assertThat(moderator.field("People per group").getDomProperty("value")).isEqualTo("4");
        assertThat(new Select(moderator.field("Grouping")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("merge");
        moderator.type("Description and instructions (optional)", FOURS);
        moderator.driver().findElement(By.cssSelector("#agenda-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Save']")).click();
        bob.waiting().until(d -> d.findElement(By.id("agenda-view")).getText().contains("Two pairs make a four."));
        moderator.text("prepared: groups of 4, merge groups (1-2-4-All) of the last round");

        moderator.click("Start the agenda");
        assertInstructions(ann, CHECK_IN);
        ann.screenshot("40-prepared-check-in-instructions-phone");

        moderator.click("Next agenda item");
        assertInstructions(bob, PAIRS);
        List<Set<String>> pairs = roomsInOverview(4);
        assertThat(pairs).allSatisfy(pair -> assertThat(pair).hasSize(2));
        assertThat(pairs.stream().flatMap(Set::stream).toList()).containsExactlyInAnyOrderElementsOf(everyone());
        Set<String> annsPair = membersSeenBy(ann, 2);
        assertThat(pairs).contains(annsPair);
        ann.screenshot("41-prepared-pairs-phone");
        moderator.screenshot("42-prepared-pairs-moderator");

        moderator.text("Close the groups first: “Fours” opens its own groups.");
        moderator.click("Close groups");
        ann.text("Chat (everyone)");
        moderator.click("Next agenda item");
        List<Set<String>> fours = roomsInOverview(2);
        assertThat(fours).allSatisfy(four -> assertThat(four).hasSize(4));
        for (Set<String> pair : pairs) {
            assertThat(fours).as("the pair %s stays whole", pair).anySatisfy(four -> assertThat(four).containsAll(pair));
        }
        assertInstructions(ann, FOURS);
        Set<String> annsFour = membersSeenBy(ann, 4);
        assertThat(annsFour).containsAll(annsPair);
        ann.screenshot("43-prepared-fours-phone");
        moderator.screenshot("44-prepared-fours-moderator");

        moderator.click("Close groups");
        ann.text("Chat (everyone)");
        moderator.click("Next agenda item");
        assertInstructions(ann, ALL);
        cas.get(joinUrl.replace("/m/", "/display/"));
        WebElement onProjector = cas.waiting().until(d -> d.findElements(By.cssSelector(".display__description")).stream()
                .filter(e -> ALL.equals(e.getDomProperty("textContent"))).findFirst().orElse(null));
        assertThat(onProjector.getCssValue("white-space")).isEqualTo("pre-wrap");
        cas.screenshot("45-prepared-all-projector");
    }

    @Test
    @Order(20)
    @DisplayName("[GM] the open-groups dialog: a World Café round on the last round's groups with a host; the host is shown")
    void aWorldCafeRoundFromTheDialogShowsItsHost() {
        moderator.click("Open groups…");
        new Select(moderator.field("Grouping")).selectByValue("rotate");
        moderator.text("World Café: each host stays, everyone else moves to another group than in the last round, to meet new people.");
        moderator.number("Wrap-up after the end (seconds)", 0);
        new Select(moderator.field("Host of Group 1")).selectByVisibleText("Ann");
        moderator.screenshot("46-dialog-world-cafe");
        moderator.driver().findElement(By.cssSelector("#breakout-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)='Open groups']")).click();

        ann.region("Your group: Group 1");
        ann.text("Host: Ann (you)");
        // Rotate keeps a host in every group: the one named, else the member who joined first.
        moderator.waiting().until(d -> d.findElements(By.cssSelector("#overview-view .room-card__host")).stream()
                .map(WebElement::getText).toList().size() == 2);
        assertThat(moderator.driver().findElement(By.cssSelector("#overview-view .room-card .room-card__host")).getText())
                .as("Group 1, the first card").isEqualTo("Host: Ann");
        moderator.screenshot("47-world-cafe-host-moderator");
        moderator.click("Close groups");
    }

    @Test
    @Order(30)
    @DisplayName("[AP4] editing a prepared item in the agenda dialog keeps the hosts and assignments the form does not show")
    void editingAPreparedItemKeepsItsHostsAndAssignments() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Welcome", 300)))) {
            TestParticipant mo = m.moderator("Mo Socket");
            TestParticipant dora = m.participant("Dora");
            TestParticipant emil = m.participant("Emil");
            Map<String, String> hosts = Map.of("0", dora.id(), "2", emil.id());
            mo.ack("agenda.add", "title", "Café", "durationSeconds", 900, "kind", "breakout", "breakout",
                    Map.of("roomCount", 3, "strategy", "random", "graceSeconds", 0, "hosts", hosts));
            Map<String, Integer> assignments = Map.of(dora.id(), 1, emil.id(), 0);
            mo.ack("agenda.add", "title", "Tables", "durationSeconds", 600, "kind", "breakout", "breakout",
                    Map.of("roomCount", 2, "strategy", "manual", "graceSeconds", 0, "assignments", assignments));

            moderator.get(base + m.created.moderatorPath().substring(1));
            moderator.type("Your name", "Mo Browser");
            moderator.click("Join as moderator");
            moderator.text("Connected");

            saveWithDescription("Café", "Each group has a host.");
            saveWithDescription("Tables", "Sit where you are asked.");
            moderator.click("Edit: Tables");
            assertThat(new Select(moderator.field("Grouping")).getFirstSelectedOption().getDomAttribute("value"))
                    .as("reopened: a manual preset stays manual").isEqualTo("manual");
            clickInAgendaDialog("Cancel");
            agendaDialogClosed();
            JsonNode items = Api.state(mo.who).path("agenda").path("items");
            assertThat(items.get(1).path("description").asText()).isEqualTo("Each group has a host.");
            assertThat(TestParticipant.JSON.convertValue(items.get(1).path("breakout").path("hosts"), Map.class))
                    .isEqualTo(hosts);
            assertThat(items.get(2).path("breakout").path("strategy").asText()).isEqualTo("manual");
            assertThat(TestParticipant.JSON.convertValue(items.get(2).path("breakout").path("assignments"), Map.class))
                    .isEqualTo(assignments);

            // Fewer groups: the host of the group taken away goes with it, the other stays.
            moderator.click("Edit: Café");
            moderator.number("Number of groups", 2);
            clickInAgendaDialog("Save");
            agendaDialogClosed();
            moderator.waiting().until(d -> Api.state(mo.who).path("agenda").path("items").get(1).path("breakout")
                    .path("roomCount").asInt() == 2);
            assertThat(TestParticipant.JSON.convertValue(Api.state(mo.who).path("agenda").path("items").get(1)
                    .path("breakout").path("hosts"), Map.class)).isEqualTo(Map.of("0", dora.id()));
        }
    }

    /** Opens the agenda dialog of {@code title}, gives a description and saves; waits until it is stored. */
    private void saveWithDescription(String title, String description) {
        moderator.click("Edit: " + title);
        moderator.type("Description and instructions (optional)", description);
        clickInAgendaDialog("Save");
        agendaDialogClosed();
        moderator.waiting().until(d -> d.findElement(By.id("agenda-view")).getText().contains(description));
    }

    /** The dialog closes once the server acknowledged the edit. */
    private void agendaDialogClosed() {
        moderator.waiting().until(d -> d.findElements(By.cssSelector("#agenda-dialog[open]")).isEmpty());
    }

    private void clickInAgendaDialog(String button) {
        moderator.driver().findElement(By.cssSelector("#agenda-dialog")).findElement(
                By.xpath(".//button[normalize-space(.)=" + Browser.literal(button) + "]")).click();
    }

    /** The start page, in English: four agenda items, two of them with prepared groups. */
    private void prepareTheMeeting() {
        moderator.get(base.toString());
        moderator.click("Switch to English");
        moderator.type("Meeting title", "Learning network");
        new Select(moderator.field("Meeting language")).selectByValue("en");
        moderator.type("Your name (as moderator)", "Mo");

        moderator.type("Title of item 1", "Check-in");
        moderator.type("Description of item 1 (optional)", CHECK_IN);

        moderator.click("Add agenda item");
        moderator.type("Title of item 2", "Pairs");
        moderator.type("Description of item 2 (optional)", PAIRS);
        prepareGroups(2, 2, "random");

        moderator.click("Add agenda item");
        moderator.type("Title of item 3", "Fours");
        prepareGroups(3, 4, "merge");
        assertThat(new Select(rowField(3, "Building on")).getFirstSelectedOption().getText()).isEqualTo("The last round");
        moderator.text("Whole groups of the last round joined into bigger groups (1-2-4-All).");

        moderator.click("Add agenda item");
        moderator.type("Title of item 4", "All");
        moderator.type("Description of item 4 (optional)", ALL);
        assertThat(moderator.driver().findElements(By.xpath("//legend[normalize-space(.)='Groups for this item']")).stream()
                .filter(WebElement::isDisplayed).count()).as("only breakout items can prepare groups").isEqualTo(2);
        moderator.screenshot("39-create-prepared-agenda");

        moderator.click("Start meeting");
        moderator.text("Connected");
        joinUrl = moderator.field("Link to join").getDomProperty("value");
    }

    /** In agenda row {@code row}: kind breakout, prepared groups of {@code size} by {@code strategy}, no wrap-up. */
    private void prepareGroups(int row, int size, String strategy) {
        new Select(rowField(row, "Kind")).selectByValue("breakout");
        rowField(row, "Prepare the groups (they open when this item starts)").click();
        inRow(row, "//label[normalize-space(.)='Groups of a set size']").click();
        setNumber(rowField(row, "People per group"), size);
        setNumber(rowField(row, "Wrap-up after the end (seconds)"), 0);
        new Select(rowField(row, "Grouping")).selectByValue(strategy);
    }

    private WebElement inRow(int row, String xpath) {
        return moderator.waiting().until(d -> d.findElements(By.xpath("(//li[contains(@class,'agenda-row')])[" + row + "]" + xpath))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** A field of one agenda row of the start page, by its label (the rows' labels repeat). */
    private WebElement rowField(int row, String label) {
        String id = inRow(row, "//label[normalize-space(.)=" + Browser.literal(label) + "]").getDomAttribute("for");
        return moderator.driver().findElement(By.id(id));
    }

    private static void setNumber(WebElement field, int value) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        field.sendKeys(String.valueOf(value));
    }

    /** The running item's instructions, line breaks kept. */
    private static void assertInstructions(Browser b, String text) {
        WebElement shown = b.waiting().withMessage(() -> b.who + ": no instructions \"" + text + "\"").until(d -> d
                .findElements(By.cssSelector("#now .now__description")).stream()
                .filter(e -> e.isDisplayed() && text.equals(e.getDomProperty("textContent"))).findFirst().orElse(null));
        assertThat(shown.getCssValue("white-space")).isEqualTo("pre-wrap");
        assertThat(shown.getSize().getHeight()).as("more than one line").isGreaterThan(30);
    }

    private List<String> everyone() {
        List<String> all = new ArrayList<>(List.of("Ann", "Bob", "Cas"));
        all.addAll(WITHOUT_DEVICE);
        return all;
    }

    /** The members of every room in the moderator's overview, once there are {@code rooms} rooms. */
    @SuppressWarnings("unchecked")
    private List<Set<String>> roomsInOverview(int rooms) {
        return moderator.waiting().withMessage(() -> "moderator: no " + rooms + " rooms").until(d -> {
            List<String> lists = (List<String>) moderator.js("return [...document.querySelectorAll("
                    + "'#overview-view .room-card__members')].map(p => p.lastChild.textContent)");
            if (lists.size() != rooms) {
                return null;
            }
            List<Set<String>> members = lists.stream().map(PreparedRoundsBrowserTest::names).toList();
            return members.stream().mapToInt(Set::size).sum() == everyone().size() ? members : null;
        });
    }

    /** The members a participant sees in their own room, once there are {@code count}. */
    private static Set<String> membersSeenBy(Browser b, int count) {
        return b.waiting().withMessage(() -> b.who + ": no room of " + count).until(d -> {
            List<String> shown = d.findElements(By.cssSelector("#breakout-view .inline-list li")).stream()
                    .map(WebElement::getText).toList();
            return shown.size() == count ? names(String.join(", ", shown)) : null;
        });
    }

    /** "Ann (you), Dirk (offline)" as the set {Ann, Dirk}. */
    private static Set<String> names(String list) {
        Set<String> names = new HashSet<>();
        for (String name : list.split(", ")) {
            names.add(name.replace(" (you)", "").replace(" (offline)", "").trim());
        }
        names.remove("");
        return names;
    }
}
