package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PR: the physical room")
class PhysicalRoomTest {

    private MeetingFixture f = withModerator();

    /** A moderator adds someone without a device; returns their id. */
    private String add(String name, String organisation) {
        Outcome outcome = f.run("mo", new AddParticipant(name, organisation));
        String id = eventsOf(outcome, MeetingEvent.ParticipantJoined.class).get(0).participantId();
        f.names.put(id, name);
        return id;
    }

    private List<String> assigned() {
        return f.breakouts(null).rooms().stream().flatMap(r -> r.participantIds().stream()).toList();
    }

    @Test
    @DisplayName("[PR5] a join says how one takes part: online by default, inRoom, anything else INVALID")
    void attendanceAtJoin() {
        f.run(null, join("an", "An", "", null));
        f.run(null, new JoinMeeting("bo", "Bo", "", null, Credentials.hash("t"), "inRoom"));
        f.run(null, new JoinMeeting("cy", "Cy", "", null, Credentials.hash("t"), "online"));
        f.names.put("an", "An");
        f.names.put("bo", "Bo");
        f.names.put("cy", "Cy");
        assertThat(f.person("an").attendance()).isEqualTo("online");
        assertThat(f.person("bo").attendance()).isEqualTo("inRoom");
        assertThat(f.person("cy").attendance()).isEqualTo("online");
        assertThat(f.person("mo").attendance()).isEqualTo("online");
        for (String bad : List.of("bogus", "INROOM", "", "in room")) {
            assertThat(f.code(null, new JoinMeeting("dy", "Dy", "", null, Credentials.hash("t"), bad)))
                    .as(bad).isEqualTo(ErrorCode.INVALID);
        }
    }

    @Test
    @DisplayName("[PR2] participant.add: a participant inRoom without a token, told as participant.joined")
    void addsSomeoneWithoutDevice() {
        Outcome outcome = f.run("mo", new AddParticipant("  Els  ", " OCMW "));
        MeetingEvent.ParticipantJoined joined = eventsOf(outcome, MeetingEvent.ParticipantJoined.class).get(0);
        assertThat(joined.tokenHash()).as("nobody can connect as them").isNull();
        assertThat(joined.addedBy()).isEqualTo("mo");
        assertThat(noticeOf(outcome, MeetingEvent.ParticipantJoined.class).name()).isEqualTo("participant.joined");
        String els = joined.participantId();
        f.names.put(els, "Els");
        MeetingView.ParticipantView view = f.person(els);
        assertThat(view.name()).isEqualTo("Els");
        assertThat(view.organisation()).isEqualTo("OCMW");
        assertThat(view.role()).isEqualTo("participant");
        assertThat(view.attendance()).isEqualTo("inRoom");
        assertThat(view.online()).isFalse();
        assertThat(f.meeting.authenticate(els, null)).isEmpty();
        assertThat(f.meeting.authenticate(els, "")).isEmpty();
    }

    @Test
    @DisplayName("[PR2] participant.add is for moderators, with the name and organisation rules of a join")
    void addRules() {
        String an = f.participant("An");
        assertThat(f.code(an, new AddParticipant("Els", null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new AddParticipant("", null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddParticipant("   ", null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddParticipant(null, null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddParticipant("e".repeat(61), null))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddParticipant("Els", "o".repeat(81)))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.code("mo", new AddParticipant("Els\nJan", null))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new LockMeeting());
        add("Els", null);
        assertThat(f.view("mo").participants()).hasSize(3);
    }

    @Test
    @DisplayName("[PR2][L1] participant.add counts against the 2,000 participants of a join")
    void addQuota() {
        for (int i = 1; i < Limits.PARTICIPANTS; i++) {
            f.joinOnly("p" + i, "", null);
        }
        assertThat(f.code("mo", new AddParticipant("Eentje te veel", null))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", new RemoveParticipant("p1"));
        add("Past weer", null);
        assertThat(f.meeting.participantCount()).isEqualTo(Limits.PARTICIPANTS);
        assertThat(f.code(null, join("late", "Late", "", null))).as("and a join after it").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("[PR1] present: online, or added without a device until removed; a device inRoom counts while online")
    void present() {
        String els = add("Els", null);
        String an = f.participant("An");
        f.run(null, new JoinMeeting("bo", "Bo", "", null, Credentials.hash("t"), "inRoom"));
        f.names.put("bo", "Bo");
        f.joinOnly("Cy", "", null);
        Meeting m = f.meeting;
        assertThat(m.participantsById().get(els).isPresent()).isTrue();
        assertThat(m.participantsById().get(an).isPresent()).isTrue();
        assertThat(m.participantsById().get("bo").isPresent()).as("inRoom with a device, not connected").isFalse();
        assertThat(m.participantsById().get("cy").isPresent()).isFalse();
        f.connect("bo");
        assertThat(m.participantsById().get("bo").isPresent()).isTrue();
        f.disconnect(an);
        assertThat(m.participantsById().get(an).isPresent()).isFalse();
        f.run("mo", new RemoveParticipant(els));
        assertThat(m.participantsById().get(els).isPresent()).isFalse();
    }

    @Test
    @DisplayName("[PR1][BR2] random and mixOrganisations assign the present: device-less people get a room, offline ones not")
    void strategiesUsePresent() {
        String els = add("Els", "OCMW");
        String jan = add("Jan", "School");
        String an = f.participant("An", "OCMW");
        f.joinOnly("Cy", "School", null);
        f.run("mo", open(2, "random", 600));
        assertThat(assigned()).containsExactlyInAnyOrder(els, jan, an);
        f.run("mo", new CloseBreakouts(0));
        f.run("mo", open(2, "mixOrganisations", 600));
        assertThat(assigned()).containsExactlyInAnyOrder(els, jan, an);
    }

    @Test
    @DisplayName("[PR1] the present survive a restart: replay keeps device-less people present")
    void presentAfterReplay() {
        String els = add("Els", null);
        Meeting replayed = Meeting.replay(f.events, f.ids, f.random);
        assertThat(replayed.participantsById().get(els).isPresent()).isTrue();
        assertThat(replayed.participantsById().get(els).attendance.wireName()).isEqualTo("inRoom");
    }

    @Test
    @DisplayName("[PR2][BR5] added during a round, someone without a device goes to the smallest room")
    void addedDuringRound() {
        f.participant("An");
        f.participant("Bo");
        f.participant("Cy");
        f.run("mo", open(2, "random", 600));
        String els = add("Els", null);
        assertThat(f.roomOf(els)).isNotNull();
        assertThat(f.breakouts(null).rooms()).allSatisfy(r -> assertThat(r.participantIds()).hasSize(2));
    }

    @Test
    @DisplayName("[PR3] hand.raise onBehalfOf: a moderator raises anyone's hand with the kind given")
    void raiseOnBehalf() {
        String els = add("Els", null);
        String an = f.participant("An");
        Outcome outcome = f.run("mo", new RaiseHand("reply", els));
        assertThat(noticeOf(outcome, MeetingEvent.HandRaised.class).name()).isEqualTo("hand.raised");
        assertThat(f.hands()).extracting(MeetingView.HandView::participantId).containsExactly(els);
        assertThat(f.hands().get(0).kind()).isEqualTo("reply");
        f.run("mo", new RaiseHand(null, an));
        assertThat(f.queueOrder()).containsExactly(els, an);
        assertThat(f.hands().get(1).kind()).isEqualTo("speak");
        assertThat(f.run("mo", new RaiseHand("reply", els)).isEmpty()).as("same kind: nothing happens").isTrue();
        f.run("mo", new LowerHand(els));
        assertThat(f.queueOrder()).containsExactly(an);
        f.run("mo", new GiveFloorToNext(null));
        assertThat(f.speaker().participantId()).isEqualTo(an);
    }

    @Test
    @DisplayName("[PR3] onBehalfOf: a participant gets FORBIDDEN, an unknown or removed id NOT_FOUND, a bad kind INVALID")
    void raiseOnBehalfRules() {
        String els = add("Els", null);
        String an = f.participant("An");
        assertThat(f.code(an, new RaiseHand(null, els))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code(an, new RaiseHand(null, an))).as("even for oneself").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new RaiseHand(null, "nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new RaiseHand("shout", els))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new RemoveParticipant(els));
        assertThat(f.code("mo", new RaiseHand(null, els))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("[PR4] insight.add with roomId: a moderator adds to any room of the open round, as themselves")
    void insightOnBehalf() {
        String els = add("Els", null);
        String an = f.participant("An");
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(els);
        Outcome outcome = f.run("mo", new AddInsight("Samen lezen werkt", room));
        MeetingEvent.InsightAdded added = eventsOf(outcome, MeetingEvent.InsightAdded.class).get(0);
        assertThat(added.roomId()).isEqualTo(room);
        assertThat(added.participantId()).isEqualTo("mo");
        assertThat(f.room("mo", room).insights()).extracting(MeetingView.InsightView::text)
                .containsExactly("Samen lezen werkt");
        assertThat(f.roomOf("mo")).as("the moderator stays where they are").isNull();
        String other = f.roomIds().stream().filter(r -> !r.equals(room)).findFirst().orElseThrow();
        f.run("mo", new AddInsight("Ook hier", other));
        assertThat(f.room("mo", other).insights()).hasSize(1);
        assertThat(f.roomOf(an)).isNotNull();
    }

    @Test
    @DisplayName("[PR4] insight.add with roomId: FORBIDDEN for participants, NOT_FOUND unknown room, CONFLICT without a round")
    void insightOnBehalfRules() {
        String an = f.participant("An");
        f.participant("Bo");
        assertThat(f.code("mo", new AddInsight("x", "room?"))).isEqualTo(ErrorCode.CONFLICT);
        f.run("mo", open(2, "random", 600));
        String room = f.roomOf(an);
        assertThat(f.code(an, new AddInsight("x", room))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.code("mo", new AddInsight("x", "no-such-room"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code("mo", new AddInsight("", room))).isEqualTo(ErrorCode.INVALID);
        f.run("mo", new CloseBreakouts(0));
        assertThat(f.code("mo", new AddInsight("te laat", room))).isEqualTo(ErrorCode.CONFLICT);
    }
}
