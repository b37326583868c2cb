package io.kring.meeting.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NWM1, NWM2: the network's memory of who met whom")
class NetworkMemoryTest {

    @Test
    @DisplayName("[NWM1] everyone in a room met everyone else in it; unknown, null and the same member never met")
    void roomsMakePairs() {
        NetworkMemory.Builder builder = NetworkMemory.builder();
        builder.addRoom(List.of("a", "b", "c"));
        builder.addRoom(Arrays.asList("d", null, "e", "d"));
        NetworkMemory memory = builder.build();
        assertThat(memory.pairCount()).isEqualTo(4);
        assertThat(memory.met("a", "b")).isTrue();
        assertThat(memory.met("c", "a")).isTrue();
        assertThat(memory.met("e", "d")).isTrue();
        assertThat(memory.met("a", "d")).isFalse();
        assertThat(memory.met("a", "a")).isFalse();
        assertThat(memory.met("a", "zz")).isFalse();
        assertThat(memory.met(null, "a")).isFalse();
        assertThat(NetworkMemory.builder().build()).isSameAs(NetworkMemory.NONE);
        assertThat(NetworkMemory.NONE.isEmpty()).isTrue();
        assertThat(NetworkMemory.NONE.participantPairs(Map.of("p1", "a", "p2", "b"))).isEmpty();
    }

    @Test
    @DisplayName("[NWM1] at most MAX_PAIRS pairs: fed the most recent meeting first, the oldest is what is forgotten")
    void bounded() {
        NetworkMemory.Builder builder = NetworkMemory.builder();
        builder.addRoom(List.of("recent1", "recent2"));
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            crowd.add("m" + i); // 124,750 pairs: more than the bound
        }
        assertThat(builder.addRoom(crowd)).isFalse();
        assertThat(builder.full()).isTrue();
        assertThat(builder.addRoom(List.of("old1", "old2"))).isFalse();
        NetworkMemory memory = builder.build();
        assertThat(memory.pairCount()).isEqualTo(NetworkMemory.MAX_PAIRS);
        assertThat(memory.met("recent1", "recent2")).isTrue();
        assertThat(memory.met("old1", "old2")).isFalse();
    }

    @Test
    @DisplayName("[NWM2] pairs of members become pairs of this meeting's participants, either way of counting")
    void participantPairs() {
        NetworkMemory.Builder builder = NetworkMemory.builder();
        builder.addRoom(List.of("a", "b"));
        builder.addRoom(List.of("c", "d", "e"));
        for (int i = 0; i < 30; i++) {
            builder.addRoom(List.of("x" + i, "y" + i)); // many pairs of absent members
        }
        NetworkMemory memory = builder.build();
        Map<String, String> few = new HashMap<>(); // 4 members present: 6 pairs to look up, fewer than remembered
        few.put("p1", "a");
        few.put("p2", "b");
        few.put("p3", "c");
        few.put("p4", "e");
        few.put("p5", null); // not a member
        Set<String> expected = Set.of(RoomAssignment.pair("p1", "p2"), RoomAssignment.pair("p3", "p4"));
        assertThat(memory.participantPairs(few)).isEqualTo(expected);
        Map<String, String> many = new HashMap<>(few); // 3 + 80 members present: more pairs than remembered
        for (int i = 0; i < 80; i++) {
            many.put("q" + i, "stranger" + i);
        }
        many.put("p6", "zz");
        assertThat(memory.participantPairs(many)).isEqualTo(expected);
        // one member joined twice (two participants): both count as the member
        few.put("p7", "b");
        assertThat(memory.participantPairs(few)).containsExactlyInAnyOrder(RoomAssignment.pair("p1", "p2"),
                RoomAssignment.pair("p1", "p7"), RoomAssignment.pair("p3", "p4"));
    }

    @Test
    @DisplayName("[NWM2] a round avoids the meeting's own earlier pairs and, alongside, the network's")
    void earlierPairsJoinBoth() {
        Set<String> inMeeting = Set.of(RoomAssignment.pair("p1", "p3"));
        NetworkMemory.Builder builder = NetworkMemory.builder();
        builder.addRoom(List.of("a", "b"));
        Map<String, String> memberIdOf = Map.of("p1", "a", "p2", "b", "p3", "c");
        assertThat(Breakouts.earlierPairs(inMeeting, builder.build(), memberIdOf))
                .containsExactlyInAnyOrder(RoomAssignment.pair("p1", "p3"), RoomAssignment.pair("p1", "p2"));
        assertThat(Breakouts.earlierPairs(inMeeting, NetworkMemory.NONE, memberIdOf)).isEqualTo(inMeeting);
    }
}
