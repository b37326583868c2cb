package io.kring.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.MeetingCommand.CloseBreakouts;
import io.kring.meeting.MeetingCommand.ConnectParticipant;
import io.kring.meeting.MeetingCommand.JoinMeeting;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingCommand.StartAgendaItem;
import io.kring.meeting.MeetingCommand.StartNextAgendaItem;
import io.kring.meeting.MeetingCommand.SendChatMessage;
import io.kring.meeting.MeetingEvent.BreakoutsOpened;
import io.kring.meeting.breakout.NetworkMemory;

/** NWM1, NWM2 through the meeting: two meetings of one network, in the domain alone. */
class NetworkMixingMeetingTest {

    private static final long T0 = 1_795_000_000_000L;
    private static final String COORDINATOR_KEY = "coordinator-key-0123456789abcdef";
    private static final int MEMBERS = 8;

    private final AtomicInteger counter = new AtomicInteger();
    private final Supplier<String> ids = () -> "id" + counter.incrementAndGet();

    /** A network meeting with its coordinator and the members m0..m7 present; events go to {@code stored}. */
    private Meeting meeting(String meetingId, List<MeetingEvent> stored, long seed) {
        stored.addAll(Meeting.creationEvents(meetingId, "Netwerkdag", "nl", Credentials.hash("key-" + meetingId),
                List.of(), T0, ids, CallLinks.none(),
                new Meeting.NetworkPlan("network1", Credentials.hash(COORDINATOR_KEY), null, null)));
        Meeting meeting = Meeting.replay(stored, ids, new Random(seed));
        handle(meeting, stored, null, new JoinMeeting(meetingId + "-coordinator", "Coordinator", "", COORDINATOR_KEY,
                Credentials.hash("t"), null, "coordinator"));
        handle(meeting, stored, meetingId + "-coordinator", new ConnectParticipant());
        for (int i = 0; i < MEMBERS; i++) {
            String id = meetingId + "-p" + i;
            handle(meeting, stored, null, new JoinMeeting(id, "P" + i, "", null, Credentials.hash("t" + i), null,
                    "m" + i));
            handle(meeting, stored, id, new ConnectParticipant());
        }
        return meeting;
    }

    private static Outcome handle(Meeting meeting, List<MeetingEvent> stored, String actor, MeetingCommand command) {
        Outcome outcome = meeting.handle(actor, command, T0 + stored.size());
        stored.addAll(outcome.events());
        return outcome;
    }

    /** A round's rooms, as member ids ("m3"), from its {@code breakouts.opened}. */
    private static List<Set<String>> roomsOf(Outcome outcome) {
        BreakoutsOpened opened = outcome.events().stream().filter(BreakoutsOpened.class::isInstance)
                .map(BreakoutsOpened.class::cast).findFirst().orElseThrow();
        Map<String, Set<String>> rooms = new HashMap<>();
        opened.assignments().forEach((participant, room) -> rooms.computeIfAbsent(room, r -> new HashSet<>())
                .add("m" + participant.substring(participant.lastIndexOf('p') + 1)));
        return new ArrayList<>(rooms.values());
    }

    private static OpenBreakouts mix(int roomCount) {
        return new OpenBreakouts(roomCount, "mixOrganisations", 600, 0, null, null, null);
    }

    @Test
    @DisplayName("[NWM1] a network meeting's closed rounds give their rooms by member, most recent round first")
    void sharedRoomsByMember() {
        List<MeetingEvent> stored = new ArrayList<>();
        Meeting first = meeting("a", stored, 1);
        List<Set<String>> round1 = roomsOf(handle(first, stored, "a-coordinator", mix(4)));
        assertThat(SharedRooms.ofMembers(stored, T0 + 10_000)).as("a running round is not settled yet").isEmpty();
        handle(first, stored, "a-coordinator", new CloseBreakouts(0));
        List<Set<String>> round2 = roomsOf(handle(first, stored, "a-coordinator", mix(2)));
        handle(first, stored, "a-coordinator", new CloseBreakouts(0));
        List<Set<String>> shared = SharedRooms.ofMembers(stored, T0 + 10_000).stream().map(Set::copyOf).toList();
        assertThat(shared).hasSize(6);
        assertThat(shared.subList(0, 2)).containsExactlyInAnyOrderElementsOf(round2);
        assertThat(shared.subList(2, 6)).containsExactlyInAnyOrderElementsOf(round1);
        // a meeting on its own (nobody is a member) gives nothing
        List<MeetingEvent> alone = new ArrayList<>(Meeting.creationEvents("b", "Los", "nl", "hash", List.of(), T0, ids));
        assertThat(SharedRooms.ofMembers(alone, T0)).isEmpty();
    }

    @Test
    @DisplayName("[NWM2] the second meeting's mixOrganisations round puts nobody with someone they met in the first"
            + " (8 members in rooms of two: avoidable), whatever the seed; without the memory it does repeat")
    void secondMeetingAvoidsTheFirstsPairs() {
        int repeatsWithout = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<MeetingEvent> firstEvents = new ArrayList<>();
            Meeting first = meeting("a", firstEvents, seed);
            handle(first, firstEvents, "a-coordinator", mix(4));
            handle(first, firstEvents, "a-coordinator", new CloseBreakouts(0));
            NetworkMemory.Builder builder = NetworkMemory.builder();
            SharedRooms.ofMembers(firstEvents, T0 + 10_000).forEach(builder::addRoom);
            NetworkMemory memory = builder.build();
            assertThat(memory.pairCount()).isEqualTo(4);

            List<MeetingEvent> secondEvents = new ArrayList<>();
            Meeting second = meeting("b", secondEvents, seed * 7);
            second.rememberNetwork(memory);
            for (Set<String> room : roomsOf(handle(second, secondEvents, "b-coordinator", mix(4)))) {
                List<String> pair = List.copyOf(room);
                assertThat(memory.met(pair.get(0), pair.get(1))).as("seed %d: %s met in the first meeting", seed, room)
                        .isFalse();
            }

            List<MeetingEvent> controlEvents = new ArrayList<>();
            Meeting control = meeting("c", controlEvents, seed * 7);
            for (Set<String> room : roomsOf(handle(control, controlEvents, "c-coordinator", mix(4)))) {
                List<String> pair = List.copyOf(room);
                repeatsWithout += memory.met(pair.get(0), pair.get(1)) ? 1 : 0;
            }
        }
        assertThat(repeatsWithout).as("without the memory, pairs of the first meeting meet again").isPositive();
    }

    @Test
    @DisplayName("[NWM1] only breakout.open and starting an agenda item (a prepared round) may open a round")
    void commandsThatMayOpenARound() {
        assertThat(Meeting.mayOpenRound(mix(2))).isTrue();
        assertThat(Meeting.mayOpenRound(new StartAgendaItem("item"))).isTrue();
        assertThat(Meeting.mayOpenRound(new StartNextAgendaItem())).isTrue();
        assertThat(Meeting.mayOpenRound(new SendChatMessage("hoi"))).isFalse();
        assertThat(Meeting.mayOpenRound(new CloseBreakouts(0))).isFalse();
    }
}
