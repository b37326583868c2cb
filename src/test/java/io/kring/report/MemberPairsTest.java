package io.kring.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ND9: the distinct pairs of members who shared a room, counted once over every round of every meeting. */
class MemberPairsTest {

    @Test
    @DisplayName("[ND9] a room of n members makes n(n-1)/2 pairs; nobody alone makes none")
    void roomOfN() {
        assertThat(MemberPairs.count(List.of(List.of("a", "b", "c", "d")))).isEqualTo(6);
        assertThat(MemberPairs.count(List.of(List.of("a"), List.of()))).isZero();
        assertThat(MemberPairs.count(List.of())).isZero();
    }

    @Test
    @DisplayName("[ND9] two members who meet again, in another round or meeting, count once; in either order")
    void meetingAgainCountsOnce() {
        List<List<String>> rooms = List.of(List.of("a", "b"), List.of("c", "d"), // meeting 1, round 1
                List.of("b", "a"), List.of("d", "c"), // round 2: the same pairs again
                List.of("a", "c"), List.of("b", "d")); // meeting 2: two new pairs
        assertThat(MemberPairs.count(rooms)).isEqualTo(4);
    }

    @Test
    @DisplayName("[ND9] people who are not members (null) and a member listed twice in a room make no pair")
    void nonMembersAndDuplicates() {
        assertThat(MemberPairs.count(List.of(Arrays.asList("a", null, null, "a")))).isZero();
        assertThat(MemberPairs.count(List.of(Arrays.asList("a", null, "b")))).isEqualTo(1);
    }

    @Test
    @DisplayName("[ND9] the count equals a brute-force count of unordered pairs over random rooms")
    void matchesBruteForce() {
        java.util.Random random = new java.util.Random(14);
        for (int trial = 0; trial < 200; trial++) {
            List<List<String>> rooms = new ArrayList<>();
            java.util.Set<String> expected = new java.util.HashSet<>();
            int roomCount = random.nextInt(8);
            for (int r = 0; r < roomCount; r++) {
                List<String> room = new ArrayList<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    room.add("m" + random.nextInt(12));
                }
                rooms.add(room);
                for (String x : room) {
                    for (String y : room) {
                        if (x.compareTo(y) < 0) {
                            expected.add(x + "|" + y);
                        }
                    }
                }
            }
            assertThat(MemberPairs.count(rooms)).as("rooms %s", rooms).isEqualTo(expected.size());
        }
    }

    @Test
    @DisplayName("[ND9] one room of 2,000 members makes n(n-1)/2 = 1,999,000 pairs; meeting again in a second round adds none")
    void largeRoom() {
        int n = 2_000;
        List<String> room = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            room.add("member-" + i);
        }
        long expected = (long) n * (n - 1) / 2;
        assertThat(MemberPairs.count(List.of(room))).isEqualTo(expected).isEqualTo(1_999_000L);
        List<String> reversed = new ArrayList<>(room);
        java.util.Collections.reverse(reversed);
        assertThat(MemberPairs.count(List.of(room, reversed))).isEqualTo(expected);
    }

    @Test
    @DisplayName("[ND9] pairs met again round after round keep the memory at most twice the distinct pairs")
    void repeatedPairsDoNotGrowTheMemory() {
        MemberPairs.PairKeys pairs = new MemberPairs.PairKeys();
        int distinct = 200 * 199 / 2;
        for (int round = 0; round < 100; round++) {
            for (long i = 0; i < 200; i++) {
                for (long j = i + 1; j < 200; j++) {
                    pairs.add(i << 32 | j);
                }
            }
        }
        assertThat(pairs.capacity()).isLessThanOrEqualTo(4 * distinct);
        assertThat(pairs.distinct()).isEqualTo(distinct);
    }
}
