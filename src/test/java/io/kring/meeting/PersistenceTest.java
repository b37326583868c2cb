package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.breakout.BreakoutRound;

@DisplayName("P: persistence, replay, deadlines")
class PersistenceTest {

    /** The event names of docs/protocol.md section 4 (state.snapshot is the transport's). */
    private static final Set<String> DOCUMENTED_NAMES = Set.copyOf(EventsApplyPropertiesTest.EVENT_NAMES);

    /** The snapshot as it would be after a restart: everyone offline (P2). */
    private static MeetingView.Snapshot offline(MeetingView.Snapshot s) {
        List<MeetingView.ParticipantView> participants = s.participants().stream()
                .map(p -> new MeetingView.ParticipantView(p.participantId(), p.name(), p.organisation(), p.role(), false,
                        p.roomId(), p.mutedInChat(), p.joinedAt(), p.attendance()))
                .toList();
        return new MeetingView.Snapshot(s.meeting(), s.you(), participants, s.agenda(), s.queue(), s.breakouts(),
                s.chat(), s.announcement(), s.reportback(), s.reportbackRoom(), s.questions(), s.polls(), s.serverTime());
    }

    private static void assertReplayMatches(MeetingFixture f) {
        Meeting replayed = f.replayed();
        List<String> viewers = new ArrayList<>(f.names.keySet());
        viewers.add(null);
        for (String viewer : viewers) {
            assertThat(replayed.viewFor(viewer, f.now)).as("replayed snapshot of %s", viewer)
                    .isEqualTo(offline(f.meeting.viewFor(viewer, f.now)));
        }
        assertThat(replayed.nextDeadline()).isEqualTo(f.meeting.nextDeadline());
        assertThat(replayed.id()).isEqualTo(f.meeting.id());
        assertThat(replayed.participantCount()).isEqualTo(f.meeting.participantCount());
        assertThat(replayed.turns()).hasSameSizeAs(f.meeting.turns());
        assertThat(replayed.announcements()).isEqualTo(f.meeting.announcements());
        assertThat(replayed.rounds()).hasSameSizeAs(f.meeting.rounds());
    }

    /** A scripted meeting that causes every kind of event. */
    private static MeetingFixture scriptedMeeting() {
        MeetingFixture f = meeting(List.of(new Meeting.AgendaItemPlan("Welkom", 300, null),
                new Meeting.AgendaItemPlan("Groepswerk", 1200, "breakout")));
        f.moderator("Mo");
        String an = f.participant("An", "Gent");
        String bo = f.participant("Bo", "Gent");
        String cy = f.participant("Cy", "Brugge");
        String di = f.participant("Di", "Brugge");
        String ed = f.participant("Ed", "");
        String off = f.joinOnly("Off", "Leuven", null);
        f.run("mo", new AddAgendaItem("Pauze", 600, "break", 1));
        f.run("mo", new AddAgendaItem("Weg ermee", 60, null, null));
        f.run("mo", new RemoveAgendaItem(f.itemId("Weg ermee")));
        f.run("mo", new UpdateAgendaItem(f.itemId("Pauze"), "Koffie", 900, null));
        f.run("mo", new MoveAgendaItem(f.itemId("Koffie"), 2));
        f.run("mo", new StartNextAgendaItem());
        f.advance(301);
        f.run("mo", new ExtendAgendaItem(60));
        f.run(an, new RaiseHand(null));
        f.run(bo, new RaiseHand("reply"));
        f.run(cy, new RaiseHand("pointOfOrder"));
        f.run(an, new RaiseHand("reply"));
        f.run(cy, new LowerHand(null));
        f.run("mo", new GiveFloorToNext(30));
        f.advance(31);
        f.run("mo", new GiveFloor(bo, null));
        f.run(bo, new EndFloor());
        f.run("mo", new StartFloorRound("random", 60)); // Q11: the drawn order replays (P1)
        while (!f.hands().isEmpty()) {
            f.run("mo", new GiveFloorToNext(null));
        }
        f.run("mo", new EndFloor());
        f.run(an, new SendChatMessage("Goeiemorgen"));
        f.run(bo, new SendChatMessage("Oeps"));
        f.run("mo", new DeleteChatMessage(f.view(bo).chat().get(1).messageId()));
        f.run(an, new AskQuestion("Wie leest mee?", false)); // QA1..QA6: questions replay
        f.run(bo, new AskQuestion("Anoniem gevraagd", true));
        f.run(cy, new UpvoteQuestion(f.view(cy).questions().get(1).questionId(), true));
        f.run(an, new UpvoteQuestion(f.view(an).questions().get(0).questionId(), true));
        f.run(an, new UpvoteQuestion(f.view(an).questions().get(0).questionId(), false));
        f.run("mo", new AnswerQuestion(f.view("mo").questions().get(0).questionId(), true));
        f.run(bo, new AskQuestion("Weg ermee", true));
        f.run(bo, new RemoveQuestion(f.view(bo).questions().get(2).questionId()));
        f.run("mo", new MuteParticipant(ed));
        f.run("mo", new UnmuteParticipant(ed));
        f.run("mo", new PromoteParticipant(ed));
        f.run("mo", new DemoteParticipant(ed));
        f.run("mo", new LockMeeting());
        f.run("mo", new UnlockMeeting());
        f.run("mo", new Announce("Pauze om 11u"));
        f.run("mo", new SetMeetingCall("https://meet.example.org/plenair"));
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new OpenBreakouts(2, "mixOrganisations", 600, 30, List.of("Lezen"), null,
                List.of("https://meet.example.org/lezen")));
        f.connect(off);
        f.run(an, new SendChatMessage("in de groep"));
        f.run(an, new AddInsight("Samen lezen werkt"));
        f.run(an, new AddInsight("Samen lezne"));
        f.run(an, new EditInsight(f.insightIds(an).get(1), "Samen lezen helpt")); // IN1, IN2: edits replay
        f.run("mo", new RemoveInsight(f.insightIds(an).get(0)));
        f.run(an, new RequestBreakoutHelp());
        f.run(an, new MarkRoomDone(true));
        f.run("mo", new JoinBreakoutRoom(f.roomOf(an)));
        f.run("mo", new SendChatMessage("moderator op bezoek"));
        f.run("mo", new BroadcastToBreakouts("Nog 5 minuten"));
        f.run("mo", new MoveToBreakoutRoom(cy, f.roomOf(an)));
        f.run("mo", new ExtendBreakouts(60));
        f.advance(600); // the one-minute warning
        f.advance(60); // closing, 30 s grace
        f.run(di, new AddInsight("tijdens het sluiten"));
        f.advance(30); // closed
        f.run(di, new LeaveMeeting());
        f.disconnect(bo);
        f.outcomes.add(f.meeting.recordPresence(List.of(new MeetingEvent.PresenceChange(bo, false, f.now))));
        f.run("mo", new RemoveParticipant(cy));
        f.run("mo", new Announce(null));
        f.run("mo", new OpenBreakouts(3, "manual", 300, 0, null, Map.of(an, 0, ed, 2)));
        f.run("mo", new CloseBreakouts(null));
        f.run("mo", new OpenBreakouts(2, "selfSelect", 300, null, null, null));
        f.run(an, new JoinBreakoutRoom(f.roomIds().get(1)));
        f.run("mo", new CloseBreakouts(10));
        f.advance(10);
        // RB: a report-back started, moved on, stopped, and one still running when the next round opens (RB7)
        f.run("mo", new StartReportBack(60, null));
        f.run("mo", new NextReportBackRoom());
        f.run("mo", new StopReportBack());
        f.run("mo", new StartReportBack(120, null));
        f.run("mo", new OpenBreakouts(2, "random", 300, null, null, null));
        f.run("mo", new GiveFloor(an, 60));
        // POLL: a named live poll whose second vote the tick tells; another left open with a vote not yet told
        f.run("mo", new OpenPoll("Koffie?", List.of("ja", "nee"), null, null, null, false, "live"));
        String poll = f.meeting.pollsFor(null).get(0).pollId();
        f.run(an, new VotePoll(poll, List.of(0)));
        f.run(bo, new VotePoll(poll, List.of(1)));
        f.advanceMillis(250);
        f.run("mo", new ClosePoll(poll));
        f.run("mo", new OpenPoll("Nog open", List.of("a", "b"), null, null, null, null, null));
        String open = f.meeting.pollsFor(null).get(1).pollId();
        f.run(an, new VotePoll(open, List.of(1)));
        f.run(bo, new VotePoll(open, List.of(0)));
        // RC1, RC2: a recap published, withdrawn and published again under a new link
        f.run("mo", new PublishRecap());
        f.run("mo", new UnpublishRecap());
        f.run("mo", new PublishRecap());
        return f;
    }

    @Test
    @DisplayName("[P1][P6] a meeting causing every kind of event replays to identical snapshots; every event has a notice")
    void everyEventReplays() {
        MeetingFixture f = scriptedMeeting();
        f.run("mo", new EndMeeting());
        Set<Class<?>> seen = new HashSet<>();
        seen.add(f.events.get(0).getClass()); // the creation: stored, told to nobody (Meeting.creationEvents)
        // NW2: the other creation event, of a meeting planned in a network; NetworkMeetingTest replays it
        seen.add(MeetingEvent.MeetingPlannedInNetwork.class);
        for (Outcome outcome : f.outcomes) {
            for (Outcome.Emitted emitted : outcome.emitted()) {
                seen.add(emitted.event().getClass());
                if (emitted.event() instanceof MeetingEvent.MeetingCreated) {
                    assertThat(emitted.notice()).isNull();
                    continue;
                }
                assertThat(emitted.notice()).as("notice of %s", emitted.event()).isNotNull();
                assertThat(DOCUMENTED_NAMES).as("wire name of %s", emitted.event()).contains(emitted.notice().name());
                assertThat(emitted.notice().deliveries()).isNotEmpty()
                        .allSatisfy(d -> assertThat(d.data()).isNotNull());
            }
        }
        assertThat(seen).as("the scenario causes every event type").containsExactlyInAnyOrderElementsOf(
                CommandExamples.eventTypes());
        assertReplayMatches(f);
        assertThat(f.replayed().viewFor("an", f.now)).isEqualTo(f.meeting.viewFor("an", f.now));
    }

    @Test
    @DisplayName("[P8] gathered presence changes become one event, told as presence.changed; unknown people are left out")
    void presenceIsRecordedAsOneEvent() {
        MeetingFixture f = scriptedMeeting();
        String an = f.view("mo").participants().stream().filter(p -> p.name().equals("An")).findFirst().orElseThrow()
                .participantId();
        MeetingView.Snapshot before = f.view("mo");
        Outcome recorded = f.meeting.recordPresence(List.of(new MeetingEvent.PresenceChange(an, true, f.now),
                new MeetingEvent.PresenceChange("nobody-here", false, f.now)));
        assertThat(recorded.events()).containsExactly(new MeetingEvent.PresenceChanged(
                List.of(new MeetingEvent.PresenceChange(an, true, f.now))));
        Notice notice = recorded.emitted().get(0).notice();
        assertThat(notice.name()).isEqualTo("presence.changed");
        assertThat(notice.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.audience()).isEqualTo(Audience.EVERYONE);
            assertThat(((Map<?, ?>) d.data()).get("online")).isEqualTo(List.of(an));
            assertThat(((Map<?, ?>) d.data()).get("offline")).isEqualTo(List.of());
        });
        assertThat(f.view("mo")).as("it states what the meeting already knew").isEqualTo(before);
        assertThat(f.meeting.recordPresence(List.of()).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[P1] replaying a long mixed scenario gives the live meeting's snapshots for every viewer")
    void longMixedScenarioReplays() {
        MeetingFixture f = scriptedMeeting();
        assertReplayMatches(f);
        new Fuzz(f, 11).steps(1500);
        assertReplayMatches(f);
        for (String id : new ArrayList<>(f.names.keySet())) {
            if (f.meeting.isMember(id)) {
                f.disconnect(id);
            }
        }
        Meeting replayed = f.replayed();
        for (String id : f.names.keySet()) {
            assertThat(replayed.viewFor(id, f.now)).as("everyone offline: exactly the live snapshot of %s", id)
                    .isEqualTo(f.meeting.viewFor(id, f.now));
        }
    }

    @Test
    @DisplayName("[P2] after a replay everyone is offline until they connect again")
    void replayIsOffline() {
        MeetingFixture f = withModerator();
        f.participant("An");
        f.run("mo", open(2, "random", 600));
        Meeting replayed = f.replayed();
        assertThat(replayed.viewFor("an", f.now).participants()).allSatisfy(p -> assertThat(p.online()).isFalse());
        Outcome connected = replayed.handle("an", new ConnectParticipant(), f.now);
        assertThat(connected.events()).containsExactly(new MeetingEvent.ParticipantConnected("an", f.now));
        assertThat(replayed.viewFor("an", f.now).participants()).filteredOn(p -> p.participantId().equals("an"))
                .singleElement().satisfies(p -> {
                    assertThat(p.online()).isTrue();
                    assertThat(p.roomId()).as("still in the room").isEqualTo(f.roomOf("an"));
                });
    }

    @Test
    @DisplayName("[P3] deadlines that passed while the server was down are all handled at the first tick")
    void missedDeadlines() {
        MeetingFixture f = withModerator();
        f.participant("An");
        f.run("mo", new AddAgendaItem("a", 60, null, null));
        f.run("mo", new StartNextAgendaItem());
        f.run("mo", new GiveFloor("an", 30));
        f.run("mo", open(1, "random", 300, 0));
        f.skip(7200);
        Outcome outcome = f.tick();
        assertThat(outcome.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("AgendaItemOverran", "SpeakerOverran", "BreakoutsClosed");
        assertThat(outcome.events()).allSatisfy(e -> assertThat(e.toString()).contains(String.valueOf(f.now)));
        assertThat(f.meeting.nextDeadline()).isEmpty();
        assertThat(f.tick().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("[P4] nextDeadline is the earliest of item end, speaker limit, round warning, round end and closing")
    void nextDeadline() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        long t = f.now;
        assertThat(f.meeting.nextDeadline()).isEmpty();
        f.run("mo", new AddAgendaItem("a", 600, null, null));
        f.run("mo", new StartNextAgendaItem());
        assertThat(f.meeting.nextDeadline()).contains(t + 600_000);
        f.run("mo", new GiveFloor(an, 120));
        assertThat(f.meeting.nextDeadline()).contains(t + 120_000);
        f.run("mo", open(2, "random", 180));
        assertThat(f.meeting.nextDeadline()).contains(t + 120_000);
        f.run("mo", new GiveFloor(an, null));
        assertThat(f.meeting.nextDeadline()).as("the round's warning").contains(t + 120_000);
        f.run("mo", new ExtendBreakouts(60));
        assertThat(f.meeting.nextDeadline()).contains(t + 180_000);
        f.advance(180);
        assertThat(f.breakouts(null).warned()).isTrue();
        assertThat(f.meeting.nextDeadline()).as("the round's end").contains(t + 240_000);
        f.advance(60);
        assertThat(f.breakouts(null).status()).isEqualTo("closing");
        assertThat(f.meeting.nextDeadline()).as("the closing").contains(t + 300_000);
        f.advance(60);
        assertThat(f.meeting.nextDeadline()).as("the item's end").contains(t + 600_000);
        f.advance(300);
        assertThat(f.item(f.agenda().get(0).itemId()).overtime()).isTrue();
        assertThat(f.meeting.nextDeadline()).as("nothing left").isEmpty();
        f.run("mo", new GiveFloor(an, 10));
        assertThat(f.meeting.nextDeadline()).contains(f.now + 10_000);
        f.run("mo", new EndMeeting());
        assertThat(f.meeting.nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("[P5] a rejected command emits nothing and leaves the meeting working as before")
    void rejectedChangesNothing() {
        MeetingFixture f = withModerator();
        String an = f.participant("An");
        int events = f.events.size();
        // fails on the last of several checks, after the round's rooms were planned
        assertThat(f.code("mo", new OpenBreakouts(2, "manual", 600, null, List.of("a", "b"),
                new LinkedHashMap<>(Map.of(an, 5))))).isEqualTo(ErrorCode.INVALID);
        assertThat(f.meeting.rounds()).isEmpty();
        assertThat(f.meeting.activeRound()).isNull();
        assertThat(f.events).hasSize(events);
        Outcome ok = f.run("mo", new OpenBreakouts(2, "manual", 600, null, null, Map.of(an, 1)));
        assertThat(ok.events()).hasSize(1);
        assertThat(f.roomOf(an)).isEqualTo(f.roomIds().get(1));
    }

    @Test
    @DisplayName("[P6] every client and system command has a dispatch rule (none is 'No rule for')")
    void everyCommandIsDispatched() {
        List<Class<?>> types = new ArrayList<>(CommandExamples.clientCommandTypes());
        types.addAll(CommandExamples.systemCommandTypes());
        for (Class<?> type : types) {
            for (String actor : List.of("mo", "an")) {
                MeetingFixture f = withModerator();
                f.participant("An");
                f.run("mo", new OpenBreakouts(1, "random", 600, null, null, null));
                Throwable thrown = catchThrowable(() -> f.meeting.handle(actor, CommandExamples.withNulls(type), f.now));
                assertThat(thrown).as("%s by %s", type.getSimpleName(), actor)
                        .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(Rejected.class));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Random commands from random people with mostly sensible fields, and time passing. Rejections are
     * fine (and checked to change nothing, P5); anything else thrown is a bug.
     */
    static final class Fuzz {
        private final MeetingFixture f;
        private final Random r;
        private int joined;

        Fuzz(MeetingFixture f, long seed) {
            this.f = f;
            this.r = new Random(seed);
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                if (r.nextInt(6) == 0) {
                    f.advanceMillis(r.nextInt(5) == 0 ? 1000L * r.nextInt(400) : r.nextInt(3000));
                    continue;
                }
                String actor = actor();
                MeetingCommand command = command(actor);
                if (command instanceof EndMeeting) {
                    continue;
                }
                Map<String, MeetingView.Snapshot> before = Map.of();
                boolean check = i % 10 == 0;
                if (check) {
                    before = f.snapshots();
                }
                try {
                    f.run(actor, command);
                    if (command instanceof JoinMeeting j) {
                        f.names.put(j.participantId(), j.name());
                    }
                } catch (Rejected rejected) {
                    if (check) {
                        assertThat(f.snapshots()).as("rejected %s (P5)", command).isEqualTo(before);
                    }
                }
            }
        }

        private <T> T pick(List<T> list) {
            return list.isEmpty() ? null : list.get(r.nextInt(list.size()));
        }

        private String actor() {
            List<String> members = f.names.keySet().stream().filter(f.meeting::isMember).toList();
            List<String> moderators = members.stream().filter(f.meeting::isModerator).toList();
            int dice = r.nextInt(20);
            if (dice == 0) {
                return pick(new ArrayList<>(f.names.keySet()));
            }
            return dice < 8 ? pick(moderators) : pick(members);
        }

        private String someone() {
            return r.nextInt(15) == 0 ? "nobody" : pick(new ArrayList<>(f.names.keySet()));
        }

        private String text(int max) {
            int length = r.nextInt(12) == 0 ? max + 1 : 1 + r.nextInt(Math.min(max, 40));
            return "t".repeat(length);
        }

        private Integer maybe(int min, int max) {
            return r.nextInt(4) == 0 ? null : min + r.nextInt(max - min + 1);
        }

        private String item() {
            return r.nextInt(10) == 0 ? "nope" : pick(f.meeting.agendaItems().stream().map(i -> i.id).toList());
        }

        private String room() {
            BreakoutRound round = f.meeting.lastRound();
            if (round == null || r.nextInt(6) == 0) {
                return null;
            }
            return pick(new ArrayList<>(round.rooms.keySet()));
        }

        private String kind(String... kinds) {
            return r.nextInt(3) == 0 ? null : kinds[r.nextInt(kinds.length)];
        }

        private MeetingCommand command(String actor) {
            Supplier<MeetingCommand>[] choices = choices();
            return choices[r.nextInt(choices.length)].get();
        }

        @SuppressWarnings("unchecked")
        private Supplier<MeetingCommand>[] choices() {
            return new Supplier[] {
                () -> new AddAgendaItem(text(200), maybe(1, 400), kind("plenary", "breakout", "break"),
                        r.nextBoolean() ? null : r.nextInt(f.meeting.agendaItems().size() + 2)),
                () -> new UpdateAgendaItem(item(), r.nextBoolean() ? null : text(200), maybe(1, 400),
                        kind("plenary", "break")),
                () -> new RemoveAgendaItem(item()),
                () -> new MoveAgendaItem(item(), r.nextInt(f.meeting.agendaItems().size() + 1)),
                () -> new StartAgendaItem(item()),
                StartNextAgendaItem::new,
                () -> new ExtendAgendaItem(maybe(1, 120)),
                StopAgendaItem::new,
                () -> new RaiseHand(kind("speak", "reply", "pointOfOrder", "shout")),
                () -> new RaiseHand(kind("speak", "reply", "pointOfOrder")),
                () -> new LowerHand(r.nextBoolean() ? null : someone()),
                () -> new GiveFloor(someone(), maybe(1, 120)),
                () -> new GiveFloorToNext(maybe(1, 120)),
                EndFloor::new,
                () -> new SendChatMessage(text(2000)),
                () -> new SendChatMessage(text(2000)),
                () -> new DeleteChatMessage(pick(f.meeting.chatMessages().stream().map(m -> m.id).toList())),
                () -> new MuteParticipant(someone()),
                () -> new UnmuteParticipant(someone()),
                () -> r.nextInt(8) == 0 ? new RemoveParticipant(someone()) : new LowerHand(null),
                () -> new PromoteParticipant(someone()),
                () -> new DemoteParticipant(someone()),
                LockMeeting::new,
                UnlockMeeting::new,
                () -> new Announce(r.nextBoolean() ? null : text(500)),
                () -> r.nextInt(4) == 0 ? new LeaveMeeting() : new ConnectParticipant(),
                () -> new OpenBreakouts(1 + r.nextInt(4), kind("random", "mixOrganisations", "manual", "selfSelect"),
                        30 + r.nextInt(400), maybe(0, 40), r.nextBoolean() ? null : List.of(text(200)),
                        r.nextBoolean() ? null : assignments()),
                () -> new JoinBreakoutRoom(room()),
                () -> new MoveToBreakoutRoom(someone(), room()),
                () -> new BroadcastToBreakouts(text(500)),
                () -> new ExtendBreakouts(maybe(1, 120)),
                () -> new CloseBreakouts(maybe(0, 40)),
                RequestBreakoutHelp::new,
                () -> new AddInsight(text(1000)),
                () -> new MarkRoomDone(r.nextBoolean()),
                ConnectParticipant::new,
                DisconnectParticipant::new,
                () -> {
                    joined++;
                    boolean asModerator = r.nextInt(5) == 0;
                    return join("new-" + joined, "Nieuw " + joined, pick(List.of("", "Gent", "Brugge")),
                            asModerator ? MODERATOR_KEY : null);
                },
            };
        }

        private Map<String, Integer> assignments() {
            Map<String, Integer> assignments = new LinkedHashMap<>();
            for (String id : f.names.keySet()) {
                if (r.nextBoolean()) {
                    assignments.put(id, r.nextInt(3));
                }
            }
            return assignments;
        }
    }
}
