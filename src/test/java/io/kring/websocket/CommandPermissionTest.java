package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * MOD7 / SEC-03: every moderator-only command (role M in protocol.md section 4) sent by a participant is
 * {@code FORBIDDEN}, with its id echoed, before any check of state or fields, and changes nothing: no event
 * reaches anyone and the meeting's seq stays. The matrix is built from {@link Protocol#COMMANDS}: a command
 * added there without a row here fails {@link #everyCommandHasARole()}.
 */
@QuarkusTest
class CommandPermissionTest {

    /** Role M in protocol.md section 4. */
    static final Set<String> MODERATOR_ONLY = Set.of("agenda.add", "agenda.update", "agenda.remove", "agenda.move",
            "agenda.start", "agenda.next", "agenda.extend", "agenda.stop", "floor.give", "floor.next", "floor.round",
            "chat.delete",
            "participant.mute", "participant.unmute", "participant.remove", "participant.promote",
            "participant.demote", "participant.add", "meeting.lock", "meeting.unlock", "meeting.announce", "meeting.end",
            "meeting.call", "breakout.open", "breakout.move", "breakout.broadcast", "breakout.extend", "breakout.close",
            "question.answer", "poll.open", "poll.close", "report.publish", "report.unpublish");
    /** Role P, and the conditional ones (Q4, Q7, BR7), tested in the scenarios. */
    static final Set<String> OPEN_OR_CONDITIONAL = Set.of("hand.raise", "hand.lower", "floor.end", "chat.send",
            "meeting.leave", "breakout.join", "breakout.help", "insight.add",
            "room.done", "insight.edit", "insight.remove", "question.ask", "question.upvote", "question.remove",
            "poll.vote");

    @Test
    @DisplayName("[MOD7, SEC-03] every command of the server has a role in this matrix")
    void everyCommandHasARole() {
        Set<String> known = new TreeSet<>(MODERATOR_ONLY);
        known.addAll(OPEN_OR_CONDITIONAL);
        assertThat(new TreeSet<>(Protocol.COMMANDS.keySet())).isEqualTo(known);
    }

    static Stream<Arguments> moderatorOnly() {
        return MODERATOR_ONLY.stream().sorted().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "[MOD7, SEC-03] {0} from a participant is FORBIDDEN (with plausible fields: {1})")
    @MethodSource("moderatorOnly")
    void moderatorOnlyCommandIsForbidden(String command, boolean withFields) {
        try (TestMeeting m = TestMeeting.create("en", List.of(Api.item("Een", 60), Api.item("Twee", 60)))) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            TestParticipant bo = m.participant("Bo");
            mo.ack("agenda.next");
            JsonNode chat = mo.ack("chat.send", "text", "welkom");
            assertThat(chat).isNotNull();
            if (command.equals("breakout.move") || command.equals("breakout.broadcast") || command.equals("breakout.extend")
                    || command.equals("breakout.close")) {
                mo.ack("breakout.open", "roomCount", 2, "strategy", "manual", "durationSeconds", 600);
            }
            if (command.equals("question.answer")) {
                mo.ack("question.ask", "text", "Wie antwoordt?");
            }
            if (command.equals("poll.close")) {
                mo.ack("poll.open", "question", "Open?", "options", List.of("ja", "nee"));
            }
            if (command.equals("report.unpublish")) {
                mo.ack("report.publish"); // RC2: a participant's withdrawal would otherwise kill a live link
            }
            if (command.equals("participant.unmute")) {
                mo.ack("participant.mute", "participantId", bo.id());
            }
            long seq = an.ack("hand.raise").path("seq").asLong();
            for (TestParticipant socket : List.of(mo, bo)) {
                socket.await("seq " + seq, 0, f -> f.path("seq").asLong() >= seq);
            }
            JsonNode before = Api.state(mo.who);
            int moMark = mo.mark();
            int boMark = bo.mark();

            Map<String, Object> fields = withFields ? plausibleFields(command, before, an, bo, mo) : Map.of();
            String id = an.send(command, fields);
            JsonNode error = an.awaitError(id);
            assertThat(error.path("code").asText()).as("%s", error).isEqualTo("FORBIDDEN");
            assertThat(error.path("id").asText()).isEqualTo(id);
            assertThat(error.path("message").asText()).isNotBlank();

            JsonNode next = an.ack("hand.raise");
            assertThat(next.path("seq").asLong()).as("state unchanged: same seq").isEqualTo(seq);
            assertThat(an.isClosed()).isFalse();
            assertThat(mo.framesSince(moMark)).as("no event reached the moderator").isEmpty();
            assertThat(bo.framesSince(boMark)).as("no event reached another participant").isEmpty();
            JsonNode after = Api.state(mo.who);
            assertThat(without(after, "serverTime")).isEqualTo(without(before, "serverTime"));
            assertThat(Api.state(an.who).path("you").path("role").asText()).isEqualTo("participant");
        }
    }

    @Test
    @DisplayName("[MOD7] a participant who is promoted may use moderator commands; demoted again, FORBIDDEN again")
    void promotionGivesTheRights() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            assertThat(an.error("meeting.lock").path("code").asText()).isEqualTo("FORBIDDEN");
            mo.ack("participant.promote", "participantId", an.id());
            JsonNode snapshot = an.awaitEvent("state.snapshot", d -> d.path("you").path("role").asText().equals("moderator"));
            assertThat(snapshot).as("[MOD3, BR17] a fresh snapshot for whose role changed").isNotNull();
            an.ack("meeting.lock");
            mo.ack("participant.demote", "participantId", an.id());
            an.awaitEvent("state.snapshot", d -> d.path("you").path("role").asText().equals("participant"));
            assertThat(an.error("meeting.unlock").path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(mo.error("participant.demote", "participantId", mo.id()).path("code").asText())
                    .as("[MOD3] the last moderator stays").isEqualTo("CONFLICT");
        }
    }

    @Test
    @DisplayName("[SEC-04] identity in the payload is ignored: the actor is always the connection's participant")
    void identityInThePayloadIsIgnored() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            TestParticipant an = m.participant("An");
            JsonNode error = an.error("meeting.lock", "participantId", mo.id(), "actorId", mo.id(), "role", "moderator",
                    "token", mo.who.token());
            assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN");
            an.ack("chat.send", "text", "van mij", "participantId", mo.id(), "name", "Mo");
            JsonNode message = mo.awaitEvent("chat.message", d -> d.path("message").path("text").asText().equals("van mij"));
            assertThat(message.path("data").path("message").path("participantId").asText()).isEqualTo(an.id());
            assertThat(message.path("data").path("message").path("name").asText()).isEqualTo("An");
            assertThat(Api.meeting(m.id()).path("locked").asBoolean()).isFalse();
        }
    }

    private static Map<String, Object> plausibleFields(String command, JsonNode state, TestParticipant an,
            TestParticipant bo, TestParticipant mo) {
        String running = state.path("agenda").path("currentItemId").asText();
        String pending = state.path("agenda").path("items").get(1).path("itemId").asText();
        String messageId = state.path("chat").get(0).path("messageId").asText();
        Map<String, Object> f = new HashMap<>();
        switch (command) {
            case "agenda.add" -> f.putAll(TestParticipant.fields("title", "Extra", "durationSeconds", 60));
            case "agenda.update" -> f.putAll(TestParticipant.fields("itemId", running, "title", "Gekaapt"));
            case "agenda.remove" -> f.put("itemId", pending);
            case "agenda.move" -> f.putAll(TestParticipant.fields("itemId", pending, "toIndex", 0));
            case "agenda.start" -> f.put("itemId", pending);
            case "agenda.extend" -> f.put("seconds", 600);
            case "meeting.call" -> f.put("url", "https://meet.example.org/gekaapt");
            case "floor.give" -> f.putAll(TestParticipant.fields("participantId", an.id(), "limitSeconds", 60));
            case "floor.next" -> f.put("limitSeconds", 60);
            case "floor.round" -> f.putAll(TestParticipant.fields("order", "join", "limitSeconds", 60));
            case "chat.delete" -> f.put("messageId", messageId);
            case "participant.mute", "participant.unmute" -> f.put("participantId", bo.id());
            case "participant.remove", "participant.demote" -> f.put("participantId", mo.id());
            case "participant.promote" -> f.put("participantId", an.id());
            case "participant.add" -> f.putAll(TestParticipant.fields("name", "Indringer", "organisation", "Zaal"));
            case "meeting.announce" -> f.put("text", "Gratis koffie");
            case "breakout.open" -> f.putAll(TestParticipant.fields("roomCount", 2, "strategy", "random",
                    "durationSeconds", 60));
            case "breakout.move" -> f.putAll(TestParticipant.fields("participantId", an.id(), "roomId",
                    state.path("breakouts").path("rooms").get(0).path("roomId").asText()));
            case "breakout.broadcast" -> f.put("text", "Nog 1 minuut");
            case "breakout.extend" -> f.put("seconds", 60);
            case "breakout.close" -> f.put("graceSeconds", 0);
            case "question.answer" -> f.putAll(TestParticipant.fields("questionId",
                    state.path("questions").get(0).path("questionId").asText(), "answered", true));
            case "poll.open" -> f.putAll(TestParticipant.fields("question", "Gekaapt?", "options", List.of("ja", "nee"),
                    "showResults", "live"));
            case "poll.close" -> f.put("pollId", state.path("polls").get(0).path("pollId").asText());
            default -> {
                // agenda.next, agenda.stop, meeting.lock, meeting.unlock, meeting.end, report.*: no fields
            }
        }
        return f;
    }

    private static JsonNode without(JsonNode state, String field) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = state.deepCopy();
        copy.remove(field);
        return copy;
    }
}
