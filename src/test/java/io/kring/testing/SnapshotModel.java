package io.kring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client's copy of the meeting: the last snapshot with every later event applied as the "apply" column of
 * docs/protocol.md section 4 says. protocol.md section 2.3: the result must be what a fresh welcome gives.
 */
public final class SnapshotModel {

    private SnapshotModel() {
    }

    /** The state after the welcome and every event this connection received since, in order. */
    public static ObjectNode replay(TestParticipant socket) {
        ObjectNode state = null;
        for (JsonNode frame : socket.frames()) {
            String type = frame.path("type").asText();
            if (type.equals("welcome")) {
                state = frame.path("state").deepCopy();
            } else if (type.equals("event") && state != null) {
                state = apply(state, frame.path("name").asText(), frame.path("data"));
            }
        }
        if (state == null) {
            throw new AssertionError(socket + " has no welcome");
        }
        return state;
    }

    public static ObjectNode apply(ObjectNode state, String name, JsonNode data) {
        String you = state.path("you").path("participantId").asText(null);
        switch (name) {
            case "participant.joined" -> participants(state).add(data.path("participant").deepCopy());
            case "participant.updated" -> {
                JsonNode p = data.path("participant");
                replaceParticipant(state, p);
                if (p.path("participantId").asText().equals(you)) {
                    ObjectNode y = (ObjectNode) state.path("you");
                    y.set("role", p.path("role"));
                    y.set("roomId", p.path("roomId"));
                    y.set("mutedInChat", p.path("mutedInChat"));
                }
                breakoutsIfPresent(state, data);
            }
            case "presence.changed" -> participants(state).forEach(p -> {
                String id = p.path("participantId").asText();
                data.path("online").forEach(on -> {
                    if (on.asText().equals(id)) {
                        ((ObjectNode) p).put("online", true);
                    }
                });
                data.path("offline").forEach(off -> {
                    if (off.asText().equals(id)) {
                        ((ObjectNode) p).put("online", false);
                    }
                });
            });
            case "participant.removed" -> {
                String id = data.path("participantId").asText();
                removeWhere(participants(state), e -> e.path("participantId").asText().equals(id));
                ObjectNode queue = (ObjectNode) state.path("queue");
                removeWhere((ArrayNode) queue.path("hands"), e -> e.path("participantId").asText().equals(id));
                if (queue.path("speaker").path("participantId").asText().equals(id)) {
                    queue.set("speaker", NullNode.getInstance());
                }
                breakoutsIfPresent(state, data);
            }
            case "meeting.updated" -> state.set("meeting", data.path("meeting").deepCopy());
            case "announcement.changed" -> state.set("announcement", data.path("announcement").deepCopy());
            case "agenda.changed", "agenda.overtime" -> state.set("agenda", data.path("agenda").deepCopy());
            case "queue.changed", "floor.overtime" -> state.set("queue", data.path("queue").deepCopy());
            case "chat.message" -> {
                ArrayNode chat = (ArrayNode) state.path("chat");
                chat.add(data.path("message").deepCopy());
                while (chat.size() > 100) {
                    chat.remove(0);
                }
            }
            case "chat.deleted" -> {
                String id = data.path("messageId").asText();
                removeWhere((ArrayNode) state.path("chat"), e -> e.path("messageId").asText().equals(id));
            }
            case "breakouts.opened" -> {
                state.set("breakouts", data.path("breakouts").deepCopy());
                for (JsonNode room : data.path("breakouts").path("rooms")) {
                    for (JsonNode member : room.path("participantIds")) {
                        for (JsonNode p : participants(state)) {
                            if (p.path("participantId").asText().equals(member.asText())
                                    && !p.path("role").asText().equals("moderator")) {
                                ((ObjectNode) p).set("roomId", room.path("roomId"));
                            }
                        }
                        if (member.asText().equals(you)) {
                            ((ObjectNode) state.path("you")).set("roomId", room.path("roomId"));
                        }
                    }
                }
            }
            case "breakouts.changed" -> state.set("breakouts", data.path("breakouts").deepCopy());
            case "breakouts.broadcast" -> ((ObjectNode) state.path("breakouts")).set("broadcast",
                    data.path("broadcast").deepCopy());
            case "breakouts.warning" -> ((ObjectNode) state.path("breakouts")).put("warned", true);
            case "breakouts.closed" -> {
                state.set("breakouts", data.path("breakouts").deepCopy());
                for (JsonNode p : participants(state)) {
                    ((ObjectNode) p).set("roomId", NullNode.getInstance());
                }
                ((ObjectNode) state.path("you")).set("roomId", NullNode.getInstance());
                if (data.has("chat")) {
                    state.set("chat", data.path("chat").deepCopy());
                }
            }
            case "insight.added" -> {
                for (JsonNode room : state.path("breakouts").path("rooms")) {
                    if (room.path("roomId").asText().equals(data.path("roomId").asText())) {
                        ArrayNode insights = (ArrayNode) room.path("insights");
                        String insightId = data.path("insight").path("insightId").asText();
                        boolean known = false;
                        for (JsonNode i : insights) {
                            known |= i.path("insightId").asText().equals(insightId);
                        }
                        if (!known) {
                            insights.add(data.path("insight").deepCopy());
                        }
                    }
                }
            }
            case "state.snapshot" -> {
                return data.deepCopy();
            }
            default -> throw new AssertionError("an event docs/protocol.md does not name: " + name);
        }
        return state;
    }

    /**
     * For each open socket: its welcome with every event it got applied equals its snapshot now (GET state).
     * A command that is refused inside the meeting's lock (so after every earlier change was sent) marks the point
     * where the socket has seen everything GET state showed.
     */
    public static void assertMatchesServer(TestParticipant... sockets) {
        for (TestParticipant socket : sockets) {
            if (socket.isClosed()) {
                continue;
            }
            // Presence is told up to 100 ms after it happened (meeting-rules P8): allow it to arrive.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                    .pollInterval(java.time.Duration.ofMillis(50)).untilAsserted(() -> {
                        JsonNode now = Api.state(socket.who);
                        socket.error("chat.delete", "messageId", "no-such-message");
                        org.assertj.core.api.Assertions.assertThat(comparable(replay(socket)))
                                .as("%s: the welcome with the events applied is the snapshot (protocol.md 2.3)", socket)
                                .isEqualTo(comparable(now));
                    });
        }
    }

    /** The state without what legitimately differs between two moments: {@code serverTime}. */
    public static JsonNode comparable(JsonNode state) {
        ObjectNode copy = state.deepCopy();
        copy.remove("serverTime");
        return copy;
    }

    private static ArrayNode participants(ObjectNode state) {
        return (ArrayNode) state.path("participants");
    }

    private static void replaceParticipant(ObjectNode state, JsonNode participant) {
        ArrayNode list = participants(state);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path("participantId").asText().equals(participant.path("participantId").asText())) {
                list.set(i, participant.deepCopy());
            }
        }
    }

    private static void breakoutsIfPresent(ObjectNode state, JsonNode data) {
        if (data.has("breakouts")) {
            state.set("breakouts", data.path("breakouts").deepCopy());
        }
    }

    private static void removeWhere(ArrayNode array, java.util.function.Predicate<JsonNode> matches) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (matches.test(array.get(i))) {
                array.remove(i);
            }
        }
    }
}
