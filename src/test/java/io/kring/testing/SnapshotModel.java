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

    private static boolean containsMessage(ArrayNode chat, String messageId) {
        for (JsonNode message : chat) {
            if (message.path("messageId").asText().equals(messageId)) {
                return true;
            }
        }
        return false;
    }

    public static ObjectNode apply(ObjectNode state, String name, JsonNode data) {
        String you = state.path("you").path("participantId").asText(null);
        ObjectNode queue = (ObjectNode) state.path("queue");
        ObjectNode agenda = (ObjectNode) state.path("agenda");
        ObjectNode breakouts = (ObjectNode) state.path("breakouts");
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
                recomputeRooms(state);
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
                removeWhere(hands(state), e -> e.path("participantId").asText().equals(id));
                endRoundLimitWhenQueueEmpty(queue);
                if (queue.path("speaker").path("participantId").asText().equals(id)) {
                    queue.set("speaker", NullNode.getInstance());
                }
                recomputeRooms(state);
            }
            case "meeting.updated" -> state.set("meeting", data.path("meeting").deepCopy());
            case "announcement.changed" -> state.set("announcement", data.path("announcement").deepCopy());
            case "reportback.shown" -> {
                ObjectNode shown = (ObjectNode) data.deepCopy();
                JsonNode room = shown.remove("reportbackRoom");
                state.set("reportback", shown);
                state.set("reportbackRoom", room == null ? NullNode.getInstance() : room);
            }
            case "reportback.ended" -> {
                state.set("reportback", NullNode.getInstance());
                state.set("reportbackRoom", NullNode.getInstance());
            }
            case "agenda.added" -> ((ArrayNode) agenda.path("items")).insert(data.path("position").asInt(),
                    data.path("item").deepCopy());
            case "agenda.updated", "agenda.extended", "agenda.overtime" -> replaceItem(state, data.path("item"));
            case "agenda.removed" -> removeWhere((ArrayNode) agenda.path("items"),
                    e -> e.path("itemId").asText().equals(data.path("itemId").asText()));
            case "agenda.moved" -> {
                ArrayNode items = (ArrayNode) agenda.path("items");
                String id = data.path("itemId").asText();
                JsonNode item = null;
                for (int i = items.size() - 1; i >= 0; i--) {
                    if (items.get(i).path("itemId").asText().equals(id)) {
                        item = items.remove(i);
                    }
                }
                if (item == null) {
                    throw new AssertionError("agenda.moved of an item the client does not have: " + id);
                }
                items.insert(data.path("toIndex").asInt(), item);
            }
            case "agenda.started" -> {
                replaceItem(state, data.path("item"));
                agenda.set("currentItemId", data.path("item").path("itemId"));
            }
            case "agenda.ended" -> {
                replaceItem(state, data.path("item"));
                if (agenda.path("currentItemId").asText().equals(data.path("item").path("itemId").asText())) {
                    agenda.set("currentItemId", NullNode.getInstance());
                }
            }
            case "hand.raised" -> {
                JsonNode hand = data.path("hand");
                String id = hand.path("participantId").asText();
                removeWhere(hands(state), e -> e.path("participantId").asText().equals(id));
                hands(state).insert(data.path("index").asInt(), hand.deepCopy());
            }
            case "hand.lowered" -> {
                removeWhere(hands(state),
                        e -> e.path("participantId").asText().equals(data.path("participantId").asText()));
                endRoundLimitWhenQueueEmpty(queue);
            }
            case "floor.round" -> {
                queue.set("speaker", data.path("speaker").deepCopy());
                ArrayNode hands = hands(state);
                hands.removeAll();
                for (JsonNode id : data.path("participantIds")) {
                    ObjectNode hand = hands.addObject();
                    hand.put("participantId", id.asText());
                    hand.put("kind", "speak");
                    hand.set("raisedAt", data.path("raisedAt").deepCopy());
                }
                queue.set("roundLimitSeconds", data.path("roundLimitSeconds").deepCopy());
            }
            case "floor.given" -> queue.set("speaker", data.path("speaker").deepCopy());
            case "floor.ended" -> queue.set("speaker", NullNode.getInstance());
            case "floor.overtime" -> queue.set("speaker", data.path("speaker").deepCopy());
            case "chat.message" -> {
                ArrayNode chat = (ArrayNode) state.path("chat");
                chat.add(data.path("message").deepCopy());
                while (chat.size() > 100) {
                    chat.remove(0);
                }
            }
            case "chat.deleted" -> {
                String id = data.path("messageId").asText();
                ArrayNode chat = (ArrayNode) state.path("chat");
                removeWhere(chat, e -> e.path("messageId").asText().equals(id));
                JsonNode revealed = data.path("revealed");
                if (revealed.isObject() && !containsMessage(chat, revealed.path("messageId").asText())) {
                    chat.insert(0, revealed.deepCopy());
                }
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
            case "breakouts.extended" -> {
                breakouts.set("endsAt", data.path("endsAt"));
                breakouts.set("warned", data.path("warned"));
            }
            case "breakouts.closing" -> {
                breakouts.put("status", "closing");
                breakouts.set("closingAt", data.path("closingAt"));
            }
            case "breakouts.helpRequested", "breakouts.helpAnswered" -> {
                ObjectNode room = room(state, data.path("roomId").asText());
                room.put("helpRequested", name.equals("breakouts.helpRequested"));
            }
            case "room.done" -> room(state, data.path("roomId").asText()).set("done", data.path("done"));
            case "breakouts.broadcast" -> breakouts.set("broadcast", data.path("broadcast").deepCopy());
            case "breakouts.warning" -> breakouts.put("warned", true);
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
                ArrayNode insights = (ArrayNode) room(state, data.path("roomId").asText()).path("insights");
                String insightId = data.path("insight").path("insightId").asText();
                boolean known = false;
                for (JsonNode i : insights) {
                    known |= i.path("insightId").asText().equals(insightId);
                }
                if (!known) {
                    insights.add(data.path("insight").deepCopy());
                }
            }
            case "insight.edited" -> {
                String roomId = data.path("roomId").asText();
                String insightId = data.path("insight").path("insightId").asText();
                ObjectNode shown = reportBackRoom(state, roomId);
                if (shown != null) {
                    // RB11: a moderator edited an insight of the earlier round reporting back: its id and text
                    for (JsonNode i : shown.path("insights")) {
                        if (i.path("insightId").asText().equals(insightId)) {
                            ((ObjectNode) i).set("text", data.path("insight").path("text"));
                        }
                    }
                } else if (hasRoom(state, roomId)) {
                    ArrayNode insights = (ArrayNode) room(state, roomId).path("insights");
                    for (int i = 0; i < insights.size(); i++) {
                        if (insights.get(i).path("insightId").asText().equals(insightId)) {
                            insights.set(i, data.path("insight").deepCopy());
                        }
                    }
                }
                // else: a moderator changed an earlier round's insight that no view shows now
            }
            case "insight.removed" -> {
                String roomId = data.path("roomId").asText();
                ObjectNode shown = reportBackRoom(state, roomId);
                ArrayNode insights = shown != null ? (ArrayNode) shown.path("insights")
                        : hasRoom(state, roomId) ? (ArrayNode) room(state, roomId).path("insights") : null;
                if (insights != null) {
                    removeWhere(insights, i -> i.path("insightId").asText().equals(data.path("insightId").asText()));
                }
            }
            case "question.asked" -> {
                ObjectNode question = data.path("question").deepCopy();
                question.put("youVoted", false);
                questions(state).add(question);
                sortQuestions(state);
            }
            case "question.voted" -> {
                ObjectNode question = question(state, data.path("questionId").asText());
                question.set("votes", data.path("votes"));
                if (data.has("youVoted")) {
                    question.set("youVoted", data.path("youVoted"));
                }
                sortQuestions(state);
            }
            case "question.answered" -> question(state, data.path("questionId").asText())
                    .set("answered", data.path("answered"));
            case "question.removed" -> removeWhere(questions(state),
                    q -> q.path("questionId").asText().equals(data.path("questionId").asText()));
            case "state.snapshot" -> {
                return data.deepCopy();
            }
            case "poll.opened" -> ((ArrayNode) state.path("polls")).add(data.path("poll").deepCopy());
            case "poll.voted" -> poll(state, data).set("yourChoices", data.path("yourChoices").deepCopy());
            case "poll.results", "poll.closed" -> {
                ObjectNode poll = poll(state, data);
                poll.set("results", data.path("results").deepCopy());
                if (data.has("votes")) {
                    data.path("votes").fields().forEachRemaining(vote ->
                            ((ObjectNode) poll.path("votes")).set(vote.getKey(), vote.getValue().deepCopy()));
                }
                if (name.equals("poll.closed")) {
                    poll.put("status", "closed");
                    poll.set("closedAt", data.path("closedAt"));
                }
            }
            default -> throw new AssertionError("an event docs/protocol.md does not name: " + name);
        }
        return state;
    }

    /**
     * Rule R (docs/protocol.md section 4): while a round is open or closing, a room's {@code participantIds}
     * are the participants (in roster order) whose role is participant and whose roomId is that room.
     */
    private static void recomputeRooms(ObjectNode state) {
        String status = state.path("breakouts").path("status").asText();
        if (!status.equals("open") && !status.equals("closing")) {
            return;
        }
        for (JsonNode room : state.path("breakouts").path("rooms")) {
            ArrayNode members = ((ObjectNode) room).putArray("participantIds");
            for (JsonNode p : participants(state)) {
                if (p.path("role").asText().equals("participant")
                        && p.path("roomId").asText().equals(room.path("roomId").asText())) {
                    members.add(p.path("participantId").asText());
                }
            }
        }
    }

    /** RB11: the report-back's room of an earlier round when it is {@code roomId}, or null. */
    private static ObjectNode reportBackRoom(ObjectNode state, String roomId) {
        JsonNode shown = state.path("reportbackRoom");
        return shown.isObject() && shown.path("roomId").asText().equals(roomId) ? (ObjectNode) shown : null;
    }

    private static boolean hasRoom(ObjectNode state, String roomId) {
        for (JsonNode room : state.path("breakouts").path("rooms")) {
            if (room.path("roomId").asText().equals(roomId)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode room(ObjectNode state, String roomId) {
        for (JsonNode room : state.path("breakouts").path("rooms")) {
            if (room.path("roomId").asText().equals(roomId)) {
                return (ObjectNode) room;
            }
        }
        throw new AssertionError("an event about a room the client does not have: " + roomId);
    }

    private static ArrayNode questions(ObjectNode state) {
        return (ArrayNode) state.path("questions");
    }

    private static ObjectNode question(ObjectNode state, String questionId) {
        for (JsonNode question : questions(state)) {
            if (question.path("questionId").asText().equals(questionId)) {
                return (ObjectNode) question;
            }
        }
        throw new AssertionError("an event about a question the client does not have: " + questionId);
    }

    /** QA7: most votes first, then the oldest, then by id. */
    private static void sortQuestions(ObjectNode state) {
        java.util.List<JsonNode> sorted = new java.util.ArrayList<>();
        questions(state).forEach(sorted::add);
        sorted.sort(java.util.Comparator.<JsonNode>comparingInt(q -> -q.path("votes").asInt())
                .thenComparingLong(q -> q.path("askedAt").asLong())
                .thenComparing(q -> q.path("questionId").asText()));
        questions(state).removeAll();
        questions(state).addAll(sorted);
    }

    /** Q12: the round's limit lasts while hands wait. */
    private static void endRoundLimitWhenQueueEmpty(ObjectNode queue) {
        if (queue.path("hands").isEmpty()) {
            queue.set("roundLimitSeconds", NullNode.getInstance());
        }
    }

    private static ArrayNode hands(ObjectNode state) {
        return (ArrayNode) state.path("queue").path("hands");
    }

    private static void replaceItem(ObjectNode state, JsonNode item) {
        ArrayNode items = (ArrayNode) state.path("agenda").path("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("itemId").asText().equals(item.path("itemId").asText())) {
                items.set(i, item.deepCopy());
                return;
            }
        }
        throw new AssertionError("an event about an agenda item the client does not have: " + item);
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
            // Presence is told up to 100 ms after it happened (meeting-rules P8): allow it to arrive, and a loaded
            // machine some seconds. Each try sends a frame: every 150 ms stays well under the 20 frames a second (R2).
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .pollInterval(java.time.Duration.ofMillis(150)).untilAsserted(() -> {
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

    private static ObjectNode poll(ObjectNode state, JsonNode data) {
        for (JsonNode poll : state.path("polls")) {
            if (poll.path("pollId").asText().equals(data.path("pollId").asText())) {
                return (ObjectNode) poll;
            }
        }
        throw new AssertionError("an event about a poll the client does not have: " + data);
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

    private static void removeWhere(ArrayNode array, java.util.function.Predicate<JsonNode> matches) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (matches.test(array.get(i))) {
                array.remove(i);
            }
        }
    }
}
