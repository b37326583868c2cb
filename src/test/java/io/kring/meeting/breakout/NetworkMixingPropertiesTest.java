package io.kring.meeting.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * NWM1, NWM2: mixing remembers the network. Random series of meetings of one network (members come back with the
 * same member id and a new participant id in each meeting), run twice per seed: with the network memory and
 * without it (only the meeting's own earlier rounds). Plain loops with seeded Randoms, like
 * {@link RoomAssignmentPropertiesTest}.
 */
@DisplayName("NWM: mixing remembers the network")
class NetworkMixingPropertiesTest {

    private static final int SERIES = 100;

    private record NetworkMember(String memberId, String organisation) {
    }

    /** One meeting of the series: who is present (in join order) and each round's room count. */
    private record MeetingPlan(List<NetworkMember> present, List<Integer> roomCounts) {
    }

    /** What one run of a series did: every round's rooms (as member ids), and the pairs that met again. */
    private record Run(List<List<List<String>>> rounds, long repeats, long networkRepeats) {
    }

    /** 12..36 members of 1..6 organisations (one big, some without), 3..6 meetings, 1..3 rounds of groups of 3..5. */
    private static List<MeetingPlan> series(Random random) {
        int size = 12 + random.nextInt(25);
        int organisations = 1 + random.nextInt(6);
        List<NetworkMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String organisation = random.nextInt(10) == 0 ? null
                    : "Org " + (random.nextInt(3) == 0 ? 0 : random.nextInt(organisations));
            members.add(new NetworkMember("m" + i, organisation));
        }
        List<MeetingPlan> meetings = new ArrayList<>();
        int count = 3 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
            List<NetworkMember> present = new ArrayList<>(members.stream().filter(m -> random.nextInt(5) != 0)
                    .toList());
            GroupMethods.shuffle(present, random);
            List<Integer> roomCounts = new ArrayList<>();
            int rounds = 1 + random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                roomCounts.add(Math.max(2, present.size() / (3 + random.nextInt(3)))); // groups of 3 to 5
            }
            meetings.add(new MeetingPlan(present, roomCounts));
        }
        return meetings;
    }

    private static String participantId(int meeting, NetworkMember member) {
        return "k" + meeting + "-" + member.memberId();
    }

    /**
     * Runs the series' mixOrganisations rounds; with {@code remember} each round also avoids the pairs of earlier
     * meetings (NWM2), else only those of earlier rounds of its meeting (BR4). Checks BR3 and BR4 on every round.
     */
    private static Run mixSeries(List<MeetingPlan> plans, long seed, boolean remember) {
        Random random = new Random(seed);
        List<List<List<String>>> history = new ArrayList<>(); // rooms as member ids, oldest first
        Set<String> metInNetwork = new HashSet<>(); // member pairs of earlier meetings
        List<List<List<String>>> rounds = new ArrayList<>();
        long repeats = 0;
        long networkRepeats = 0;
        for (int k = 0; k < plans.size(); k++) {
            MeetingPlan plan = plans.get(k);
            NetworkMemory memory = memoryOf(history);
            Map<String, String> memberIdOf = new LinkedHashMap<>();
            Map<String, String> organisationOf = new HashMap<>();
            List<RoomAssignment.Person> persons = new ArrayList<>();
            for (NetworkMember member : plan.present()) {
                String id = participantId(k, member);
                memberIdOf.put(id, member.memberId());
                organisationOf.put(id, member.organisation());
                persons.add(new RoomAssignment.Person(id, member.organisation()));
            }
            Set<String> inMeeting = new HashSet<>();
            List<List<List<String>>> meetingRounds = new ArrayList<>();
            for (int roomCount : plan.roomCounts()) {
                Set<String> past = remember ? Breakouts.earlierPairs(inMeeting, memory, memberIdOf) : inMeeting;
                List<List<String>> rooms = RoomAssignment.mixOrganisations(persons, roomCount, past, random);
                assertThat(RoomAssignment.organisationCollisions(rooms, organisationOf))
                        .as("BR4: the organisation spread comes first, network memory or not")
                        .isEqualTo(RoomAssignmentPropertiesTest.minimumCollisions(persons, roomCount));
                int min = rooms.stream().mapToInt(List::size).min().orElse(0);
                int max = rooms.stream().mapToInt(List::size).max().orElse(0);
                assertThat(max - min).as("BR3").isLessThanOrEqualTo(1);
                assertThat(rooms.stream().mapToInt(List::size).sum()).isEqualTo(persons.size());
                List<List<String>> asMembers = rooms.stream().map(room -> room.stream().map(memberIdOf::get).toList())
                        .toList();
                for (String pair : pairsOf(asMembers)) {
                    boolean network = metInNetwork.contains(pair);
                    networkRepeats += network ? 1 : 0;
                    repeats += network || inMeeting.contains(participantPair(pair, k)) ? 1 : 0;
                }
                inMeeting.addAll(pairsOf(rooms));
                meetingRounds.add(asMembers);
                rounds.add(asMembers);
            }
            history.addAll(meetingRounds);
            meetingRounds.forEach(rooms -> metInNetwork.addAll(pairsOf(rooms)));
        }
        return new Run(rounds, repeats, networkRepeats);
    }

    /** The participant pair key, in meeting {@code k}, of a member pair key. */
    private static String participantPair(String memberPair, int k) {
        String[] ids = memberPair.split("\\|");
        return RoomAssignment.pair("k" + k + "-" + ids[0], "k" + k + "-" + ids[1]);
    }

    /** NWM1: what the live layer builds: the earlier meetings' rooms, the most recent first. */
    private static NetworkMemory memoryOf(List<List<List<String>>> history) {
        NetworkMemory.Builder builder = NetworkMemory.builder();
        for (int i = history.size() - 1; i >= 0; i--) {
            for (List<String> room : history.get(i)) {
                builder.addRoom(room);
            }
        }
        return builder.build();
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
    @DisplayName("[NWM2] mixOrganisations over series of network meetings repeats clearly fewer pairs with the network"
            + " memory, never at the cost of the organisation spread (BR4), deterministic per seed")
    void mixRemembersTheNetwork() {
        Random seeds = new Random(1402);
        long with = 0;
        long without = 0;
        long networkWith = 0;
        long networkWithout = 0;
        int seriesBetter = 0;
        int seriesWorse = 0;
        for (int s = 0; s < SERIES; s++) {
            List<MeetingPlan> plans = series(seeds);
            long seed = seeds.nextLong();
            Run remembering = mixSeries(plans, seed, true);
            Run forgetting = mixSeries(plans, seed, false);
            with += remembering.repeats();
            without += forgetting.repeats();
            networkWith += remembering.networkRepeats();
            networkWithout += forgetting.networkRepeats();
            seriesBetter += remembering.repeats() < forgetting.repeats() ? 1 : 0;
            seriesWorse += remembering.repeats() > forgetting.repeats() ? 1 : 0;
            if (s % 10 == 0) {
                assertThat(mixSeries(plans, seed, true).rounds()).as("same seed, same rooms")
                        .isEqualTo(remembering.rounds());
            }
        }
        assertThat((double) with).as("repeated pairs with memory %d, without %d", with, without)
                .isLessThan(0.85 * without); // measured: about 0.75
        assertThat((double) networkWith)
                .as("pairs of an earlier meeting met again: with memory %d, without %d", networkWith, networkWithout)
                .isLessThan(0.8 * networkWithout); // measured: about 0.7
        assertThat(seriesBetter).as("series better %d, worse %d", seriesBetter, seriesWorse)
                .isGreaterThan(SERIES * 3 / 4);
        assertThat(seriesWorse).as("series worse").isLessThan(SERIES / 20);
    }

    /**
     * Each meeting of the series: a mixOrganisations round, then a World Café: two {@code rotate} rounds, each from the
     * round before, with the first member of each room as its host (GM6). With {@code remember} both avoid the pairs
     * of earlier meetings. Counts, in the rotate rounds only, the pairs who met again.
     */
    private static Run rotateSeries(List<MeetingPlan> plans, long seed, boolean remember) {
        Random random = new Random(seed);
        List<List<List<String>>> history = new ArrayList<>();
        Set<String> metInNetwork = new HashSet<>();
        List<List<List<String>>> rounds = new ArrayList<>();
        long repeats = 0;
        long networkRepeats = 0;
        for (int k = 0; k < plans.size(); k++) {
            MeetingPlan plan = plans.get(k);
            NetworkMemory memory = memoryOf(history);
            Map<String, String> memberIdOf = new LinkedHashMap<>();
            List<RoomAssignment.Person> persons = new ArrayList<>();
            for (NetworkMember member : plan.present()) {
                memberIdOf.put(participantId(k, member), member.memberId());
                persons.add(new RoomAssignment.Person(participantId(k, member), member.organisation()));
            }
            Set<String> inMeeting = new HashSet<>();
            List<List<List<String>>> meetingRounds = new ArrayList<>();
            List<List<String>> rooms = RoomAssignment.mixOrganisations(persons, plan.roomCounts().get(0),
                    remember ? Breakouts.earlierPairs(inMeeting, memory, memberIdOf) : inMeeting, random);
            for (int turn = 0; turn < 2; turn++) {
                inMeeting.addAll(pairsOf(rooms));
                meetingRounds.add(rooms.stream().map(room -> room.stream().map(memberIdOf::get).toList()).toList());
                List<GroupMethods.SourceRoom> sources = rooms.stream()
                        .map(room -> new GroupMethods.SourceRoom(room, room.isEmpty() ? null : room.get(0))).toList();
                List<String> hosts = rooms.stream().map(room -> room.isEmpty() ? null : room.get(0)).toList();
                Set<String> past = remember ? Breakouts.earlierPairs(inMeeting, memory, memberIdOf) : inMeeting;
                List<List<String>> next = GroupMethods.rotate(sources, hosts, List.of(), past, random);
                assertThat(next).hasSameSizeAs(rooms);
                for (int i = 0; i < rooms.size(); i++) {
                    for (String id : rooms.get(i)) {
                        assertThat(id.equals(hosts.get(i)) == next.get(i).contains(id))
                                .as("GM6: the host stays, everyone else moves").isTrue();
                    }
                }
                assertThat(next.stream().mapToInt(List::size).sum()).isEqualTo(persons.size());
                List<List<String>> asMembers = next.stream().map(room -> room.stream().map(memberIdOf::get).toList())
                        .toList();
                for (String pair : pairsOf(asMembers)) {
                    boolean network = metInNetwork.contains(pair);
                    networkRepeats += network ? 1 : 0;
                    repeats += network || inMeeting.contains(participantPair(pair, k)) ? 1 : 0;
                }
                rounds.add(asMembers);
                rooms = next;
            }
            inMeeting.addAll(pairsOf(rooms));
            meetingRounds.add(rooms.stream().map(room -> room.stream().map(memberIdOf::get).toList()).toList());
            history.addAll(meetingRounds);
            meetingRounds.forEach(r -> metInNetwork.addAll(pairsOf(r)));
        }
        return new Run(rounds, repeats, networkRepeats);
    }

    @Test
    @DisplayName("[NWM2] rotate over series of network meetings meets fewer people of earlier meetings again with the"
            + " network memory; hosts stay and everyone else moves (GM6); deterministic per seed")
    void rotateRemembersTheNetwork() {
        Random seeds = new Random(1403);
        long with = 0;
        long without = 0;
        long networkWith = 0;
        long networkWithout = 0;
        for (int s = 0; s < SERIES / 2; s++) {
            List<MeetingPlan> plans = series(seeds);
            long seed = seeds.nextLong();
            Run remembering = rotateSeries(plans, seed, true);
            Run forgetting = rotateSeries(plans, seed, false);
            with += remembering.repeats();
            without += forgetting.repeats();
            networkWith += remembering.networkRepeats();
            networkWithout += forgetting.networkRepeats();
            if (s % 10 == 0) {
                assertThat(rotateSeries(plans, seed, true).rounds()).as("same seed, same rooms")
                        .isEqualTo(remembering.rounds());
            }
        }
        assertThat((double) networkWith)
                .as("pairs of an earlier meeting met again: with memory %d, without %d", networkWith, networkWithout)
                .isLessThan(0.93 * networkWithout); // measured: about 0.87
        assertThat((double) with).as("repeated pairs with memory %d, without %d", with, without)
                .isLessThan(without); // measured: about 0.96: the meeting's own rounds leave less room
    }
}
