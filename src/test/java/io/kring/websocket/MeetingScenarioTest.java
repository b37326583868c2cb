package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 3 acceptance through the WebSocket: a moderator runs the agenda, the queue and the chat of a plenary
 * meeting with four participants, and moderates (mute, remove, lock, announce, end).
 */
@QuarkusTest
class MeetingScenarioTest {

    @Test
    @DisplayName("[A5, A6, A7, A8, A10] the moderator runs an agenda of three items: start, extend, next, stop, next; statuses and times")
    void agendaOfThreeItems() {
        try (TestMeeting m = TestMeeting.create("en",
                List.of(Api.item("Welkom", 60), Api.item("Rondvraag", 120), Api.item("Afsluiting", 300)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            JsonNode items = an.welcome().path("state").path("agenda").path("items");
            String welkom = items.get(0).path("itemId").asText();
            String rondvraag = items.get(1).path("itemId").asText();
            String afsluiting = items.get(2).path("itemId").asText();
            assertThat(items.findValuesAsText("status")).containsExactly("pending", "pending", "pending");

            long before = System.currentTimeMillis();
            JsonNode ack = mo.ack("agenda.start", "itemId", welkom);
            long after = System.currentTimeMillis();
            JsonNode item = an.awaitEvent("agenda.started", d -> welkom.equals(d.path("item").path("itemId").asText()))
                    .path("data").path("item");
            assertThat(item.path("status").asText()).isEqualTo("running");
            assertThat(item.path("startedAt").asLong()).isBetween(before, after);
            assertThat(item.path("endsAt").asLong()).isEqualTo(item.path("startedAt").asLong() + 60_000);
            assertThat(item.path("endedAt").isNull()).isTrue();
            long endsAt = item.path("endsAt").asLong();
            assertThat(ack.path("seq").asLong()).isPositive();

            mo.ack("agenda.extend", "seconds", 30);
            item = an.awaitEvent("agenda.extended", d -> welkom.equals(d.path("item").path("itemId").asText()))
                    .path("data").path("item");
            assertThat(item.path("endsAt").asLong()).as("[A7] endsAt moves later").isEqualTo(endsAt + 30_000);
            assertThat(item.path("status").asText()).isEqualTo("running");

            mo.ack("agenda.next");
            JsonNode state = Api.state(an.who);
            assertThat(state.path("agenda").path("currentItemId").asText()).isEqualTo(rondvraag);
            JsonNode done = state.path("agenda").path("items").get(0);
            JsonNode running = state.path("agenda").path("items").get(1);
            assertThat(done.path("status").asText()).isEqualTo("done");
            assertThat(done.path("endedAt").asLong()).isGreaterThanOrEqualTo(done.path("startedAt").asLong());
            assertThat(done.path("endsAt").asLong()).as("[A10] a done item keeps its times").isEqualTo(endsAt + 30_000);
            assertThat(running.path("status").asText()).isEqualTo("running");
            assertThat(running.path("startedAt").asLong()).isEqualTo(done.path("endedAt").asLong());
            assertThat(running.path("endsAt").asLong()).isEqualTo(running.path("startedAt").asLong() + 120_000);

            mo.ack("agenda.stop");
            state = Api.state(an.who);
            assertThat(state.path("agenda").path("currentItemId").isNull()).as("[A8] none runs").isTrue();
            assertThat(state.path("agenda").path("items").findValuesAsText("status")).containsExactly("done", "done", "pending");
            assertThat(mo.error("agenda.extend", "seconds", 10).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("agenda.stop").path("code").asText()).isEqualTo("CONFLICT");
            assertThat(mo.error("agenda.start", "itemId", welkom).path("code").asText()).as("[A5] a done item").isEqualTo("CONFLICT");
            assertThat(mo.error("agenda.start", "itemId", "nosuchitem").path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(mo.error("agenda.remove", "itemId", welkom).path("code").asText()).as("[A3]").isEqualTo("CONFLICT");

            mo.ack("agenda.next");
            assertThat(Api.state(an.who).path("agenda").path("currentItemId").asText()).as("[A6] the next pending one")
                    .isEqualTo(afsluiting);
            mo.ack("agenda.next");
            state = Api.state(an.who);
            assertThat(state.path("agenda").path("currentItemId").isNull()).as("[A6] nothing pending: only ends").isTrue();
            assertThat(state.path("agenda").path("items").findValuesAsText("status")).containsExactly("done", "done", "done");
            assertThat(mo.error("agenda.next").path("code").asText()).isEqualTo("CONFLICT");

            SnapshotModel.assertMatchesServer(an);
        }
    }

    @Test
    @DisplayName("[A1, A2, A3, A4] the moderator edits the agenda: add at a position, update, move, remove; invalid fields")
    void editTheAgenda() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60), Api.item("Twee", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            mo.ack("agenda.add", "title", "  Nul  ", "durationSeconds", 30, "kind", "break", "position", 0);
            JsonNode items = Api.state(an.who).path("agenda").path("items");
            assertThat(items.findValuesAsText("title")).containsExactly("Nul", "Een", "Twee");
            assertThat(items.get(0).path("kind").asText()).isEqualTo("break");
            String nul = items.get(0).path("itemId").asText();

            mo.ack("agenda.update", "itemId", nul, "title", "Koffie", "durationSeconds", 900);
            mo.ack("agenda.move", "itemId", nul, "toIndex", 2);
            items = Api.state(an.who).path("agenda").path("items");
            assertThat(items.findValuesAsText("title")).containsExactly("Een", "Twee", "Koffie");
            assertThat(items.get(2).path("durationSeconds").asInt()).isEqualTo(900);
            assertThat(items.get(2).path("kind").asText()).as("absent fields stay").isEqualTo("break");

            mo.ack("agenda.remove", "itemId", nul);
            assertThat(Api.state(an.who).path("agenda").path("items").findValuesAsText("title")).containsExactly("Een", "Twee");

            assertThat(mo.error("agenda.add", "title", "x", "durationSeconds", 86_401).path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", "t".repeat(201), "durationSeconds", 60).path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", "x", "durationSeconds", 60, "kind", "lunch").path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", "x", "durationSeconds", 60, "position", 3).path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("agenda.move", "itemId", "nosuch", "toIndex", 0).path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(mo.error("agenda.update", "itemId", "nosuch", "title", "x").path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(an.frames().stream().filter(f -> f.path("type").asText().equals("event"))
                    .map(e -> e.path("name").asText()).filter(n -> n.startsWith("agenda.")))
                    .as("one event per change").containsExactly("agenda.added", "agenda.updated", "agenda.moved",
                            "agenda.removed");
            SnapshotModel.assertMatchesServer(an, mo);
        }
    }

    @Test
    @DisplayName("[Q1, Q2, Q3, Q5, Q6, Q7] four participants raise hands of mixed kinds; the floor is given, passed on and ended")
    void handsAndTheFloor() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant p1 = m.participant("Piet");
            TestParticipant p2 = m.participant("Pol");
            TestParticipant p3 = m.participant("Mie");
            TestParticipant p4 = m.participant("Jan");

            p1.ack("hand.raise");
            p2.ack("hand.raise", "kind", "reply");
            p3.ack("hand.raise", "kind", "pointOfOrder");
            long last = p4.ack("hand.raise", "kind", "reply").path("seq").asLong();
            mo.await("seq " + last, 0, f -> f.path("seq").asLong() == last);
            JsonNode queue = SnapshotModel.replay(mo).path("queue");
            assertThat(handOrder(queue)).as("[Q2] pointOfOrder, reply, speak; first raised first")
                    .containsExactly(p3.id(), p2.id(), p4.id(), p1.id());
            assertThat(queue.path("hands").findValuesAsText("kind")).containsExactly("pointOfOrder", "reply", "reply", "speak");

            long raisedAt = queue.path("hands").get(3).path("raisedAt").asLong();
            p1.ack("hand.raise", "kind", "reply");
            queue = Api.state(mo.who).path("queue");
            assertThat(handOrder(queue)).as("[Q3] the kind changes, raisedAt stays, so Piet is the first reply")
                    .containsExactly(p3.id(), p1.id(), p2.id(), p4.id());
            assertThat(queue.path("hands").get(1).path("raisedAt").asLong()).isEqualTo(raisedAt);

            mo.ack("floor.next", "limitSeconds", 120);
            queue = Api.state(p2.who).path("queue");
            assertThat(queue.path("speaker").path("participantId").asText()).as("[Q6] the head of the queue").isEqualTo(p3.id());
            assertThat(queue.path("speaker").path("limitSeconds").asInt()).isEqualTo(120);
            assertThat(handOrder(queue)).containsExactly(p1.id(), p2.id(), p4.id());

            mo.ack("floor.give", "participantId", p4.id());
            queue = Api.state(p2.who).path("queue");
            assertThat(queue.path("speaker").path("participantId").asText()).as("[Q5]").isEqualTo(p4.id());
            assertThat(queue.path("speaker").path("limitSeconds").isNull()).isTrue();
            assertThat(handOrder(queue)).containsExactly(p1.id(), p2.id());

            assertThat(p2.error("floor.end").path("code").asText()).as("[Q7] not the speaker").isEqualTo("FORBIDDEN");
            assertThat(p2.error("hand.lower", "participantId", p1.id()).path("code").asText()).as("[Q4]").isEqualTo("FORBIDDEN");
            p4.ack("floor.end");
            JsonNode ended = p1.awaitEvent("floor.ended", d -> d.path("participantId").asText().equals(p4.id()));
            assertThat(ended).as("[Q7] the speaker ends their own turn").isNotNull();
            assertThat(mo.error("floor.end").path("code").asText()).as("[Q7] nobody speaks").isEqualTo("CONFLICT");

            long lowered = p2.ack("hand.lower").path("seq").asLong();
            assertThat(p2.ack("hand.lower").path("seq").asLong()).as("[Q4] not raised: an ack without events")
                    .isEqualTo(lowered);
            assertThat(mo.ack("hand.lower", "participantId", p3.id()).path("seq").asLong())
                    .as("[Q4] a moderator lowering someone without a hand").isEqualTo(lowered);
            mo.ack("hand.lower", "participantId", p1.id());
            mo.ack("floor.next");
            assertThat(Api.state(p1.who).path("queue").path("speaker").isNull()).as("[Q6] an empty queue: nobody").isTrue();
            assertThat(mo.error("floor.give", "participantId", "nosuch").path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(mo.error("floor.give", "participantId", p1.id(), "limitSeconds", 3601).path("code").asText()).isEqualTo("INVALID");
            mo.ack("floor.give", "participantId", p1.id(), "limitSeconds", 3600);
            mo.ack("floor.end");

            for (TestParticipant p : List.of(mo, p1, p2, p3, p4)) {
                MeetingSocketTest.assertSeqGrows(p);
            }
            SnapshotModel.assertMatchesServer(p3);
        }
    }

    @Test
    @DisplayName("[C1, C2, C3, C4] chat between participants: everyone gets the message with its text; a deleted message is gone")
    void chatBetweenParticipants() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An", "Gent");
            TestParticipant bo = m.participant("Bo", "Brugge");

            long before = System.currentTimeMillis();
            an.ack("chat.send", "text", "  Goeiemorgen!  ");
            for (TestParticipant p : List.of(mo, an, bo)) {
                JsonNode message = p.awaitEvent("chat.message", d -> true).path("data").path("message");
                assertThat(message.path("text").asText()).as("[C2] trimmed").isEqualTo("Goeiemorgen!");
                assertThat(message.path("participantId").asText()).isEqualTo(an.id());
                assertThat(message.path("name").asText()).isEqualTo("An");
                assertThat(message.path("roomId").isNull()).isTrue();
                assertThat(message.path("sentAt").asLong()).isGreaterThanOrEqualTo(before);
                assertThat(message.path("messageId").asText()).isNotBlank();
            }
            String messageId = bo.events("chat.message").get(0).path("data").path("message").path("messageId").asText();
            bo.ack("chat.send", "text", "Dag An");
            assertThat(Api.state(mo.who).path("chat").findValuesAsText("text")).containsExactly("Goeiemorgen!", "Dag An");

            assertThat(an.error("chat.send", "text", "x".repeat(2001)).path("code").asText()).isEqualTo("INVALID");
            assertThat(an.error("chat.send", "text", " ").path("code").asText()).isEqualTo("INVALID");
            an.ack("chat.send", "text", "x".repeat(2000));

            mo.ack("chat.delete", "messageId", messageId);
            for (TestParticipant p : List.of(an, bo)) {
                JsonNode deleted = p.awaitEvent("chat.deleted", d -> d.path("messageId").asText().equals(messageId));
                assertThat(deleted.path("data").has("roomId")).isTrue();
            }
            assertThat(Api.state(bo.who).path("chat").findValuesAsText("text")).doesNotContain("Goeiemorgen!").contains("Dag An");
            assertThat(mo.error("chat.delete", "messageId", messageId).path("code").asText()).as("[C4] already deleted")
                    .isEqualTo("NOT_FOUND");
            SnapshotModel.assertMatchesServer(bo);
        }
    }

    @Test
    @DisplayName("[C3] the snapshot holds the last 100 chat messages")
    void chatHistoryOf100() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<Api.Joined> talkers = List.of(m.join("A"), m.join("B"), m.join("C"), m.join("D"), m.join("E"),
                    m.join("F"), m.join("G"), m.join("H"), m.join("I"), m.join("J"), m.join("K"), m.join("L"),
                    m.join("M"), m.join("N"), m.join("O"), m.join("P"), m.join("Q"), m.join("R"), m.join("S"),
                    m.join("T"), m.join("U"));
            int n = 0;
            for (Api.Joined who : talkers) {
                TestParticipant socket = m.connect(who);
                for (int i = 0; i < 5; i++) {
                    socket.send("chat.send", "text", "m" + (++n));
                }
                socket.awaitEvent("chat.message", d -> d.path("message").path("text").asText().startsWith("m")
                        && d.path("message").path("participantId").asText().equals(who.participantId())
                        && d.path("message").path("text").asText().equals("m" + (5 * (talkers.indexOf(who) + 1))));
            }
            JsonNode chat = Api.state(mo.who).path("chat");
            assertThat(chat).hasSize(100);
            assertThat(chat.get(0).path("text").asText()).isEqualTo("m6");
            assertThat(chat.get(99).path("text").asText()).isEqualTo("m105");
            SnapshotModel.assertMatchesServer(mo);
        }
    }

    @Test
    @DisplayName("[MOD1, C5] a muted participant gets MUTED; everyone sees mutedInChat; unmuted they chat again")
    void mute() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            mo.ack("participant.mute", "participantId", an.id());
            JsonNode updated = bo.awaitEvent("participant.updated", d -> d.path("participant").path("participantId").asText()
                    .equals(an.id()) && d.path("participant").path("mutedInChat").asBoolean());
            assertThat(updated).isNotNull();
            an.awaitEvent("participant.updated", d -> d.path("participant").path("mutedInChat").asBoolean());
            assertThat(Api.state(an.who).path("you").path("mutedInChat").asBoolean()).isTrue();
            assertThat(SnapshotModel.replay(an).path("you").path("mutedInChat").asBoolean()).isTrue();

            assertThat(an.error("chat.send", "text", "hallo?").path("code").asText()).isEqualTo("MUTED");
            an.ack("hand.raise");
            long seq = mo.ack("participant.mute", "participantId", an.id()).path("seq").asLong();
            assertThat(seq).as("[MOD1] muting the muted changes nothing").isEqualTo(an.lastSeq());
            mo.ack("participant.unmute", "participantId", an.id());
            an.ack("chat.send", "text", "hallo!");
            assertThat(Api.state(bo.who).path("chat").findValuesAsText("text")).containsExactly("hallo!");
            assertThat(mo.error("participant.mute", "participantId", "nosuch").path("code").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    @DisplayName("[MOD2, Q10] removing the speaker: their sockets close 4403, the floor is free, their token is dead; they may join anew")
    void removeTheSpeaker() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            an.ack("hand.raise");
            mo.ack("floor.next");
            bo.ack("hand.raise");
            an.ack("hand.raise");

            mo.ack("participant.remove", "participantId", an.id());
            assertThat(an.awaitClose()).isEqualTo(4403);
            JsonNode queue = Api.state(bo.who).path("queue");
            assertThat(queue.path("speaker").isNull()).isTrue();
            assertThat(handOrder(queue)).containsExactly(bo.id());
            assertThat(Api.state(bo.who).path("participants").findValuesAsText("participantId")).doesNotContain(an.id());
            assertThat(Api.stateResponse(m.id(), an.who.token()).statusCode()).isEqualTo(401);
            assertThat(mo.error("participant.remove", "participantId", mo.id()).path("code").asText())
                    .as("[MOD2] removing oneself").isEqualTo("CONFLICT");
            assertThat(mo.error("participant.remove", "participantId", an.id()).path("code").asText()).isEqualTo("NOT_FOUND");

            Api.Joined again = m.join("An");
            TestParticipant back = m.connect(again);
            assertThat(back.welcome().path("state").path("you").path("participantId").asText()).isNotEqualTo(an.id());
            SnapshotModel.assertMatchesServer(bo);
        }
    }

    @Test
    @DisplayName("[MOD4, M4] lock: everyone sees locked, new participants are refused, those inside stay and reconnect")
    void lock() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            mo.ack("meeting.lock");
            JsonNode updated = an.awaitEvent("meeting.updated", d -> d.path("meeting").path("locked").asBoolean());
            assertThat(updated.path("data").path("meeting").path("status").asText()).isEqualTo("open");
            assertThat(Api.joinResponse(m.id(), "Late", null, null).statusCode()).isEqualTo(403);

            an.close();
            TestParticipant back = m.connect(an.who);
            assertThat(back.welcome().path("state").path("meeting").path("locked").asBoolean()).isTrue();
            back.ack("chat.send", "text", "nog hier");
            long seq = mo.ack("meeting.lock").path("seq").asLong();
            assertThat(seq).as("[MOD4] locking the locked changes nothing").isEqualTo(mo.lastSeq());
            mo.ack("meeting.unlock");
            back.awaitEvent("meeting.updated", d -> !d.path("meeting").path("locked").asBoolean());
            Api.join(m.id(), "Late");
        }
    }

    @Test
    @DisplayName("[MOD5] an announcement reaches every participant with its text; replaced, then cleared with null")
    void announce() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> people = List.of(m.participant("An"), m.participant("Bo"), m.participant("Cy"),
                    m.participant("Di"));
            long before = System.currentTimeMillis();
            mo.ack("meeting.announce", "text", "  Pauze tot 11u  ");
            for (TestParticipant p : people) {
                JsonNode a = p.awaitEvent("announcement.changed", d -> true).path("data").path("announcement");
                assertThat(a.path("text").asText()).isEqualTo("Pauze tot 11u");
                assertThat(a.path("at").asLong()).isGreaterThanOrEqualTo(before);
            }
            mo.ack("meeting.announce", "text", "We beginnen weer");
            assertThat(Api.state(people.get(0).who).path("announcement").path("text").asText()).isEqualTo("We beginnen weer");
            mo.sendJson(java.util.Map.of("type", "meeting.announce", "id", "clear", "text", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
            mo.awaitAck("clear");
            for (TestParticipant p : people) {
                p.awaitEvent("announcement.changed", d -> d.path("announcement").isNull());
            }
            assertThat(Api.state(people.get(1).who).path("announcement").isNull()).isTrue();
            assertThat(mo.error("meeting.announce", "text", "x".repeat(501)).path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("meeting.announce", "text", "").path("code").asText()).isEqualTo("INVALID");
            TestParticipant late = m.participant("Late");
            assertThat(late.welcome().path("state").path("announcement").isNull()).isTrue();
        }
    }

    @Test
    @DisplayName("[MOD6, M9] the end: the turn and the running item end, every socket closes 4410, joins get ENDED")
    void end() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            mo.ack("agenda.next");
            an.ack("hand.raise");
            mo.ack("floor.next");

            mo.send("meeting.end");
            for (TestParticipant p : List.of(mo, an, bo)) {
                assertThat(p.awaitClose()).isEqualTo(4410);
            }
            JsonNode state = Api.state(mo.who);
            assertThat(state.path("meeting").path("status").asText()).isEqualTo("ended");
            assertThat(state.path("queue").path("speaker").isNull()).isTrue();
            assertThat(state.path("agenda").path("currentItemId").isNull()).isTrue();
            assertThat(state.path("agenda").path("items").get(0).path("status").asText()).isEqualTo("done");
            assertThat(state.path("participants").findValuesAsText("online")).containsOnly("false");
            assertThat(Api.joinResponse(m.id(), "Late", null, null).statusCode()).isEqualTo(410);
            JsonNode fromEvents = SnapshotModel.replay(bo);
            assertThat(fromEvents.path("meeting").path("status").asText()).isEqualTo("ended");
            assertThat(fromEvents.path("queue").path("speaker").isNull()).isTrue();
        }
    }

    @Test
    @DisplayName("[A9, Q8, A7] an item and a turn never end by themselves: past endsAt or the limit comes an overtime event, nothing else")
    void overtime() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Kort", 1), Api.item("Daarna", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            String kort = an.welcome().path("state").path("agenda").path("items").get(0).path("itemId").asText();
            mo.ack("agenda.next");
            an.ack("hand.raise");
            mo.ack("floor.next", "limitSeconds", 1);

            JsonNode agenda = an.awaitEvent("agenda.overtime", d -> true, Duration.ofSeconds(15)).path("data");
            assertThat(agenda.path("item").path("itemId").asText()).isEqualTo(kort);
            assertThat(agenda.path("item").path("overtime").asBoolean()).isTrue();
            assertThat(agenda.path("item").path("status").asText()).isEqualTo("running");
            JsonNode floor = an.awaitEvent("floor.overtime", d -> true, Duration.ofSeconds(15)).path("data");
            assertThat(floor.path("speaker").path("participantId").asText()).isEqualTo(an.id());
            assertThat(floor.path("speaker").path("overtime").asBoolean()).isTrue();

            JsonNode state = Api.state(mo.who);
            assertThat(state.path("agenda").path("currentItemId").asText()).as("still running").isEqualTo(kort);
            assertThat(state.path("queue").path("speaker").path("participantId").asText()).as("still speaking").isEqualTo(an.id());
            assertThat(an.events("agenda.overtime")).as("once").hasSize(1);

            mo.ack("agenda.extend", "seconds", 600);
            JsonNode item = Api.state(an.who).path("agenda").path("items").get(0);
            assertThat(item.path("overtime").asBoolean()).as("[A7] extending clears the overtime mark").isFalse();
            SnapshotModel.assertMatchesServer(an, mo);
        }
    }

    @Test
    @DisplayName("[M6] meeting.leave: hand lowered, turn ended, offline; the token still brings the same participant back")
    void leave() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            an.ack("hand.raise");
            mo.ack("floor.give", "participantId", bo.id());

            an.ack("meeting.leave");
            mo.awaitEvent("participant.updated", d -> MeetingSocketTest.isOnline(d, an.id(), false));
            bo.ack("meeting.leave");
            mo.awaitEvent("participant.updated", d -> MeetingSocketTest.isOnline(d, bo.id(), false));
            JsonNode queue = Api.state(mo.who).path("queue");
            assertThat(queue.path("hands")).isEmpty();
            assertThat(queue.path("speaker").isNull()).isTrue();

            an.close();
            TestParticipant back = m.connect(an.who);
            JsonNode you = back.welcome().path("state").path("you");
            assertThat(you.path("participantId").asText()).isEqualTo(an.id());
            mo.awaitEvent("presence.changed", d -> MeetingSocketTest.isOnline(d, an.id(), true));
        }
    }

    static List<String> handOrder(JsonNode queue) {
        return queue.path("hands").findValuesAsText("participantId");
    }
}
