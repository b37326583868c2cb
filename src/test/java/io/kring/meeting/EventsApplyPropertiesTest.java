package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kring.meeting.chat.ChatMessage;
import io.kring.testing.SnapshotModel;

/**
 * protocol.md section 2.3, docs/protocol.md section 4: a client that applies every event it is sent, as the
 * "apply" column says, holds what a fresh welcome would give, after every step of any command sequence.
 * Random commands (valid and not) from participants and moderators, and time passing (deadlines), drive one
 * meeting; each outcome's notices are serialized once per delivery as the server does and applied to the copy
 * of each connected viewer in the delivery's audience ({@link SnapshotModel}, the test's client).
 * <p>
 * Presence is gathered as the live layer does (P8), but flushed before any other command is handled: flushed
 * after it (as LiveMeetings.commit does today), a connection followed within 100 ms by {@code meeting.leave}
 * leaves the participant online in memory (the stale PresenceChanged is applied after ParticipantLeft) while
 * everyone was told they are offline, and the stored order (presence first) differs from the applied one.
 */
@DisplayName("Events applied to the last snapshot give a fresh snapshot, for any command sequence")
class EventsApplyPropertiesTest {

    /** As the server's: Quarkus's ObjectMapper writes these records and maps like a plain one (no customizer). */
    static final ObjectMapper JSON = new ObjectMapper();
    /** Every event name of docs/protocol.md section 4, state.snapshot included. */
    static final List<String> EVENT_NAMES = List.of("participant.joined", "participant.updated", "presence.changed",
            "participant.removed", "meeting.updated", "announcement.changed", "agenda.added", "agenda.updated",
            "agenda.removed", "agenda.moved", "agenda.started", "agenda.ended", "agenda.extended", "agenda.overtime",
            "hand.raised", "hand.lowered", "floor.given", "floor.ended", "floor.overtime", "floor.round", "chat.message",
            "chat.deleted", "breakouts.opened", "breakouts.extended", "breakouts.closing", "breakouts.helpRequested",
            "breakouts.helpAnswered", "breakouts.broadcast", "breakouts.warning", "breakouts.closed", "insight.added",
            "room.done", "state.snapshot", "insight.edited", "insight.removed", "question.asked", "question.voted",
            "question.answered", "question.removed", "poll.opened", "poll.voted", "poll.results", "poll.closed",
            "reportback.shown", "reportback.ended");
    /** The only events not sent to everyone in one delivery (docs/protocol.md section 4). */
    private static final Set<String> SPLIT_BY_AUDIENCE = Set.of("chat.message", "chat.deleted", "insight.added",
            "breakouts.closed", "breakouts.opened", "insight.edited", "insight.removed", "question.voted",
            "poll.opened", "poll.voted", "poll.results", "poll.closed");
    /** CALL2, CALL4: links a moderator may set, valid or not. */
    private static final String[] CALL_URLS = {"https://meet.example.org/plenair", null, "javascript:alert(1)",
            "http://meet.example.org/x", "https://zoom.example.com/j/123?pwd=abc"};
    private static final int SEEDS = 120;
    private static final int STEPS = 150;
    private static final String[] HAND_KINDS = {"speak", "reply", "pointOfOrder", null, "shout"};
    private static final String[] STRATEGIES = {"random", "mixOrganisations", "manual", "selfSelect", "bogus"};
    private static final String[] GROUP_METHODS = {"sameAs", "merge", "rotate", "sameAs", "merge", "rotate", "random",
        "mixOrganisations", "selfSelect"};
    private static final String[] ROUND_ORDERS = {"join", "random", "organisation", "bogus"};
    private static final String[] ORGANISATIONS = {"", "Stad", "School", "Zorg"};

    @Test
    @DisplayName("every viewer's applied state equals their fresh snapshot after every step")
    void appliedEventsEqualFreshSnapshots() {
        Set<String> told = new TreeSet<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Run run = new Run(seed);
            run.play(STEPS);
            told.addAll(run.told);
        }
        assertThat(told).as("the sequences reach every event of docs/protocol.md section 4").containsAll(EVENT_NAMES);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One meeting, its people and each connected viewer's copy of the state. */
    static final class Run {
        final int seed;
        final Random random;
        final MeetingFixture f;
        final List<String> people = new ArrayList<>();
        /** The state each connected viewer holds: their welcome with every event they were sent applied. */
        final Map<String, ObjectNode> clients = new LinkedHashMap<>();
        /** Presence gathered by the live layer and told later as one presence.changed (P8). */
        final List<MeetingEvent.PresenceChange> pendingPresence = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        /** The names of the events some connected viewer applied. */
        final Set<String> told = new HashSet<>();
        int chatSent;

        Run(int seed) {
            this.seed = seed;
            this.random = new Random(seed);
            // CALL1: half of the runs on a server with a call base, so rooms have links (split by audience).
            this.f = seed % 2 == 0 ? MeetingFixture.withCalls("https://meet.example.org/", seed)
                    : MeetingFixture.meeting(seed);
        }

        void play(int steps) {
            join("Mo", true);
            connect("mo");
            for (int i = 0; i < 3; i++) {
                String id = join("P" + i, false);
                if (id != null && random.nextBoolean()) {
                    connect(id);
                }
            }
            if (seed % 3 == 0) {
                // Past the 100 messages a snapshot shows, a deletion brings an older one into view (chat.deleted's
                // revealed): a third of the runs start with a long plenary chat.
                for (int i = 0; i < Meeting.CHAT_HISTORY + 5 + random.nextInt(20); i++) {
                    f.now += 250;
                    command("mo", new SendChatMessage("Vooraf " + i));
                }
                compare();
            }
            for (int step = 0; step < steps && !f.meeting.isEnded(); step++) {
                step();
                if (pendingPresence.isEmpty()) {
                    compare();
                }
            }
            flushPresence();
            compare();
        }

        private void step() {
            int dice = random.nextInt(100);
            if (dice < 8) {
                long seconds = random.nextInt(4) == 0 ? 1 + random.nextInt(200) : random.nextInt(30);
                f.now += seconds * 1000L;
                log.add("advance " + seconds + "s");
                flushPresence();
                deliver(f.meeting.tick(f.now), null);
            } else if (dice < 12 && !pendingPresence.isEmpty()) {
                flushPresence();
            } else if (dice < 15 && people.size() < 9) {
                String id = join("N" + people.size(), random.nextInt(5) == 0);
                if (id != null && random.nextBoolean()) {
                    connect(id);
                }
            } else {
                // Half the commands come from the first moderator: most commands are moderators' only, and
                // with device-less people added the others would seldom reach them (agenda.moved among them).
                String actor = random.nextBoolean() ? "mo" : people.get(random.nextInt(people.size()));
                command(actor, randomCommand(actor));
            }
        }

        private String join(String name, boolean moderator) {
            String id = MeetingFixture.idOf(name);
            MeetingCommand join = new JoinMeeting(id, name, ORGANISATIONS[random.nextInt(ORGANISATIONS.length)],
                    moderator ? MeetingFixture.MODERATOR_KEY : null, Credentials.hash(MeetingFixture.tokenOf(id)),
                    new String[] {null, "online", "inRoom"}[random.nextInt(3)]);
            Outcome outcome = handle(null, join);
            if (outcome == null) {
                return null;
            }
            deliver(outcome, null);
            people.add(id);
            return id;
        }

        private void connect(String id) {
            command(id, new ConnectParticipant());
        }

        private MeetingCommand randomCommand(String actor) {
            String someone = people.get(random.nextInt(people.size()));
            int pick = random.nextInt(70);
            return switch (pick) {
                case 0, 1, 2 -> new ConnectParticipant();
                case 3, 4 -> new DisconnectParticipant();
                case 5, 6, 7 -> new RaiseHand(HAND_KINDS[random.nextInt(HAND_KINDS.length)]);
                case 8 -> new LowerHand(random.nextBoolean() ? null : someone);
                case 9 -> new GiveFloor(someone, random.nextBoolean() ? null : 10 + random.nextInt(60));
                case 10 -> new GiveFloorToNext(random.nextBoolean() ? null : 10 + random.nextInt(60));
                case 11 -> new EndFloor();
                case 12 -> new AddAgendaItem("Punt " + random.nextInt(100), 10 + random.nextInt(120),
                        random.nextBoolean() ? null : "breakout",
                        random.nextBoolean() ? null : random.nextInt(f.agenda().size() + 2));
                case 13 -> new UpdateAgendaItem(anItem(), random.nextBoolean() ? "Nieuw" : null,
                        random.nextBoolean() ? 30 + random.nextInt(60) : null, random.nextBoolean() ? "break" : null);
                case 14 -> new MoveAgendaItem(anItem(), random.nextInt(Math.max(1, f.agenda().size() + 1)));
                case 15 -> new RemoveAgendaItem(anItem());
                case 16 -> new StartAgendaItem(anItem());
                case 17 -> new StartNextAgendaItem();
                case 18 -> new ExtendAgendaItem(1 + random.nextInt(120));
                case 19 -> new StopAgendaItem();
                case 20, 21 -> openBreakouts();
                case 22 -> new MoveToBreakoutRoom(someone, aRoom());
                case 23 -> new JoinBreakoutRoom(random.nextBoolean() ? aRoomAskingForHelp() : aRoom());
                case 24 -> new RequestBreakoutHelp();
                case 25 -> new ExtendBreakouts(1 + random.nextInt(120));
                case 26 -> new CloseBreakouts(random.nextBoolean() ? null : random.nextInt(40));
                case 27 -> new BroadcastToBreakouts("Nog even");
                case 28, 29 -> new AddInsight("Inzicht " + random.nextInt(1000));
                case 30, 31 -> new SendChatMessage("Hallo " + chatSent++);
                case 32 -> new DeleteChatMessage(aMessage());
                case 33 -> new PromoteParticipant(someone);
                case 34 -> new DemoteParticipant(someone);
                case 35 -> random.nextBoolean() ? new MuteParticipant(someone) : new UnmuteParticipant(someone);
                case 36 -> new RemoveParticipant(someone);
                case 37 -> new Announce(random.nextBoolean() ? null : "Pauze");
                case 38 -> random.nextBoolean() ? new LockMeeting() : new UnlockMeeting();
                case 39 -> new LeaveMeeting();
                case 40 -> random.nextInt(20) == 0 ? new EndMeeting() : new StartNextAgendaItem();
                case 41 -> roundOfTurns();
                case 42 -> new MarkRoomDone(f.now % 2 == 0);
                case 43 -> new AddParticipant(random.nextInt(8) == 0 ? "" : "Zaal " + random.nextInt(100),
                        ORGANISATIONS[random.nextInt(ORGANISATIONS.length)]);
                case 44, 45 -> new RaiseHand(HAND_KINDS[random.nextInt(HAND_KINDS.length)], anyone());
                case 46 -> new AddInsight("Namens " + random.nextInt(1000), random.nextInt(6) == 0 ? "no-such-room" : aRoom());
                case 47 -> new SetMeetingCall(CALL_URLS[random.nextInt(CALL_URLS.length)]);
                // AP1..AP5: items with a prepared round, edited, cleared, and started (opening their round).
                case 48 -> new AddAgendaItem("Ronde " + random.nextInt(100), 30 + random.nextInt(240), "breakout",
                        random.nextBoolean() ? null : 0, random.nextBoolean() ? null : "Uitleg\nregel 2",
                        random.nextInt(4) == 0 ? null : openBreakouts());
                case 49 -> new UpdateAgendaItem(anItem(), null, null, random.nextInt(5) == 0 ? "plenary" : null,
                        random.nextBoolean() ? "" : "Nieuwe uitleg", switch (random.nextInt(3)) {
                            case 0 -> null;
                            case 1 -> new OpenBreakouts(null, null, null, null, null, null, null);
                            default -> openBreakouts();
                        });
                case 50 -> random.nextBoolean() ? new StartNextAgendaItem() : new StartAgendaItem(anItem());
                // GM1..GM8: rounds by group size, built on earlier rounds, with hosts, attendance apart.
                case 51 -> groupMethodRound();
                // POLL1..POLL3: polls opened, voted on and closed.
                case 52 -> openPoll();
                case 53, 54 -> new VotePoll(aPoll(), random.nextInt(8) == 0 ? List.of(0, 0)
                        : random.nextBoolean() ? List.of(random.nextInt(3)) : List.of(0, 1 + random.nextInt(2)));
                case 55 -> new ClosePoll(aPoll());
                // IN1, QA1..QA6: insights edited and removed, questions asked, voted on, answered and removed.
                case 56 -> new EditInsight(anInsight(), random.nextInt(8) == 0 ? "" : "Beter " + random.nextInt(1000));
                case 57 -> new RemoveInsight(anInsight());
                case 58, 59 -> new AskQuestion("Vraag " + random.nextInt(1000),
                        random.nextBoolean() ? null : random.nextBoolean());
                case 60, 61 -> new UpvoteQuestion(aQuestion(), random.nextInt(3) != 0);
                case 62 -> new AnswerQuestion(aQuestion(), random.nextBoolean());
                case 63 -> new RemoveQuestion(aQuestion());
                // RB1..RB7: report-backs started (sometimes of a round that is not the last, or out of range),
                // moved on and stopped; a new round or the end ends them.
                case 64 -> new StartReportBack(random.nextInt(8) == 0 ? 10 : 30 + random.nextInt(100),
                        random.nextBoolean() ? null : random.nextInt(f.meeting.rounds().size() + 1));
                case 65 -> new NextReportBackRoom();
                case 66 -> new StopReportBack();
                // RC1, RC2: the recap published and withdrawn.
                case 67 -> new PublishRecap();
                case 68 -> new UnpublishRecap();
                // BR14 again: with this many cases a room's call for help was seldom answered before its round ended.
                case 69 -> new JoinBreakoutRoom(aRoomAskingForHelp());
                default -> new RaiseHand(null);
            };
        }

        /**
         * IN1: an insight of the last round (a moderator sees them all), of the earlier round's room reporting back,
         * now and then of any kept round (moderators reach them all, RB11), or an unknown one.
         */
        private String anInsight() {
            MeetingView.Snapshot view = f.meeting.viewFor("mo", f.now);
            List<String> ids = new ArrayList<>(view.breakouts().rooms().stream()
                    .flatMap(r -> r.insights().stream()).map(MeetingView.InsightView::insightId).toList());
            if (view.reportbackRoom() != null) {
                view.reportbackRoom().insights().forEach(i -> ids.add(i.insightId()));
            }
            if (random.nextInt(4) == 0) {
                // an earlier round's, kept though no view shows it now
                f.meeting.rounds().forEach(round -> round.rooms.values()
                        .forEach(room -> room.insights.forEach(i -> ids.add(i.id()))));
            }
            return ids.isEmpty() || random.nextInt(10) == 0 ? "no-such-insight" : ids.get(random.nextInt(ids.size()));
        }

        private String aQuestion() {
            List<MeetingView.QuestionView> questions = f.meeting.viewFor(null, f.now).questions();
            return questions.isEmpty() || random.nextInt(10) == 0 ? "no-such-question"
                    : questions.get(random.nextInt(questions.size())).questionId();
        }

        /** Q11 needs an empty queue and nobody speaking: a moderator first clears it, one command at a time. */
        private MeetingCommand roundOfTurns() {
            MeetingView.Queue queue = f.view(null).queue();
            if (random.nextBoolean() && !queue.hands().isEmpty()) {
                return new LowerHand(queue.hands().get(0).participantId());
            }
            if (random.nextBoolean() && queue.speaker() != null) {
                return new EndFloor();
            }
            return new StartFloorRound(ROUND_ORDERS[random.nextInt(ROUND_ORDERS.length)],
                    random.nextBoolean() ? null : 10 + random.nextInt(60));
        }

        private OpenBreakouts openBreakouts() {
            int rooms = 1 + random.nextInt(3);
            String strategy = STRATEGIES[random.nextInt(STRATEGIES.length)];
            Map<String, Integer> assignments = null;
            if (strategy.equals("manual")) {
                assignments = new HashMap<>();
                for (String id : people) {
                    if (random.nextBoolean()) {
                        assignments.put(id, random.nextInt(rooms));
                    }
                }
            }
            List<String> callUrls = random.nextInt(4) != 0 ? null
                    : List.of("https://call.example.org/kamer-1", "https://call.example.org/kamer-2")
                            .subList(0, 1 + random.nextInt(2));
            return new OpenBreakouts(rooms, strategy, 30 + random.nextInt(240),
                    random.nextBoolean() ? null : random.nextInt(40), null, assignments, callUrls);
        }

        /** GM1-GM8: rounds built on earlier ones, by group size, with hosts and attendance apart; some invalid. */
        private MeetingCommand groupMethodRound() {
            String strategy = GROUP_METHODS[random.nextInt(GROUP_METHODS.length)];
            int sizing = random.nextInt(8);
            Integer roomCount = sizing < 4 || sizing == 7 ? 1 + random.nextInt(4) : null;
            Integer groupSize = sizing >= 4 ? 2 + random.nextInt(3) : null;
            Integer fromRound = random.nextBoolean() ? null : random.nextInt(f.meeting.rounds().size() + 2) - 1;
            Map<String, String> hosts = null;
            if (random.nextBoolean()) {
                hosts = new HashMap<>();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    hosts.put(String.valueOf(random.nextInt(4)), anyone());
                }
            }
            String attendance = new String[] {null, "mixed", "separate", "separate", "apart"}[random.nextInt(5)];
            return new OpenBreakouts(roomCount, strategy, 30 + random.nextInt(240),
                    random.nextBoolean() ? null : random.nextInt(40), null, null, null, groupSize, fromRound, hosts,
                    attendance);
        }

        /** POLL1, POLL2: polls of every kind, valid or not; a dot-vote from the last round's insights. */
        private MeetingCommand openPoll() {
            List<MeetingView.RoomView> rooms = f.meeting.viewFor(null, f.now).breakouts().rooms();
            if (random.nextInt(4) == 0) {
                return new OpenPoll("Stip", null, Math.max(0, f.meeting.rounds().size() - 1), null, null,
                        random.nextBoolean(), random.nextBoolean() ? "live" : null);
            }
            List<String> options = List.of("Ja", "Nee", "Weet niet").subList(0, 1 + random.nextInt(3));
            Boolean multiple = random.nextBoolean() ? null : random.nextBoolean();
            return new OpenPoll(rooms.isEmpty() ? "Vraag" : "Vraag in ronde", options, null, multiple,
                    random.nextBoolean() ? null : 1 + random.nextInt(2), random.nextBoolean() ? null : random.nextBoolean(),
                    new String[] {null, "live", "onClose"}[random.nextInt(3)]);
        }

        private String aPoll() {
            List<MeetingView.PollView> polls = f.meeting.viewFor(null, f.now).polls();
            return polls.isEmpty() || random.nextInt(10) == 0 ? "no-such-poll"
                    : polls.get(random.nextInt(polls.size())).pollId();
        }

        private String anItem() {
            List<MeetingView.AgendaItemView> items = f.agenda();
            return items.isEmpty() || random.nextInt(10) == 0 ? "no-such-item"
                    : items.get(random.nextInt(items.size())).itemId();
        }

        /** Anyone who ever joined, device-less people included (removed ones too: NOT_FOUND). */
        private String anyone() {
            List<String> ids = new ArrayList<>(f.meeting.participantsById().keySet());
            return random.nextInt(10) == 0 ? "nobody" : ids.get(random.nextInt(ids.size()));
        }

        private String aRoom() {
            List<MeetingView.RoomView> rooms = f.meeting.viewFor(null, f.now).breakouts().rooms();
            return rooms.isEmpty() || random.nextInt(5) == 0 ? null : rooms.get(random.nextInt(rooms.size())).roomId();
        }

        /** BR14: a room that asked for help (a moderator joining it answers), or else any room. */
        private String aRoomAskingForHelp() {
            return f.meeting.viewFor(null, f.now).breakouts().rooms().stream().filter(MeetingView.RoomView::helpRequested)
                    .map(MeetingView.RoomView::roomId).findFirst().orElseGet(this::aRoom);
        }

        private String aMessage() {
            List<ChatMessage> messages = f.meeting.chatMessages();
            return messages.isEmpty() ? "no-such-message" : messages.get(random.nextInt(messages.size())).id;
        }

        private void command(String actor, MeetingCommand command) {
            Outcome outcome = handle(actor, command);
            if (outcome != null) {
                deliver(outcome, actor);
                afterwards(actor, command, outcome);
            }
        }

        private Outcome handle(String actor, MeetingCommand command) {
            if (!(command instanceof ConnectParticipant || command instanceof DisconnectParticipant)) {
                // Gathered presence is stored and applied before the next command (see the class comment).
                flushPresence();
            }
            try {
                Outcome outcome = f.meeting.handle(actor, command, f.now);
                log.add(actor + " " + (command instanceof JoinMeeting j ? "join " + j.participantId() : command)
                        + " -> " + outcome.events());
                return outcome;
            } catch (Rejected rejected) {
                log.add(actor + " " + (command instanceof JoinMeeting j ? "join " + j.participantId() : command)
                        + " refused " + rejected.code());
                return null;
            }
        }

        /** What the live layer does with an outcome: presence waits for the next flush, the rest is told now. */
        private void deliver(Outcome outcome, String actor) {
            boolean presenceOnly = outcome.resync().isEmpty() && !outcome.isEmpty() && outcome.events().stream()
                    .allMatch(e -> e instanceof MeetingEvent.ParticipantConnected
                            || e instanceof MeetingEvent.ParticipantDisconnected);
            if (presenceOnly) {
                for (MeetingEvent event : outcome.events()) {
                    pendingPresence.add(event instanceof MeetingEvent.ParticipantConnected c
                            ? new MeetingEvent.PresenceChange(c.participantId(), true, c.at())
                            : new MeetingEvent.PresenceChange(actor, false, f.now));
                }
                return;
            }
            if (!outcome.isEmpty()) {
                flushPresence();
            }
            tell(outcome);
        }

        private void flushPresence() {
            if (pendingPresence.isEmpty()) {
                return;
            }
            Outcome outcome = f.meeting.recordPresence(List.copyOf(pendingPresence));
            pendingPresence.clear();
            log.add("presence -> " + outcome.events());
            tell(outcome);
        }

        /** Each delivery serialized once, applied by every connected viewer in its audience; then the snapshots. */
        private void tell(Outcome outcome) {
            for (Outcome.Emitted emitted : outcome.emitted()) {
                Notice notice = emitted.notice();
                if (notice == null) {
                    continue;
                }
                if (!SPLIT_BY_AUDIENCE.contains(notice.name())) {
                    assertThat(notice.deliveries()).as("%s: the same bytes for everyone", notice.name())
                            .singleElement().extracting(Notice.Delivery::audience).isEqualTo(Audience.EVERYONE);
                }
                for (Notice.Delivery delivery : notice.deliveries()) {
                    String bytes = json(delivery.data());
                    clients.replaceAll((viewer, state) -> {
                        if (!delivery.audience().includes(viewer)) {
                            return state;
                        }
                        told.add(notice.name());
                        return SnapshotModel.apply(state, notice.name(), tree(bytes));
                    });
                }
            }
            for (String participantId : outcome.resync()) {
                if (clients.containsKey(participantId) && f.meeting.isMember(participantId)) {
                    told.add("state.snapshot");
                    clients.put(participantId, fresh(participantId));
                }
            }
            for (MeetingEvent event : outcome.events()) {
                if (event instanceof MeetingEvent.ParticipantRemoved removed) {
                    clients.remove(removed.participantId()); // closed with 4403
                } else if (event instanceof MeetingEvent.MeetingEnded) {
                    clients.clear(); // closed with 4410
                }
            }
        }

        /** The connections as the sequence opened and closed them. */
        private void afterwards(String actor, MeetingCommand command, Outcome outcome) {
            if (command instanceof ConnectParticipant && f.meeting.isMember(actor)) {
                clients.put(actor, fresh(actor)); // a new connection: its welcome
            } else if (command instanceof DisconnectParticipant) {
                clients.remove(actor); // the (last) connection closed
            }
            // Whoever leaves may keep the page open: their connection stays and follows the events (a
            // state.snapshot when leaving took them out of a room).
        }

        private ObjectNode fresh(String viewer) {
            return (ObjectNode) tree(json(f.meeting.viewFor(viewer, f.now)));
        }

        private void compare() {
            clients.forEach((viewer, state) -> assertThat(SnapshotModel.comparable(state))
                    .as("seed %d, viewer %s after:\n%s", seed, viewer, String.join("\n", lastSteps()))
                    .isEqualTo(SnapshotModel.comparable(fresh(viewer))));

        }

        private List<String> lastSteps() {
            return log.subList(Math.max(0, log.size() - 12), log.size());
        }
    }
}
