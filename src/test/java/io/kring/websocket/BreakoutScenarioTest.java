package io.kring.websocket;

import static io.kring.testing.TestParticipant.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 4 acceptance through the WebSocket: breakout rounds (BR rules of docs/meeting-rules.md, protocol.md
 * sections 3 and 4): assignment, room privacy, help, broadcast, insights, closing by hand and by timer, and
 * moving between rooms.
 */
@QuarkusTest
class BreakoutScenarioTest {

    private static final Duration TIMER = Duration.ofSeconds(15);

    @Test
    @DisplayName("[BR1, BR2, BR3, BR5, BR6] random: every online non-moderator in a room, sizes within one; late joiners go to the smallest room")
    void randomRoundAndLateJoiners() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant co = m.moderator("Co");
            List<TestParticipant> people = new ArrayList<>();
            for (String name : List.of("An", "Bo", "Cy", "Di", "Ed", "Fe", "Gu")) {
                people.add(m.participant(name));
            }
            Api.Joined offline = m.join("Offline");

            long before = System.currentTimeMillis();
            mo.ack("breakout.open", "roomCount", 3, "strategy", "random", "durationSeconds", 600, "topics",
                    List.of("Lezen", "Schrijven"));
            long after = System.currentTimeMillis();
            JsonNode breakouts = people.get(0).awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts");
            assertThat(breakouts.path("status").asText()).isEqualTo("open");
            assertThat(breakouts.path("strategy").asText()).isEqualTo("random");
            assertThat(breakouts.path("endsAt").asLong()).isBetween(before + 600_000, after + 600_000);
            assertThat(breakouts.path("closingAt").isNull()).isTrue();
            assertThat(breakouts.path("broadcast").isNull()).isTrue();
            JsonNode rooms = breakouts.path("rooms");
            assertThat(rooms.findValuesAsText("name")).as("[BR1] named in the meeting's language")
                    .containsExactly("Group 1", "Group 2", "Group 3");
            assertThat(rooms.findValuesAsText("topic")).containsExactly("Lezen", "Schrijven", "");
            assertThat(sizes(rooms)).as("[BR3]").containsExactlyInAnyOrder(3, 2, 2);
            assertThat(members(rooms)).as("[BR2] every online non-moderator, [BR6] no moderator")
                    .containsExactlyInAnyOrderElementsOf(people.stream().map(TestParticipant::id).toList());
            for (JsonNode room : rooms) {
                assertThat(room.path("helpRequested").asBoolean()).isFalse();
                assertThat(room.path("insights")).isEmpty();
            }

            for (TestParticipant p : people) {
                p.awaitEvent("breakouts.opened", d -> true);
                String room = roomOf(rooms, p.id());
                assertThat(Api.state(p.who).path("you").path("roomId").asText()).isEqualTo(room);
                assertThat(SnapshotModel.replay(p).path("you").path("roomId").asText()).isEqualTo(room);
            }
            assertThat(Api.state(mo.who).path("you").path("roomId").isNull()).isTrue();
            assertThat(Api.state(co.who).path("you").path("roomId").isNull()).isTrue();
            assertThat(Api.state(co.who).path("participants").findValues("roomId").stream()
                    .filter(r -> !r.isNull()).count()).isEqualTo(7);

            String smallest = firstSmallest(rooms);
            TestParticipant late = m.connect(offline);
            assertThat(late.welcome().path("state").path("you").path("roomId").asText())
                    .as("[BR5] the offline one goes to the smallest room on connect").isEqualTo(smallest);
            JsonNode moved = mo.awaitEvent("participant.updated", d -> d.path("participant").path("participantId").asText()
                    .equals(offline.participantId()) && smallest.equals(d.path("participant").path("roomId").asText()));
            assertThat(moved).isNotNull();

            JsonNode now = Api.state(mo.who).path("breakouts").path("rooms");
            assertThat(sizes(now)).containsExactlyInAnyOrder(3, 3, 2);
            String smallestNow = firstSmallest(now);
            TestParticipant newcomer = m.participant("Newcomer");
            assertThat(newcomer.welcome().path("state").path("you").path("roomId").asText())
                    .as("[BR5] someone who joins during the round too").isEqualTo(smallestNow);
            assertThat(sizes(Api.state(mo.who).path("breakouts").path("rooms"))).containsExactlyInAnyOrder(3, 3, 3);
            TestParticipant coModeratorLate = m.moderator("Co2");
            assertThat(coModeratorLate.welcome().path("state").path("you").path("roomId").isNull())
                    .as("[BR6] moderators are never assigned").isTrue();

            assertThat(people.get(0).error("breakout.join", "roomId", smallest).path("code").asText())
                    .as("[BR7] not in a random round").isEqualTo("FORBIDDEN");
            assertThat(mo.error("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 60)
                    .path("code").asText()).as("[BR1] one round at a time").isEqualTo("CONFLICT");

            assertConsistent(mo, co, people.get(0), people.get(3), late, newcomer);
        }
    }

    @Test
    @DisplayName("[BR3, BR4] mixOrganisations: each organisation spread over the rooms (ignoring case and spaces), sizes within one")
    void mixOrganisations() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Map<String, String> organisation = new HashMap<>();
            List<TestParticipant> people = new ArrayList<>();
            String[][] who = { { "An", "Gent" }, { "Bo", " gent " }, { "Cy", "GENT" }, { "Di", "Gent" },
                    { "Ed", "Brugge" }, { "Fe", "brugge" }, { "Gu", "" }, { "Hu", "" } };
            for (String[] w : who) {
                TestParticipant p = m.participant(w[0], w[1]);
                people.add(p);
                organisation.put(p.id(), w[1].strip().toLowerCase(Locale.ROOT));
            }
            mo.ack("breakout.open", "roomCount", 4, "strategy", "mixOrganisations", "durationSeconds", 600);
            JsonNode rooms = people.get(0).awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts")
                    .path("rooms");
            assertThat(sizes(rooms)).containsExactly(2, 2, 2, 2);
            assertThat(members(rooms)).hasSize(8);
            for (JsonNode room : rooms) {
                List<String> orgs = new ArrayList<>();
                room.path("participantIds").forEach(id -> orgs.add(organisation.get(id.asText())));
                assertThat(orgs.stream().filter("gent"::equals).count()).as("one of Gent per room: %s", orgs).isEqualTo(1);
                assertThat(orgs.stream().filter("brugge"::equals).count()).as("Brugge apart: %s", orgs).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("[C1, C3, BR16] room chat stays in its room: other rooms and the plenary never get a frame of it, nor see it in a fresh welcome")
    void roomChatIsolation() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant a1 = m.participant("A1");
            TestParticipant a2 = m.participant("A2");
            TestParticipant b1 = m.participant("B1");
            TestParticipant b2 = m.participant("B2");
            TestParticipant c1 = m.participant("C1");
            TestParticipant p = m.participant("Plenary");
            List<TestParticipant> all = List.of(mo, a1, a2, b1, b2, c1, p);
            List<String> rooms = openManual(mo, Map.of(a1.id(), 0, a2.id(), 0, b1.id(), 1, b2.id(), 1, c1.id(), 2), 3, all);

            a1.ack("chat.send", "text", "alleen groep 1");
            JsonNode inRoom = a2.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("alleen groep 1"));
            assertThat(inRoom.path("data").path("message").path("roomId").asText()).isEqualTo(rooms.get(0));
            b1.ack("chat.send", "text", "alleen groep 2");
            b2.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("alleen groep 2"));
            p.ack("chat.send", "text", "voor iedereen");

            mo.ack("meeting.announce", "text", "marker");
            for (TestParticipant socket : all) {
                JsonNode marker = socket.awaitEvent("announcement.changed", d -> d.path("announcement").path("text").asText()
                        .equals("marker"));
                assertThat(marker).as("[MOD5] the announcement reaches every room").isNotNull();
                socket.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("voor iedereen"));
            }
            for (TestParticipant outsider : List.of(mo, b1, b2, c1, p)) {
                assertThat(chatTexts(outsider)).as("%s never gets room 1's chat", outsider).doesNotContain("alleen groep 1");
            }
            for (TestParticipant outsider : List.of(mo, a1, a2, c1, p)) {
                assertThat(chatTexts(outsider)).as("%s never gets room 2's chat", outsider).doesNotContain("alleen groep 2");
            }

            assertThat(freshChat(m, c1)).as("room 3, fresh welcome").containsExactly("voor iedereen");
            assertThat(freshChat(m, p)).as("plenary, fresh welcome").containsExactly("voor iedereen");
            assertThat(freshChat(m, a2)).containsExactly("alleen groep 1", "voor iedereen");
            assertThat(freshChat(m, b1)).containsExactly("alleen groep 2", "voor iedereen");
            assertThat(Api.state(mo.who).path("chat").findValuesAsText("text")).containsExactly("voor iedereen");

            int moMark = mo.mark();
            mo.ack("breakout.join", "roomId", rooms.get(0));
            JsonNode snapshot = mo.awaitEvent(moMark, "state.snapshot", d -> true).path("data");
            assertThat(snapshot.path("you").path("roomId").asText()).as("[BR17] the visitor gets a snapshot").isEqualTo(rooms.get(0));
            assertThat(snapshot.path("chat").findValuesAsText("text")).containsExactly("alleen groep 1", "voor iedereen");
            a2.ack("chat.send", "text", "welkom Mo");
            mo.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("welkom Mo"));
            mo.ack("chat.send", "text", "Mo in groep 1");
            JsonNode fromMo = a1.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("Mo in groep 1"));
            assertThat(fromMo.path("data").path("message").path("roomId").asText()).as("[C1] a visiting moderator writes in the room")
                    .isEqualTo(rooms.get(0));
            mo.ack("breakout.join", "roomId", null);

            mo.ack("meeting.announce", "text", "marker 2");
            for (TestParticipant socket : List.of(b1, b2, c1, p)) {
                socket.awaitEvent("announcement.changed", d -> d.path("announcement").path("text").asText().equals("marker 2"));
                assertThat(chatTexts(socket)).doesNotContain("welkom Mo", "Mo in groep 1");
            }
            assertConsistent(all.toArray(TestParticipant[]::new));

            mo.ack("breakout.close", "graceSeconds", 0);
            for (TestParticipant socket : all) {
                JsonNode closed = socket.awaitEvent("breakouts.closed", d -> true).path("data");
                // L8: only who was in a room gets the plenary chat again; the others' chat did not change.
                if (closed.has("chat")) {
                    assertThat(closed.path("chat").findValuesAsText("text")).as("[C3] back in the plenary: plenary chat only")
                            .containsExactly("voor iedereen");
                }
            }
            assertConsistent(all.toArray(TestParticipant[]::new));
        }
    }

    @Test
    @DisplayName("[BR14, BR9, BR6, BR8] help is visible to everyone until a moderator joins the room; a broadcast reaches every room; moves")
    void helpBroadcastAndMoves() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant a1 = m.participant("A1");
            TestParticipant b1 = m.participant("B1");
            TestParticipant c1 = m.participant("C1");
            TestParticipant p = m.participant("Plenary");
            List<TestParticipant> all = List.of(mo, a1, b1, c1, p);
            List<String> rooms = openManual(mo, Map.of(a1.id(), 0, b1.id(), 1, c1.id(), 2), 3, all);

            a1.ack("breakout.help");
            for (TestParticipant socket : all) {
                socket.awaitEvent("breakouts.helpRequested", d -> d.path("roomId").asText().equals(rooms.get(0)));
            }
            assertThat(room(Api.state(p.who).path("breakouts"), rooms.get(0)).path("helpRequested").asBoolean())
                    .as("[BR14] visible to everyone").isTrue();
            assertThat(p.error("breakout.help").path("code").asText()).as("[BR14] outside a room").isEqualTo("CONFLICT");
            long seq = a1.lastSeq();
            assertThat(a1.ack("breakout.help").path("seq").asLong()).as("asking again changes nothing").isEqualTo(seq);

            mo.ack("breakout.broadcast", "text", "Nog 5 minuten");
            for (TestParticipant socket : all) {
                JsonNode broadcast = socket.awaitEvent("breakouts.broadcast", d -> true).path("data").path("broadcast");
                assertThat(broadcast.path("text").asText()).isEqualTo("Nog 5 minuten");
            }
            assertThat(Api.state(c1.who).path("breakouts").path("broadcast").path("text").asText()).isEqualTo("Nog 5 minuten");
            assertThat(mo.error("breakout.broadcast", "text", "x".repeat(501)).path("code").asText()).isEqualTo("INVALID");

            mo.ack("breakout.join", "roomId", rooms.get(1));
            assertThat(room(Api.state(p.who).path("breakouts"), rooms.get(0)).path("helpRequested").asBoolean())
                    .as("visiting another room does not answer the call").isTrue();
            mo.ack("breakout.join", "roomId", rooms.get(0));
            for (TestParticipant socket : all) {
                socket.awaitEvent("breakouts.helpAnswered", d -> d.path("roomId").asText().equals(rooms.get(0)));
            }
            JsonNode state = Api.state(p.who);
            assertThat(room(state.path("breakouts"), rooms.get(0)).path("participantIds").findValuesAsText("")).isEmpty();
            assertThat(texts(room(state.path("breakouts"), rooms.get(0)).path("participantIds")))
                    .as("[BR6] a visiting moderator is not a member").containsExactly(a1.id());
            assertThat(MeetingSocketTest.participant(state, mo.id()).path("roomId").asText()).isEqualTo(rooms.get(0));
            mo.ack("breakout.join", "roomId", null);
            assertThat(Api.state(mo.who).path("you").path("roomId").isNull()).isTrue();

            int mark = a1.mark();
            mo.ack("breakout.move", "participantId", a1.id(), "roomId", rooms.get(1));
            JsonNode snapshot = a1.awaitEvent(mark, "state.snapshot", d -> true).path("data");
            assertThat(snapshot.path("you").path("roomId").asText()).as("[BR8, BR17]").isEqualTo(rooms.get(1));
            JsonNode update = c1.awaitEvent("participant.updated", d -> d.path("participant").path("participantId").asText()
                    .equals(a1.id()) && rooms.get(1).equals(d.path("participant").path("roomId").asText()));
            assertThat(update).isNotNull();
            mo.ack("breakout.move", "participantId", p.id(), "roomId", rooms.get(2));
            assertThat(Api.state(p.who).path("you").path("roomId").asText()).isEqualTo(rooms.get(2));
            mo.ack("breakout.move", "participantId", b1.id(), "roomId", null);
            assertThat(Api.state(b1.who).path("you").path("roomId").isNull()).as("[BR8] to the plenary").isTrue();
            assertThat(texts(room(Api.state(c1.who).path("breakouts"), rooms.get(1)).path("participantIds")))
                    .containsExactly(a1.id());
            assertThat(mo.error("breakout.move", "participantId", "nosuch", "roomId", rooms.get(0)).path("code").asText())
                    .isEqualTo("NOT_FOUND");
            assertThat(mo.error("breakout.move", "participantId", a1.id(), "roomId", "nosuch").path("code").asText())
                    .isEqualTo("NOT_FOUND");
            assertThat(b1.error("breakout.join", "roomId", rooms.get(0)).path("code").asText())
                    .as("[BR7] not a selfSelect round").isEqualTo("FORBIDDEN");

            long endsAt = Api.state(mo.who).path("breakouts").path("endsAt").asLong();
            mo.ack("breakout.extend", "seconds", 120);
            assertThat(Api.state(p.who).path("breakouts").path("endsAt").asLong()).as("[BR10]").isEqualTo(endsAt + 120_000);

            assertConsistent(all.toArray(TestParticipant[]::new));
            mo.ack("breakout.close", "graceSeconds", 0);
            JsonNode closed = Api.state(c1.who).path("breakouts");
            assertThat(closed.path("status").asText()).isEqualTo("closed");
            assertThat(closed.path("broadcast").isNull()).as("[BR13] the broadcast is cleared").isTrue();
            assertThat(mo.error("breakout.broadcast", "text", "te laat").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.move", "participantId", a1.id(), "roomId", rooms.get(0)).path("code").asText())
                    .isEqualTo("CONFLICT");
            assertConsistent(all.toArray(TestParticipant[]::new));
        }
    }

    @Test
    @DisplayName("[BR15, BR16] insights: the room and the moderators see them while open; everyone after the close")
    void insights() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant co = m.moderator("Co");
            TestParticipant a1 = m.participant("A1");
            TestParticipant a2 = m.participant("A2");
            TestParticipant b1 = m.participant("B1");
            TestParticipant p = m.participant("Plenary");
            List<TestParticipant> all = List.of(mo, co, a1, a2, b1, p);
            List<String> rooms = openManual(mo, Map.of(a1.id(), 0, a2.id(), 0, b1.id(), 1), 2, all);

            a1.ack("insight.add", "text", "  Samen lezen werkt  ");
            for (TestParticipant insider : List.of(a1, a2, mo, co)) {
                JsonNode added = insider.awaitEvent("insight.added", d -> true).path("data");
                assertThat(added.path("roomId").asText()).isEqualTo(rooms.get(0));
                assertThat(added.path("insight").path("text").asText()).isEqualTo("Samen lezen werkt");
                assertThat(added.path("insight").path("participantId").asText()).isEqualTo(a1.id());
            }
            b1.ack("insight.add", "text", "Groep 2 denkt na");
            mo.ack("meeting.announce", "text", "marker");
            for (TestParticipant outsider : List.of(b1, p)) {
                outsider.awaitEvent("announcement.changed", d -> true);
                assertThat(outsider.frames().toString()).as("%s never sees room 1's insight while open", outsider)
                        .doesNotContain("Samen lezen werkt");
            }
            for (TestParticipant outsider : List.of(a1, a2, p)) {
                outsider.awaitEvent("announcement.changed", d -> true);
                assertThat(outsider.frames().toString()).doesNotContain("Groep 2 denkt na");
            }
            assertThat(insightTexts(Api.state(b1.who), rooms.get(0))).isEmpty();
            assertThat(insightTexts(Api.state(p.who), rooms.get(0))).isEmpty();
            assertThat(insightTexts(Api.state(a2.who), rooms.get(0))).containsExactly("Samen lezen werkt");
            assertThat(insightTexts(Api.state(co.who), rooms.get(0))).containsExactly("Samen lezen werkt");
            assertThat(insightTexts(Api.state(co.who), rooms.get(1))).containsExactly("Groep 2 denkt na");

            assertThat(p.error("insight.add", "text", "ik ook").path("code").asText()).as("outside a room").isEqualTo("CONFLICT");
            assertThat(a1.error("insight.add", "text", "x".repeat(1001)).path("code").asText()).isEqualTo("INVALID");
            assertThat(a1.error("insight.add", "text", " ").path("code").asText()).isEqualTo("INVALID");
            assertConsistent(all.toArray(TestParticipant[]::new));

            mo.ack("breakout.close", "graceSeconds", 0);
            for (TestParticipant socket : all) {
                JsonNode closed = socket.awaitEvent("breakouts.closed", d -> true).path("data").path("breakouts");
                assertThat(insightTexts(closed, rooms.get(0))).as("%s after the close", socket).containsExactly("Samen lezen werkt");
                assertThat(insightTexts(closed, rooms.get(1))).containsExactly("Groep 2 denkt na");
            }
            JsonNode state = Api.state(p.who);
            assertThat(insightTexts(state.path("breakouts"), rooms.get(0))).containsExactly("Samen lezen werkt");
            assertThat(texts(room(state.path("breakouts"), rooms.get(0)).path("participantIds")))
                    .as("[BR13] members as at the close").containsExactlyInAnyOrder(a1.id(), a2.id());
            assertThat(a1.error("insight.add", "text", "te laat").path("code").asText()).isEqualTo("CONFLICT");
            assertConsistent(all.toArray(TestParticipant[]::new));
        }
    }

    @Test
    @DisplayName("[BR12, BR13] the server closes the round by itself: closing at endsAt with closingAt, then closed and everyone back")
    void autoClose() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> people = List.of(m.participant("An"), m.participant("Bo"), m.participant("Cy"),
                    m.participant("Di"));
            mo.ack("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 2, "graceSeconds", 1);
            JsonNode opened = people.get(0).awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts");
            long endsAt = opened.path("endsAt").asLong();
            assertThat(members(opened.path("rooms"))).hasSize(4);

            for (TestParticipant p : List.of(mo, people.get(0), people.get(3))) {
                JsonNode closing = p.awaitEvent("breakouts.closing", d -> true, TIMER).path("data");
                assertThat(closing.path("closingAt").isIntegralNumber()).isTrue();
                assertThat(closing.path("closingAt").asLong()).as("grace counts from the tick at endsAt")
                        .isGreaterThanOrEqualTo(endsAt + 1_000).isLessThan(endsAt + 10_000);
            }
            for (TestParticipant p : List.of(mo, people.get(0), people.get(1), people.get(2), people.get(3))) {
                JsonNode closed = p.awaitEvent("breakouts.closed", d -> true, TIMER).path("data");
                assertThat(closed.path("breakouts").path("status").asText()).isEqualTo("closed");
                assertThat(closed.path("breakouts").path("closingAt").isNull()).isTrue();
            }
            JsonNode state = Api.state(people.get(1).who);
            assertThat(state.path("breakouts").path("status").asText()).isEqualTo("closed");
            assertThat(state.path("you").path("roomId").isNull()).isTrue();
            assertThat(state.path("participants").findValues("roomId")).allMatch(JsonNode::isNull);
            assertThat(members(state.path("breakouts").path("rooms"))).as("rooms keep their members after the close").hasSize(4);
            assertConsistent(mo, people.get(0), people.get(1));
        }
    }

    @Test
    @DisplayName("[BR13, BR15] closing with a grace: status closing, insights still welcome, joins and extends refused, a shorter grace ends it")
    void closingWithAGrace() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant a1 = m.participant("A1");
            TestParticipant b1 = m.participant("B1");
            List<String> rooms = openManual(mo, Map.of(a1.id(), 0, b1.id(), 1), 2, List.of(mo, a1, b1));
            long before = System.currentTimeMillis();
            mo.ack("breakout.close", "graceSeconds", 60);
            JsonNode closing = b1.awaitEvent("breakouts.closing", d -> true).path("data");
            assertThat(closing.path("closingAt").asLong()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
            assertThat(Api.state(a1.who).path("you").path("roomId").asText()).as("still in the room while closing").isEqualTo(rooms.get(0));

            a1.ack("insight.add", "text", "laatste woord");
            a1.ack("chat.send", "text", "tot straks");
            assertThat(mo.error("breakout.join", "roomId", rooms.get(0)).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.extend", "seconds", 60).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.close", "graceSeconds", 120).path("code").asText()).as("only a sooner end").isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 60).path("code").asText())
                    .isEqualTo("CONFLICT");
            mo.ack("breakout.close", "graceSeconds", 0);
            b1.awaitEvent("breakouts.closed", d -> true);
            assertThat(insightTexts(Api.state(b1.who), rooms.get(0))).containsExactly("laatste woord");
            assertThat(mo.error("breakout.close").path("code").asText()).isEqualTo("CONFLICT");
            assertConsistent(mo, a1, b1);
        }
    }

    @Test
    @DisplayName("[BR1, BR7, BR5, BR17] selfSelect in a Dutch meeting: rooms Groep 1.., participants choose; no way back to the plenary; late joiners choose too")
    void selfSelect() {
        try (TestMeeting m = TestMeeting.create("nl", List.of())) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            mo.ack("breakout.open", "roomCount", 2, "strategy", "selfSelect", "durationSeconds", 600);
            JsonNode rooms = an.awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts").path("rooms");
            assertThat(rooms.findValuesAsText("name")).containsExactly("Groep 1", "Groep 2");
            assertThat(members(rooms)).as("[BR2] selfSelect puts nobody").isEmpty();
            String groep1 = rooms.get(0).path("roomId").asText();
            String groep2 = rooms.get(1).path("roomId").asText();

            int mark = an.mark();
            an.ack("breakout.join", "roomId", groep2);
            assertThat(an.awaitEvent(mark, "state.snapshot", d -> true).path("data").path("you").path("roomId").asText())
                    .isEqualTo(groep2);
            JsonNode seen = bo.awaitEvent("participant.updated", d -> groep2.equals(d.path("participant").path("roomId").asText()));
            assertThat(seen).isNotNull();
            assertThat(texts(room(SnapshotModel.replay(bo).path("breakouts"), groep2).path("participantIds")))
                    .as("rule R: the room lists follow the participants").containsExactly(an.id());
            long seq = an.lastSeq();
            assertThat(an.ack("breakout.join", "roomId", groep2).path("seq").asLong()).as("the room one is in").isEqualTo(seq);
            assertThat(an.error("breakout.join", "roomId", null).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(an.error("breakout.join", "roomId", "nosuch").path("code").asText()).isEqualTo("NOT_FOUND");
            an.ack("breakout.join", "roomId", groep1);
            assertThat(Api.state(bo.who).path("participants").findValuesAsText("roomId")).contains(groep1);

            TestParticipant late = m.participant("Laat");
            assertThat(late.welcome().path("state").path("you").path("roomId").isNull())
                    .as("[BR5] not in selfSelect: they choose").isTrue();
            late.ack("breakout.join", "roomId", groep1);
            assertThat(texts(room(Api.state(mo.who).path("breakouts"), groep1).path("participantIds")))
                    .containsExactlyInAnyOrder(an.id(), late.id());
            assertConsistent(mo, an, bo, late);
        }
    }

    @Test
    @DisplayName("[M7, MOD2, MOD3, BR6] during a round: a reconnect keeps the room and its chat; removal and promotion update the rooms for everyone")
    void rosterChangesDuringARound() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant a1 = m.participant("A1");
            TestParticipant a2 = m.participant("A2");
            TestParticipant b1 = m.participant("B1");
            TestParticipant b2 = m.participant("B2");
            TestParticipant p = m.participant("Plenary");
            List<String> rooms = openManual(mo, Map.of(a1.id(), 0, a2.id(), 0, b1.id(), 1, b2.id(), 1), 2,
                    List.of(mo, a1, a2, b1, b2, p));
            a1.ack("chat.send", "text", "in groep 1");
            a2.ack("insight.add", "text", "inzicht groep 1");
            b1.ack("insight.add", "text", "inzicht groep 2");

            a1.close();
            mo.awaitEvent("presence.changed", d -> MeetingSocketTest.isOnline(d, a1.id(), false));
            TestParticipant back = m.connect(a1.who);
            JsonNode state = back.welcome().path("state");
            assertThat(state.path("you").path("roomId").asText()).as("[M7] the room is kept").isEqualTo(rooms.get(0));
            assertThat(state.path("chat").findValuesAsText("text")).contains("in groep 1");
            assertThat(insightTexts(state, rooms.get(0))).containsExactly("inzicht groep 1");
            assertThat(insightTexts(state, rooms.get(1))).as("[BR15] not another room's").isEmpty();

            mo.ack("participant.remove", "participantId", a2.id());
            assertThat(a2.awaitClose()).isEqualTo(4403);
            assertThat(texts(room(Api.state(p.who).path("breakouts"), rooms.get(0)).path("participantIds")))
                    .containsExactly(a1.id());

            int mark = b2.mark();
            mo.ack("participant.promote", "participantId", b2.id());
            JsonNode promoted = b2.awaitEvent(mark, "state.snapshot", d -> true).path("data");
            assertThat(promoted.path("you").path("role").asText()).isEqualTo("moderator");
            assertThat(insightTexts(promoted, rooms.get(0))).as("moderators see every room's insights").containsExactly("inzicht groep 1");
            assertThat(texts(room(Api.state(p.who).path("breakouts"), rooms.get(1)).path("participantIds")))
                    .as("[BR6] a moderator is not a member").containsExactly(b1.id());

            assertConsistent(mo, back, b1, b2, p);
        }
    }

    @Test
    @DisplayName("[BR1] breakout.open checks its fields; without a round the round commands are CONFLICT")
    void openValidation() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            assertThat(mo.error("breakout.close").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.extend", "seconds", 60).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.broadcast", "text", "hallo").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("breakout.join", "roomId", "x").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(an.error("breakout.help").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(an.error("insight.add", "text", "x").path("code").asText()).isEqualTo("CONFLICT");

            List<Object[]> invalid = List.of(
                    new Object[] { "roomCount", 0, "strategy", "random", "durationSeconds", 60 },
                    new Object[] { "roomCount", 51, "strategy", "random", "durationSeconds", 60 },
                    new Object[] { "roomCount", 2, "strategy", "alphabetical", "durationSeconds", 60 },
                    new Object[] { "roomCount", 2, "durationSeconds", 60 },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 0 },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 14_401 },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 60, "graceSeconds", 601 },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 60, "topics", List.of("a", "b", "c") },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 60, "topics", List.of("t".repeat(201)) },
                    new Object[] { "roomCount", 2, "strategy", "random", "durationSeconds", 60, "assignments", Map.of(an.id(), 0) },
                    new Object[] { "roomCount", 2, "strategy", "manual", "durationSeconds", 60, "assignments", Map.of(an.id(), 2) },
                    new Object[] { "roomCount", 2, "strategy", "manual", "durationSeconds", 60, "assignments", Map.of(mo.id(), 0) });
            for (Object[] fields : invalid) {
                assertThat(mo.error("breakout.open", fields).path("code").asText()).as("%s", List.of(fields)).isEqualTo("INVALID");
            }
            assertThat(mo.error("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 60, "assignments",
                    Map.of("nosuch", 0)).path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(Api.state(an.who).path("breakouts").path("status").asText()).isEqualTo("closed");
            mo.ack("breakout.open", "roomCount", 50, "strategy", "manual", "durationSeconds", 14_400, "graceSeconds", 600);
            assertThat(Api.state(an.who).path("breakouts").path("rooms")).hasSize(50);
        }
    }

    @Test
    @DisplayName("[BR4, report] a second round keeps the first round's rooms in the report; the snapshot shows the new round")
    void secondRound() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 60, "topics", List.of("Eerste"));
            an.ack("insight.add", "text", "inzicht ronde 1");
            mo.ack("breakout.close", "graceSeconds", 0);
            mo.ack("breakout.open", "roomCount", 2, "strategy", "random", "durationSeconds", 60, "topics", List.of("Tweede"));
            JsonNode state = Api.state(bo.who);
            assertThat(state.path("breakouts").path("rooms").findValuesAsText("topic")).containsExactly("Tweede", "");
            assertThat(state.toString()).doesNotContain("inzicht ronde 1");
            String report = io.restassured.RestAssured.given().header("Authorization", "Bearer " + mo.who.token())
                    .queryParam("format", "json").when().get("/api/meetings/" + m.id() + "/report").asString();
            assertThat(report).contains("inzicht ronde 1").contains("Eerste").contains("Tweede");
            assertConsistent(mo, an, bo);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Opens a manual round and waits until everyone saw it; returns the room ids in order. */
    private static List<String> openManual(TestParticipant mo, Map<String, Integer> assignments, int roomCount,
            List<TestParticipant> everyone) {
        mo.ack("breakout.open", "roomCount", roomCount, "strategy", "manual", "durationSeconds", 600, "assignments", assignments);
        List<String> rooms = new ArrayList<>();
        for (TestParticipant socket : everyone) {
            JsonNode opened = socket.awaitEvent("breakouts.opened", d -> true).path("data").path("breakouts");
            if (rooms.isEmpty()) {
                opened.path("rooms").forEach(r -> rooms.add(r.path("roomId").asText()));
            }
        }
        assertThat(rooms).hasSize(roomCount);
        return rooms;
    }

    static void assertConsistent(TestParticipant... sockets) {
        SnapshotModel.assertMatchesServer(sockets);
    }

    static JsonNode room(JsonNode breakouts, String roomId) {
        for (JsonNode room : breakouts.path("rooms")) {
            if (room.path("roomId").asText().equals(roomId)) {
                return room;
            }
        }
        throw new AssertionError("no room " + roomId + " in " + breakouts);
    }

    private static String roomOf(JsonNode rooms, String participantId) {
        for (JsonNode room : rooms) {
            if (texts(room.path("participantIds")).contains(participantId)) {
                return room.path("roomId").asText();
            }
        }
        return null;
    }

    private static String firstSmallest(JsonNode rooms) {
        String smallest = null;
        int size = Integer.MAX_VALUE;
        for (JsonNode room : rooms) {
            if (room.path("participantIds").size() < size) {
                size = room.path("participantIds").size();
                smallest = room.path("roomId").asText();
            }
        }
        return smallest;
    }

    private static List<Integer> sizes(JsonNode rooms) {
        List<Integer> sizes = new ArrayList<>();
        rooms.forEach(r -> sizes.add(r.path("participantIds").size()));
        return sizes;
    }

    private static Set<String> members(JsonNode rooms) {
        Set<String> members = new HashSet<>();
        int count = 0;
        for (JsonNode room : rooms) {
            for (JsonNode id : room.path("participantIds")) {
                members.add(id.asText());
                count++;
            }
        }
        assertThat(count).as("nobody in two rooms").isEqualTo(members.size());
        return members;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> insightTexts(JsonNode stateOrBreakouts, String roomId) {
        JsonNode breakouts = stateOrBreakouts.has("breakouts") ? stateOrBreakouts.path("breakouts") : stateOrBreakouts;
        return room(breakouts, roomId).path("insights").findValuesAsText("text");
    }

    private static List<String> chatTexts(TestParticipant socket) {
        return socket.frames().stream().filter(f -> isEvent(f, "chat.message") || isEvent(f, "state.snapshot")
                || f.path("type").asText().equals("welcome")).flatMap(f -> {
                    if (isEvent(f, "chat.message")) {
                        return java.util.stream.Stream.of(f.path("data").path("message").path("text").asText());
                    }
                    JsonNode state = f.path("type").asText().equals("welcome") ? f.path("state") : f.path("data");
                    return state.path("chat").findValuesAsText("text").stream();
                }).toList();
    }

    /** The chat of a fresh welcome on a new tab of this participant. */
    private static List<String> freshChat(TestMeeting m, TestParticipant who) {
        return m.freshState(who.who).path("chat").findValuesAsText("text");
    }
}
