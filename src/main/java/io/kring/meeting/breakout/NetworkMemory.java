package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NWM1: the pairs of network members who shared a room in an earlier meeting of the network, keyed by the
 * members' stable {@code memberId} (a participant id lives only as long as one meeting). Outside a network it
 * is {@link #NONE}. Immutable once built, and bounded: at most {@link #MAX_PAIRS} pairs (each a {@code long} of
 * two member indexes in a sorted array, so about a megabyte at most); the builder is fed the most recent meeting
 * first, so when the bound is reached what is forgotten is the oldest.
 */
public final class NetworkMemory {

    /** NWM1: the most pairs remembered. */
    public static final int MAX_PAIRS = 100_000;

    /** Nobody met anybody before: a meeting on its own, or the first meeting of a network. */
    public static final NetworkMemory NONE = new NetworkMemory(Map.of(), new long[0]);

    private final Map<String, Integer> indexOf;
    /** Sorted; each {@code (low << 32) | high} with low < high member indexes. */
    private final long[] pairs;

    private NetworkMemory(Map<String, Integer> indexOf, long[] pairs) {
        this.indexOf = indexOf;
        this.pairs = pairs;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** How many distinct pairs are remembered. */
    public int pairCount() {
        return pairs.length;
    }

    /** Whether the two members shared a room in an earlier meeting (a member never "met" themselves). */
    public boolean met(String memberA, String memberB) {
        Integer a = memberA == null ? null : indexOf.get(memberA);
        Integer b = memberB == null ? null : indexOf.get(memberB);
        return a != null && b != null && !a.equals(b) && Arrays.binarySearch(pairs, key(a, b)) >= 0;
    }

    /**
     * NWM2: the remembered pairs among the given participants, as participant pair keys ({@link RoomAssignment#pair}),
     * so the strategies weigh them as they weigh pairs of an earlier round of this meeting. {@code memberIdOf} maps a
     * participant id to their member id; participants without one (null) are nobody's earlier partner. Work is
     * bounded by the smaller of the pairs remembered and the pairs of members present.
     */
    public Set<String> participantPairs(Map<String, String> memberIdOf) {
        if (pairs.length == 0 || memberIdOf.isEmpty()) {
            return Set.of();
        }
        Map<Integer, List<String>> participantsOf = new HashMap<>();
        for (Map.Entry<String, String> entry : memberIdOf.entrySet()) {
            Integer index = entry.getValue() == null ? null : indexOf.get(entry.getValue());
            if (index != null) {
                participantsOf.computeIfAbsent(index, i -> new ArrayList<>()).add(entry.getKey());
            }
        }
        Set<String> result = new HashSet<>();
        long present = participantsOf.size();
        if (present * (present - 1) / 2 < pairs.length) {
            List<Integer> members = new ArrayList<>(participantsOf.keySet());
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    if (Arrays.binarySearch(pairs, key(members.get(i), members.get(j))) >= 0) {
                        addAll(result, participantsOf.get(members.get(i)), participantsOf.get(members.get(j)));
                    }
                }
            }
        } else {
            for (long pair : pairs) {
                List<String> a = participantsOf.get((int) (pair >>> 32));
                List<String> b = participantsOf.get((int) pair);
                if (a != null && b != null) {
                    addAll(result, a, b);
                }
            }
        }
        return result;
    }

    private static void addAll(Set<String> result, List<String> a, List<String> b) {
        for (String x : a) {
            for (String y : b) {
                result.add(RoomAssignment.pair(x, y));
            }
        }
    }

    private static long key(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        return ((long) low << 32) | (high & 0xffffffffL);
    }

    /** Collects rooms, most recent meeting first, up to {@link #MAX_PAIRS} pairs. */
    public static final class Builder {

        private final Map<String, Integer> indexOf = new HashMap<>();
        private final Set<Long> pairs = new HashSet<>();

        private Builder() {
        }

        /**
         * Everyone in the room met everyone else in it; null member ids (participants who were not members) are
         * skipped. Pairs beyond {@link #MAX_PAIRS} are not kept. Returns false once the memory is full.
         */
        public boolean addRoom(Collection<String> memberIds) {
            if (full()) {
                return false;
            }
            List<Integer> members = new ArrayList<>();
            for (String id : new LinkedHashSet<>(memberIds)) {
                if (id != null) {
                    members.add(indexOf.computeIfAbsent(id, k -> indexOf.size()));
                }
            }
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    if (pairs.size() >= MAX_PAIRS) {
                        return false;
                    }
                    pairs.add(key(members.get(i), members.get(j)));
                }
            }
            return pairs.size() < MAX_PAIRS;
        }

        public boolean full() {
            return pairs.size() >= MAX_PAIRS;
        }

        public NetworkMemory build() {
            if (pairs.isEmpty()) {
                return NONE;
            }
            long[] sorted = pairs.stream().mapToLong(Long::longValue).sorted().toArray();
            return new NetworkMemory(Map.copyOf(indexOf), sorted);
        }
    }
}
