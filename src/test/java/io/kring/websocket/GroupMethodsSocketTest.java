package io.kring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

/** protocol.md section 7, group methods (GM-rules of docs/meeting-rules.md) through the real WebSocket and PostgreSQL. */
@QuarkusTest
class GroupMethodsSocketTest {

    /** Opens a round and returns the {@code breakouts} of the moderator's {@code breakouts.opened}. */
    private static JsonNode open(TestParticipant mo, Object... fields) {
        int mark = mo.mark();
        mo.ack("breakout.open", fields);
        return mo.awaitEvent(mark, "breakouts.opened", d -> true).at("/data/breakouts");
    }

    private static void close(TestParticipant mo) {
        int mark = mo.mark();
        mo.ack("breakout.close", "graceSeconds", 0);
        mo.awaitEvent(mark, "breakouts.closed", d -> true);
    }

    private static List<Set<String>> members(JsonNode breakouts) {
        List<Set<String>> rooms = new ArrayList<>();
        for (JsonNode room : breakouts.path("rooms")) {
            Set<String> ids = new HashSet<>();
            room.path("participantIds").forEach(id -> ids.add(id.asText()));
            rooms.add(ids);
        }
        return rooms;
    }

    private static List<String> names(JsonNode breakouts) {
        List<String> names = new ArrayList<>();
        breakouts.path("rooms").forEach(room -> names.add(room.path("name").asText()));
        return names;
    }

    @Test
    @DisplayName("[GM2, GM5, GM4, GM6, GM7] 1-2-4-All by pairs and merges, the same rooms again, then a World Café with hosts")
    void oneTwoFourAllThenSameAsThenRotate() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> people = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                people.add(m.participant("P" + i));
            }
            assertThat(mo.error("breakout.open", "roomCount", 2, "groupSize", 2, "strategy", "random",
                    "durationSeconds", 600).path("code").asText()).isEqualTo("INVALID");
            assertThat(mo.error("breakout.open", "roomCount", 2, "strategy", "merge", "durationSeconds", 600)
                    .path("code").asText()).as("no closed round yet").isEqualTo("CONFLICT");

            JsonNode pairs = open(mo, "groupSize", 2, "strategy", "random", "durationSeconds", 600);
            assertThat(pairs.path("roundIndex").asInt()).isEqualTo(0);
            assertThat(pairs.path("attendance").asText()).isEqualTo("mixed");
            assertThat(members(pairs)).hasSize(4).allSatisfy(room -> assertThat(room).hasSize(2));
            assertThat(pairs.path("rooms").path(0).has("hostId")).isTrue();
            assertThat(pairs.path("rooms").path(0).path("hostId").isNull()).isTrue();
            close(mo);

            JsonNode fours = open(mo, "roomCount", 2, "strategy", "merge", "durationSeconds", 600);
            assertThat(fours.path("strategy").asText()).isEqualTo("merge");
            assertThat(fours.path("roundIndex").asInt()).isEqualTo(1);
            assertThat(members(fours)).hasSize(2).allSatisfy(room -> assertThat(room).hasSize(4));
            for (Set<String> pair : members(pairs)) {
                assertThat(members(fours).stream().filter(room -> room.containsAll(pair)).count()).isEqualTo(1);
            }
            close(mo);

            JsonNode all = open(mo, "roomCount", 1, "strategy", "merge", "durationSeconds", 600);
            assertThat(members(all)).hasSize(1);
            assertThat(members(all).get(0)).hasSize(8);
            close(mo);

            JsonNode again = open(mo, "roomCount", 2, "strategy", "sameAs", "fromRound", 1, "durationSeconds", 600);
            assertThat(again.path("roundIndex").asInt()).isEqualTo(3);
            assertThat(members(again)).isEqualTo(members(fours));
            assertThat(names(again)).isEqualTo(names(fours));
            close(mo);

            String host = members(again).get(1).iterator().next();
            JsonNode cafe = open(mo, "roomCount", 2, "strategy", "rotate", "hosts", Map.of("1", host),
                    "durationSeconds", 600);
            assertThat(cafe.path("rooms").path(1).path("hostId").asText()).isEqualTo(host);
            String otherHost = cafe.path("rooms").path(0).path("hostId").asText();
            assertThat(members(again).get(0)).contains(otherHost);
            for (int i = 0; i < 2; i++) {
                Set<String> stayed = new HashSet<>(members(cafe).get(i));
                stayed.retainAll(members(again).get(i));
                assertThat(stayed).containsExactly(i == 1 ? host : otherHost);
            }
            for (TestParticipant p : people) {
                p.awaitEvent("breakouts.opened", d -> d.at("/breakouts/roundIndex").asInt() == 4);
            }
            JsonNode welcome = m.freshState(people.get(0).who);
            assertThat(welcome.at("/breakouts/rooms/1/hostId").asText()).isEqualTo(host);
            assertThat(welcome.at("/breakouts/strategy").asText()).isEqualTo("rotate");
            List<TestParticipant> everyone = new ArrayList<>(people);
            everyone.add(mo);
            SnapshotModel.assertMatchesServer(everyone.toArray(TestParticipant[]::new));
        }
    }

    @Test
    @DisplayName("[GM8] attendance separate: people in the room and online never share a room")
    void separateAttendance() {
        try (TestMeeting m = TestMeeting.create()) {
            TestParticipant mo = m.moderator("Mo");
            List<TestParticipant> online = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                online.add(m.participant("P" + i));
            }
            Set<String> onlineIds = new HashSet<>();
            online.forEach(p -> onlineIds.add(p.id()));
            Set<String> inRoomIds = new HashSet<>();
            for (String name : List.of("Els", "Fien")) {
                int mark = mo.mark();
                mo.ack("participant.add", "name", name);
                inRoomIds.add(mo.awaitEvent(mark, "participant.joined", d -> true).at("/data/participant/participantId")
                        .asText());
            }
            assertThat(mo.error("breakout.open", "roomCount", 1, "strategy", "random", "attendance", "separate",
                    "durationSeconds", 600).path("code").asText()).isEqualTo("CONFLICT");
            JsonNode apart = open(mo, "roomCount", 3, "strategy", "random", "attendance", "separate",
                    "durationSeconds", 600);
            assertThat(apart.path("attendance").asText()).isEqualTo("separate");
            List<Set<String>> rooms = members(apart);
            assertThat(rooms).hasSize(3);
            for (Set<String> room : rooms) {
                assertThat(onlineIds.containsAll(room) || inRoomIds.containsAll(room)).as("%s mixes", room).isTrue();
            }
            assertThat(rooms.stream().filter(room -> !room.isEmpty() && inRoomIds.containsAll(room)).count())
                    .isEqualTo(1);
            Api.Joined fresh = online.get(0).who;
            assertThat(m.freshState(fresh).at("/breakouts/attendance").asText()).isEqualTo("separate");
            List<TestParticipant> everyone = new ArrayList<>(online);
            everyone.add(mo);
            for (TestParticipant p : online) {
                p.awaitEvent("breakouts.opened", d -> true);
            }
            SnapshotModel.assertMatchesServer(everyone.toArray(TestParticipant[]::new));
        }
    }
}
