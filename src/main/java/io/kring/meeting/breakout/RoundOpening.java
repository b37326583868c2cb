package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.kring.meeting.CallLinks;
import io.kring.meeting.CommandContext;
import io.kring.meeting.Language;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingEvent.BreakoutsOpened;
import io.kring.meeting.MeetingEvent.RoomPlan;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * Checks a {@code breakout.open} request and plans its round (BR1-BR3, GM1-GM8): how many rooms, their names,
 * topics, hosts and call links, and who goes where. Refuses before anything changes.
 */
final class RoundOpening {

    private static final String SEPARATE = BreakoutRequest.SEPARATE;

    private final OpenBreakouts request;
    private final List<BreakoutRound> rounds;
    private final RandomGenerator random;
    private final Set<String> pastPairs;
    private final CommandContext context;

    private BreakoutStrategy strategy;
    private String attendance;
    private BreakoutRound source;
    /** Present non-moderators, in join order: whom the strategies place. */
    private List<Member> people;
    /** GM8: with attendance separate, the first this many rooms are the online people's. */
    private int onlineRooms;

    RoundOpening(OpenBreakouts request, List<BreakoutRound> rounds, RandomGenerator random, Set<String> pastPairs,
            CommandContext context) {
        this.request = request;
        this.rounds = rounds;
        this.random = random;
        this.pastPairs = pastPairs;
        this.context = context;
    }

    BreakoutsOpened plan(Language language, CallLinks calls, long now) {
        OpenBreakouts c = request;
        BreakoutRequest checked = BreakoutRequest.checked(c);
        strategy = checked.strategy();
        attendance = checked.attendance();
        int grace = checked.graceSeconds();
        int duration = Text.range(c.durationSeconds(), "durationSeconds", 1, Breakouts.MAX_DURATION_SECONDS);
        source = sourceRound();
        people = context.present().stream().filter(p -> !p.moderator()).toList();

        List<List<String>> filled = fill();
        int roomCount = filled.size();
        List<String> topics = firstRooms(c.topics(), roomCount);
        List<String> callUrls = firstRooms(c.callUrls(), roomCount);
        Map<Integer, String> hosts = hosts(roomCount, filled);
        List<BreakoutRound.Room> sourceRooms = source == null ? List.of() : List.copyOf(source.rooms.values());
        boolean earlierRooms = strategy.keepsEarlierRooms();
        List<RoomPlan> rooms = new ArrayList<>();
        Map<String, String> assignments = new LinkedHashMap<>();
        for (int i = 0; i < roomCount; i++) {
            String topic = i < topics.size() && topics.get(i) != null ? Text.line(topics.get(i), "topic", 0, 200)
                    : earlierRooms ? sourceRooms.get(i).topic : "";
            String name = earlierRooms ? sourceRooms.get(i).name : language.roomName(i);
            String callUrl = i < callUrls.size() ? CallLinks.checked(callUrls.get(i), "callUrls[]") : calls.next();
            String roomId = context.newId();
            rooms.add(new RoomPlan(roomId, name, topic, callUrl, hosts.get(i)));
            for (String participantId : filled.get(i)) {
                assignments.put(participantId, roomId);
            }
        }
        return new BreakoutsOpened(context.newId(), strategy.wireName(), rooms, assignments, now, duration,
                now + duration * 1000L, grace, source == null ? null : source.index, attendance);
    }

    /** GM3: the closed round a {@code sameAs}, {@code merge} or {@code rotate} round builds on, or null. */
    private BreakoutRound sourceRound() {
        if (!strategy.buildsOnEarlierRound()) {
            return null; // a fromRound for another strategy was refused by BreakoutRequest
        }
        if (rounds.isEmpty()) {
            throw Rejected.conflict("no breakout round has closed yet to build on");
        }
        int index = request.fromRound() == null ? rounds.size() - 1
                : Text.range(request.fromRound(), "fromRound", 0, rounds.size() - 1);
        // Only a closed round can be named: open refuses while a round is open or closing.
        return rounds.get(index);
    }

    /** Who goes to which room; the list's size is the room count. Hosts are placed afterwards. */
    private List<List<String>> fill() {
        Integer groupSize = request.groupSize();
        int requested = groupSize == null ? request.roomCount()
                : GroupMethods.roomsForGroupSize(people.size(), groupSize);
        return switch (strategy) {
            case RANDOM, MIX_ORGANISATIONS -> attendance.equals(SEPARATE) ? separately(groupSize)
                    : assign(people, requested);
            case MANUAL -> manual(requested);
            case SELF_SELECT -> emptyRooms(requested);
            case SAME_AS -> GroupMethods.sameAs(sources(), others());
            case MERGE -> GroupMethods.merge(sources(), GroupMethods.mergedRoomCount(requested, sources()), others());
            case ROTATE -> GroupMethods.rotate(sources(), rotationHosts(), others(), pastPairs, random);
        };
    }

    private List<List<String>> assign(List<Member> members, int roomCount) {
        List<RoomAssignment.Person> persons = members.stream()
                .map(p -> new RoomAssignment.Person(p.id(), p.organisation())).toList();
        return strategy == BreakoutStrategy.RANDOM ? RoomAssignment.random(persons, roomCount, random)
                : RoomAssignment.mixOrganisations(persons, roomCount, pastPairs, random);
    }

    /** GM8: the online people's rooms first, then those of the people in the room; the two never mix. */
    private List<List<String>> separately(Integer groupSize) {
        List<Member> online = people.stream().filter(p -> !p.inRoom()).toList();
        List<Member> inRoom = people.stream().filter(Member::inRoom).toList();
        int[] split;
        if (groupSize != null) {
            split = GroupMethods.splitRoomsForGroupSize(groupSize, online.size(), inRoom.size());
        } else {
            if (request.roomCount() < 2 && !online.isEmpty() && !inRoom.isEmpty()) {
                throw Rejected.conflict("people online and in the room are both present: attendance separate needs"
                        + " at least two rooms");
            }
            split = GroupMethods.splitRooms(request.roomCount(), online.size(), inRoom.size());
        }
        onlineRooms = split[0];
        List<List<String>> rooms = new ArrayList<>(assign(online, split[0]));
        rooms.addAll(assign(inRoom, split[1]));
        return rooms;
    }

    private List<List<String>> manual(int roomCount) {
        List<List<String>> rooms = emptyRooms(roomCount);
        if (request.assignments() != null) {
            for (Map.Entry<String, Integer> entry : request.assignments().entrySet()) {
                Member target = context.target(entry.getKey());
                if (target.moderator()) {
                    throw Rejected.invalid("moderators are not assigned to rooms");
                }
                int index = Text.range(entry.getValue(), "room index", 0, roomCount - 1);
                rooms.get(index).add(target.id());
            }
        }
        return rooms;
    }

    /** GM3: the earlier round's rooms with their members who are present now, in join order. */
    private List<GroupMethods.SourceRoom> sources() {
        Set<String> presentIds = new HashSet<>(people.stream().map(Member::id).toList());
        List<GroupMethods.SourceRoom> sources = new ArrayList<>();
        for (BreakoutRound.Room room : source.rooms.values()) {
            Set<String> members = new HashSet<>(room.membersAtClose == null ? List.of() : room.membersAtClose);
            List<String> present = people.stream().map(Member::id).filter(members::contains).toList();
            sources.add(new GroupMethods.SourceRoom(present,
                    room.hostId != null && presentIds.contains(room.hostId) ? room.hostId : null));
        }
        return sources;
    }

    /** Present people who were in none of the earlier round's rooms: they go where late joiners go. */
    private List<String> others() {
        Set<String> placed = new HashSet<>();
        source.rooms.values().forEach(r -> placed.addAll(r.membersAtClose == null ? List.of() : r.membersAtClose));
        return people.stream().map(Member::id).filter(id -> !placed.contains(id)).toList();
    }

    /**
     * GM6: who stays at each table: the host the request names, else the earlier round's host, else the room's
     * member who joined first; someone the request makes host of another room never stays here.
     */
    private List<String> rotationHosts() {
        Map<Integer, String> named = requestedHosts(source.rooms.size());
        Set<String> namedIds = new HashSet<>(named.values());
        List<String> hosts = new ArrayList<>();
        List<GroupMethods.SourceRoom> sources = sources();
        for (int i = 0; i < sources.size(); i++) {
            GroupMethods.SourceRoom room = sources.get(i);
            String host = named.get(i);
            if (host == null && room.hostId() != null && !namedIds.contains(room.hostId())) {
                host = room.hostId();
            }
            if (host == null) {
                host = room.members().stream().filter(id -> !namedIds.contains(id)).findFirst().orElse(null);
            }
            hosts.add(host);
        }
        return hosts;
    }

    /** GM7: the rooms' hosts, placed in their rooms; {@code rooms} changes accordingly. */
    private Map<Integer, String> hosts(int roomCount, List<List<String>> rooms) {
        Map<Integer, String> named = requestedHosts(roomCount);
        Map<Integer, String> hosts = new HashMap<>();
        if (strategy == BreakoutStrategy.ROTATE) {
            // The rotation placed its hosts already: the one it kept in each room.
            List<String> kept = rotationHosts();
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i) != null) {
                    hosts.put(i, kept.get(i));
                }
            }
            return hosts;
        }
        if (strategy == BreakoutStrategy.SAME_AS) {
            Set<String> namedIds = new HashSet<>(named.values());
            List<GroupMethods.SourceRoom> sources = sources();
            for (int i = 0; i < sources.size(); i++) {
                String earlier = sources.get(i).hostId();
                if (earlier != null && !namedIds.contains(earlier)) {
                    hosts.put(i, earlier);
                }
            }
        }
        hosts.putAll(named);
        if (attendance.equals(SEPARATE)) {
            placeSeparately(rooms, hosts);
        } else {
            boolean evenOut = strategy == BreakoutStrategy.RANDOM || strategy == BreakoutStrategy.MIX_ORGANISATIONS;
            GroupMethods.placeHosts(rooms, hosts, evenOut);
        }
        return hosts;
    }

    /** GM7, GM8: a host joins a room of their own kind of attendance, and sizes are evened out within each kind. */
    private void placeSeparately(List<List<String>> rooms, Map<Integer, String> hosts) {
        Set<String> inRoomIds = new HashSet<>(people.stream().filter(Member::inRoom).map(Member::id).toList());
        Map<Integer, String> online = new HashMap<>();
        Map<Integer, String> inRoom = new HashMap<>();
        for (Map.Entry<Integer, String> host : hosts.entrySet()) {
            boolean hostInRoom = inRoomIds.contains(host.getValue());
            if (hostInRoom != (host.getKey() >= onlineRooms)) {
                throw Rejected.conflict("with attendance separate, room " + host.getKey() + " is for people taking part "
                        + (hostInRoom ? "online" : "in the room") + ", and its host is not");
            }
            if (hostInRoom) {
                inRoom.put(host.getKey() - onlineRooms, host.getValue());
            } else {
                online.put(host.getKey(), host.getValue());
            }
        }
        GroupMethods.placeHosts(rooms.subList(0, onlineRooms), online, true);
        GroupMethods.placeHosts(rooms.subList(onlineRooms, rooms.size()), inRoom, true);
    }

    /** GM7: {@code hosts} as room index to a present non-moderator, each at most once. */
    private Map<Integer, String> requestedHosts(int roomCount) {
        Map<Integer, String> hosts = new HashMap<>();
        if (request.hosts() == null) {
            return hosts;
        }
        Set<String> presentIds = new HashSet<>(people.stream().map(Member::id).toList());
        for (Map.Entry<String, String> entry : request.hosts().entrySet()) {
            if (Integer.parseInt(entry.getKey()) >= roomCount) { // its shape is checked by BreakoutRequest
                throw Rejected.invalid("hosts are keyed by room index, 0 to " + (roomCount - 1));
            }
            Member host = context.target(entry.getValue());
            if (host.moderator()) {
                throw Rejected.invalid("a moderator cannot host a room");
            }
            if (!presentIds.contains(host.id())) {
                throw Rejected.conflict(host.name() + " is not present and cannot host a room");
            }
            if (hosts.containsValue(host.id())) {
                throw Rejected.invalid("one person hosts at most one room");
            }
            hosts.put(Integer.parseInt(entry.getKey()), host.id());
        }
        return hosts;
    }

    /**
     * The values for the rooms there are: BreakoutRequest allowed one per room when the request chose the room
     * count, else up to 50, those beyond the rooms unused.
     */
    private static List<String> firstRooms(List<String> values, int roomCount) {
        List<String> list = values == null ? List.of() : values;
        return list.size() > roomCount ? list.subList(0, roomCount) : list;
    }

    private static List<List<String>> emptyRooms(int roomCount) {
        List<List<String>> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            rooms.add(new ArrayList<>());
        }
        return rooms;
    }
}
