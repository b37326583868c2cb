package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GM: group methods")
class GroupMethodsTest {

    private final MeetingFixture f = withModerator();

    private List<String> people(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(f.participant(prefix + i));
        }
        return ids;
    }

    /** A moderator adds someone in the physical room, without a device. */
    private String inRoom(String name) {
        Outcome outcome = f.run("mo", new AddParticipant(name, null));
        String id = eventsOf(outcome, MeetingEvent.ParticipantJoined.class).get(0).participantId();
        f.names.put(id, name);
        return id;
    }

    private static OpenBreakouts open(Integer roomCount, Integer groupSize, String strategy, Integer fromRound,
            Map<String, String> hosts, String attendance) {
        return new OpenBreakouts(roomCount, strategy, 600, 0, null, null, null, groupSize, fromRound, hosts,
                attendance);
    }

    private static OpenBreakouts rooms(int roomCount, String strategy) {
        return open(roomCount, null, strategy, null, null, null);
    }

    private void close() {
        f.run("mo", new CloseBreakouts(0));
    }

    private List<List<String>> members() {
        return f.breakouts("mo").rooms().stream().map(r -> List.copyOf(r.participantIds())).toList();
    }

    private List<Set<String>> memberSets() {
        return members().stream().map(m -> (Set<String>) new HashSet<>(m)).toList();
    }

    private List<String> hostIds() {
        return f.breakouts("mo").rooms().stream().map(MeetingView.RoomView::hostId).toList();
    }

    @Test
    @DisplayName("[GM1] exactly one of roomCount or groupSize, each in range; the strategies by name")
    void roomCountOrGroupSize() {
        people("P", 4);
        assertThat(f.code("mo", open(2, 2, "random", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(null, null, "random", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(null, 1, "random", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(null, 51, "random", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(51, null, "random", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "worldCafe", null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(f.participant("Q"), open(null, 2, "random", null, null, null)))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, 0, List.of("a", "b", "c"), null, null, null,
                null, null, null))).isEqualTo(ErrorCode.INVALID);
        // with groupSize the meeting decides the room count: topics beyond it are not used
        f.run("mo", new OpenBreakouts(null, "random", 600, 0, List.of("a", "b", "c", "d"), null, null, 2, null, null,
                null));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::topic).containsExactly("a", "b");
    }

    @Test
    @DisplayName("[GM2] groupSize makes floor(n / groupSize) rooms for the present non-moderators, at least one")
    void groupSize() {
        List<String> p = people("P", 10);
        f.disconnect(p.get(9));
        f.run("mo", open(null, 3, "random", null, null, null));
        assertThat(members()).hasSize(3);
        assertThat(members().stream().map(List::size).sorted().toList()).containsExactly(3, 3, 3);
        close();
        f.run("mo", open(null, 50, "selfSelect", null, null, null));
        assertThat(members()).hasSize(1);
        close();
        f.run("mo", new OpenBreakouts(null, "manual", 600, 0, null, Map.of(p.get(0), 3), null, 2, null, null, null));
        assertThat(members()).hasSize(4);
        assertThat(members().get(3)).containsExactly(p.get(0));
    }

    @Test
    @DisplayName("[GM3] fromRound: a closed round by index, default the last; none yet CONFLICT, out of range INVALID")
    void fromRound() {
        people("P", 4);
        assertThat(f.code("mo", rooms(2, "sameAs"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.breakouts("mo").roundIndex()).isNull();
        f.run("mo", rooms(2, "random"));
        assertThat(f.breakouts("mo").roundIndex()).isEqualTo(0);
        assertThat(f.code("mo", rooms(2, "merge"))).as("a round is open").isEqualTo(ErrorCode.CONFLICT);
        close();
        assertThat(f.code("mo", open(2, null, "sameAs", 1, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "sameAs", -1, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "random", 0, null, null))).isEqualTo(ErrorCode.INVALID);
        Outcome second = f.run("mo", open(2, null, "sameAs", 0, null, null));
        assertThat(eventsOf(second, MeetingEvent.BreakoutsOpened.class).get(0).fromRound()).isEqualTo(0);
        assertThat(f.breakouts("mo").roundIndex()).isEqualTo(1);
        close();
        f.run("mo", rooms(2, "rotate"));
        assertThat(eventsOf(f.run("mo", new CloseBreakouts(0)), MeetingEvent.BreakoutsClosed.class)).hasSize(1);
        assertThat(f.breakouts("mo").roundIndex()).as("the closed round stays shown").isEqualTo(2);
    }

    @Test
    @DisplayName("[GM4] sameAs: the earlier rooms' names, topics, hosts and present members; newcomers to the smallest")
    void sameAs() {
        List<String> p = people("P", 6);
        f.run("mo", new OpenBreakouts(3, "random", 600, 0, List.of("Lezen", "Rekenen"), null, null, null, null,
                Map.of("1", p.get(0)), null));
        List<Set<String>> first = memberSets();
        List<String> names = f.breakouts("mo").rooms().stream().map(MeetingView.RoomView::name).toList();
        close();
        String absent = first.get(2).iterator().next();
        f.disconnect(absent);
        String late = f.participant("Late");
        f.run("mo", rooms(2, "sameAs"));
        MeetingView.Breakouts b = f.breakouts("mo");
        assertThat(b.strategy()).isEqualTo("sameAs");
        assertThat(b.rooms()).extracting(MeetingView.RoomView::name).isEqualTo(names);
        assertThat(b.rooms()).extracting(MeetingView.RoomView::topic).containsExactly("Lezen", "Rekenen", "");
        assertThat(hostIds()).containsExactly(null, p.get(0), null);
        List<Set<String>> again = memberSets();
        for (int i = 0; i < 3; i++) {
            Set<String> expected = new HashSet<>(first.get(i));
            expected.remove(absent);
            if (i == 2) {
                expected.add(late);
            }
            assertThat(again.get(i)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("[GM5] merge combines earlier rooms whole into roomCount rooms; fewer earlier rooms: as many as those")
    void merge() {
        List<String> p = people("P", 8);
        f.run("mo", open(null, 2, "random", null, null, null));
        List<Set<String>> pairs = memberSets();
        assertThat(pairs).hasSize(4);
        close();
        f.run("mo", rooms(2, "merge"));
        List<Set<String>> fours = memberSets();
        assertThat(fours).hasSize(2).allSatisfy(room -> assertThat(room).hasSize(4));
        for (Set<String> pair : pairs) {
            assertThat(fours.stream().filter(room -> room.containsAll(pair)).count()).isEqualTo(1);
        }
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::name)
                .containsExactly("Groep 1", "Groep 2");
        close();
        f.run("mo", rooms(5, "merge"));
        assertThat(memberSets()).as("two earlier rooms make at most two").isEqualTo(fours);
        close();
        f.run("mo", open(null, 8, "merge", null, null, null));
        assertThat(memberSets()).containsExactly(new HashSet<>(p));
    }

    @Test
    @DisplayName("[GM6] rotate: hosts stay at their tables, everyone else moves to another room")
    void rotate() {
        List<String> p = people("P", 9);
        f.run("mo", open(3, null, "random", null, Map.of("0", p.get(0)), null));
        List<Set<String>> before = memberSets();
        List<String> names = f.breakouts("mo").rooms().stream().map(MeetingView.RoomView::name).toList();
        close();
        f.run("mo", rooms(3, "rotate"));
        List<Set<String>> after = memberSets();
        List<String> hosts = hostIds();
        assertThat(hosts.get(0)).isEqualTo(p.get(0));
        assertThat(f.breakouts("mo").rooms()).extracting(MeetingView.RoomView::name).isEqualTo(names);
        for (int i = 0; i < 3; i++) {
            assertThat(hosts.get(i)).isNotNull();
            assertThat(after.get(i)).contains(hosts.get(i));
            Set<String> stayed = new HashSet<>(after.get(i));
            stayed.retainAll(before.get(i));
            assertThat(stayed).containsExactly(hosts.get(i));
            assertThat(after.get(i)).hasSize(3);
        }
        close();
        f.run("mo", rooms(1, "merge"));
        close();
        f.run("mo", rooms(1, "rotate"));
        assertThat(memberSets()).as("with one room nobody can move").containsExactly(new HashSet<>(p));
    }

    @Test
    @DisplayName("[GM7] hosts: room index keys, present non-moderators, one room each; placed and shown as hostId")
    void hosts() {
        List<String> p = people("P", 4);
        String away = f.participant("Away");
        f.disconnect(away);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("x", p.get(0)), null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("2", p.get(0)), null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("01", p.get(0)), null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("0", "nobody"), null)))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("0", "mo"), null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("0", away), null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", open(2, null, "random", null, Map.of("0", p.get(0), "1", p.get(0)), null)))
                .isEqualTo(ErrorCode.INVALID);
        f.run("mo", new OpenBreakouts(2, "manual", 600, 0, null, Map.of(p.get(0), 0, p.get(1), 0), null, null, null,
                Map.of("1", p.get(0)), null));
        assertThat(hostIds()).containsExactly(null, p.get(0));
        assertThat(members().get(1)).containsExactly(p.get(0));
        assertThat(f.roomOf(p.get(0))).isEqualTo(f.roomIds().get(1));
        close();
        f.run("mo", open(2, null, "random", null, Map.of("0", p.get(2), "1", p.get(3)), null));
        assertThat(hostIds()).containsExactly(p.get(2), p.get(3));
        assertThat(members()).allSatisfy(room -> assertThat(room).hasSize(2));
    }

    @Test
    @DisplayName("[GM8] attendance separate: online and in-room people never share a room")
    void separate() {
        List<String> online = new ArrayList<>(people("P", 5));
        List<String> present = new ArrayList<>(List.of(inRoom("Els"), inRoom("Fien"), inRoom("Gust")));
        assertThat(f.code("mo", open(1, null, "random", null, null, "separate"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", open(2, null, "random", null, null, "apart"))).isEqualTo(ErrorCode.INVALID);
        for (String strategy : List.of("manual", "selfSelect")) {
            assertThat(f.code("mo", open(2, null, strategy, null, null, "separate"))).isEqualTo(ErrorCode.INVALID);
        }
        assertThat(f.code("mo", open(4, null, "random", null, Map.of("3", online.get(0)), "separate")))
                .as("room 3 is for people in the room").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(4, null, "mixOrganisations", null, Map.of("0", online.get(0)), "separate"));
        MeetingView.Breakouts b = f.breakouts("mo");
        assertThat(b.attendance()).isEqualTo("separate");
        List<Set<String>> rooms = memberSets();
        assertThat(rooms).hasSize(4);
        for (Set<String> room : rooms) {
            assertThat(room.stream().allMatch(online::contains) || room.stream().allMatch(present::contains))
                    .as("%s mixes", room).isTrue();
        }
        assertThat(rooms.stream().filter(room -> room.stream().allMatch(present::contains)).count())
                .as("3 of 8 in the room: round(4 * 3 / 8) = 2 of the 4 rooms").isEqualTo(2);
        assertThat(rooms.get(0)).contains(online.get(0));
        // GM8: a late joiner goes to the smallest room of their own kind; the smallest room of all is in-room
        String lateOnline = f.participant("Late");
        online.add(lateOnline);
        assertThat(members().stream().filter(room -> room.contains(lateOnline)).findFirst())
                .hasValueSatisfying(room -> assertThat(room).hasSize(3).allMatch(online::contains));
        String late = inRoom("Hanne");
        present.add(late);
        assertThat(members().stream().filter(room -> room.contains(late)).findFirst())
                .hasValueSatisfying(room -> assertThat(room).hasSize(2).allMatch(present::contains));
        close();
        f.run("mo", open(null, 2, "random", null, null, "separate"));
        assertThat(members()).as("6 online and 4 in the room, in pairs").hasSize(5);
        assertThat(f.code("mo", open(2, null, "sameAs", null, null, "separate"))).isEqualTo(ErrorCode.CONFLICT);
        close();
        for (String strategy : List.of("sameAs", "merge", "rotate")) {
            assertThat(f.code("mo", open(2, null, strategy, null, null, "separate"))).isEqualTo(ErrorCode.INVALID);
        }
        f.run("mo", rooms(2, "random"));
        assertThat(f.breakouts("mo").attendance()).isEqualTo("mixed");
    }

    @Test
    @DisplayName("[GM9] a late joiner in a sameAs, merge or rotate round goes to the smallest room")
    void lateJoiners() {
        people("P", 5);
        f.run("mo", rooms(2, "random"));
        close();
        for (String strategy : List.of("sameAs", "merge", "rotate")) {
            f.run("mo", rooms(2, strategy));
            int smallest = members().stream().mapToInt(List::size).min().orElseThrow();
            String late = f.participant("Late " + strategy);
            assertThat(members().stream().filter(r -> r.contains(late)).findFirst()).as(strategy)
                    .hasValueSatisfying(room -> assertThat(room).hasSize(smallest + 1));
            close();
        }
    }
}
