package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * protocol.md section 2, point 7: an event's size does not grow with the participants, hands, agenda items,
 * rooms, insights or messages. The same changes, made in a meeting of 10 and in one of 300 (with as many hands,
 * many items, rooms, insights and messages), give events of exactly the same sizes: every id has the same width,
 * every time is the same. Only the open and the close of a round, and state.snapshot, carry whole sections.
 */
@DisplayName("Events carry the change: their size does not grow with the meeting")
class EventSizeTest {

    private static final long T0 = 1_795_000_000_000L;
    private static final int BOUND_BYTES = 400;
    private static final Set<String> WHOLE_SECTIONS = Set.of("breakouts.opened", "breakouts.closed");

    @Test
    @DisplayName("every per-change event is under 400 bytes, and of the same size with N = 10 and N = 300")
    void sizeIndependentOfTheMeeting() {
        List<Sized> small = changesIn(10);
        List<Sized> large = changesIn(300);
        assertThat(large).as("the same changes give events of the same sizes").isEqualTo(small);
        for (Sized event : large) {
            assertThat(event.bytes()).as("%s", event.name()).isLessThanOrEqualTo(BOUND_BYTES);
        }
        Set<String> names = new TreeSet<>(EventsApplyPropertiesTest.EVENT_NAMES);
        names.removeAll(WHOLE_SECTIONS);
        names.remove("state.snapshot");
        names.remove("floor.round"); // Q11: one id per person in the round, the change itself (FloorRoundTest)
        assertThat(large.stream().map(Sized::name).toList()).as("every per-change event is measured")
                .containsAll(names);
    }

    private record Sized(String name, int bytes) {
    }

    /** A meeting of {@code n} participants, all with a hand up, in rooms with insights; then one of each change. */
    private static List<Sized> changesIn(int n) {
        Scenario s = new Scenario(n);
        String mo = s.join("M0000", true);
        List<String> people = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            people.add(s.join(String.format("P%04d", i), false));
        }
        for (String id : people) {
            s.run(id, new RaiseHand(null));
        }
        for (int i = 0; i < 100; i++) {
            s.run(people.get(i % people.size()), new SendChatMessage("Bericht " + (1000 + i)));
            s.now += 250;
        }
        s.run(mo, new OpenBreakouts(Math.max(2, n / 6), "random", 600, 30, null, null));
        for (String id : people) {
            s.run(id, new AddInsight("Inzicht van " + id));
        }
        String p1 = people.get(0);
        String p2 = people.get(1);
        String p3 = people.get(2);
        String roomOfP1 = s.meeting.participantsById().get(p1).roomId;
        String elsewhereForP2 = s.meeting.activeRound().rooms.keySet().stream()
                .filter(r -> !r.equals(s.meeting.participantsById().get(p2).roomId)).findFirst().orElseThrow();

        s.measuring = true;
        s.run(p1, new RaiseHand("pointOfOrder"));
        s.run(mo, new LowerHand(p2));
        s.run(mo, new GiveFloor(p3, 60));
        s.advance(60_000);
        s.run(mo, new EndFloor());
        s.run(mo, new AddAgendaItem("Nieuw punt", 60, null, 0));
        String added = s.meeting.agendaItems().get(0).id;
        s.run(mo, new UpdateAgendaItem(s.meeting.agendaItems().get(1).id, "Ander punt", 120, null));
        s.run(mo, new MoveAgendaItem(added, 1));
        s.run(mo, new StartAgendaItem(added));
        s.run(mo, new ExtendAgendaItem(30));
        s.advance(90_000);
        s.run(mo, new StopAgendaItem());
        s.run(mo, new AddAgendaItem("Weg ermee", 60, null, 0));
        s.run(mo, new RemoveAgendaItem(s.meeting.agendaItems().get(0).id));
        s.run(mo, new MuteParticipant(p1));
        s.run(p1, new RequestBreakoutHelp());
        s.run(p1, new MarkRoomDone(true));
        s.run(mo, new JoinBreakoutRoom(roomOfP1));
        s.run(mo, new MoveToBreakoutRoom(p2, elsewhereForP2));
        s.run(mo, new ExtendBreakouts(60));
        s.run(mo, new BroadcastToBreakouts("Nog tien minuten"));
        s.run(p3, new AddInsight("Nog een inzicht"));
        String p3Insight = s.meeting.activeRound().rooms.get(s.meeting.participantsById().get(p3).roomId).insights
                .stream().filter(i -> i.text().equals("Nog een inzicht")).findFirst().orElseThrow().id();
        s.run(p3, new EditInsight(p3Insight, "Nog een beter inzicht"));
        s.run(mo, new RemoveInsight(p3Insight));
        s.run(p1, new AskQuestion("Wie begint er?", true));
        String question = s.meeting.questions().get(0).id;
        s.run(p2, new UpvoteQuestion(question, true));
        s.run(mo, new AnswerQuestion(question, true));
        s.run(mo, new RemoveQuestion(question));
        s.run(mo, new SendChatMessage("In de kamer"));
        s.run(mo, new DeleteChatMessage(s.meeting.chatOf(roomOfP1).peekLast().id));
        s.run(mo, new PromoteParticipant(people.get(3)));
        s.run(mo, new RemoveParticipant(people.get(4)));
        s.join("Q0001", false);
        s.run(people.get(5), new DisconnectParticipant());
        s.tell(s.meeting.recordPresence(List.of(new MeetingEvent.PresenceChange(people.get(5), false, s.now))));
        s.run(mo, new Announce("Pauze tot elf uur"));
        s.run(mo, new LockMeeting());
        // POLL7: a vote's own event, the results (with who chose what for the moderators) and the close
        s.run(mo, new OpenPoll("Koffie?", List.of("ja", "nee"), null, null, null, false, "live"));
        String poll = s.meeting.pollsFor(null).get(0).pollId();
        s.run(p1, new VotePoll(poll, List.of(0)));
        s.run(p3, new VotePoll(poll, List.of(1)));
        s.advance(250);
        s.run(mo, new ClosePoll(poll));
        // RC3: publishing and withdrawing the recap tell the meeting's few fields
        s.run(mo, new PublishRecap());
        s.run(mo, new UnpublishRecap());
        s.advance(s.meeting.activeRound().endsAt - 60_000 - s.now);
        s.run(mo, new CloseBreakouts(30));
        s.run(p1, new LeaveMeeting());
        return s.sized;
    }

    /** One meeting with ids of one width and a fixed clock, measuring what it tells once {@link #measuring}. */
    private static final class Scenario {
        long now = T0;
        int counter;
        final Supplier<String> ids = () -> String.format("id%06d", ++counter);
        final Meeting meeting;
        final List<Sized> sized = new ArrayList<>();
        boolean measuring;

        Scenario(int n) {
            List<Meeting.AgendaItemPlan> agenda = new ArrayList<>();
            for (int i = 0; i < Math.min(n, 150); i++) {
                agenda.add(new Meeting.AgendaItemPlan("Punt " + (100 + i), 600, null));
            }
            meeting = Meeting.create("meeting1", "Lerend netwerk", "nl",
                    Credentials.hash(MeetingFixture.MODERATOR_KEY), agenda, now, ids, new Random(1));
        }

        String join(String name, boolean moderator) {
            String id = MeetingFixture.idOf(name);
            run(null, MeetingFixture.join(id, name, "Org", moderator ? MeetingFixture.MODERATOR_KEY : null));
            run(id, new ConnectParticipant());
            return id;
        }

        void run(String actor, MeetingCommand command) {
            tell(meeting.handle(actor, command, now));
        }

        void advance(long millis) {
            now += millis;
            tell(meeting.tick(now));
        }

        void tell(Outcome outcome) {
            for (Outcome.Emitted emitted : outcome.emitted()) {
                if (!measuring || emitted.notice() == null || WHOLE_SECTIONS.contains(emitted.notice().name())) {
                    continue;
                }
                for (Notice.Delivery delivery : emitted.notice().deliveries()) {
                    Map<String, Object> frame = new LinkedHashMap<>();
                    frame.put("type", "event");
                    frame.put("seq", 1_000_000);
                    frame.put("name", emitted.notice().name());
                    frame.put("data", delivery.data());
                    sized.add(new Sized(emitted.notice().name(),
                            EventsApplyPropertiesTest.json(frame).getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
                }
            }
        }
    }
}
