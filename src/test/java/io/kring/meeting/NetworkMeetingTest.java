package io.kring.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.MeetingCommand.JoinMeeting;
import io.kring.meeting.MeetingEvent.MeetingPlannedInNetwork;
import io.kring.meeting.MeetingEvent.ParticipantJoined;

/** A meeting planned in a network (meeting-rules NW-rules), in the domain alone: no server, no database. */
class NetworkMeetingTest {

    private static final long T0 = 1_795_000_000_000L;
    private static final String MODERATOR_KEY = "moderator-key-0123456789abcdef";
    private static final String COORDINATOR_KEY = "coordinator-key-0123456789abcdef";

    private final AtomicInteger counter = new AtomicInteger();
    private final Supplier<String> ids = () -> "id" + counter.incrementAndGet();
    private final List<MeetingEvent> stored = new ArrayList<>();

    private Meeting networkMeeting(Long startsAt, String mode, List<Meeting.AgendaItemPlan> agenda) {
        stored.addAll(Meeting.creationEvents("meeting1", "Netwerkdag", "nl", Credentials.hash(MODERATOR_KEY),
                agenda, T0, ids, CallLinks.none(),
                new Meeting.NetworkPlan("network1", Credentials.hash(COORDINATOR_KEY), startsAt, mode)));
        return Meeting.replay(stored, ids, new Random(1));
    }

    private String join(Meeting meeting, String id, String key, String memberId) {
        Outcome outcome = meeting.handle(null, new JoinMeeting(id, id.toUpperCase(), "Org", key,
                Credentials.hash("t-" + id), null, memberId), T0);
        stored.addAll(outcome.events());
        return id;
    }

    @Test
    @DisplayName("[NW2] a network meeting is created with its network, planned start and mode right after MeetingCreated; online by default")
    void creationNamesTheNetwork() {
        Meeting meeting = networkMeeting(T0 + 86_400_000L, null, List.of());
        assertThat(stored.get(1)).isEqualTo(new MeetingPlannedInNetwork("network1", Credentials.hash(COORDINATOR_KEY),
                T0 + 86_400_000L, "online"));
        assertThat(meeting.networkId()).isEqualTo("network1");
        assertThat(meeting.startsAt()).isEqualTo(T0 + 86_400_000L);
        assertThat(meeting.mode()).isEqualTo("online");

        Meeting alone = Meeting.replay(Meeting.creationEvents("m2", "Los", "nl", "hash", List.of(), T0, ids),
                ids, new Random(1));
        assertThat(alone.networkId()).isNull();
        assertThat(alone.mode()).isNull();
    }

    @Test
    @DisplayName("[NW2] a mode other than online, inPerson or hybrid, or a planned start out of range, is INVALID")
    void modeAndStartAreChecked() {
        for (String mode : List.of("inPerson", "hybrid", "online")) {
            stored.clear();
            assertThat(networkMeeting(null, mode, List.of()).mode()).isEqualTo(mode);
        }
        for (String bad : List.of("offline", "ONLINE", "", "in person")) {
            stored.clear();
            assertThat(catchThrowableOfType(Rejected.class, () -> networkMeeting(null, bad, List.of())).code())
                    .as(bad).isEqualTo(ErrorCode.INVALID);
        }
        for (long bad : List.of(-1L, Meeting.LATEST_START + 1)) {
            stored.clear();
            assertThat(catchThrowableOfType(Rejected.class, () -> networkMeeting(bad, null, List.of())).code())
                    .isEqualTo(ErrorCode.INVALID);
        }
    }

    @Test
    @DisplayName("[NW3] the network's coordinator key joins as moderator, as does the meeting's own key; another key is FORBIDDEN")
    void coordinatorKeyIsAModeratorKey() {
        Meeting meeting = networkMeeting(null, null, List.of());
        join(meeting, "co", COORDINATOR_KEY, "member-co");
        join(meeting, "mo", MODERATOR_KEY, "member-mo");
        join(meeting, "an", null, "member-an");
        assertThat(meeting.isModerator("co")).isTrue();
        assertThat(meeting.isModerator("mo")).isTrue();
        assertThat(meeting.isModerator("an")).isFalse();
        assertThat(catchThrowableOfType(Rejected.class, () -> join(meeting, "x", "not-the-key", "member-x")).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(meeting.isCoordinatorKey(COORDINATOR_KEY)).isTrue();
        assertThat(meeting.isCoordinatorKey(MODERATOR_KEY)).isFalse();
    }

    @Test
    @DisplayName("[NW3] outside a network no coordinator key exists: the meeting's own key is its only moderator key")
    void noCoordinatorOutsideANetwork() {
        Meeting alone = Meeting.replay(Meeting.creationEvents("m2", "Los", "nl", Credentials.hash(MODERATOR_KEY),
                List.of(), T0, ids), ids, new Random(1));
        assertThat(catchThrowableOfType(Rejected.class, () -> join(alone, "co", COORDINATOR_KEY, null)).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(alone.isCoordinatorKey(COORDINATOR_KEY)).isFalse();
    }

    @Test
    @DisplayName("[NW4][NW6] the member id is in the stored join event and on the participant in the snapshot, and survives a replay")
    void memberIdIsStoredAndShown() {
        Meeting meeting = networkMeeting(null, null, List.of());
        join(meeting, "an", null, "member-an");
        ParticipantJoined joined = (ParticipantJoined) stored.get(stored.size() - 1);
        assertThat(joined.memberId()).isEqualTo("member-an");
        assertThat(meeting.viewFor("an", T0).participants()).singleElement()
                .satisfies(p -> assertThat(p.memberId()).isEqualTo("member-an"));
        Meeting replayed = Meeting.replay(stored, ids, new Random(1));
        assertThat(replayed.viewFor("an", T0).participants()).singleElement()
                .satisfies(p -> assertThat(p.memberId()).isEqualTo("member-an"));
    }

    @Test
    @DisplayName("[NW4] outside a network a member id is ignored: nothing of it is stored or shown")
    void memberIdIgnoredOutsideANetwork() {
        Meeting alone = Meeting.replay(Meeting.creationEvents("m2", "Los", "nl", "hash", List.of(), T0, ids), ids,
                new Random(1));
        Outcome outcome = alone.handle(null, new JoinMeeting("an", "An", "", null, "h", null, "member-an"), T0);
        assertThat(((ParticipantJoined) outcome.events().get(0)).memberId()).isNull();
        assertThat(alone.viewFor("an", T0).participants().get(0).memberId()).isNull();
    }

    @Test
    @DisplayName("[NW5] the agenda as a plan: titles, durations, kinds and descriptions in order, which a new meeting accepts")
    void agendaPlanCopies() {
        Meeting meeting = networkMeeting(null, null, List.of(new Meeting.AgendaItemPlan("Welkom", 300, null),
                new Meeting.AgendaItemPlan("Groepswerk", 1200, "breakout", "In groepjes\nvan vier", null),
                new Meeting.AgendaItemPlan("Pauze", 600, "break")));
        List<Meeting.AgendaItemPlan> plan = meeting.agendaPlan();
        assertThat(plan).extracting(Meeting.AgendaItemPlan::title).containsExactly("Welkom", "Groepswerk", "Pauze");
        assertThat(plan).extracting(Meeting.AgendaItemPlan::durationSeconds).containsExactly(300, 1200, 600);
        assertThat(plan).extracting(Meeting.AgendaItemPlan::kind).containsExactly("plenary", "breakout", "break");
        assertThat(plan.get(1).description()).isEqualTo("In groepjes\nvan vier");
        Meeting copy = Meeting.replay(Meeting.creationEvents("m3", "Volgende", "nl", "hash", plan, T0, ids), ids,
                new Random(1));
        assertThat(copy.agendaPlan()).isEqualTo(plan);
    }
}
