package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.breakout.RoomAssignment;

@DisplayName("BR: breakouts")
class BreakoutTest {

    private MeetingFixture f = withModerator();

    /** Connected participants p1..pn. */
    private List<String> people(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(f.participant("P" + i));
        }
        return ids;
    }

    private List<Integer> sizes() {
        return f.breakouts(null).rooms().stream().map(r -> r.participantIds().size()).toList();
    }

    private List<String> assigned() {
        return f.breakouts(null).rooms().stream().flatMap(r -> r.participantIds().stream()).toList();
    }

    private List<String> everyone() {
        return new ArrayList<>(f.names.keySet());
    }

    // ---------------------------------------------------------------------------------------------
    // BR1 opening

    @Test
    @DisplayName("[BR1] a round opens with named rooms and topics, endsAt = now + duration, grace 60 by default")
    void opens() {
        people(3);
        Outcome outcome = f.run("mo", new OpenBreakouts(3, "random", 900, null, List.of("Lezen", "  Schrijven "), null));
        assertThat(noticeOf(outcome, MeetingEvent.BreakoutsOpened.class).name()).isEqualTo("breakouts.opened");
        MeetingView.Breakouts b = f.breakouts("mo");
        assertThat(b.status()).isEqualTo("open");
        assertThat(b.strategy()).isEqualTo("random");
        assertThat(b.openedAt()).isEqualTo(f.now);
        assertThat(b.durationSeconds()).isEqualTo(900);
        assertThat(b.endsAt()).isEqualTo(f.now + 900_000);
        assertThat(b.graceSeconds()).isEqualTo(60);
        assertThat(b.closingAt()).isNull();
        assertThat(b.broadcast()).isNull();
        assertThat(b.warned()).isFalse();
        assertThat(b.rooms()).extracting(MeetingView.RoomView::name).containsExactly("Groep 1", "Groep 2", "Groep 3");
        assertThat(b.rooms()).extracting(MeetingView.RoomView::topic).containsExactly("Lezen", "Schrijven", "");
        assertThat(b.rooms()).allSatisfy(r -> {
            assertThat(r.helpRequested()).isFalse();
            assertThat(r.insights()).isEmpty();
        });
    }

    @Test
    @DisplayName("[BR1] rooms are named Group N in an English meeting")
    void englishRoomNames() {
        f = meeting("en");
        f.moderator("Mo");
        f.run("mo", open(2, "selfSelect", 600));
        assertThat(f.breakouts(null).rooms()).extracting(MeetingView.RoomView::name).containsExactly("Group 1", "Group 2");
    }

    @Test
    @DisplayName("[BR1] a second round while one is open or closing is CONFLICT")
    void oneRoundAtATime() {
        people(2);
        f.run("mo", open(2, "random", 600));
        assertThat(f.code("mo", open(2, "random", 600))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(30));
        assertThat(f.code("mo", open(2, "random", 600))).isEqualTo(ErrorCode.CONFLICT);
        f.advance(30);
        f.run("mo", open(2, "random", 600));
        assertThat(f.breakouts(null).status()).isEqualTo("open");
    }

    @Test
    @DisplayName("[BR1] roomCount 1..50, strategy, durationSeconds 1..14400, graceSeconds 0..600, topics, else INVALID")
    void openFieldLimits() {
        String p = people(1).get(0);
        assertThat(f.code("mo", open(0, "random", 600))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(51, "random", 600))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(null, "random", 600, null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, null, 600))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, "mixed", 600))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, "random", 0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, "random", 14401))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", null, null, null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, "random", 600, -1))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", open(2, "random", 600, 601))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, null, List.of("a", "b", "c"), null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, null, List.of("t".repeat(201)), null)))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "random", 600, null, null, Map.of(p, 0))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "selfSelect", 600, null, null, Map.of(p, 0))))
                .isEqualTo(ErrorCode.INVALID);
        // the limits themselves
        f.run("mo", new OpenBreakouts(50, "random", 14400, 600, List.of("t".repeat(200), ""), Map.of()));
        assertThat(f.breakouts(null).rooms()).hasSize(50);
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new OpenBreakouts(1, "random", 1, 0, null, null));
        assertThat(f.breakouts(null).graceSeconds()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // BR2 strategies

    @Test
    @DisplayName("[BR2] random puts every online non-moderator in a room; offline people and moderators stay out")
    void randomAssignsOnlineParticipants() {
        List<String> online = people(5);
        String offline = f.joinOnly("Off", "", null);
        String wentAway = f.participant("Away");
        f.disconnect(wentAway);
        f.moderator("Mia");
        f.run("mo", open(2, "random", 600));
        assertThat(assigned()).containsExactlyInAnyOrderElementsOf(online);
        assertThat(f.roomOf(offline)).isNull();
        assertThat(f.roomOf(wentAway)).isNull();
        assertThat(f.roomOf("mo")).isNull();
        assertThat(f.roomOf("mia")).isNull();
        for (String id : online) {
            assertThat(f.view(id).you().roomId()).isEqualTo(f.roomOf(id)).isNotNull();
        }
    }

    @Test
    @DisplayName("[BR2] manual puts whoever assignments names; the rest stay in the plenary")
    void manual() {
        List<String> p = people(4);
        f.run("mo", new OpenBreakouts(3, "manual", 600, null, null, Map.of(p.get(0), 2, p.get(1), 2, p.get(2), 0)));
        List<String> rooms = f.roomIds();
        assertThat(f.roomOf(p.get(0))).isEqualTo(rooms.get(2));
        assertThat(f.roomOf(p.get(1))).isEqualTo(rooms.get(2));
        assertThat(f.roomOf(p.get(2))).isEqualTo(rooms.get(0));
        assertThat(f.roomOf(p.get(3))).isNull();
        assertThat(sizes()).containsExactly(1, 0, 2);
    }

    @Test
    @DisplayName("[BR2] manual: room index 0..roomCount-1 and no moderators (INVALID), unknown participant NOT_FOUND")
    void manualRejections() {
        List<String> p = people(1);
        assertThat(f.code("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of(p.get(0), 2))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of(p.get(0), -1))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of("mo", 0))))
                .isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of("nobody", 0))))
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("[BR2] selfSelect puts nobody in a room")
    void selfSelectAssignsNobody() {
        people(4);
        f.run("mo", open(2, "selfSelect", 600));
        assertThat(assigned()).isEmpty();
    }

    @Test
    @DisplayName("[BR3] random: room sizes differ by at most one")
    void randomSizes() {
        people(11);
        f.run("mo", open(4, "random", 600));
        assertThat(sizes()).containsExactlyInAnyOrder(3, 3, 3, 2);
    }

    @Test
    @DisplayName("[BR3][BR4] mixOrganisations: sizes within one, and colleagues apart where the numbers allow")
    void mixOrganisationsInMeeting() {
        String[] organisations = {"Gent", "Gent", "Gent", "Brugge", "brugge ", "Brugge", "Leuven", "Leuven", "", ""};
        Map<String, String> organisationOf = new java.util.HashMap<>();
        for (int i = 0; i < organisations.length; i++) {
            String id = f.participant("P" + i, organisations[i]);
            organisationOf.put(id, organisations[i]);
        }
        f.run("mo", open(3, "mixOrganisations", 600));
        assertThat(sizes()).containsExactlyInAnyOrder(4, 3, 3);
        List<List<String>> rooms = f.breakouts(null).rooms().stream().map(MeetingView.RoomView::participantIds).toList();
        assertThat(RoomAssignment.organisationCollisions(rooms, organisationOf)).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // BR5 late joiners

    @Test
    @DisplayName("[BR5] in random and mixOrganisations, late joiners go to the smallest room when they connect")
    void lateJoiners() {
        for (String strategy : new String[] {"random", "mixOrganisations"}) {
            f = withModerator();
            String offline = f.joinOnly("Off", "", null);
            people(5);
            f.run("mo", open(3, strategy, 600));
            assertThat(sizes()).containsExactlyInAnyOrder(2, 2, 1);
            String smallest = f.breakouts(null).rooms().stream().filter(r -> r.participantIds().size() == 1)
                    .findFirst().orElseThrow().roomId();
            Outcome connected = f.connect(offline);
            assertThat(f.roomOf(offline)).as(strategy).isEqualTo(smallest);
            assertThat(connected.resync()).as("[BR17] a fresh snapshot for who changed room").contains(offline);
            String late = f.joinOnly("Late", "Gent", null);
            assertThat(f.roomOf(late)).as("joining alone does not assign: the connection does").isNull();
            f.connect(late);
            assertThat(f.roomOf(late)).isNotNull();
            assertThat(sizes()).containsExactlyInAnyOrder(3, 2, 2);
            f.moderator("Mia");
            assertThat(f.roomOf("mia")).as("moderators are never assigned").isNull();
        }
    }

    @Test
    @DisplayName("[BR5] a tie goes to the first of the smallest rooms; who was in a room this round is not assigned again")
    void lateJoinerTieAndNoReassignment() {
        List<String> p = people(1);
        f.run("mo", open(3, "random", 600));
        String firstEmpty = f.breakouts(null).rooms().stream().filter(r -> r.participantIds().isEmpty()).findFirst()
                .orElseThrow().roomId();
        f.connect(f.joinOnly("Late", "", null));
        assertThat(f.roomOf("late")).isEqualTo(firstEmpty);
        f.run("mo", new MoveToBreakoutRoom(p.get(0), null));
        f.disconnect(p.get(0));
        f.connect(p.get(0));
        assertThat(f.roomOf(p.get(0))).as("moved to the plenary by a moderator: stays there").isNull();
    }

    @Test
    @DisplayName("[BR5] manual and selfSelect do not assign late joiners")
    void noLateAssignmentInManualOrSelfSelect() {
        for (String strategy : new String[] {"manual", "selfSelect"}) {
            f = withModerator();
            people(2);
            f.run("mo", open(2, strategy, 600));
            f.connect(f.joinOnly("Late", "", null));
            assertThat(f.roomOf("late")).as(strategy).isNull();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // BR6, BR7, BR8 moving around

    @Test
    @DisplayName("[BR6] moderators visit any room in any strategy and come back; they are not listed as members")
    void moderatorsVisit() {
        List<String> p = people(2);
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(p.get(0));
        Outcome visit = f.run("mo", new JoinBreakoutRoom(room));
        assertThat(visit.resync()).as("[BR17]").containsExactly("mo");
        assertThat(f.roomOf("mo")).isEqualTo(room);
        assertThat(f.view("mo").you().roomId()).isEqualTo(room);
        assertThat(f.person("mo").roomId()).isEqualTo(room);
        assertThat(f.room(null, room).participantIds()).containsExactly(p.get(0));
        f.run("mo", new JoinBreakoutRoom(null));
        assertThat(f.roomOf("mo")).isNull();
        assertThat(f.run("mo", new JoinBreakoutRoom(null)).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[BR7] in selfSelect participants choose and change rooms; joining one's own room changes nothing")
    void selfSelect() {
        List<String> p = people(2);
        f.run("mo", open(2, "selfSelect", 600));
        List<String> rooms = f.roomIds();
        Outcome joined = f.run(p.get(0), new JoinBreakoutRoom(rooms.get(1)));
        assertThat(joined.resync()).as("[BR17]").containsExactly(p.get(0));
        assertThat(noticeOf(joined, MeetingEvent.ParticipantMoved.class).name()).isEqualTo("participant.updated");
        assertThat(f.room(null, rooms.get(1)).participantIds()).containsExactly(p.get(0));
        f.run(p.get(0), new JoinBreakoutRoom(rooms.get(0)));
        assertThat(f.roomOf(p.get(0))).isEqualTo(rooms.get(0));
        assertThat(f.run(p.get(0), new JoinBreakoutRoom(rooms.get(0))).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[BR7] participants may not choose in other strategies nor go back to the plenary (FORBIDDEN)")
    void joinRejections() {
        List<String> p = people(2);
        assertThat(f.code(p.get(0), new JoinBreakoutRoom("nope"))).as("no round").isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "selfSelect", 600));
        List<String> rooms = f.roomIds();
        f.run(p.get(0), new JoinBreakoutRoom(rooms.get(0)));
        assertThat(f.code(p.get(0), new JoinBreakoutRoom(null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(p.get(0), new JoinBreakoutRoom("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new JoinBreakoutRoom("nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        f.run("mo", new CloseBreakouts(60));
        assertThat(f.code(p.get(1), new JoinBreakoutRoom(rooms.get(1)))).as("closing").isEqualTo(ErrorCode.CONFLICT);
        f.advance(60);
        for (String strategy : new String[] {"random", "mixOrganisations", "manual"}) {
            f.run("mo", open(2, strategy, 600));
            assertThat(f.code(p.get(1), new JoinBreakoutRoom(f.roomIds().get(0)))).as(strategy)
                    .isEqualTo(ErrorCode.FORBIDDEN);
            f.run("mo", new CloseBreakouts(0));
        }
    }

    @Test
    @DisplayName("[BR8] a moderator moves anyone to a room or to the plenary")
    void move() {
        List<String> p = people(2);
        f.run("mo", open(2, "manual", 600));
        List<String> rooms = f.roomIds();
        Outcome moved = f.run("mo", new MoveToBreakoutRoom(p.get(0), rooms.get(1)));
        assertThat(moved.resync()).as("[BR17]").containsExactly(p.get(0));
        assertThat(f.roomOf(p.get(0))).isEqualTo(rooms.get(1));
        f.run("mo", new MoveToBreakoutRoom(p.get(0), rooms.get(0)));
        assertThat(f.room(null, rooms.get(0)).participantIds()).containsExactly(p.get(0));
        f.run("mo", new MoveToBreakoutRoom(p.get(0), null));
        assertThat(f.roomOf(p.get(0))).isNull();
        assertThat(f.run("mo", new MoveToBreakoutRoom(p.get(1), null)).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[BR8] move: unknown participant or room NOT_FOUND, missing participant INVALID, no open round CONFLICT")
    void moveRejections() {
        List<String> p = people(1);
        assertThat(f.code("mo", new MoveToBreakoutRoom(p.get(0), "nope"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "manual", 600));
        assertThat(f.code("mo", new MoveToBreakoutRoom(p.get(0), "nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new MoveToBreakoutRoom("nobody", f.roomIds().get(0)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new MoveToBreakoutRoom(null, f.roomIds().get(0)))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new CloseBreakouts(10));
        assertThat(f.code("mo", new MoveToBreakoutRoom(p.get(0), f.roomIds().get(0)))).isEqualTo(ErrorCode.CONFLICT);
    }

    // ---------------------------------------------------------------------------------------------
    // BR9 broadcast, BR10 extend, BR11 warning, BR12 auto close, BR13 close

    @Test
    @DisplayName("[BR9] a broadcast shows in every room until the next one; it is gone after the close")
    void broadcast() {
        List<String> p = people(2);
        f.run("mo", open(2, "random", 600));
        Outcome outcome = f.run("mo", new BroadcastToBreakouts(" Nog 5 minuten "));
        MeetingView.AnnouncementView shown = new MeetingView.AnnouncementView("Nog 5 minuten", f.now);
        assertThat(f.breakouts(p.get(0)).broadcast()).isEqualTo(shown);
        assertThat(f.breakouts(p.get(1)).broadcast()).isEqualTo(shown);
        assertThat(f.breakouts("mo").broadcast()).isEqualTo(shown);
        Notice notice = noticeOf(outcome, MeetingEvent.BreakoutsBroadcast.class);
        assertThat(notice.name()).isEqualTo("breakouts.broadcast");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("broadcast", shown);
        });
        f.now += 1000;
        f.run("mo", new BroadcastToBreakouts("Nog 1 minuut"));
        assertThat(f.breakouts(p.get(0)).broadcast().text()).isEqualTo("Nog 1 minuut");
        f.run("mo", new CloseBreakouts(30));
        assertThat(f.breakouts(p.get(0)).broadcast().text()).as("still there while closing").isEqualTo("Nog 1 minuut");
        f.advance(30);
        assertThat(f.breakouts(p.get(0)).broadcast()).isNull();
    }

    @Test
    @DisplayName("[BR9] broadcast: text 1..500 else INVALID; without an open round CONFLICT")
    void broadcastRejections() {
        people(1);
        assertThat(f.code("mo", new BroadcastToBreakouts("hallo"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600));
        assertThat(f.code("mo", new BroadcastToBreakouts(""))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new BroadcastToBreakouts(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new BroadcastToBreakouts("b".repeat(501)))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new BroadcastToBreakouts("b".repeat(500)));
        f.run("mo", new CloseBreakouts(30));
        assertThat(f.code("mo", new BroadcastToBreakouts("hallo"))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[BR10] extend moves endsAt later and arms the one-minute warning again")
    void extend() {
        people(2);
        f.run("mo", open(2, "random", 600));
        long endsAt = f.breakouts(null).endsAt();
        f.skip(540);
        assertThat(eventsOf(f.tick(), MeetingEvent.BreakoutsEndingSoon.class)).hasSize(1);
        assertThat(f.breakouts(null).warned()).isTrue();
        Outcome extended = f.run("mo", new ExtendBreakouts(300));
        assertThat(noticeOf(extended, MeetingEvent.BreakoutsExtended.class).name()).isEqualTo("breakouts.extended");
        assertThat(f.breakouts(null).endsAt()).isEqualTo(endsAt + 300_000);
        assertThat(f.breakouts(null).warned()).isFalse();
        assertThat(f.meeting.nextDeadline()).contains(endsAt + 240_000);
        assertThat(f.advance(299).isEmpty()).isTrue();
        assertThat(f.advance(1).events()).containsExactly(new MeetingEvent.BreakoutsEndingSoon(endsAt + 300_000, f.now));
    }

    @Test
    @DisplayName("[BR10] extend: seconds 1..3600 else INVALID; no open round (none, or closing) CONFLICT")
    void extendRejections() {
        people(1);
        assertThat(f.code("mo", new ExtendBreakouts(60))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600));
        assertThat(f.code("mo", new ExtendBreakouts(0))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new ExtendBreakouts(3601))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new ExtendBreakouts(null))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new ExtendBreakouts(3600));
        f.run("mo", new CloseBreakouts(30));
        assertThat(f.code("mo", new ExtendBreakouts(60))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[BR11] rounds longer than two minutes get one warning at endsAt - 60 s, told to everyone")
    void warning() {
        people(2);
        f.run("mo", open(2, "random", 121));
        long endsAt = f.now + 121_000;
        assertThat(f.meeting.nextDeadline()).contains(endsAt - 60_000);
        assertThat(f.advance(60).isEmpty()).isTrue();
        Outcome warned = f.advance(1);
        assertThat(warned.events()).containsExactly(new MeetingEvent.BreakoutsEndingSoon(endsAt, f.now));
        Notice notice = noticeOf(warned, MeetingEvent.BreakoutsEndingSoon.class);
        assertThat(notice.name()).isEqualTo("breakouts.warning");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(data(d)).containsEntry("endsAt", endsAt).containsEntry("secondsLeft", 60);
        });
        assertThat(f.breakouts(null).warned()).isTrue();
        assertThat(f.meeting.nextDeadline()).contains(endsAt);
        assertThat(f.advance(30).isEmpty()).as("once").isTrue();
    }

    @Test
    @DisplayName("[BR11] rounds of two minutes or less get no warning, nor does a round whose end has passed")
    void noWarning() {
        people(2);
        f.run("mo", open(2, "random", 120));
        assertThat(f.meeting.nextDeadline()).contains(f.now + 120_000);
        assertThat(f.advance(60).isEmpty()).isTrue();
        assertThat(f.advance(59).isEmpty()).isTrue();
        assertThat(f.advance(1).events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("BreakoutsClosing");

        f.advance(60);
        f.run("mo", open(2, "random", 600));
        f.skip(600);
        assertThat(f.tick().events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("BreakoutsClosing");
    }

    @Test
    @DisplayName("[BR11] a short round extended past two minutes gets the warning one minute before its new end")
    void warningAfterExtension() {
        people(2);
        f.run("mo", open(2, "random", 60));
        long opened = f.now;
        f.run("mo", new ExtendBreakouts(120));
        long endsAt = opened + 180_000;
        assertThat(f.meeting.nextDeadline()).contains(endsAt - 60_000);
        assertThat(f.advance(119).isEmpty()).isTrue();
        assertThat(f.advance(1).events()).containsExactly(new MeetingEvent.BreakoutsEndingSoon(endsAt, f.now));
    }

    @Test
    @DisplayName("[BR12] at endsAt the round closes by itself with its grace; at closingAt everyone is back")
    void autoClose() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 60, 30));
        String room = f.roomOf(p.get(0));
        f.run("mo", new JoinBreakoutRoom(room));
        long endsAt = f.now + 60_000;
        Outcome closing = f.advance(60);
        assertThat(closing.events()).containsExactly(new MeetingEvent.BreakoutsClosing(endsAt + 30_000, endsAt));
        assertThat(noticeOf(closing, MeetingEvent.BreakoutsClosing.class).name()).isEqualTo("breakouts.closing");
        assertThat(f.breakouts(null).status()).isEqualTo("closing");
        assertThat(f.breakouts(null).closingAt()).isEqualTo(endsAt + 30_000);
        assertThat(f.roomOf(p.get(0))).as("still in the room during the grace").isEqualTo(room);
        assertThat(f.meeting.nextDeadline()).contains(endsAt + 30_000);
        assertThat(f.advance(29).isEmpty()).isTrue();
        Outcome closed = f.advance(1);
        assertThat(closed.events()).containsExactly(new MeetingEvent.BreakoutsClosed(f.now));
        assertThat(noticeOf(closed, MeetingEvent.BreakoutsClosed.class).name()).isEqualTo("breakouts.closed");
        assertThat(f.breakouts(null).status()).isEqualTo("closed");
        assertThat(f.breakouts(null).closingAt()).isNull();
        for (String id : everyone()) {
            assertThat(f.roomOf(id)).isNull();
            assertThat(f.view(id).you().roomId()).isNull();
        }
        assertThat(f.meeting.nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("[BR12][BR13] with graceSeconds 0 the round is back in the plenary at once")
    void graceZero() {
        people(2);
        f.run("mo", open(2, "random", 60, 0));
        Outcome outcome = f.advance(60);
        assertThat(outcome.events()).containsExactly(new MeetingEvent.BreakoutsClosed(f.now));
        assertThat(f.breakouts(null).status()).isEqualTo("closed");
        assertThat(assigned()).as("members as they were at the close").hasSize(2);

        f.run("mo", open(2, "random", 600, 120));
        Outcome closed = f.run("mo", new CloseBreakouts(0));
        assertThat(closed.events()).containsExactly(new MeetingEvent.BreakoutsClosed(f.now));
        assertThat(f.roomOf(f.names.keySet().stream().skip(1).findFirst().orElseThrow())).isNull();
    }

    @Test
    @DisplayName("[BR12][P3] a round whose end passed while the server was down closes at the first tick, grace from then")
    void missedEnd() {
        people(2);
        f.run("mo", open(2, "random", 600, 30));
        f.skip(3600);
        assertThat(f.meeting.nextDeadline().orElseThrow()).isLessThan(f.now);
        Outcome outcome = f.tick();
        assertThat(outcome.events()).containsExactly(new MeetingEvent.BreakoutsClosing(f.now + 30_000, f.now));
        f.skip(3600);
        assertThat(f.tick().events()).containsExactly(new MeetingEvent.BreakoutsClosed(f.now));
    }

    @Test
    @DisplayName("[BR13] close uses the round's grace by default; while closing only a shorter grace is accepted")
    void close() {
        people(2);
        f.run("mo", open(2, "random", 600, 90));
        Outcome closing = f.run("mo", new CloseBreakouts(null));
        assertThat(closing.events()).containsExactly(new MeetingEvent.BreakoutsClosing(f.now + 90_000, f.now));
        f.now += 10_000;
        assertThat(f.code("mo", new CloseBreakouts(null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new CloseBreakouts(80))).as("ends at the same time").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code("mo", new CloseBreakouts(600))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new CloseBreakouts(20));
        assertThat(f.breakouts(null).closingAt()).isEqualTo(f.now + 20_000);
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.breakouts(null).status()).isEqualTo("closed");
        assertThat(f.code("mo", new CloseBreakouts(null))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[BR13] close: graceSeconds 0..600 else INVALID; without a round CONFLICT")
    void closeRejections() {
        people(1);
        assertThat(f.code("mo", new CloseBreakouts(null))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600));
        assertThat(f.code("mo", new CloseBreakouts(-1))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new CloseBreakouts(601))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new CloseBreakouts(600));
    }

    @Test
    @DisplayName("[BR13] after the close rooms keep their members as they were and their insights, until the next round")
    void afterTheClose() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(p.get(0));
        f.run(p.get(0), new AddInsight("inzicht"));
        f.run(p.get(0), new RequestBreakoutHelp());
        Map<String, List<String>> members = f.breakouts(null).rooms().stream()
                .collect(Collectors.toMap(MeetingView.RoomView::roomId, MeetingView.RoomView::participantIds));
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", new RemoveParticipant(p.get(1)));
        f.now += 60_000;
        MeetingView.Breakouts b = f.breakouts(p.get(2));
        assertThat(b.status()).isEqualTo("closed");
        assertThat(b.rooms()).allSatisfy(r -> {
            assertThat(r.participantIds()).isEqualTo(members.get(r.roomId()));
            assertThat(r.helpRequested()).isFalse();
        });
        assertThat(f.room(p.get(2), room).insights()).extracting(MeetingView.InsightView::text).containsExactly("inzicht");
        f.run("mo", open(3, "random", 600));
        assertThat(f.breakouts(null).rooms()).hasSize(3).allSatisfy(r -> assertThat(r.insights()).isEmpty());
        assertThat(f.meeting.rounds()).hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------
    // BR14 help, BR15 insights, BR16 privacy

    @Test
    @DisplayName("[BR14] help is visible to everyone until a moderator joins the room")
    void help() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(p.get(0));
        Outcome outcome = f.run(p.get(0), new RequestBreakoutHelp());
        assertThat(noticeOf(outcome, MeetingEvent.BreakoutHelpRequested.class).name()).isEqualTo("breakouts.helpRequested");
        String elsewhere = p.stream().filter(id -> !room.equals(f.roomOf(id))).findFirst().orElseThrow();
        assertThat(f.room(elsewhere, room).helpRequested()).isTrue();
        assertThat(f.room(null, room).helpRequested()).isTrue();
        assertThat(f.run(p.get(0), new RequestBreakoutHelp()).isEmpty()).as("asking again").isTrue();
        f.run("mo", new MoveToBreakoutRoom(elsewhere, room));
        assertThat(f.room(null, room).helpRequested()).as("a participant is no help").isTrue();
        Outcome joined = f.run("mo", new JoinBreakoutRoom(room));
        assertThat(joined.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ParticipantMoved", "BreakoutHelpAnswered");
        assertThat(f.room(null, room).helpRequested()).isFalse();
    }

    @Test
    @DisplayName("[BR14] help is answered when a moderator is moved into the room; outside a room CONFLICT")
    void helpAnsweredByMove() {
        List<String> p = people(2);
        assertThat(f.code(p.get(0), new RequestBreakoutHelp())).isEqualTo(ErrorCode.CONFLICT);
        f.moderator("Mia");
        f.run("mo", open(2, "manual", 600, null));
        assertThat(f.code(p.get(0), new RequestBreakoutHelp())).as("in the plenary").isEqualTo(ErrorCode.CONFLICT);
        String room = f.roomIds().get(1);
        f.run("mo", new MoveToBreakoutRoom(p.get(0), room));
        f.run(p.get(0), new RequestBreakoutHelp());
        f.run("mo", new MoveToBreakoutRoom("mia", room));
        assertThat(f.room(null, room).helpRequested()).isFalse();
    }

    @Test
    @DisplayName("[BR15] insights: the room's members and moderators see them while the round runs, everyone after")
    void insightVisibility() {
        List<String> p = people(6);
        f.moderator("Mia");
        f.run("mo", open(3, "random", 600));
        String room = f.roomOf(p.get(0));
        List<String> sameRoom = p.stream().filter(id -> room.equals(f.roomOf(id))).toList();
        List<String> otherRooms = p.stream().filter(id -> !room.equals(f.roomOf(id))).toList();
        String plenary = f.participant("Plenair");
        f.run("mo", new MoveToBreakoutRoom(plenary, null));

        f.now += 1000;
        Outcome added = f.run(p.get(0), new AddInsight("  Samen lezen werkt "));
        MeetingView.InsightView insight = f.room(p.get(0), room).insights().get(0);
        assertThat(insight.text()).isEqualTo("Samen lezen werkt");
        assertThat(insight.participantId()).isEqualTo(p.get(0));
        assertThat(insight.at()).isEqualTo(f.now);
        for (String id : sameRoom) {
            assertThat(f.room(id, room).insights()).as("member %s", id).containsExactly(insight);
        }
        assertThat(f.room("mo", room).insights()).containsExactly(insight);
        assertThat(f.room("mia", room).insights()).containsExactly(insight);
        for (String id : otherRooms) {
            assertThat(f.room(id, room).insights()).as("other room %s", id).isEmpty();
        }
        assertThat(f.room(plenary, room).insights()).isEmpty();
        assertThat(f.room(null, room).insights()).isEmpty();

        Notice notice = noticeOf(added, MeetingEvent.InsightAdded.class);
        assertThat(notice.name()).isEqualTo("insight.added");
        List<String> expected = new ArrayList<>(sameRoom);
        expected.addAll(List.of("mo", "mia"));
        assertThat(reached(notice, everyone())).containsExactlyInAnyOrderElementsOf(expected);

        f.run("mo", new CloseBreakouts(30));
        f.run(p.get(0), new AddInsight("ook tijdens het sluiten"));
        assertThat(f.room(otherRooms.get(0), room).insights()).as("still hidden while closing").isEmpty();
        f.advance(30);
        for (String id : everyone()) {
            assertThat(f.room(id, room).insights()).as("closed: %s sees it", id).hasSize(2);
        }
        assertThat(f.room(null, room).insights()).hasSize(2);
    }

    @Test
    @DisplayName("[BR15] while insights are hidden, help, moves and role changes still go to everyone in one delivery, without rooms")
    void insightsInNotices() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(p.get(0));
        Outcome insight = f.run(p.get(0), new AddInsight("geheim inzicht"));
        assertThat(reached(noticeOf(insight, MeetingEvent.InsightAdded.class), everyone()))
                .containsExactlyInAnyOrderElementsOf(everyone().stream()
                        .filter(id -> id.equals("mo") || room.equals(f.roomOf(id))).toList());
        String other = p.stream().filter(id -> !room.equals(f.roomOf(id))).findFirst().orElseThrow();
        List<Outcome> outcomes = List.of(f.run(other, new RequestBreakoutHelp()),
                f.run("mo", new MoveToBreakoutRoom(other, room)), f.run("mo", new PromoteParticipant(p.get(1))),
                f.run("mo", new RemoveParticipant(p.get(2))));
        for (Outcome outcome : outcomes) {
            for (Outcome.Emitted emitted : outcome.emitted()) {
                assertThat(emitted.notice().deliveries()).as("%s", emitted.event()).singleElement()
                        .satisfies(d -> {
                            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
                            assertThat(data(d)).doesNotContainKey("breakouts");
                        });
            }
        }
    }

    @Test
    @DisplayName("[BR15] insight: text 1..1000 else INVALID; outside a room CONFLICT")
    void insightRejections() {
        List<String> p = people(2);
        assertThat(f.code(p.get(0), new AddInsight("x"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(1, "random", 600));
        assertThat(f.code("mo", new AddInsight("x"))).as("moderator in the plenary").isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(p.get(0), new AddInsight(""))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(p.get(0), new AddInsight(null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code(p.get(0), new AddInsight("i".repeat(1001)))).isEqualTo(ErrorCode.INVALID);
        f.run(p.get(0), new AddInsight("i".repeat(1000)));
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.code(p.get(0), new AddInsight("te laat"))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[BR16][C1][C3] a room's chat never reaches a third room: not in snapshots, not in notice audiences")
    void roomChatPrivacy() {
        List<String> p = people(6);
        f.run("mo", new OpenBreakouts(3, "manual", 600, null, null,
                Map.of(p.get(0), 0, p.get(1), 0, p.get(2), 1, p.get(3), 1, p.get(4), 2, p.get(5), 2)));
        List<String> rooms = f.roomIds();
        f.run("mo", new JoinBreakoutRoom(rooms.get(0)));
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(f.run(p.get(0), new SendChatMessage("alleen voor groep 1")));
        outcomes.add(f.run("mo", new SendChatMessage("de moderator in groep 1")));
        outcomes.add(f.run(p.get(2), new SendChatMessage("alleen voor groep 2")));
        List<String> thirdRoom = List.of(p.get(4), p.get(5));
        for (Outcome outcome : outcomes) {
            Notice notice = noticeOf(outcome, MeetingEvent.ChatMessageSent.class);
            assertThat(reached(notice, thirdRoom)).isEmpty();
        }
        assertThat(reached(noticeOf(outcomes.get(0), MeetingEvent.ChatMessageSent.class), everyone()))
                .containsExactlyInAnyOrder("mo", p.get(0), p.get(1));
        assertThat(reached(noticeOf(outcomes.get(2), MeetingEvent.ChatMessageSent.class), everyone()))
                .containsExactlyInAnyOrder(p.get(2), p.get(3));
        for (String id : thirdRoom) {
            assertThat(f.chatTexts(id)).isEmpty();
        }
        assertThat(f.chatTexts(p.get(1))).containsExactly("alleen voor groep 1", "de moderator in groep 1");
        assertThat(f.chatTexts(p.get(3))).containsExactly("alleen voor groep 2");
        // the close tells everyone the plenary chat only
        Outcome closed = f.run("mo", new CloseBreakouts(0));
        Map<?, ?> data = (Map<?, ?>) noticeOf(closed, MeetingEvent.BreakoutsClosed.class).deliveries().get(0).data();
        assertThat((List<?>) data.get("chat")).isEmpty();
        for (String id : everyone()) {
            assertThat(f.chatTexts(id)).isEmpty();
        }
    }

    @Test
    @DisplayName("[BR16] rooms, members, help and everyone's room are visible to everyone")
    void roomsArePublic() {
        List<String> p = people(4);
        f.run("mo", open(2, "random", 600));
        MeetingView.Breakouts forModerator = f.breakouts("mo");
        for (String id : p) {
            MeetingView.Breakouts b = f.breakouts(id);
            assertThat(b.rooms()).extracting(MeetingView.RoomView::participantIds)
                    .isEqualTo(forModerator.rooms().stream().map(MeetingView.RoomView::participantIds).toList());
            assertThat(f.view(id).participants()).extracting(MeetingView.ParticipantView::roomId)
                    .isEqualTo(f.view("mo").participants().stream().map(MeetingView.ParticipantView::roomId).toList());
        }
        assertThat(Arrays.asList(f.roomOf(p.get(0)), f.roomOf(p.get(1)))).doesNotContainNull();
    }
}
