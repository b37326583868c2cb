package io.kring.meeting.breakout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Puts people into rooms for the group methods that build on an earlier round (GM4 {@code sameAs}, GM5
 * {@code merge}, GM6 {@code rotate}), places hosts (GM7) and splits rooms by attendance (GM8). Pure: lists of
 * participant ids in, lists of rooms (lists of ids) out.
 */
public final class GroupMethods {

    /** The most rooms a round may have. */
    public static final int MAX_ROOMS = 50;

    /** A room of an earlier round as a new one sees it: its members present now, in join order, and its host. */
    public record SourceRoom(List<String> members, String hostId) {
    }

    private GroupMethods() {
    }

    /** GM2: rooms of about {@code groupSize} for {@code people}, at least one and at most {@link #MAX_ROOMS}. */
    public static int roomsForGroupSize(int people, int groupSize) {
        return Math.min(MAX_ROOMS, Math.max(1, people / groupSize));
    }

    /** GM4: the earlier rooms' members again; anyone else goes to the smallest room, one by one. */
    public static List<List<String>> sameAs(List<SourceRoom> sources, List<String> others) {
        List<List<String>> rooms = new ArrayList<>();
        for (SourceRoom source : sources) {
            rooms.add(new ArrayList<>(source.members()));
        }
        addToSmallest(rooms, others);
        return rooms;
    }

    /** GM5: how many rooms a merge makes: never more than the earlier rooms that still have someone, at least one. */
    public static int mergedRoomCount(int requested, List<SourceRoom> sources) {
        long filled = sources.stream().filter(s -> !s.members().isEmpty()).count();
        return (int) Math.max(1, Math.min(requested, filled));
    }

    /**
     * GM5: the earlier rooms combined whole (never split) into {@code roomCount} rooms, largest first into the room
     * with the fewest people so far; then anyone else goes to the smallest room.
     */
    public static List<List<String>> merge(List<SourceRoom> sources, int roomCount, List<String> others) {
        List<List<String>> groups = new ArrayList<>();
        for (SourceRoom source : sources) {
            if (!source.members().isEmpty()) {
                groups.add(source.members());
            }
        }
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        List<List<String>> rooms = emptyRooms(roomCount);
        for (List<String> group : groups) {
            smallest(rooms).addAll(group);
        }
        addToSmallest(rooms, others);
        return rooms;
    }

    /**
     * GM6 (World Café): one room per earlier room; {@code hosts.get(i)} (or null) stays in room i; everyone else
     * leaves the room they were in (while there is another room), goes where they meet the fewest people they
     * already shared a room with ({@code pastPairs}), and sizes are made as even as the moves allow.
     * {@code others} were in none of the earlier rooms and may go anywhere.
     */
    public static List<List<String>> rotate(List<SourceRoom> sources, List<String> hosts, List<String> others,
            Set<String> pastPairs, RandomGenerator random) {
        int roomCount = sources.size();
        Map<String, Integer> previousRoom = new HashMap<>();
        for (int i = 0; i < roomCount; i++) {
            for (String id : sources.get(i).members()) {
                previousRoom.put(id, i);
            }
        }
        Set<String> hostIds = new HashSet<>();
        List<List<String>> rooms = emptyRooms(roomCount);
        for (int i = 0; i < roomCount; i++) {
            if (hosts.get(i) != null) {
                rooms.get(i).add(hosts.get(i));
                hostIds.add(hosts.get(i));
            }
        }
        List<String> movers = new ArrayList<>();
        for (SourceRoom source : sources) {
            source.members().stream().filter(id -> !hostIds.contains(id)).forEach(movers::add);
        }
        others.stream().filter(id -> !hostIds.contains(id) && !previousRoom.containsKey(id)).forEach(movers::add);
        if (roomCount == 1) {
            rooms.get(0).addAll(movers);
            return rooms;
        }
        shuffle(movers, random);
        Rotation rotation = new Rotation(rooms, previousRoom, hostIds, pastPairs);
        int capacity = (hostIds.size() + movers.size() + roomCount - 1) / roomCount;
        for (String mover : movers) {
            rotation.place(mover, capacity, random);
        }
        rotation.evenOut();
        rotation.lowerRepeats(random);
        return rooms;
    }

    /**
     * GM7: each host goes to their room (wherever the strategy put them); with {@code evenOut}, people who are not
     * hosts then move from the largest to the smallest room until sizes differ by at most one (BR3).
     */
    public static void placeHosts(List<List<String>> rooms, Map<Integer, String> hosts, boolean evenOut) {
        for (List<String> room : rooms) {
            room.removeAll(hosts.values());
        }
        hosts.forEach((index, hostId) -> rooms.get(index).add(hostId));
        if (!evenOut || rooms.isEmpty()) {
            return;
        }
        Set<String> hostIds = new HashSet<>(hosts.values());
        while (true) {
            List<String> largest = Collections.max(rooms, (a, b) -> Integer.compare(a.size(), b.size()));
            List<String> smallest = smallest(rooms);
            if (largest.size() - smallest.size() <= 1) {
                return;
            }
            for (int i = largest.size() - 1; i >= 0; i--) {
                if (!hostIds.contains(largest.get(i))) {
                    smallest.add(largest.remove(i));
                    break;
                }
            }
        }
    }

    /**
     * GM8: how many of {@code roomCount} rooms go to the people online and how many to those in the room: in
     * proportion to their numbers, at least one for each kind that has people (the caller makes sure there are
     * rooms enough). Returns {online rooms, in-room rooms}.
     */
    public static int[] splitRooms(int roomCount, int online, int inRoom) {
        if (inRoom == 0) {
            return new int[] {roomCount, 0};
        }
        if (online == 0) {
            return new int[] {0, roomCount};
        }
        int inRoomRooms = (int) Math.round((double) roomCount * inRoom / (online + inRoom));
        inRoomRooms = Math.max(1, Math.min(roomCount - 1, inRoomRooms));
        return new int[] {roomCount - inRoomRooms, inRoomRooms};
    }

    /** GM2, GM8: with groupSize, each kind of attendance gets its own rooms of that size; at most 50 in all. */
    public static int[] splitRoomsForGroupSize(int groupSize, int online, int inRoom) {
        int onlineRooms = online == 0 ? 0 : Math.max(1, online / groupSize);
        int inRoomRooms = inRoom == 0 ? 0 : Math.max(1, inRoom / groupSize);
        if (onlineRooms + inRoomRooms == 0) {
            return new int[] {1, 0};
        }
        if (onlineRooms + inRoomRooms > MAX_ROOMS) {
            return splitRooms(MAX_ROOMS, online, inRoom);
        }
        return new int[] {onlineRooms, inRoomRooms};
    }

    private static void addToSmallest(List<List<String>> rooms, List<String> people) {
        for (String id : people) {
            smallest(rooms).add(id);
        }
    }

    /** The first of the rooms with the fewest people. */
    static List<String> smallest(List<List<String>> rooms) {
        List<String> smallest = rooms.get(0);
        for (List<String> room : rooms) {
            if (room.size() < smallest.size()) {
                smallest = room;
            }
        }
        return smallest;
    }

    private static List<List<String>> emptyRooms(int roomCount) {
        List<List<String>> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            rooms.add(new ArrayList<>());
        }
        return rooms;
    }

    static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    /** GM6's placing: the rooms being filled and who may not go where. */
    private record Rotation(List<List<String>> rooms, Map<String, Integer> previousRoom, Set<String> hostIds,
            Set<String> pastPairs) {

        private boolean mayGo(String id, int room) {
            Integer previous = previousRoom.get(id);
            return previous == null || previous != room || hostIds.contains(id);
        }

        /** Not over capacity if possible, then the fewest repeated pairs, then the smallest room. */
        void place(String mover, int capacity, RandomGenerator random) {
            int best = -1;
            long bestScore = Long.MAX_VALUE;
            int offset = random.nextInt(rooms.size());
            for (int k = 0; k < rooms.size(); k++) {
                int i = (k + offset) % rooms.size();
                if (!mayGo(mover, i)) {
                    continue;
                }
                List<String> room = rooms.get(i);
                long score = (room.size() >= capacity ? 1L << 40 : 0) + (long) repeats(mover, room, null) * 1000
                        + room.size();
                if (score < bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            rooms.get(best).add(mover);
        }

        /**
         * While sizes differ by more than one: a chain of moves from a largest room to a smallest one, each move
         * taking someone who is not a host to a room they may go to (found breadth first), so only the two ends
         * change size.
         */
        void evenOut() {
            for (int step = 0; step < 10_000; step++) {
                int largest = 0;
                int smallest = 0;
                for (int i = 0; i < rooms.size(); i++) {
                    largest = rooms.get(i).size() > rooms.get(largest).size() ? i : largest;
                    smallest = rooms.get(i).size() < rooms.get(smallest).size() ? i : smallest;
                }
                if (rooms.get(largest).size() - rooms.get(smallest).size() <= 1 || !moveAlongChain(largest, smallest)) {
                    return;
                }
            }
        }

        private boolean moveAlongChain(int from, int to) {
            int[] cameFrom = new int[rooms.size()];
            String[] mover = new String[rooms.size()];
            Arrays.fill(cameFrom, -1);
            cameFrom[from] = from;
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
            while (!queue.isEmpty() && cameFrom[to] < 0) {
                int room = queue.poll();
                for (String id : rooms.get(room)) {
                    if (hostIds.contains(id)) {
                        continue;
                    }
                    for (int next = 0; next < rooms.size(); next++) {
                        if (cameFrom[next] < 0 && mayGo(id, next)) {
                            cameFrom[next] = room;
                            mover[next] = id;
                            queue.add(next);
                        }
                    }
                }
            }
            if (cameFrom[to] < 0) {
                return false;
            }
            for (int room = to; room != from; room = cameFrom[room]) {
                rooms.get(cameFrom[room]).remove(mover[room]);
                rooms.get(room).add(mover[room]);
            }
            return true;
        }

        /** Random swaps of two movers that keep both out of their old rooms and lower the repeated pairs. */
        void lowerRepeats(RandomGenerator random) {
            if (pastPairs.isEmpty()) {
                return;
            }
            int total = rooms.stream().mapToInt(List::size).sum();
            for (int attempt = 0; attempt < 40 * total + 200; attempt++) {
                int roomA = random.nextInt(rooms.size());
                int roomB = random.nextInt(rooms.size());
                List<String> a = rooms.get(roomA);
                List<String> b = rooms.get(roomB);
                if (roomA == roomB || a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                String personA = a.get(random.nextInt(a.size()));
                String personB = b.get(random.nextInt(b.size()));
                if (hostIds.contains(personA) || hostIds.contains(personB) || !mayGo(personA, roomB)
                        || !mayGo(personB, roomA)) {
                    continue;
                }
                int before = repeats(personA, a, null) + repeats(personB, b, null);
                int after = repeats(personA, b, personB) + repeats(personB, a, personA);
                if (after < before) {
                    a.set(a.indexOf(personA), personB);
                    b.set(b.indexOf(personB), personA);
                }
            }
        }

        /** People in {@code room} (not {@code id} itself nor {@code skip}) who already shared a room with {@code id}. */
        private int repeats(String id, List<String> room, String skip) {
            int count = 0;
            for (String other : room) {
                if (!other.equals(id) && !other.equals(skip) && pastPairs.contains(RoomAssignment.pair(id, other))) {
                    count++;
                }
            }
            return count;
        }
    }
}
