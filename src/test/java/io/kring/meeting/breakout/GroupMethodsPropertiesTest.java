package io.kring.meeting.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link GroupMethods} for 1..200 people over many seeded random earlier rounds (plain loops with a
 * seeded Random, like {@link RoomAssignmentPropertiesTest}).
 */
@DisplayName("GM: group method properties")
class GroupMethodsPropertiesTest {

    private static final int CASES = 300;

    /** An earlier round: who was in which room, who of them is present now, and who is new. */
    private record Earlier(List<List<String>> rooms, List<GroupMethods.SourceRoom> sources, List<String> others,
            Set<String> pastPairs) {
        Set<String> present() {
            Set<String> present = new HashSet<>(others);
            sources.forEach(s -> present.addAll(s.members()));
            return present;
        }
    }

    /** 1..200 people dealt at random into 1..50 rooms; with {@code changes}, some left and some came since. */
    private static Earlier earlier(Random random, boolean changes) {
        int people = 1 + random.nextInt(200);
        int roomCount = 1 + random.nextInt(Math.min(50, people));
        List<RoomAssignment.Person> persons = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            persons.add(new RoomAssignment.Person("p" + i, null));
        }
        List<List<String>> rooms = RoomAssignment.random(persons, roomCount, random);
        Set<String> pastPairs = new HashSet<>();
        for (List<String> room : rooms) {
            for (int i = 0; i < room.size(); i++) {
                for (int j = i + 1; j < room.size(); j++) {
                    pastPairs.add(RoomAssignment.pair(room.get(i), room.get(j)));
                }
            }
        }
        List<GroupMethods.SourceRoom> sources = new ArrayList<>();
        for (List<String> room : rooms) {
            List<String> present = room.stream().filter(id -> !changes || random.nextInt(10) != 0).toList();
            String host = !present.isEmpty() && random.nextBoolean() ? present.get(random.nextInt(present.size()))
                    : null;
            sources.add(new GroupMethods.SourceRoom(present, host));
        }
        List<String> others = new ArrayList<>();
        int newcomers = changes ? random.nextInt(6) : 0;
        for (int i = 0; i < newcomers; i++) {
            others.add("new" + i);
        }
        return new Earlier(rooms, sources, others, pastPairs);
    }

    private static void placedExactlyOnce(List<List<String>> rooms, Set<String> expected) {
        List<String> all = rooms.stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(expected);
    }

    private static int spread(List<List<String>> rooms) {
        int max = rooms.stream().mapToInt(List::size).max().orElse(0);
        int min = rooms.stream().mapToInt(List::size).min().orElse(0);
        return max - min;
    }

    private static Map<String, Integer> roomOf(List<List<String>> rooms) {
        Map<String, Integer> roomOf = new HashMap<>();
        for (int i = 0; i < rooms.size(); i++) {
            for (String id : rooms.get(i)) {
                roomOf.put(id, i);
            }
        }
        return roomOf;
    }

    /** The host the domain keeps in each room when the request names none: the earlier host, else the first member. */
    private static List<String> defaultHosts(List<GroupMethods.SourceRoom> sources) {
        return sources.stream().map(s -> s.hostId() != null ? s.hostId()
                : s.members().isEmpty() ? null : s.members().get(0)).toList();
    }

    @Test
    @DisplayName("[GM2] groupSize makes max(1, floor(n / groupSize)) rooms, at most 50, sizes within one")
    void groupSize() {
        Random random = new Random(21);
        for (int n = 0; n <= 200; n++) {
            for (int groupSize = 2; groupSize <= 50; groupSize++) {
                int rooms = GroupMethods.roomsForGroupSize(n, groupSize);
                assertThat(rooms).isEqualTo(Math.min(50, Math.max(1, n / groupSize)));
            }
            List<RoomAssignment.Person> people = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                people.add(new RoomAssignment.Person("p" + i, "Org " + random.nextInt(4)));
            }
            int groupSize = 2 + random.nextInt(6);
            List<List<String>> rooms = RoomAssignment.random(people, GroupMethods.roomsForGroupSize(n, groupSize),
                    random);
            assertThat(spread(rooms)).isLessThanOrEqualTo(1);
            placedExactlyOnce(rooms, new HashSet<>(people.stream().map(RoomAssignment.Person::participantId).toList()));
        }
    }

    @Test
    @DisplayName("[GM4] sameAs keeps every present member in their earlier room; newcomers go to the smallest")
    void sameAs() {
        Random random = new Random(4);
        for (int c = 0; c < CASES; c++) {
            Earlier earlier = earlier(random, true);
            List<List<String>> rooms = GroupMethods.sameAs(earlier.sources(), earlier.others());
            placedExactlyOnce(rooms, earlier.present());
            assertThat(rooms).hasSameSizeAs(earlier.sources());
            for (int i = 0; i < rooms.size(); i++) {
                assertThat(rooms.get(i)).containsAll(earlier.sources().get(i).members());
            }
            if (earlier.others().isEmpty()) {
                for (int i = 0; i < rooms.size(); i++) {
                    assertThat(rooms.get(i)).hasSameSizeAs(earlier.sources().get(i).members());
                }
            }
        }
    }

    @Test
    @DisplayName("[GM5] merge never splits an earlier room and makes min(requested, earlier rooms with people) rooms")
    void merge() {
        Random random = new Random(5);
        for (int c = 0; c < CASES; c++) {
            Earlier earlier = earlier(random, true);
            int requested = 1 + random.nextInt(50);
            int count = GroupMethods.mergedRoomCount(requested, earlier.sources());
            long filled = earlier.sources().stream().filter(s -> !s.members().isEmpty()).count();
            assertThat(count).isEqualTo((int) Math.max(1, Math.min(requested, filled)));
            List<List<String>> rooms = GroupMethods.merge(earlier.sources(), count, earlier.others());
            assertThat(rooms).hasSize(count);
            placedExactlyOnce(rooms, earlier.present());
            Map<String, Integer> roomOf = roomOf(rooms);
            for (GroupMethods.SourceRoom source : earlier.sources()) {
                assertThat(source.members().stream().map(roomOf::get).distinct().count()).isLessThanOrEqualTo(1);
            }
            if (count == filled && earlier.others().isEmpty()) {
                // as many rooms as earlier rooms with people: each keeps one earlier room, none is left empty
                assertThat(rooms).allSatisfy(room -> assertThat(room).isNotEmpty());
            }
        }
    }

    @Test
    @DisplayName("[GM6] rotate keeps each host in place, moves everyone else to another room, sizes within one")
    void rotate() {
        Random random = new Random(6);
        for (int c = 0; c < CASES; c++) {
            Earlier earlier = earlier(random, c % 2 == 0);
            List<String> hosts = defaultHosts(earlier.sources());
            List<List<String>> rooms = GroupMethods.rotate(earlier.sources(), hosts, earlier.others(),
                    earlier.pastPairs(), random);
            placedExactlyOnce(rooms, earlier.present());
            assertThat(rooms).hasSameSizeAs(earlier.sources());
            for (int i = 0; i < rooms.size(); i++) {
                if (hosts.get(i) != null) {
                    assertThat(rooms.get(i)).contains(hosts.get(i));
                }
                if (rooms.size() > 1) {
                    for (String member : earlier.sources().get(i).members()) {
                        assertThat(member.equals(hosts.get(i)) || !rooms.get(i).contains(member))
                                .as("%s stayed in room %d", member, i).isTrue();
                    }
                }
            }
            if (c % 2 == 1 && rooms.size() > 1) {
                // nobody left or came: a rotation keeping the sizes exists, so sizes stay within one
                assertThat(spread(rooms)).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("[GM6] rotate repeats no more pairs than moving each room's people on to the next room")
    void rotateAvoidsRepeats() {
        Random random = new Random(66);
        int better = 0;
        for (int c = 0; c < CASES; c++) {
            Earlier earlier = earlier(random, false);
            List<String> hosts = defaultHosts(earlier.sources());
            List<List<String>> rooms = GroupMethods.rotate(earlier.sources(), hosts, List.of(), earlier.pastPairs(),
                    random);
            List<List<String>> naive = new ArrayList<>();
            int k = earlier.sources().size();
            for (int i = 0; i < k; i++) {
                naive.add(new ArrayList<>(List.of(hosts.get(i))));
            }
            for (int i = 0; i < k; i++) {
                for (String member : earlier.sources().get(i).members()) {
                    if (!member.equals(hosts.get(i))) {
                        naive.get((i + 1) % k).add(member);
                    }
                }
            }
            int ours = RoomAssignment.repeatedPairs(rooms, earlier.pastPairs());
            int theirs = RoomAssignment.repeatedPairs(naive, earlier.pastPairs());
            assertThat(ours).isLessThanOrEqualTo(theirs);
            better += ours < theirs ? 1 : 0;
        }
        assertThat(better).as("rounds where rotate did strictly better than the naive rotation").isGreaterThan(CASES / 2);
    }

    @Test
    @DisplayName("[GM7] hosts end up in their rooms; with evening out, sizes differ by at most one")
    void hosts() {
        Random random = new Random(7);
        for (int c = 0; c < CASES; c++) {
            int n = 1 + random.nextInt(200);
            int roomCount = 1 + random.nextInt(Math.min(50, n));
            List<RoomAssignment.Person> people = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                people.add(new RoomAssignment.Person("p" + i, null));
            }
            List<List<String>> rooms = RoomAssignment.random(people, roomCount, random);
            Map<Integer, String> hosts = new HashMap<>();
            List<String> candidates = new ArrayList<>(people.stream().map(RoomAssignment.Person::participantId).toList());
            java.util.Collections.shuffle(candidates, random);
            for (int i = 0; i < roomCount && i < candidates.size(); i++) {
                if (random.nextInt(3) == 0) {
                    hosts.put(i, candidates.get(i));
                }
            }
            GroupMethods.placeHosts(rooms, hosts, true);
            hosts.forEach((index, host) -> assertThat(rooms.get(index)).contains(host));
            assertThat(spread(rooms)).isLessThanOrEqualTo(1);
            placedExactlyOnce(rooms, new HashSet<>(candidates));
        }
    }

    @Test
    @DisplayName("[GM8] rooms split between online and in the room in proportion, at least one per kind with people")
    void attendanceSplit() {
        for (int roomCount = 2; roomCount <= 50; roomCount++) {
            for (int online = 0; online <= 60; online += 3) {
                for (int inRoom = 0; inRoom <= 60; inRoom += 4) {
                    int[] split = GroupMethods.splitRooms(roomCount, online, inRoom);
                    assertThat(split[0] + split[1]).isEqualTo(roomCount);
                    assertThat(split[0] >= 1 || online == 0).isTrue();
                    assertThat(split[1] >= 1 || inRoom == 0).isTrue();
                    if (online + inRoom > 0 && online > 0 && inRoom > 0) {
                        double share = (double) roomCount * inRoom / (online + inRoom);
                        assertThat(Math.abs(split[1] - share)).isLessThan(1.0);
                    }
                }
            }
        }
        for (int groupSize = 2; groupSize <= 50; groupSize++) {
            for (int online = 0; online <= 200; online += 7) {
                for (int inRoom = 0; inRoom <= 200; inRoom += 9) {
                    int[] split = GroupMethods.splitRoomsForGroupSize(groupSize, online, inRoom);
                    assertThat(split[0] + split[1]).isBetween(1, 50);
                    assertThat(split[0] >= 1 || online == 0).isTrue();
                    assertThat(split[1] >= 1 || inRoom == 0).isTrue();
                }
            }
        }
    }
}
