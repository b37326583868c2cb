package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.meeting.breakout.RoomAssignment;
import io.kring.testing.Api;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * NWM1, NWM2 through the real stack: a network and two of its meetings over REST, members joining both with their
 * member token, WebSocket rounds, the first meeting's rooms read back from PostgreSQL for the second's.
 */
@QuarkusTest
class NetworkMixingSocketTest {

    private static final int MEMBERS = 8;

    /** A join's answer: who joined, and as which member. */
    private record MemberJoin(Api.Joined joined, String memberId, String memberToken) {
    }

    private static MemberJoin join(String meetingId, String name, String memberToken, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (memberToken != null) {
            body.put("memberToken", memberToken);
        }
        if (key != null) {
            body.put("moderatorKey", key);
        }
        JsonNode json = Api.json(Api.postJson("/api/meetings/" + meetingId + "/participants", body), 201);
        return new MemberJoin(new Api.Joined(meetingId, json.path("participantId").asText(),
                json.path("token").asText(), json.path("role").asText(), name, ""),
                json.path("memberId").asText(), json.path("memberToken").asText(null));
    }

    private static String plan(String networkId, String coordinatorKey, String title) {
        return Api.json(io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .header("Authorization", "Bearer " + coordinatorKey).body(Map.of("title", title))
                .when().post("/api/networks/" + networkId + "/meetings"), 201).path("meetingId").asText();
    }

    /** Opens a mixOrganisations round of pairs; its rooms as sets of member ids. */
    private static List<Set<String>> mixedPairs(TestParticipant coordinator, Map<String, String> memberIdOf) {
        int mark = coordinator.mark();
        coordinator.ack("breakout.open", "roomCount", MEMBERS / 2, "strategy", "mixOrganisations",
                "durationSeconds", 600);
        JsonNode breakouts = coordinator.awaitEvent(mark, "breakouts.opened", d -> true).at("/data/breakouts");
        List<Set<String>> rooms = new ArrayList<>();
        for (JsonNode room : breakouts.path("rooms")) {
            Set<String> members = new HashSet<>();
            room.path("participantIds").forEach(id -> members.add(memberIdOf.get(id.asText())));
            assertThat(members).as("rooms of two members").hasSize(2).doesNotContainNull();
            rooms.add(members);
        }
        return rooms;
    }

    private static void close(TestParticipant coordinator) {
        int mark = coordinator.mark();
        coordinator.ack("breakout.close", "graceSeconds", 0);
        coordinator.awaitEvent(mark, "breakouts.closed", d -> true);
    }

    private static String pair(Set<String> room) {
        List<String> two = List.copyOf(room);
        return RoomAssignment.pair(two.get(0), two.get(1));
    }

    @Test
    @DisplayName("[NWM1, NWM2] the second meeting of a network pairs its members with nobody they shared a room with in"
            + " the first (three rounds of pairs there; eight members: avoidable)")
    void secondMeetingAvoidsTheFirstsPairs() {
        JsonNode network = Api.json(Api.postJson("/api/networks", Map.of("name", "Mengen", "language", "nl")), 201);
        String networkId = network.path("networkId").asText();
        String coordinatorKey = network.path("coordinatorKey").asText();
        String first = plan(networkId, coordinatorKey, "Eerste bijeenkomst");
        String second = plan(networkId, coordinatorKey, "Tweede bijeenkomst");

        // the first meeting: eight members, three rounds of pairs
        Map<String, String> memberTokens = new LinkedHashMap<>();
        Set<String> metInFirst = new HashSet<>();
        List<TestParticipant> sockets = new ArrayList<>();
        try {
            MemberJoin co = join(first, "Coördinator", null, coordinatorKey);
            TestParticipant coordinator = TestParticipant.connect(co.joined());
            sockets.add(coordinator);
            Map<String, String> memberIdOf = new HashMap<>();
            for (int i = 0; i < MEMBERS; i++) {
                MemberJoin member = join(first, "Lid " + i, null, null);
                memberTokens.put(member.memberId(), member.memberToken());
                memberIdOf.put(member.joined().participantId(), member.memberId());
                sockets.add(TestParticipant.connect(member.joined()));
            }
            assertThat(memberTokens).hasSize(MEMBERS);
            for (int round = 0; round < 3; round++) {
                mixedPairs(coordinator, memberIdOf).forEach(room -> metInFirst.add(pair(room)));
                close(coordinator);
            }
        } finally {
            sockets.forEach(TestParticipant::close);
        }
        assertThat(metInFirst).as("pairs met in the first meeting").hasSizeGreaterThanOrEqualTo(MEMBERS / 2);

        // the second meeting: the same members, with their member tokens
        sockets.clear();
        try {
            MemberJoin co = join(second, "Coördinator", null, coordinatorKey);
            TestParticipant coordinator = TestParticipant.connect(co.joined());
            sockets.add(coordinator);
            Map<String, String> memberIdOf = new HashMap<>();
            for (Map.Entry<String, String> member : memberTokens.entrySet()) {
                MemberJoin again = join(second, "Lid", member.getValue(), null);
                assertThat(again.memberId()).as("the same member").isEqualTo(member.getKey());
                memberIdOf.put(again.joined().participantId(), again.memberId());
                sockets.add(TestParticipant.connect(again.joined()));
            }
            for (Set<String> room : mixedPairs(coordinator, memberIdOf)) {
                assertThat(metInFirst).as("%s shared a room in the first meeting", room).doesNotContain(pair(room));
            }
        } finally {
            sockets.forEach(TestParticipant::close);
        }
    }
}
