package io.kring.meeting.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Properties of {@link RoomAssignment} over many random rosters (plain loops with a seeded Random). */
@DisplayName("BR3, BR4: room assignment properties")
class RoomAssignmentPropertiesTest {

    private static final int ROSTERS = 500;
    /** Second rounds with past pairs run the swap search: fewer rosters keep each test well under a second. */
    private static final int SECOND_ROUND_ROSTERS = 100;

    private record Roster(List<RoomAssignment.Person> people, int roomCount) {
        Map<String, String> organisationOf() {
            Map<String, String> map = new HashMap<>();
            people.forEach(p -> map.put(p.participantId(), p.organisation()));
            return map;
        }
    }

    /** 0..60 people from a few organisations of skewed sizes, some without one, over 1..12 rooms. */
    private static Roster roster(Random random) {
        return roster(random, 60);
    }

    private static Roster roster(Random random, int maxPeople) {
        int size = random.nextInt(maxPeople + 1);
        int organisations = 1 + random.nextInt(8);
        List<RoomAssignment.Person> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String organisation;
            int dice = random.nextInt(10);
            if (dice == 0) {
                organisation = random.nextBoolean() ? null : random.nextBoolean() ? "" : "   ";
            } else {
                // skewed: organisation 0 is big, the others smaller
                int index = random.nextInt(3) == 0 ? 0 : random.nextInt(organisations);
                organisation = "Org " + index;
                if (random.nextInt(8) == 0) {
                    organisation = " " + organisation.toUpperCase(Locale.ROOT) + " ";
                }
            }
            people.add(new RoomAssignment.Person("p" + i, organisation));
        }
        return new Roster(people, 1 + random.nextInt(12));
    }

    private static String key(String organisation) {
        return organisation == null || organisation.isBlank() ? null
                : organisation.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The fewest same-organisation pairs any assignment can have: each organisation of k people spread over R
     * rooms as evenly as possible, k mod R rooms with ceil(k/R) and the rest with floor(k/R).
     */
    static int minimumCollisions(List<RoomAssignment.Person> people, int roomCount) {
        Map<String, Integer> sizes = new HashMap<>();
        for (RoomAssignment.Person person : people) {
            String key = key(person.organisation());
            if (key != null) {
                sizes.merge(key, 1, Integer::sum);
            }
        }
        int total = 0;
        for (int k : sizes.values()) {
            int base = k / roomCount;
            int bigger = k % roomCount;
            total += bigger * pairs(base + 1) + (roomCount - bigger) * pairs(base);
        }
        return total;
    }

    private static int pairs(int n) {
        return n * (n - 1) / 2;
    }

    private static void assertEveryoneOnceAndBalanced(Roster roster, List<List<String>> rooms) {
        assertThat(rooms).hasSize(roster.roomCount());
        List<String> placed = rooms.stream().flatMap(List::stream).toList();
        assertThat(placed).as("everyone exactly once")
                .containsExactlyInAnyOrderElementsOf(roster.people().stream().map(RoomAssignment.Person::participantId).toList());
        int min = rooms.stream().mapToInt(List::size).min().orElse(0);
        int max = rooms.stream().mapToInt(List::size).max().orElse(0);
        assertThat(max - min).as("sizes %s", rooms.stream().map(List::size).toList()).isLessThanOrEqualTo(1);
    }

    private static Set<String> pairsOf(List<List<String>> rooms) {
        Set<String> pairs = new HashSet<>();
        for (List<String> room : rooms) {
            for (int i = 0; i < room.size(); i++) {
                for (int j = i + 1; j < room.size(); j++) {
                    pairs.add(RoomAssignment.pair(room.get(i), room.get(j)));
                }
            }
        }
        return pairs;
    }

    @Test
    @DisplayName("[BR3] random: everyone placed once, room sizes differ by at most one (500 rosters)")
    void randomIsBalanced() {
        Random random = new Random(1);
        for (int i = 0; i < ROSTERS; i++) {
            Roster roster = roster(random);
            assertEveryoneOnceAndBalanced(roster, RoomAssignment.random(roster.people(), roster.roomCount(), random));
        }
    }

    @Test
    @DisplayName("[BR3] mixOrganisations: everyone placed once, room sizes differ by at most one, also with past pairs")
    void mixIsBalanced() {
        Random random = new Random(2);
        for (int i = 0; i < ROSTERS; i++) {
            Roster roster = roster(random);
            List<List<String>> first = RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(), Set.of(),
                    random);
            assertEveryoneOnceAndBalanced(roster, first);
            if (i < 2 * SECOND_ROUND_ROSTERS && roster.people().size() <= 40) {
                List<List<String>> second = RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(),
                        pairsOf(first), random);
                assertEveryoneOnceAndBalanced(roster, second);
            }
        }
    }

    @Test
    @DisplayName("[BR4] mixOrganisations: the number of same-organisation pairs is the minimum possible (500 rosters)")
    void mixIsOptimal() {
        Random random = new Random(3);
        for (int i = 0; i < ROSTERS; i++) {
            Roster roster = roster(random);
            int minimum = minimumCollisions(roster.people(), roster.roomCount());
            List<List<String>> first = RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(), Set.of(),
                    random);
            assertThat(RoomAssignment.organisationCollisions(first, roster.organisationOf())).as("roster %d", i)
                    .isEqualTo(minimum);
            if (i < 2 * SECOND_ROUND_ROSTERS && roster.people().size() <= 40) {
                List<List<String>> second = RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(),
                        pairsOf(first), random);
                assertThat(RoomAssignment.organisationCollisions(second, roster.organisationOf()))
                        .as("roster %d, second round: avoiding repeats never costs spread", i).isEqualTo(minimum);
            }
        }
    }

    @Test
    @DisplayName("[BR4] the minimum is computed right: a hand-checked roster")
    void minimumByHand() {
        List<RoomAssignment.Person> people = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            people.add(new RoomAssignment.Person("a" + i, "A")); // 7 over 3 rooms: 3,2,2 -> 3 + 1 + 1 = 5
        }
        for (int i = 0; i < 2; i++) {
            people.add(new RoomAssignment.Person("b" + i, "B")); // 2 over 3 rooms: 0
        }
        people.add(new RoomAssignment.Person("c", ""));
        people.add(new RoomAssignment.Person("d", null));
        assertThat(minimumCollisions(people, 3)).isEqualTo(5);
        assertThat(minimumCollisions(people, 1)).isEqualTo(21 + 1);
        Map<String, String> organisationOf = new HashMap<>();
        people.forEach(p -> organisationOf.put(p.participantId(), p.organisation()));
        List<List<String>> rooms = RoomAssignment.mixOrganisations(people, 3, Set.of(), new Random(5));
        assertThat(RoomAssignment.organisationCollisions(rooms, organisationOf)).isEqualTo(5);
    }

    @Test
    @DisplayName("[BR4] people without an organisation spread like anyone: never counted as one organisation")
    void withoutOrganisation() {
        Random random = new Random(4);
        for (int i = 0; i < ROSTERS; i++) {
            int size = random.nextInt(40);
            int roomCount = 1 + random.nextInt(8);
            List<RoomAssignment.Person> people = new ArrayList<>();
            for (int p = 0; p < size; p++) {
                String organisation = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> "  ";
                    default -> "Org";
                };
                people.add(new RoomAssignment.Person("p" + p, organisation));
            }
            Roster roster = new Roster(people, roomCount);
            List<List<String>> rooms = RoomAssignment.mixOrganisations(people, roomCount, Set.of(), random);
            assertEveryoneOnceAndBalanced(roster, rooms);
            assertThat(RoomAssignment.organisationCollisions(rooms, roster.organisationOf()))
                    .isEqualTo(minimumCollisions(people, roomCount));
        }
        // only people without an organisation: nobody collides, and rooms are as even as random's
        List<RoomAssignment.Person> blank = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            blank.add(new RoomAssignment.Person("p" + p, p % 2 == 0 ? null : " "));
        }
        List<List<String>> rooms = RoomAssignment.mixOrganisations(blank, 3, Set.of(), new Random(9));
        assertThat(rooms.stream().map(List::size).sorted().toList()).containsExactly(3, 3, 4);
        assertThat(RoomAssignment.organisationCollisions(rooms, Map.of())).isZero();
    }

    @Test
    @DisplayName("[BR4] a second mixOrganisations round repeats fewer pairs than a random second round, on average")
    void secondRoundOverlap() {
        Random random = new Random(6);
        long mixRepeats = 0;
        long randomRepeats = 0;
        int rosters = 0;
        while (rosters < SECOND_ROUND_ROSTERS) {
            Roster roster = roster(random, 40);
            if (roster.people().size() < 6 || roster.roomCount() < 2) {
                continue;
            }
            rosters++;
            List<List<String>> first = RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(), Set.of(),
                    random);
            Set<String> past = pairsOf(first);
            mixRepeats += RoomAssignment.repeatedPairs(
                    RoomAssignment.mixOrganisations(roster.people(), roster.roomCount(), past, random), past);
            randomRepeats += RoomAssignment.repeatedPairs(
                    RoomAssignment.random(roster.people(), roster.roomCount(), random), past);
        }
        double mixAverage = (double) mixRepeats / rosters;
        double randomAverage = (double) randomRepeats / rosters;
        assertThat(mixAverage).as("mix %.2f vs random %.2f repeated pairs per roster", mixAverage, randomAverage)
                .isLessThan(randomAverage);
    }

    @Test
    @DisplayName("[BR4] pair keys are unordered and repeatedPairs counts the pairs that met before")
    void pairsAndRepeats() {
        assertThat(RoomAssignment.pair("a", "b")).isEqualTo(RoomAssignment.pair("b", "a"));
        List<List<String>> rooms = List.of(List.of("a", "b", "c"), List.of("d", "e"));
        assertThat(RoomAssignment.repeatedPairs(rooms, Set.of(RoomAssignment.pair("c", "a"), RoomAssignment.pair("d", "e"),
                RoomAssignment.pair("a", "d")))).isEqualTo(2);
    }
}
