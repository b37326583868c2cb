package io.kring.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
        Set<Long> pairs = new HashSet<>();
        for (Collection<String> room : rooms) {
            int[] members = room.stream().filter(id -> id != null)
                    .mapToInt(id -> numbers.computeIfAbsent(id, k -> numbers.size())).distinct().sorted().toArray();
            for (int i = 0; i < members.length; i++) {
                for (int j = i + 1; j < members.length; j++) {
                    pairs.add(((long) members[i] << 32) | members[j]);
                }
            }
        }
        return pairs.size();
    }
}
