package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.meeting.Limits;
import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 10 findings 1-3 and 8 through the real stack (WebSocket, PostgreSQL): floods of chat, insights and
 * joins stop at their quotas (docs/meeting-rules.md L1-L5) and leave the meeting joinable.
 */
@QuarkusTest
class QuotaAttackTest {

    private static final int MIB = 1024 * 1024;

    /** Text of {@code length} characters that each cost two or three bytes on the wire (quote, backslash, euro). */
    private static String heavy(int length) {
        StringBuilder text = new StringBuilder("x");
        String pattern = "\"\\€<[](!)|`";
        while (text.length() < length) {
            text.append(pattern.charAt(text.length() % pattern.length()));
        }
        return text.toString();
    }

    private static int bytes(JsonNode frame) {
        return frame.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    @DisplayName("[L5, attack 1] 105 chat messages of 2,000 heavy characters: the moderator and a newcomer still get a welcome")
    void chatFlood() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> senders = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                senders.add(m.participant("Troll " + i));
            }
            List<String> sent = new ArrayList<>();
            for (TestParticipant sender : senders) {
                for (int i = 0; i < 5; i++) {
                    sent.add(sender.send("chat.send", "text", heavy(2000)));
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                senders.get(i / 5).awaitAck(sent.get(i));
            }
            assertThat(mo.isClosed()).as("the moderator's open socket stays").isFalse();

            TestParticipant moAgain = m.connect(mo.who);
            JsonNode welcome = moAgain.welcome();
            assertThat(welcome.at("/state/chat").size()).isEqualTo(Limits.CHAT_SHOWN);
            assertThat(bytes(welcome)).isLessThan(MIB);
            TestParticipant newcomer = m.participant("Nieuw");
            assertThat(newcomer.welcome().at("/state/chat").size()).isEqualTo(Limits.CHAT_SHOWN);
            moAgain.ack("chat.delete", "messageId", welcome.at("/state/chat/0/messageId").asText());
            assertThat(moAgain.isClosed()).isFalse();
        }
    }

    @Test
    @DisplayName("[L3, attack 2] an insights flood: the 101st insight is CONFLICT; breakout.close does not drop the moderator")
    void insightFlood() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> members = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                members.add(m.participant("Lid " + i));
            }
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 600, "graceSeconds", 0);
            for (TestParticipant member : members) {
                member.awaitEvent("breakouts.opened");
            }
            List<String> added = new ArrayList<>();
            for (TestParticipant member : members) {
                for (int i = 0; i < Limits.INSIGHTS_PER_ROOM / members.size(); i++) {
                    added.add(member.send("insight.add", "text", heavy(1000)));
                }
            }
            for (int i = 0; i < added.size(); i++) {
                members.get(i / (Limits.INSIGHTS_PER_ROOM / members.size())).awaitAck(added.get(i));
            }
            JsonNode refused = members.get(0).error("insight.add", "text", "nog eentje");
            assertThat(refused.path("code").asText()).isEqualTo("CONFLICT");

            mo.ack("breakout.close", "graceSeconds", 0);
            JsonNode closed = mo.awaitEvent("breakouts.closed");
            assertThat(closed.at("/data/breakouts/rooms/0/insights").size()).isEqualTo(Limits.INSIGHTS_PER_ROOM);
            assertThat(bytes(closed)).isLessThan(MIB);
            assertThat(closed.path("data").has("chat")).as("the plenary's chat did not change").isFalse();
            assertThat(members.get(0).awaitEvent("breakouts.closed").path("data").has("chat")).isTrue();
            assertThat(mo.isClosed()).as("the moderator stays connected").isFalse();
            mo.ack("hand.raise");
            TestParticipant newcomer = m.participant("Nieuw");
            assertThat(newcomer.welcome().at("/state/breakouts/rooms/0/insights").size())
                    .isEqualTo(Limits.INSIGHTS_PER_ROOM);
        }
    }

    @Test
    @DisplayName("[L1, attack 3] a join flood up to 2,000: the next join is 409 CONFLICT; the moderator still joins and connects")
    void joinFlood() throws Exception {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            String name = "N".repeat(50);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> joins = new ArrayList<>();
                for (int i = 1; i < Limits.PARTICIPANTS; i++) {
                    String who = name + i;
                    joins.add(pool.submit(() -> Api.joinResponse(m.id(), who, "Organisatie", null).statusCode()));
                }
                for (Future<Integer> join : joins) {
                    assertThat(join.get()).isEqualTo(201);
                }
            } finally {
                pool.shutdownNow();
            }
            Response full = Api.joinResponse(m.id(), "Een te veel", null, null);
            assertThat(full.statusCode()).isEqualTo(409);
            assertThat(Api.json(full, 409).at("/error/code").asText()).isEqualTo("CONFLICT");
            assertThat(Api.meeting(m.id()).path("participantCount").asInt()).isEqualTo(Limits.PARTICIPANTS);

            Api.Joined second = Api.join(m.id(), "Tweede moderator", null, m.created.moderatorKey());
            assertThat(second.role()).isEqualTo("moderator");
            TestParticipant tab = m.connect(second);
            assertThat(tab.welcome().at("/state/participants").size()).isEqualTo(Limits.PARTICIPANTS + 1);
            assertThat(mo.isClosed()).isFalse();
            mo.ack("hand.raise");
        }
    }

    @Test
    @DisplayName("[L2] 200 agenda items: the 201st agenda.add is CONFLICT; creating with 201 is 400 INVALID")
    void agendaFlood() {
        List<Map<String, Object>> agenda = new ArrayList<>();
        for (int i = 0; i < Limits.AGENDA_ITEMS; i++) {
            agenda.add(Api.item("Punt " + i, 60));
        }
        try (TestMeeting m = TestMeeting.create("nl", agenda)) {
            TestParticipant mo = m.moderator("Mo");
            assertThat(mo.welcome().at("/state/agenda/items").size()).isEqualTo(Limits.AGENDA_ITEMS);
            JsonNode refused = mo.error("agenda.add", "title", "Eentje te veel", "durationSeconds", 60);
            assertThat(refused.path("code").asText()).isEqualTo("CONFLICT");
        }
        agenda.add(Api.item("Eentje te veel", 60));
        Response tooMany = Api.postJson("/api/meetings", Map.of("title", "Te lang", "agenda", agenda));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(Api.json(tooMany, 400).at("/error/code").asText()).isEqualTo("INVALID");
    }
}
