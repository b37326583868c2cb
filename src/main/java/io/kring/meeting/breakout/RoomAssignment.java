package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Puts people into rooms for the {@code random} and {@code mixOrganisations} strategies.
 * BR3: room sizes differ by at most one. BR4: {@code mixOrganisations} spreads each organisation over
 * the rooms as far as the numbers allow, and then prefers rooms of people who have not yet been in a
 * room together.
 */
public final class RoomAssignment {

    /** Someone to place; a blank organisation counts as an organisation of one. */
    public record Person(String participantId, String organisation) {
    }

    private RoomAssignment() {
    }

    /** Shuffles and deals round-robin, so sizes differ by at most one. */
    public static List<List<String>> random(List<Person> people, int roomCount, RandomGenerator random) {
        List<Person> shuffled = new ArrayList<>(people);
        shuffle(shuffled, random);
        List<List<String>> rooms = emptyRooms(roomCount);
        for (int i = 0; i < shuffled.size(); i++) {
            rooms.get(i % roomCount).add(shuffled.get(i).participantId());
        }
        return rooms;
    }

    /**
     * Deals organisations largest first round-robin over the rooms with a pointer that keeps turning:
     * an organisation of k people lands in k different rooms while k is at most the room count, and
     * sizes stay within one. Then random swaps that never worsen the organisation spread lower the
     * number of pairs who already shared a room ({@code pastPairs}, see {@link #pair}).
     */
    public static List<List<String>> mixOrganisations(List<Person> people, int roomCount, Set<String> pastPairs,
            RandomGenerator random) {
        Map<String, List<Person>> byOrganisation = new LinkedHashMap<>();
        List<Person> shuffled = new ArrayList<>(people);
        shuffle(shuffled, random);
        for (Person person : shuffled) {
            byOrganisation.computeIfAbsent(organisationKey(person), k -> new ArrayList<>()).add(person);
        }
        List<List<Person>> groups = new ArrayList<>(byOrganisation.values());
        shuffle(groups, random);
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));

        List<List<Person>> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            rooms.add(new ArrayList<>());
        }
        int pointer = roomCount == 0 ? 0 : random.nextInt(roomCount);
        for (List<Person> group : groups) {
            for (Person person : group) {
                rooms.get(pointer).add(person);
                pointer = (pointer + 1) % roomCount;
            }
        }
        if (!pastPairs.isEmpty()) {
            lowerRepeats(rooms, pastPairs, random);
        }
        List<List<String>> result = new ArrayList<>();
        for (List<Person> room : rooms) {
            result.add(new ArrayList<>(room.stream().map(Person::participantId).toList()));
        }
        return result;
    }

    /** The key of an unordered pair of participants, for {@code pastPairs}. */
    public static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** How many pairs sharing a room in {@code rooms} are in {@code pastPairs}. */
    public static int repeatedPairs(List<List<String>> rooms, Set<String> pastPairs) {
        int count = 0;
        for (List<String> room : rooms) {
            for (int i = 0; i < room.size(); i++) {
                for (int j = i + 1; j < room.size(); j++) {
                    if (pastPairs.contains(pair(room.get(i), room.get(j)))) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** How many pairs of one organisation share a room (blank organisations never count). */
    public static int organisationCollisions(List<List<String>> rooms, Map<String, String> organisationOf) {
        int count = 0;
        for (List<String> room : rooms) {
            Map<String, Integer> perOrganisation = new HashMap<>();
            for (String id : room) {
                String organisation = organisationOf.get(id);
                if (organisation != null && !organisation.isBlank()) {
                    count += perOrganisation.merge(organisation.strip().toLowerCase(java.util.Locale.ROOT), 1,
                            Integer::sum) - 1;
                }
            }
        }
        return count;
    }

    private static void lowerRepeats(List<List<Person>> rooms, Set<String> pastPairs, RandomGenerator random) {
        int total = rooms.stream().mapToInt(List::size).sum();
        if (rooms.size() < 2 || total < 3) {
            return;
        }
        int attempts = 40 * total + 200;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int roomA = random.nextInt(rooms.size());
            int roomB = random.nextInt(rooms.size());
            if (roomA == roomB || rooms.get(roomA).isEmpty() || rooms.get(roomB).isEmpty()) {
                continue;
            }
            List<Person> a = rooms.get(roomA);
            List<Person> b = rooms.get(roomB);
            int indexA = random.nextInt(a.size());
            int indexB = random.nextInt(b.size());
            Person personA = a.get(indexA);
            Person personB = b.get(indexB);
            int organisationDelta = organisationCost(personA, b, personB) + organisationCost(personB, a, personA)
                    - organisationCost(personA, a, personA) - organisationCost(personB, b, personB);
            if (organisationDelta > 0) {
                continue;
            }
            int repeatDelta = repeatCost(personA, b, personB, pastPairs) + repeatCost(personB, a, personA, pastPairs)
                    - repeatCost(personA, a, personA, pastPairs) - repeatCost(personB, b, personB, pastPairs);
            if (organisationDelta < 0 || repeatDelta < 0) {
                a.set(indexA, personB);
                b.set(indexB, personA);
            }
        }
    }

    /** Members of {@code room} (other than {@code skip}) of the same organisation as {@code person}. */
    private static int organisationCost(Person person, List<Person> room, Person skip) {
        if (isBlank(person.organisation())) {
            return 0;
        }
        String key = organisationKey(person);
        int cost = 0;
        for (Person other : room) {
            if (other != skip && other != person && organisationKey(other).equals(key)) {
                cost++;
            }
        }
        return cost;
    }

    private static int repeatCost(Person person, List<Person> room, Person skip, Set<String> pastPairs) {
        int cost = 0;
        for (Person other : room) {
            if (other != skip && other != person
                    && pastPairs.contains(pair(person.participantId(), other.participantId()))) {
                cost++;
            }
        }
        return cost;
    }

    private static String organisationKey(Person person) {
        return isBlank(person.organisation())
                ? "\u0000" + person.participantId()
                : person.organisation().strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isBlank(String organisation) {
        return organisation == null || organisation.isBlank();
    }

    private static List<List<String>> emptyRooms(int roomCount) {
        List<List<String>> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            rooms.add(new ArrayList<>());
        }
        return rooms;
    }

    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
