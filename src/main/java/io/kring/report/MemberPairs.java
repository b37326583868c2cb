package io.kring.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * ND9: how many distinct pairs of network members have shared a room, over every round of every meeting of
 * the network. Each room is given as the member ids of the people in it (null: a person who is not a member,
 * such as someone added without a device; left out). A pair counts once however often its two members met;
 * the same member twice in one room is no pair.
 */
public final class MemberPairs {

    private MemberPairs() {
    }

    public static long count(Iterable<? extends Collection<String>> rooms) {
        Map<String, Integer> numbers = new HashMap<>();
        PairKeys pairs = new PairKeys();
        for (Collection<String> room : rooms) {
            int[] members = room.stream().filter(id -> id != null)
                    .mapToInt(id -> numbers.computeIfAbsent(id, k -> numbers.size())).distinct().sorted().toArray();
            for (int i = 0; i < members.length; i++) {
                for (int j = i + 1; j < members.length; j++) {
                    pairs.add(((long) members[i] << 32) | members[j]);
                }
            }
        }
        return pairs.distinct();
    }

    /**
     * The pairs as primitive keys (8 bytes each, where a {@code HashSet<Long>} spends about 50): one room of
     * 2,000 members is 2 million pairs. When the array is full it is first sorted and its doubles dropped, and
     * only grown if more than half of it is still distinct pairs, so pairs met again and again in later rounds
     * never make it hold more than four times the distinct pairs.
     */
    static final class PairKeys {

        private long[] keys = new long[64];
        private int size;

        void add(long key) {
            if (size == keys.length) {
                size = sortAndDropDoubles();
                if (size > keys.length / 2) {
                    keys = Arrays.copyOf(keys, keys.length * 2);
                }
            }
            keys[size++] = key;
        }

        /** The number of distinct keys added so far. */
        int distinct() {
            size = sortAndDropDoubles();
            return size;
        }

        /** How many keys the array can hold now: what this costs in memory. */
        int capacity() {
            return keys.length;
        }

        private int sortAndDropDoubles() {
            Arrays.sort(keys, 0, size);
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (kept == 0 || keys[kept - 1] != keys[i]) {
                    keys[kept++] = keys[i];
                }
            }
            return kept;
        }
    }
}
