package io.kring.websocket;

import static io.kring.testing.TestParticipant.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The WebSocket envelope of protocol.md section 2 on the real server: hello and welcome, the close codes,
 * errors that keep the connection, ordering of events and acks, {@code seq}, tabs and reconnects.
 */
@QuarkusTest
class MeetingSocketTest {

    // ---------------------------------------------------------------------------------------------
    // hello / welcome

    @Test
    @DisplayName("[protocol 2.2, 3] hello gets a welcome with seq, serverTime and the full snapshot as this participant sees it")
    void helloGetsAWelcome() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Welkom", 300)))) {
            Api.Joined anJoined = m.join("An");
            TestParticipant an = m.connect(anJoined);
            JsonNode welcome = an.welcome();

            assertThat(an.frames().get(0)).as("the welcome is the first frame").isSameAs(welcome);
            assertThat(welcome.path("seq").isIntegralNumber()).isTrue();
            assertThat(welcome.path("seq").asLong()).isPositive();
            assertThat(welcome.path("serverTime").asLong()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
            JsonNode state = welcome.path("state");
            assertThat(fieldNames(state)).contains("meeting", "you", "participants", "agenda", "queue", "breakouts",
                    "chat", "announcement", "serverTime");
            assertThat(state.path("meeting").path("meetingId").asText()).isEqualTo(m.id());
            assertThat(state.path("you").path("participantId").asText()).isEqualTo(anJoined.participantId());
            assertThat(state.path("you").path("role").asText()).isEqualTo("participant");
            assertThat(state.path("agenda").path("items")).hasSize(1);
            assertThat(participant(state, anJoined.participantId()).path("online").asBoolean())
                    .as("[M5] online in their own welcome").isTrue();
            assertThat(welcome.toString()).as("no secrets on the wire").doesNotContain(anJoined.token())
                    .doesNotContain(m.created.moderatorKey());

            assertThat(SnapshotModel.comparable(state))
                    .as("the welcome is the snapshot GET state gives").isEqualTo(SnapshotModel.comparable(Api.state(anJoined)));
        }
    }

    @Test
    @DisplayName("[M5, protocol 2.3] others see the newcomer come online with presence.changed, after the newcomer's welcome")
    void othersSeeTheNewcomer() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            JsonNode joined = mo.awaitEvent("participant.joined",
                    d -> d.path("participant").path("participantId").asText().equals(an.participantId()));
            assertThat(joined.path("data").path("participant").path("online").asBoolean()).isFalse();

            TestParticipant anSocket = m.connect(an);
            JsonNode online = mo.awaitEvent("presence.changed", d -> isOnline(d, an.participantId(), true));
            assertThat(participant(anSocket.welcome().path("state"), an.participantId()).path("online").asBoolean())
                    .as("online in their own welcome at once").isTrue();
            assertThat(anSocket.welcome().path("seq").asLong())
                    .as("[P8] the welcome carries the last stored seq; the presence event, stored a moment later, comes after it")
                    .isLessThan(online.path("seq").asLong());
        }
    }

    @ParameterizedTest(name = "[M3, R4] hello with a bad token ''{0}'' closes 4401")
    @ValueSource(strings = { "{\"type\":\"hello\",\"token\":\"garbage\"}", "{\"type\":\"hello\"}",
            "{\"type\":\"hello\",\"token\":null}", "{\"type\":\"hello\",\"token\":42}",
            "{\"type\":\"hello\",\"token\":\"abc.def\"}" })
    void helloWithABadToken(String hello) {
        try (TestMeeting m = TestMeeting.create()) {
            m.join("An");
            TestParticipant raw = m.open();
            raw.sendText(hello);
            assertThat(raw.awaitClose()).isEqualTo(4401);
            assertThat(raw.frames()).as("nothing is sent before the close").isEmpty();
        }
    }

    @Test
    @DisplayName("[M3] a real participant's id with a forged secret closes 4401")
    void helloWithAForgedSecret() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            TestParticipant raw = m.open();
            raw.sendJson(Map.of("type", "hello", "token", an.participantId() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            assertThat(raw.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    @DisplayName("[M3, protocol 2.5] the token of another meeting closes 4401")
    void helloWithATokenOfAnotherMeeting() {
        try (TestMeeting m = TestMeeting.create(); TestMeeting other = TestMeeting.create()) {
            Api.Joined stranger = other.join("Stranger");
            TestParticipant raw = m.open();
            raw.sendJson(Map.of("type", "hello", "token", stranger.token()));
            assertThat(raw.awaitClose()).isEqualTo(4401);
            assertThat(raw.frames()).isEmpty();
        }
    }

    @Test
    @DisplayName("[protocol 2.5] a hello on the socket of an unknown meeting closes 4401")
    void helloToAnUnknownMeeting() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined an = m.join("An");
            try (TestParticipant raw = TestParticipant.open("nosuchmeeting")) {
                raw.sendJson(Map.of("type", "hello", "token", an.token()));
                assertThat(raw.awaitClose()).isEqualTo(4401);
            }
        }
    }

    @ParameterizedTest(name = "[R4] a first message that is not a hello ({0}) closes 4401")
    @ValueSource(strings = { "{\"type\":\"hand.raise\",\"id\":\"c1\"}", "{\"type\":\"chat.send\",\"id\":\"c1\",\"text\":\"hoi\"}",
            "not json at all", "{}", "[\"hello\"]", "{\"type\":\"HELLO\",\"token\":\"x\"}" })
    void firstMessageNotAHello(String first) {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant raw = m.open();
            raw.sendText(first);
            assertThat(raw.awaitClose()).isEqualTo(4401);
            assertThat(raw.frames()).isEmpty();
        }
    }

    @Test
    @DisplayName("[R4] a command before the hello closes 4401 even with a valid token in it")
    void commandWithATokenInsteadOfAHello() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            TestParticipant raw = m.open();
            raw.sendJson(Map.of("type", "chat.send", "id", "c1", "text", "sneaky", "token", an.token()));
            assertThat(raw.awaitClose()).isEqualTo(4401);
            assertThat(Api.state(mo.who).path("chat")).isEmpty();
        }
    }

    @Test
    @DisplayName("[R4] no hello within 10 s closes the socket with 1008 (the only 10-second test)")
    void noHelloInTime() {
        try (TestMeeting m = TestMeeting.create()) {
            long start = System.nanoTime();
            TestParticipant raw = m.open();
            int code = raw.awaitClose(Duration.ofSeconds(20));
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(code).isEqualTo(1008);
            assertThat(waited).as("closed after about 10 s").isBetween(9_000L, 16_000L);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // message size

    @Test
    @DisplayName("[R1] a message over 16 KiB closes the socket with 1009, also before the hello")
    void oversizeHello() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant raw = m.open();
            raw.sendText("{\"type\":\"hello\",\"token\":\"" + "x".repeat(17 * 1024) + "\"}");
            assertThat(raw.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("[R1] a command over 16 KiB closes the socket with 1009 and changes nothing")
    void oversizeCommand() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            an.send("chat.send", "text", "y".repeat(16 * 1024 + 1));
            assertThat(an.awaitClose()).isEqualTo(1009);
            assertThat(Api.state(mo.who).path("chat")).isEmpty();
        }
    }

    @Test
    @DisplayName("[R1] a message of exactly 16 KiB is read: it gets an answer (INVALID: the text is too long) and the socket stays")
    void messageOfExactly16KiB() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            String head = "{\"type\":\"chat.send\",\"id\":\"big\",\"text\":\"";
            String tail = "\"}";
            String frame = head + "z".repeat(16 * 1024 - head.length() - tail.length()) + tail;
            assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(16 * 1024);
            an.sendText(frame);
            assertThat(an.awaitError("big").path("code").asText()).isEqualTo("INVALID");
            an.ack("hand.raise");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // errors that keep the connection

    @ParameterizedTest(name = "[protocol 2.4, 5] an unreadable frame {0} gets error INVALID with id null; the socket stays")
    @ValueSource(strings = { "{", "not json", "[1,2,3]", "\"hand.raise\"", "42", "null" })
    void unreadableFrame(String frame) {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            long seq = an.lastSeq();
            an.sendText(frame);
            JsonNode error = an.awaitErrorWithoutId();
            assertThat(error.path("code").asText()).isEqualTo("INVALID");
            assertThat(error.path("message").asText()).isNotBlank();
            JsonNode ack = an.ack("hand.raise");
            assertThat(ack.path("seq").asLong()).as("the bad frame changed nothing").isEqualTo(seq + 1);
            assertThat(an.isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("[protocol 2.4, 5] an unknown command gets error INVALID with its id echoed; the socket stays")
    void unknownCommand() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            String id = an.send("hand.wave", "kind", "speak");
            JsonNode error = an.awaitError(id);
            assertThat(error.path("code").asText()).isEqualTo("INVALID");
            assertThat(error.path("id").asText()).isEqualTo(id);
            assertThat(fieldNames(error)).contains("type", "id", "code", "message");
            an.ack("hand.raise");
            assertThat(an.isClosed()).isFalse();
        }
    }

    @ParameterizedTest(name = "[protocol 2.4, 5] a command frame {0} without a usable type gets INVALID with its id echoed")
    @ValueSource(strings = { "{\"id\":\"t1\",\"kind\":\"speak\"}", "{\"type\":null,\"id\":\"t1\"}",
            "{\"type\":42,\"id\":\"t1\"}", "{\"type\":[\"hand.raise\"],\"id\":\"t1\"}" })
    void commandWithoutAType(String frame) {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            int mark = an.mark();
            an.sendText(frame);
            JsonNode reply = an.await("the answer", mark, TestParticipant::isReply);
            assertThat(reply.path("type").asText()).isEqualTo("error");
            assertThat(reply.path("code").asText()).as("%s", reply).isEqualTo("INVALID");
            assertThat(reply.path("id").asText()).as("the id is echoed: %s", reply).isEqualTo("t1");
            an.ack("hand.raise");
        }
    }

    @Test
    @DisplayName("[protocol 2.4] ids are echoed as sent, numbers too")
    void numericIdsAreEchoed() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant an = m.participant("An");
            an.sendText("{\"type\":\"hand.raise\",\"id\":7}");
            JsonNode ack = an.await("the ack of 7", 0, f -> f.path("type").asText().equals("ack")
                    && f.path("id").isNumber() && f.path("id").asInt() == 7);
            assertThat(ack.path("seq").asLong()).isPositive();
        }
    }

    @Test
    @DisplayName("[protocol 2.4, 5] fields of the wrong type get INVALID with the id echoed; the socket stays")
    void fieldsOfTheWrongType() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            long seq = mo.lastSeq();
            JsonNode error = mo.error("agenda.add", "title", "x", "durationSeconds", "sixty");
            assertThat(error.path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", List.of("x"), "durationSeconds", 60).path("code").asText())
                    .isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", "x").path("code").asText()).as("a missing field")
                    .isEqualTo("INVALID");
            assertThat(mo.error("agenda.add", "title", "x", "durationSeconds", 0).path("code").asText())
                    .as("out of range").isEqualTo("INVALID");
            JsonNode ack = mo.ack("agenda.add", "title", "x", "durationSeconds", 60);
            assertThat(ack.path("seq").asLong()).as("the rejected commands changed nothing").isEqualTo(seq + 1);
        }
    }

    @Test
    @DisplayName("[R4] a second hello gets error INVALID and changes nothing, not even with someone else's token")
    void secondHello() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            long seq = an.lastSeq();

            an.sendJson(Map.of("type", "hello", "id", "h2", "token", an.who.token()));
            assertThat(an.awaitError("h2").path("code").asText()).isEqualTo("INVALID");
            an.sendJson(Map.of("type", "hello", "id", "h3", "token", mo.who.token()));
            assertThat(an.awaitError("h3").path("code").asText()).isEqualTo("INVALID");

            assertThat(an.frames().stream().filter(f -> f.path("type").asText().equals("welcome")))
                    .as("no second welcome").hasSize(1);
            assertThat(an.error("agenda.add", "title", "x", "durationSeconds", 60).path("code").asText())
                    .as("still a participant, not the moderator").isEqualTo("FORBIDDEN");
            JsonNode ack = an.ack("hand.raise");
            assertThat(ack.path("seq").asLong()).isEqualTo(seq + 1);
            JsonNode hands = Api.state(mo.who).path("queue").path("hands");
            assertThat(hands).hasSize(1);
            assertThat(hands.get(0).path("participantId").asText()).isEqualTo(an.id());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // events, acks and seq

    @Test
    @DisplayName("[protocol 2.3, 2.4] the sender gets its event before its ack; ack.seq is that event's seq; others get the same event")
    void eventsBeforeTheAck() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");

            String id = an.send("hand.raise", "kind", "reply");
            JsonNode ack = an.awaitAck(id);
            JsonNode own = an.awaitEvent("hand.raised", d -> hasHand(d, an.id(), "reply"));
            assertThat(an.indexOf(own)).as("event before ack").isLessThan(an.indexOf(ack));
            assertThat(ack.path("seq").asLong()).isEqualTo(own.path("seq").asLong());
            assertThat(fieldNames(ack)).contains("type", "id", "seq");

            for (TestParticipant other : List.of(mo, bo)) {
                JsonNode seen = other.awaitEvent("hand.raised", d -> hasHand(d, an.id(), "reply"));
                assertThat(seen.path("seq").asLong()).isEqualTo(own.path("seq").asLong());
                assertThat(seen.path("data")).isEqualTo(own.path("data"));
            }
        }
    }

    @Test
    @DisplayName("[protocol 2.4] a command causing several events: each has its own seq, all before the ack, ack.seq is the last")
    void severalEventsOneAck() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60), Api.item("Twee", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            an.ack("hand.raise");
            // An's ack can come before the moderator's socket has delivered the same event.
            mo.awaitEvent("hand.raised", d -> hasHand(d, an.id(), "speak"));

            int mark = mo.mark();
            String id = mo.send("floor.give", "participantId", an.id(), "limitSeconds", 120);
            JsonNode ack = mo.awaitAck(id);
            List<JsonNode> events = mo.framesSince(mark).stream().filter(f -> f.path("type").asText().equals("event")
                    && !isEvent(f, "presence.changed")).toList();
            assertThat(events).as("hand lowered, floor given").extracting(f -> f.path("name").asText())
                    .containsExactly("hand.lowered", "floor.given");
            assertThat(events.get(0).path("data").path("participantId").asText()).isEqualTo(an.id());
            assertThat(events.get(1).path("seq").asLong()).isEqualTo(events.get(0).path("seq").asLong() + 1);
            assertThat(ack.path("seq").asLong()).isEqualTo(events.get(1).path("seq").asLong());
            assertThat(mo.indexOf(events.get(1))).isLessThan(mo.indexOf(ack));
            JsonNode speaker = events.get(1).path("data").path("speaker");
            assertThat(speaker.path("participantId").asText()).isEqualTo(an.id());
            assertThat(speaker.path("limitSeconds").asInt()).isEqualTo(120);

            mo.ack("agenda.next");
            mark = mo.mark();
            ack = mo.ack("agenda.next");
            List<JsonNode> agenda = mo.framesSince(mark).stream().filter(f -> f.path("type").asText().equals("event")
                    && !isEvent(f, "presence.changed")).toList();
            assertThat(agenda).as("item ended, next started").extracting(f -> f.path("name").asText())
                    .containsExactly("agenda.ended", "agenda.started");
            SnapshotModel.assertMatchesServer(mo, an);
            assertThat(ack.path("seq").asLong()).isEqualTo(agenda.get(1).path("seq").asLong());
        }
    }

    @Test
    @DisplayName("[protocol 2.4, P5] a command that changes nothing is acked with the current seq; a rejected one changes nothing")
    void noOpAndRejectedCommands() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            JsonNode raised = an.ack("hand.raise", "kind", "speak");
            mo.awaitEvent("hand.raised", d -> hasHand(d, an.id(), "speak"));

            int moMark = mo.mark();
            JsonNode again = an.ack("hand.raise", "kind", "speak");
            assertThat(again.path("seq").asLong()).as("[Q3] same kind again: nothing happens").isEqualTo(raised.path("seq").asLong());
            JsonNode bad = an.error("hand.raise", "kind", "shout");
            assertThat(bad.path("code").asText()).isEqualTo("INVALID");
            JsonNode ack = mo.ack("meeting.lock");
            assertThat(ack.path("seq").asLong()).as("nothing happened in between").isEqualTo(raised.path("seq").asLong() + 1);
            assertThat(mo.framesSince(moMark).stream().filter(f -> f.path("type").asText().equals("event")))
                    .as("the moderator saw only the lock").hasSize(1);
        }
    }

    @Test
    @DisplayName("[protocol 2.3] seq only grows, on every connection, across commands of several participants")
    void seqOnlyGrows() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(an.send("chat.send", "text", "an " + i));
                ids.add(bo.send("hand.raise", "kind", i % 2 == 0 ? "reply" : "speak"));
                ids.add(mo.send("meeting.announce", "text", "m " + i));
            }
            mo.ack("agenda.next");
            mo.ack("floor.next");
            an.ack("hand.raise");
            String last = mo.send("meeting.lock");
            long lastSeq = mo.awaitAck(last).path("seq").asLong();
            for (TestParticipant socket : List.of(mo, an, bo)) {
                socket.awaitEvent("meeting.updated", d -> d.path("meeting").path("locked").asBoolean());
                assertSeqGrows(socket);
                assertThat(socket.lastSeq()).isEqualTo(lastSeq);
            }
            for (int i = 0; i < ids.size(); i++) {
                TestParticipant sender = List.of(an, bo, mo).get(i % 3);
                sender.awaitAck(ids.get(i));
            }
        }
    }

    @Test
    @DisplayName("[protocol 2.3, 2.4] pipelined commands, many sockets on every event loop: each ack follows its event, every socket sees every event once, in order")
    void pipelinedCommandsKeepTheirOrderOnEverySocket() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> room = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                room.add(m.participant("P" + i));
            }
            TestParticipant an = room.get(0);
            int mark = an.mark();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(an.send(i % 2 == 0 ? "hand.raise" : "hand.lower"));
            }
            List<JsonNode> acks = ids.stream().map(an::awaitAck).toList();
            List<JsonNode> sinceMark = an.framesSince(mark);
            for (JsonNode ack : acks) {
                long seq = ack.path("seq").asLong();
                int ackAt = sinceMark.indexOf(ack);
                assertThat(sinceMark.subList(0, ackAt)).as("the event of ack %s comes before it", seq)
                        .anyMatch(f -> isQueueEvent(f) && f.path("seq").asLong() == seq);
            }
            long lastSeq = acks.get(acks.size() - 1).path("seq").asLong();
            List<Long> expected = acks.stream().map(a -> a.path("seq").asLong()).toList();
            List<TestParticipant> everyone = new ArrayList<>(room);
            everyone.add(mo);
            for (TestParticipant socket : everyone) {
                socket.await("event " + lastSeq, 0, f -> isQueueEvent(f) && f.path("seq").asLong() == lastSeq);
                assertSeqGrows(socket);
                assertThat(socket.frames().stream().filter(MeetingSocketTest::isQueueEvent)
                        .map(f -> f.path("seq").asLong()).toList())
                        .as("every queue change, once, in order").containsSubsequence(expected)
                        .doesNotHaveDuplicates();
            }
        }
    }

    @Test
    @DisplayName("[protocol 2.3] applying the events to the welcome's snapshot gives what a fresh snapshot gives")
    void eventsApplyToTheSnapshot() {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60), Api.item("Twee", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An", "Gent");
            TestParticipant bo = m.participant("Bo", "Brugge");
            an.ack("hand.raise", "kind", "reply");
            bo.ack("hand.raise", "kind", "pointOfOrder");
            JsonNode sent = an.ack("chat.send", "text", "hallo");
            mo.ack("agenda.next");
            mo.ack("agenda.extend", "seconds", 30);
            mo.ack("floor.next", "limitSeconds", 60);
            mo.ack("participant.mute", "participantId", bo.id());
            mo.ack("meeting.announce", "text", "Pauze om 11u");
            Api.Joined cy = m.join("Cy");
            TestParticipant cySocket = m.connect(cy);
            cySocket.ack("chat.send", "text", "ik ben er");
            String messageId = Api.state(mo.who).path("chat").get(0).path("messageId").asText();
            mo.ack("chat.delete", "messageId", messageId);
            mo.ack("participant.promote", "participantId", an.id());
            mo.ack("meeting.lock");
            bo.close();
            long last = mo.ack("participant.remove", "participantId", cy.participantId()).path("seq").asLong();
            for (TestParticipant socket : List.of(mo, an)) {
                socket.awaitEvent("presence.changed", d -> isOnline(d, bo.id(), false));
            }
            assertThat(sent.path("seq").asLong()).isLessThan(last);

            SnapshotModel.assertMatchesServer(mo, an);
        }
    }

    @Test
    @DisplayName("[SEC-14, BR16] no frame carries a token, the moderator key, or anything of another meeting")
    void broadcastScoping() {
        try (TestMeeting a = TestMeeting.create(); TestMeeting b = TestMeeting.create()) {
            TestParticipant moA = a.moderator("MoA");
            TestParticipant an = a.participant("An");
            TestParticipant moB = b.moderator("MoB");
            TestParticipant bo = b.participant("Bo");
            an.ack("chat.send", "text", "in A");
            moA.ack("participant.mute", "participantId", an.id());
            moA.ack("participant.promote", "participantId", an.id());
            bo.ack("chat.send", "text", "geheim-B");
            moB.ack("meeting.announce", "text", "aankondiging-B");
            moB.ack("meeting.lock");
            moA.ack("meeting.announce", "text", "marker A");
            an.awaitEvent("announcement.changed", d -> d.path("announcement").path("text").asText().equals("marker A"));

            List<String> secrets = List.of(an.who.token(), moA.who.token(), bo.who.token(), moB.who.token(),
                    a.created.moderatorKey(), b.created.moderatorKey());
            for (TestParticipant socket : List.of(moA, an)) {
                String all = socket.frames().toString();
                for (String secret : secrets) {
                    assertThat(all).as("%s saw a secret", socket).doesNotContain(secret);
                }
                assertThat(all).doesNotContain(b.id()).doesNotContain(bo.id()).doesNotContain(moB.id())
                        .doesNotContain("geheim-B").doesNotContain("aankondiging-B");
                assertThat(socket.events("meeting.updated")).as("B's lock is B's").isEmpty();
            }
            for (TestParticipant socket : List.of(moB, bo)) {
                assertThat(socket.frames().toString()).doesNotContain(a.id()).doesNotContain("in A").doesNotContain("marker A");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // tabs and reconnects

    @Test
    @DisplayName("[M5, M7, protocol 2.6] two tabs get the same events; online stays true while one is open, false when the last closes")
    void severalTabs() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            TestParticipant tab1 = m.connect(an);
            mo.awaitEvent("presence.changed", d -> isOnline(d, an.participantId(), true));
            int moMark = mo.mark();
            TestParticipant tab2 = m.connect(an);
            assertThat(tab2.welcome().path("seq").asLong()).as("[M5] a second tab changes nothing")
                    .isEqualTo(tab1.lastSeq());

            String id = tab1.send("hand.raise", "kind", "reply");
            tab1.awaitAck(id);
            JsonNode in1 = tab1.awaitEvent("hand.raised", d -> hasHand(d, an.participantId(), "reply"));
            JsonNode in2 = tab2.awaitEvent("hand.raised", d -> hasHand(d, an.participantId(), "reply"));
            assertThat(in2).isEqualTo(in1);
            assertThat(tab2.frames().stream().filter(TestParticipant::isReply)).as("the ack goes to the sending tab only")
                    .isEmpty();

            tab1.close();
            int afterClose = moMark;
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> mo.framesSince(afterClose).stream().noneMatch(f -> isEvent(f, "presence.changed")
                            && isOnline(f.path("data"), an.participantId(), false)));
            assertThat(participant(Api.state(mo.who), an.participantId()).path("online").asBoolean())
                    .as("online while a tab is open").isTrue();
            mo.ack("meeting.announce", "text", "marker 1");
            tab2.awaitEvent("announcement.changed", d -> d.path("announcement").path("text").asText().equals("marker 1"));

            tab2.close();
            JsonNode offline = mo.awaitEvent(moMark, "presence.changed", d -> isOnline(d, an.participantId(), false));
            assertThat(offline).isNotNull();
            assertThat(participant(Api.state(mo.who), an.participantId()).path("online").asBoolean()).isFalse();
        }
    }

    @Test
    @DisplayName("[M3, M7, REL-05] reconnecting with the token keeps the identity: same participant, role, hand still raised")
    void reconnectKeepsIdentity() {
        try (TestMeeting m = TestMeeting.create()) {
            Api.Joined moJoined = Api.joinAsModerator(m.created, "Mo");
            TestParticipant mo = m.connect(moJoined);
            Api.Joined an = m.join("An");
            TestParticipant first = m.connect(an);
            first.ack("hand.raise", "kind", "pointOfOrder");
            first.ack("chat.send", "text", "tot zo");
            first.close();
            mo.awaitEvent("presence.changed", d -> isOnline(d, an.participantId(), false));

            TestParticipant again = m.connect(an);
            JsonNode state = again.welcome().path("state");
            assertThat(state.path("you").path("participantId").asText()).isEqualTo(an.participantId());
            assertThat(state.path("you").path("role").asText()).isEqualTo("participant");
            assertThat(state.path("queue").path("hands")).hasSize(1);
            assertThat(state.path("queue").path("hands").get(0).path("participantId").asText()).isEqualTo(an.participantId());
            assertThat(state.path("queue").path("hands").get(0).path("kind").asText()).isEqualTo("pointOfOrder");
            assertThat(state.path("chat").get(0).path("participantId").asText()).isEqualTo(an.participantId());
            assertThat(state.path("participants")).hasSize(2);
            mo.awaitEvent("presence.changed", d -> isOnline(d, an.participantId(), true));

            mo.close();
            TestParticipant moAgain = m.connect(moJoined);
            assertThat(moAgain.welcome().path("state").path("you").path("role").asText()).isEqualTo("moderator");
            moAgain.ack("meeting.lock");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // removal and the end

    @Test
    @DisplayName("[MOD2, SEC-06] a removed participant's tabs close with 4403 within a second; a later hello closes 4401")
    void removedParticipant() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant bo = m.participant("Bo");
            Api.Joined an = m.join("An");
            TestParticipant tab1 = m.connect(an);
            TestParticipant tab2 = m.connect(an);
            tab1.ack("hand.raise");

            mo.ack("participant.remove", "participantId", an.participantId());
            // Timed from the ack: storing the removal waits for a disk flush, which a loaded machine stretches; the
            // tabs are closed once it is stored, as the ack is sent.
            long removedAt = System.nanoTime();
            assertThat(tab1.awaitClose(Duration.ofSeconds(3))).isEqualTo(4403);
            assertThat(tab2.awaitClose(Duration.ofSeconds(3))).isEqualTo(4403);
            assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isLessThan(Duration.ofSeconds(1));

            JsonNode removed = bo.awaitEvent("participant.removed", d -> d.path("participantId").asText().equals(an.participantId()));
            assertThat(removed).isNotNull();
            bo.awaitEvent("hand.lowered", d -> d.path("participantId").asText().equals(an.participantId()));

            TestParticipant later = m.open();
            later.sendJson(Map.of("type", "hello", "token", an.token()));
            assertThat(later.awaitClose()).isEqualTo(4401);
            assertThat(Api.state(mo.who).path("participants").findValuesAsText("participantId"))
                    .doesNotContain(an.participantId());
            assertThat(Api.stateResponse(m.id(), an.token()).statusCode()).isEqualTo(401);
            assertThat(bo.isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("[MOD6, M9] meeting.end closes every socket with 4410; a later hello closes 4410")
    void meetingEnd() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            TestParticipant tab1 = m.connect(an);
            TestParticipant tab2 = m.connect(an);
            TestParticipant bo = m.participant("Bo");
            Api.Joined cy = m.join("Cy");

            mo.send("meeting.end");
            for (TestParticipant socket : List.of(mo, tab1, tab2, bo)) {
                assertThat(socket.awaitClose()).as("%s", socket).isEqualTo(4410);
                JsonNode ended = socket.awaitEvent("meeting.updated", d -> d.path("meeting").path("status").asText().equals("ended"));
                assertThat(ended).isNotNull();
            }

            TestParticipant later = m.open();
            later.sendJson(Map.of("type", "hello", "token", cy.token()));
            assertThat(later.awaitClose()).isEqualTo(4410);
            assertThat(later.frames()).isEmpty();
            assertThat(Api.meeting(m.id()).path("status").asText()).isEqualTo("ended");
        }
    }

    @Test
    @DisplayName("[M9] with many connections on every event loop, each one is told the meeting ended before its 4410")
    void everyConnectionIsToldTheEndBeforeItsClose() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> sockets = new ArrayList<>(List.of(mo));
            for (int i = 0; i < 24; i++) {
                sockets.add(m.participant("P" + i));
            }
            mo.send("meeting.end");
            for (TestParticipant socket : sockets) {
                assertThat(socket.awaitClose()).as("%s", socket).isEqualTo(4410);
                assertThat(socket.events("meeting.updated")).as("%s was told before its close", socket)
                        .anyMatch(f -> f.path("data").path("meeting").path("status").asText().equals("ended"));
            }
        }
    }

    @Test
    @DisplayName("[M9, protocol 2.5] a hello to an ended meeting closes 4410, also while an old tab of that participant is still closing")
    void helloToAnEndedMeetingWhileAnOldTabCloses() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            Api.Joined an = m.join("An");
            TestParticipant old = m.connect(an);
            old.holdCloseReply();

            mo.send("meeting.end");
            assertThat(old.awaitClose()).isEqualTo(4410);
            assertThat(mo.awaitClose()).isEqualTo(4410);

            TestParticipant later = m.open();
            later.sendJson(Map.of("type", "hello", "token", an.token()));
            Awaitility.await().atMost(TestParticipant.TIMEOUT).until(() -> later.isClosed() || !later.frames().isEmpty());
            assertThat(later.frames()).as("nothing is welcomed into an ended meeting").isEmpty();
            assertThat(later.awaitClose()).isEqualTo(4410);
        }
    }

    @Test
    @DisplayName("[protocol 2.4, MOD6] the sender of meeting.end gets its ack before the socket closes with 4410")
    void meetingEndIsAcked() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            String id = mo.send("meeting.end");
            assertThat(mo.awaitClose()).isEqualTo(4410);
            JsonNode ack = mo.frames().stream().filter(f -> TestParticipant.isReply(f) && id.equals(f.path("id").asText()))
                    .findFirst().orElse(null);
            assertThat(ack).as("every command is answered with an ack or an error (protocol 2.4); frames: %s", mo.frames())
                    .isNotNull();
            assertThat(ack.path("type").asText()).isEqualTo("ack");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonNode sendRaw(TestParticipant socket, String frame, String id) {
        socket.sendText(frame);
        return socket.awaitError(id);
    }

    static void assertSeqGrows(TestParticipant socket) {
        long previous = -1;
        String previousName = null;
        for (JsonNode frame : socket.frames()) {
            String type = frame.path("type").asText();
            if (!type.equals("welcome") && !type.equals("event")) {
                continue;
            }
            long seq = frame.path("seq").asLong();
            boolean snapshot = isEvent(frame, "state.snapshot");
            if (snapshot) {
                assertThat(seq).as("%s: state.snapshot after %s", socket, previousName).isGreaterThanOrEqualTo(previous);
            } else {
                assertThat(seq).as("%s: %s after %s", socket, frame.path("name").asText(type), previousName)
                        .isGreaterThan(previous);
            }
            previous = seq;
            previousName = frame.path("name").asText(type);
        }
    }

    /** Whether a hand.raised event is about this participant's hand of this kind. */
    static boolean hasHand(JsonNode data, String participantId, String kind) {
        JsonNode hand = data.path("hand");
        return hand.path("participantId").asText().equals(participantId) && hand.path("kind").asText().equals(kind);
    }

    static boolean isQueueEvent(JsonNode frame) {
        return isEvent(frame, "hand.raised") || isEvent(frame, "hand.lowered");
    }

    /** Presence changes come as presence.changed, several people at once (P8); a leave as participant.updated. */
    static boolean isOnline(JsonNode data, String participantId, boolean online) {
        JsonNode one = data.path("participant");
        if (one.path("participantId").asText().equals(participantId) && one.path("online").asBoolean() == online) {
            return true;
        }
        for (JsonNode id : data.path(online ? "online" : "offline")) {
            if (id.asText().equals(participantId)) {
                return true;
            }
        }
        return false;
    }

    static JsonNode participant(JsonNode state, String participantId) {
        for (JsonNode p : state.path("participants")) {
            if (p.path("participantId").asText().equals(participantId)) {
                return p;
            }
        }
        throw new AssertionError("no participant " + participantId + " in " + state);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
