package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.SnapshotModel;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * protocol.md section 2.3 through the real stack (HTTP joins, WebSocket, PostgreSQL, the server's timers): a
 * random sequence of commands, valid and not, from three participants and a moderator, with reconnections; after
 * every step each open connection's welcome with every event it received applied ({@link SnapshotModel}) equals
 * the server's snapshot for it, and at the end a fresh welcome. The domain-level twin with many seeds is
 * io.kring.meeting.EventsApplyPropertiesTest.
 */
@QuarkusTest
@DisplayName("Events applied to the welcome give the server's snapshot, after every step of a random sequence")
class EventsApplySocketTest {

    /** One long seed here: the many-seed coverage is the domain twin's; this one proves the real stack agrees. */
    private static final int STEPS = 90;
    /** Each step takes at least this long, so nobody passes the 20 frames a second (R2) with the checks' frames. */
    private static final long STEP_MILLIS = 250;

    @ParameterizedTest
    @ValueSource(longs = {2})
    void randomSequence(long seed) throws InterruptedException {
        Random random = new Random(seed);
        try (TestMeeting m = TestMeeting.create("en",
                List.of(Api.item("Kort", 2), Api.item("Twee", 60), Api.item("Drie", 60)))) {
            Map<String, Api.Joined> people = new LinkedHashMap<>();
            Map<String, TestParticipant> sockets = new LinkedHashMap<>();
            TestParticipant mo = m.moderator("Mo");
            people.put(mo.id(), mo.who);
            sockets.put(mo.id(), mo);
            String[] organisations = {"Stad", "School", "Stad"};
            for (int i = 0; i < 3; i++) {
                TestParticipant p = m.participant("P" + i, organisations[i]);
                people.put(p.id(), p.who);
                sockets.put(p.id(), p);
            }
            List<String> log = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                long started = System.currentTimeMillis();
                List<String> ids = new ArrayList<>(people.keySet());
                String actor = ids.get(random.nextInt(ids.size()));
                String someone = ids.get(random.nextInt(ids.size()));
                TestParticipant socket = sockets.get(actor);
                if (socket == null || socket.isClosed()) {
                    log.add(actor + " reconnects");
                    sockets.put(actor, m.connect(people.get(actor)));
                } else if (random.nextInt(15) == 0) {
                    log.add(actor + " closes their connection");
                    socket.close();
                } else {
                    Map<String, Object> command = randomCommand(random, people.values().iterator().next(), someone);
                    String type = (String) command.remove("type");
                    JsonNode reply = socket.awaitReply(socket.send(type, command));
                    log.add(actor + " " + type + " " + command + " -> " + reply.path("type").asText() + " "
                            + reply.path("code").asText(""));
                    if (type.equals("meeting.leave") && reply.path("type").asText().equals("ack")) {
                        socket.close(); // the web client leaves the page
                    }
                    if (type.equals("participant.remove") && reply.path("type").asText().equals("ack")) {
                        people.remove(someone);
                        sockets.remove(someone);
                    }
                }
                Thread.sleep(Math.max(0, started + STEP_MILLIS - System.currentTimeMillis()));
                List<TestParticipant> open = sockets.values().stream().filter(s -> !s.isClosed()).toList();
                try {
                    SnapshotModel.assertMatchesServer(open.toArray(TestParticipant[]::new));
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + " after " + String.join("\n", log), e);
                }
            }
            for (TestParticipant socket : sockets.values()) {
                if (!socket.isClosed()) {
                    assertThat(SnapshotModel.comparable(SnapshotModel.replay(socket)))
                            .as("seed %d, %s: the applied events give a fresh welcome", seed, socket)
                            .isEqualTo(SnapshotModel.comparable(m.freshState(socket.who)));
                }
            }
        }
    }

    private static Map<String, Object> randomCommand(Random random, Api.Joined viewer, String someone) {
        JsonNode state = Api.state(viewer);
        JsonNode items = state.path("agenda").path("items");
        String item = items.isEmpty() || random.nextInt(8) == 0 ? "no-such-item"
                : items.get(random.nextInt(items.size())).path("itemId").asText();
        JsonNode rooms = state.path("breakouts").path("rooms");
        String room = rooms.isEmpty() || random.nextInt(5) == 0 ? null
                : rooms.get(random.nextInt(rooms.size())).path("roomId").asText();
        JsonNode chat = state.path("chat");
        String message = chat.isEmpty() ? "no-such-message" : chat.get(random.nextInt(chat.size())).path("messageId").asText();
        String[] kinds = {"speak", "reply", "pointOfOrder"};
        Map<String, Object> c = new LinkedHashMap<>();
        JsonNode polls = state.path("polls");
        String poll = polls.isEmpty() || random.nextInt(8) == 0 ? "no-such-poll"
                : polls.get(random.nextInt(polls.size())).path("pollId").asText();
        switch (random.nextInt(39)) {
            case 0, 1, 2, 3 -> put(c, "type", "hand.raise", "kind", kinds[random.nextInt(kinds.length)]);
            case 4 -> put(c, "type", "hand.lower", "participantId", random.nextBoolean() ? null : someone);
            case 5 -> put(c, "type", "floor.give", "participantId", someone, "limitSeconds", random.nextBoolean() ? 1 : null);
            case 6, 7 -> put(c, "type", "floor.next", "limitSeconds", random.nextBoolean() ? 2 : null);
            case 8 -> put(c, "type", "floor.end");
            // AP1, AP5: some items come with a description and a prepared round, which agenda.next then opens.
            case 9 -> {
                boolean prepared = random.nextBoolean();
                put(c, "type", "agenda.add", "title", "Punt " + random.nextInt(100), "durationSeconds",
                        1 + random.nextInt(3), "position", random.nextBoolean() ? null : random.nextInt(items.size() + 1),
                        "description", random.nextBoolean() ? null : "Uitleg\nregel 2",
                        "kind", prepared ? "breakout" : null,
                        "breakout", prepared ? Map.of("roomCount", 1 + random.nextInt(2), "strategy", "random",
                                "graceSeconds", random.nextInt(3)) : null);
            }
            case 10 -> put(c, "type", "agenda.update", "itemId", item, "title", "Nieuw " + random.nextInt(100));
            case 11 -> put(c, "type", "agenda.move", "itemId", item, "toIndex", random.nextInt(Math.max(1, items.size())));
            case 12 -> put(c, "type", "agenda.remove", "itemId", item);
            case 13 -> put(c, "type", "agenda.start", "itemId", item);
            case 14, 15 -> put(c, "type", "agenda.next");
            case 16 -> put(c, "type", "agenda.extend", "seconds", 1 + random.nextInt(3));
            case 17 -> put(c, "type", "agenda.stop");
            case 18, 19 -> put(c, "type", "breakout.open", "roomCount", 1 + random.nextInt(2), "strategy",
                    random.nextBoolean() ? "random" : "selfSelect", "durationSeconds", 2 + random.nextInt(6),
                    "graceSeconds", random.nextInt(3));
            case 20 -> put(c, "type", "breakout.move", "participantId", someone, "roomId", room);
            case 21 -> put(c, "type", "breakout.join", "roomId", room);
            case 22 -> put(c, "type", "breakout.help");
            case 23 -> put(c, "type", "breakout.extend", "seconds", 1 + random.nextInt(3));
            case 24 -> put(c, "type", "breakout.close", "graceSeconds", random.nextInt(3));
            case 25, 26 -> put(c, "type", "insight.add", "text", "Inzicht " + random.nextInt(100));
            case 27, 28 -> put(c, "type", "chat.send", "text", "Hallo " + random.nextInt(100));
            case 29 -> put(c, "type", "chat.delete", "messageId", message);
            case 30 -> put(c, "type", random.nextBoolean() ? "participant.promote" : "participant.demote",
                    "participantId", someone);
            case 31 -> put(c, "type", random.nextBoolean() ? "participant.mute" : "participant.unmute",
                    "participantId", someone);
            case 32 -> put(c, "type", random.nextBoolean() ? "meeting.announce" : "breakout.broadcast", "text",
                    "Pauze " + random.nextInt(100));
            case 33 -> put(c, "type", "room.done", "done", random.nextBoolean());
            // POLL: polls of every kind; votes whose results the deadline scheduler tells 250 ms later (POLL7)
            case 35 -> put(c, "type", "poll.open", "question", "Vraag " + random.nextInt(100), "options",
                    List.of("ja", "nee", "misschien"), "multiple", true, "maxChoices", 1 + random.nextInt(2),
                    "anonymous", random.nextBoolean(), "showResults", random.nextBoolean() ? "live" : "onClose");
            case 36, 37 -> put(c, "type", "poll.vote", "pollId", poll, "choices",
                    random.nextBoolean() ? List.of(random.nextInt(3)) : List.of(0, 2));
            case 38 -> put(c, "type", "poll.close", "pollId", poll);
            default -> put(c, "type", random.nextInt(4) == 0 ? "meeting.leave"
                    : random.nextInt(3) == 0 ? "participant.remove" : random.nextBoolean() ? "meeting.lock" : "meeting.unlock",
                    "participantId", someone);
        }
        return c;
    }

    private static void put(Map<String, Object> command, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                command.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
    }
}
