package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingEvent.*;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.kring.meeting.agenda.Agenda;
import io.kring.meeting.agenda.AgendaItem;
import io.kring.meeting.agenda.AgendaItemKind;
import io.kring.meeting.breakout.BreakoutRequest;
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.breakout.Breakouts;
import io.kring.meeting.breakout.NetworkMemory;
import io.kring.meeting.chat.Chat;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.floor.Floor;
import io.kring.meeting.floor.Hand;
import io.kring.meeting.floor.SpeakingTurn;
import io.kring.meeting.question.Question;
import io.kring.meeting.question.Questions;
import io.kring.meeting.poll.Poll;
import io.kring.meeting.poll.Polls;
import io.kring.meeting.reportback.ReportBacks;
import io.kring.meeting.recap.RecapLink;
import io.kring.meeting.roster.Participant;
import io.kring.meeting.roster.Roster;

/**
 * One meeting and the rules that change it (docs/meeting-rules.md). Commands go in, events come out: every
 * handler checks role, then state, then fields, and only then emits events; each event is applied at once and
 * says what the participants are told. A rejected command throws {@link Rejected} before anything changed.
 * Not thread-safe: the live layer serialises every call.
 *
 * <p>The meeting is made of parts, each with its own state, command handlers and event effects: the
 * {@link Roster}, the {@link Agenda}, the {@link Floor}, the {@link Chat} and the {@link Breakouts}. This class
 * is the one dispatch table (which part handles each command, which parts apply each event), the meeting's own
 * facts (title, language, end, announcement), and the rules that span parts: a participant who leaves or is
 * removed leaves the queue, the floor and their room; the end closes what is open; a late joiner gets a room.
 * A part never reaches into another's state: it asks the meeting through its {@link CommandContext}.
 */
public final class Meeting {

    public static final int CHAT_HISTORY = Limits.CHAT_SHOWN;

    /**
     * L6: a live meeting keeps only what its snapshot needs (the last chat messages per audience, the
     * current announcement and turn, the last round's insights); the report replays the stored events
     * into a meeting that keeps everything ({@link MeetingRecord#of(List, long)}).
     */
    private final boolean keepsHistory;

    private MeetingCreated created;
    /** NW2: the network this meeting was planned in, or null: a meeting on its own. */
    private MeetingPlannedInNetwork network;
    Language language;
    private Long endedAt;
    private MeetingView.AnnouncementView announcement;
    /**
     * NWM1: whether the command may open a breakout round ({@code breakout.open}, or starting an agenda item whose
     * prepared round opens with it, AP5): before such a command the live layer gives a network meeting its memory.
     */
    public static boolean mayOpenRound(MeetingCommand command) {
        return command instanceof OpenBreakouts || command instanceof StartAgendaItem
                || command instanceof StartNextAgendaItem;
    }

    /**
     * NWM1: the pairs of members who shared a room in the network's earlier meetings, which new rounds avoid (NWM2);
     * set by the live layer after create or replay of a network meeting, like the call links.
     */
    public void rememberNetwork(NetworkMemory memory) {
        breakouts.rememberNetwork(memory);
    }

    /** CALL1, CALL2: the plenary's call link, or null. */
    private String callUrl;
    /** CALL1: where new rooms' call links come from (the server's configuration); none by default. */
    CallLinks callLinks = CallLinks.none();
    private final List<MeetingView.AnnouncementView> announcements = new ArrayList<>();

    final Roster roster = new Roster();
    final Agenda agenda = new Agenda(BreakoutRequest::preset);
    final Floor floor;
    final Chat chat;
    final Breakouts breakouts;
    final Questions questions = new Questions();
    final Polls polls = new Polls();
    final ReportBacks reportBacks;
    final RecapLink recap = new RecapLink();

    /** Collects what the command being handled emits. */
    private List<Outcome.Emitted> emitted;
    private Set<String> resync;
    final CommandContext context;

    private Meeting(Supplier<String> ids, RandomGenerator random, boolean keepsHistory) {
        this.keepsHistory = keepsHistory;
        this.floor = new Floor(random, keepsHistory);
        this.chat = new Chat(keepsHistory);
        this.breakouts = new Breakouts(random, keepsHistory);
        this.reportBacks = new ReportBacks(keepsHistory);
        this.context = new CommandContext(this::emit, ids, roster);
    }

    /** M1: a new meeting with its starting agenda (its {@link #creationEvents} replayed). */
    public static Meeting create(String meetingId, String title, String language, String moderatorKeyHash,
            List<AgendaItemPlan> agendaPlan, long now, Supplier<String> ids, RandomGenerator random) {
        return replay(creationEvents(meetingId, title, language, moderatorKeyHash, agendaPlan, now, ids), ids, random);
    }

    /**
     * M1, L2: the events that create a meeting, checked: linear in the agenda's size and telling nobody, so
     * nothing of the creation is kept once they are stored (the caller replays them).
     */
    public static List<MeetingEvent> creationEvents(String meetingId, String title, String language,
            String moderatorKeyHash, List<AgendaItemPlan> agendaPlan, long now, Supplier<String> ids) {
        return creationEvents(meetingId, title, language, moderatorKeyHash, agendaPlan, now, ids, CallLinks.none());
    }

    /** M1, CALL1: as above; with call links configured the meeting starts with its own plenary call link. */
    public static List<MeetingEvent> creationEvents(String meetingId, String title, String language,
            String moderatorKeyHash, List<AgendaItemPlan> agendaPlan, long now, Supplier<String> ids,
            CallLinks calls) {
        String checkedTitle = Text.line(title, "title", 1, 200);
        Language checkedLanguage = language == null ? Language.NL
                : Language.fromCode(language).orElseThrow(() -> Rejected.invalid("language must be nl or en"));
        List<AgendaItemAdded> items = Agenda.planned(agendaPlan == null ? List.of() : agendaPlan, ids,
                BreakoutRequest::preset);
        List<MeetingEvent> events = new ArrayList<>(items.size() + 1);
        events.add(new MeetingCreated(meetingId, checkedTitle, checkedLanguage.code(), moderatorKeyHash, now));
        if (calls.enabled()) {
            events.add(new MeetingCallChanged(calls.next()));
        }
        events.addAll(items);
        return events;
    }

    /** NW2: what planning a meeting in a network adds to its creation (the key as its hash). */
    public record NetworkPlan(String networkId, String coordinatorKeyHash, Long startsAt, String mode) {
    }

    /** NW2: the modes of a network meeting; {@code online} when none is given. */
    public static final List<String> MODES = List.of("online", "inPerson", "hybrid");

    /** NW2: a planned start must lie between 1970 and the year 9999 (what the database can hold). */
    static final long LATEST_START = 253_402_300_799_999L;

    /**
     * M1, NW2: the events that create a meeting planned in a network: {@link MeetingPlannedInNetwork} right after
     * {@link MeetingCreated}. {@code startsAt} and {@code mode} are checked here (INVALID).
     */
    public static List<MeetingEvent> creationEvents(String meetingId, String title, String language,
            String moderatorKeyHash, List<AgendaItemPlan> agendaPlan, long now, Supplier<String> ids,
            CallLinks calls, NetworkPlan plan) {
        List<MeetingEvent> events = new ArrayList<>(creationEvents(meetingId, title, language, moderatorKeyHash,
                agendaPlan, now, ids, calls));
        if (plan == null) {
            return events;
        }
        String mode = plan.mode() == null ? "online" : plan.mode();
        if (!MODES.contains(mode)) {
            throw Rejected.invalid("mode must be online, inPerson or hybrid");
        }
        if (plan.startsAt() != null && (plan.startsAt() < 0 || plan.startsAt() > LATEST_START)) {
            throw Rejected.invalid("startsAt must be a time in epoch milliseconds");
        }
        events.add(1, new MeetingPlannedInNetwork(plan.networkId(), plan.coordinatorKeyHash(), plan.startsAt(), mode));
        return events;
    }

    /** An agenda row given at creation. */
    public record AgendaItemPlan(String title, Integer durationSeconds, String kind, String description,
            MeetingCommand.OpenBreakouts breakout) {
        public AgendaItemPlan(String title, Integer durationSeconds, String kind) {
            this(title, durationSeconds, kind, null, null);
        }
    }

    /** P2: rebuilds a meeting from its stored events. Everyone is offline: no connection survives a restart. */
    public static Meeting replay(List<MeetingEvent> events, Supplier<String> ids, RandomGenerator random) {
        return replay(events, ids, random, false);
    }

    /** L6: a replay that keeps the whole history, for the report only; it is never changed. */
    static Meeting replayWithHistory(List<MeetingEvent> events) {
        return replay(events, () -> {
            throw new IllegalStateException("a meeting replayed for its record takes no commands");
        }, null, true);
    }

    private static Meeting replay(List<MeetingEvent> events, Supplier<String> ids, RandomGenerator random,
            boolean keepsHistory) {
        Meeting meeting = new Meeting(ids, random, keepsHistory);
        for (MeetingEvent event : events) {
            meeting.apply(event);
        }
        meeting.roster.everyoneOffline();
        return meeting;
    }

    // ---------------------------------------------------------------------------------------------
    // Dispatch: MeetingDispatch lists everything a meeting can do, which part does it, and which parts each
    // event changes; here the command is checked against the ended meeting and its actor, then handed on.
    public Outcome handle(String actorId, MeetingCommand command, long now) {
        begin();
        try {
            String result = dispatch(actorId, command, now);
            return finish(result);
        } catch (RuntimeException e) {
            emitted = null;
            resync = null;
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private String dispatch(String actorId, MeetingCommand command, long now) {
        if (isEnded()) {
            throw new Rejected(ErrorCode.ENDED, "this meeting has ended");
        }
        if (command instanceof JoinMeeting c) {
            return join(c, now); // M2: joining from the link
        }
        Member actor = roster.requireMember(actorId);
        MeetingDispatch.Rule<MeetingCommand> rule = MeetingDispatch.ruleFor(command);
        if (rule == null) {
            throw new IllegalArgumentException("No rule for " + command.getClass().getSimpleName());
        }
        rule.handle(this, actor, command, now);
        return null;
    }

    @SuppressWarnings("unchecked")
    void apply(MeetingEvent event) {
        BiConsumer<Meeting, MeetingEvent> effect = MeetingDispatch.effectOf(event);
        if (effect == null) {
            throw new IllegalArgumentException("No effect for " + event.getClass().getSimpleName());
        }
        effect.accept(this, event);
    }

    /**
     * M2, NW3: the coordinator key of the meeting's network is a moderator key too; NW4: a participant of a network
     * meeting is a member of the network (the caller found or created them), elsewhere a member id is ignored.
     */
    private String join(JoinMeeting c, long now) {
        String keyHash = created.moderatorKeyHash();
        JoinMeeting join = c;
        if (network == null) {
            if (c.memberId() != null) {
                join = new JoinMeeting(c.participantId(), c.name(), c.organisation(), c.moderatorKey(), c.tokenHash(),
                        c.attendance(), null);
            }
        } else {
            if (c.memberId() == null) {
                throw new IllegalArgumentException("a join of a network meeting needs its member");
            }
            if (c.moderatorKey() != null && Credentials.matches(c.moderatorKey(), network.coordinatorKeyHash())) {
                keyHash = network.coordinatorKeyHash();
            }
        }
        return roster.join(join, keyHash, now, context);
    }

    /**
     * NW5: the agenda as a plan for another meeting: every item's title, duration, kind, description and prepared
     * round, in order, without its times or status.
     */
    public List<AgendaItemPlan> agendaPlan() {
        return agenda.items().stream().map(item -> new AgendaItemPlan(item.title, item.durationSeconds,
                item.kind.wireName(), item.description, item.breakout)).toList();
    }

    /** NW2: the network this meeting was planned in, or null. */
    public String networkId() {
        return network == null ? null : network.networkId();
    }

    /** NW2: when the meeting is planned to start (null: not said, or not a network meeting). */
    public Long startsAt() {
        return network == null ? null : network.startsAt();
    }

    /** NW2: online, inPerson or hybrid for a network meeting; null otherwise. */
    public String mode() {
        return network == null ? null : network.mode();
    }

    /** NW3: whether this is the coordinator key of the meeting's network (always false outside a network). */
    public boolean isCoordinatorKey(String key) {
        return network != null && Credentials.matches(key, network.coordinatorKeyHash());
    }

    void plannedInNetwork(MeetingPlannedInNetwork e) {
        network = e;
    }

    void created(MeetingCreated e) {
        created = e;
        language = Language.fromCode(e.language()).orElse(Language.NL);
    }

    void announcementChanged(AnnouncementChanged e) {
        announcement = e.text() == null ? null : new MeetingView.AnnouncementView(e.text(), e.at());
        if (announcement != null && keepsHistory) {
            announcements.add(announcement);
        }
    }

    void ended(MeetingEnded e) {
        endedAt = e.at();
        roster.meetingEnded(e.at());
    }

    /** BR1: who is where is the roster's; the round is the breakouts'. */
    void breakoutsOpened(BreakoutsOpened e) {
        roster.assigned(e.assignments());
        breakouts.opened(e);
    }

    void participantMoved(ParticipantMoved e) {
        roster.moved(e);
        breakouts.moved(e);
    }

    /** BR12: the rooms keep their members as they were; everyone is back in the plenary, with its chat (L5). */
    void breakoutsClosed(BreakoutsClosed e) {
        breakouts.closed(e, roster::roomMembers, roster.inRooms());
        roster.roomsClosed();
        chat.roomsClosed();
    }

    /** Deadlines that passed by {@code now}: overtime notices and the breakout timers (BR11, BR12, A9, Q8). */
    public Outcome tick(long now) {
        begin();
        if (!isEnded()) {
            agenda.tick(now, context);
            floor.tick(now, context);
            breakouts.tick(now, context);
            polls.tick(now, context);
        }
        return finish(null);
    }

    /**
     * P8: presence changes that were handled (and applied) one by one, as one event to store and tell.
     * Applying it again changes nothing: it states what is already so.
     */
    public Outcome recordPresence(List<PresenceChange> changes) {
        begin();
        List<PresenceChange> current = changes.stream().filter(c -> roster.isMember(c.participantId())).toList();
        if (!current.isEmpty()) {
            emit(new PresenceChanged(current));
        }
        return finish(null);
    }

    /** The earliest time at which {@link #tick} has something to do, if any. */
    public Optional<Long> nextDeadline() {
        if (isEnded()) {
            return Optional.empty();
        }
        long next = Math.min(agenda.nextDeadline(), Math.min(floor.nextDeadline(), breakouts.nextDeadline()));
        next = Math.min(next, polls.nextDeadline());
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(next);
    }

    // ---------------------------------------------------------------------------------------------
    // The meeting's own rules, and those that span parts (M, MOD)

    /**
     * AP5: starting a breakout item with a prepared round opens the round, checked before anything changes and
     * emitted after the agenda's events; a round that cannot open refuses the whole start.
     */
    Runnable preparedRound(Member actor, AgendaItem item, long now) {
        if (item.kind != AgendaItemKind.BREAKOUT || item.breakout == null) {
            return () -> { };
        }
        BreakoutsOpened round = breakouts.planRound(actor, item.breakout.withDurationSeconds(item.durationSeconds),
                language, callLinks, now, context);
        return () -> {
            reportBacks.endRunning(now, context); // RB7
            emit(round);
        };
    }

    /** BR1, RB7: a new round ends a running report-back: its rooms replace the ones shown. */
    void openBreakouts(Member actor, OpenBreakouts c, long now) {
        BreakoutsOpened round = breakouts.planRound(actor, c, language, callLinks, now, context);
        reportBacks.endRunning(now, context);
        emit(round);
    }

    /** M5: the first connection opened. BR5: a late joiner goes to the smallest room. */
    void connect(Member actor, long now) {
        roster.connect(actor, now, context);
        breakouts.placeLateJoiner(actor, context);
    }

    /** PR2: someone without a device joins the room; during a round they get the smallest room (BR5). */
    void addParticipant(Member actor, AddParticipant c, long now) {
        String participantId = roster.add(actor, c, now, context);
        breakouts.placeLateJoiner(context.target(participantId), context);
    }

    /** M6: leaving for now: out of the queue, off the floor, back to the plenary, offline. */
    void leave(Member actor, long now) {
        floor.leave(actor.id(), now, context);
        emit(new ParticipantLeft(actor.id(), now));
    }

    /** MOD2: removal closes their sockets (the transport sees the event), ends their token, their hand and turn. */
    void removeParticipant(Member actor, RemoveParticipant c, long now) {
        Member target = roster.removable(actor, c.participantId(), context);
        floor.leave(target.id(), now, context);
        emit(new ParticipantRemoved(target.id(), now));
    }

    /** MOD5: one announcement for everyone, in every room; null clears it. */
    void announce(Member actor, Announce c, long now) {
        actor.requireModerator();
        String text = Text.optionalParagraph(c.text(), "text", 1, 500);
        if (text == null && announcement == null) {
            return;
        }
        emit(new AnnouncementChanged(text, now));
    }

    void callChanged(MeetingCallChanged e) {
        callUrl = e.url();
    }

    /** CALL2: a moderator sets the plenary's call link for everyone, or clears it with null. */
    void setCall(Member actor, SetMeetingCall c) {
        actor.requireModerator();
        String url = c.url() == null ? null : CallLinks.checked(c.url(), "url");
        if (java.util.Objects.equals(url, callUrl)) {
            return;
        }
        emit(new MeetingCallChanged(url));
    }

    /** RC1: the published recap's id, or null. */
    public String recapId() {
        return recap.recapId();
    }

    /** RC3: {@code /r/{recapId}} while the recap is published, else null. */
    public String recapPath() {
        return recap.path();
    }

    /** MOD6: the end closes what is open, so the report has every end time. */
    void endMeeting(Member actor, long now) {
        actor.requireModerator();
        floor.endTurn(now, context);
        agenda.endRunning(now, context);
        breakouts.closeNow(now, context);
        polls.closeAll(now, context);
        reportBacks.endRunning(now, context); // RB7
        emit(new MeetingEnded(now));
    }

    private void begin() {
        emitted = new ArrayList<>();
        resync = new LinkedHashSet<>();
    }

    private Outcome finish(String result) {
        Outcome outcome = new Outcome(List.copyOf(emitted), Set.copyOf(resync), result);
        emitted = null;
        resync = null;
        return outcome;
    }

    private void emit(MeetingEvent event) {
        apply(event);
        emitted.add(new Outcome.Emitted(event, MeetingNotices.of(this, event)));
    }

    // ---------------------------------------------------------------------------------------------
    // Reading (package-private for views, notices and the report)

    public String id() {
        return created.meetingId();
    }

    public String title() {
        return created.title();
    }

    public String languageCode() {
        return language.code();
    }

    /** CALL1: new rooms get their call links from {@code links} (set by the live layer after create or replay). */
    public void useCallLinks(CallLinks links) {
        callLinks = links == null ? CallLinks.none() : links;
    }

    /** CALL1, CALL2: the plenary's call link, or null. */
    public String callUrl() {
        return callUrl;
    }

    public boolean isLocked() {
        return roster.isLocked();
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    public long createdAt() {
        return created.createdAt();
    }

    public Long endedAt() {
        return endedAt;
    }

    public long participantCount() {
        return roster.participantCount();
    }

    public Optional<String> authenticate(String participantId, String secret) {
        return roster.authenticate(participantId, secret);
    }

    public boolean isModerator(String participantId) {
        return roster.isModerator(participantId);
    }

    public boolean isMember(String participantId) {
        return roster.isMember(participantId);
    }

    Map<String, Participant> participantsById() {
        return roster.participantsById();
    }

    List<AgendaItem> agendaItems() {
        return agenda.items();
    }

    List<Hand> hands() {
        return floor.hands();
    }

    SpeakingTurn speaker() {
        return floor.speaker();
    }

    Integer roundLimitSeconds() {
        return floor.roundLimitSeconds();
    }

    List<SpeakingTurn> turns() {
        return floor.turns();
    }

    List<ChatMessage> chatMessages() {
        return chat.messages();
    }

    Deque<ChatMessage> chatOf(String roomId) {
        return chat.of(roomId);
    }

    ChatMessage chatMessage(String messageId) {
        return chat.message(messageId);
    }

    MeetingView.AnnouncementView announcement() {
        return announcement;
    }

    List<MeetingView.AnnouncementView> announcements() {
        return announcements;
    }

    List<BreakoutRound> rounds() {
        return breakouts.rounds();
    }

    AgendaItem runningItem() {
        return agenda.runningItem();
    }

    Hand findHand(String participantId) {
        return floor.findHand(participantId);
    }

    BreakoutRound activeRound() {
        return breakouts.activeRound();
    }

    BreakoutRound lastRound() {
        return breakouts.lastRound();
    }

    List<String> roomMembers(String roomId) {
        return roster.roomMembers(roomId);
    }

    Set<String> presentIn(String roomId) {
        return roster.presentIn(roomId);
    }

    /** QA1: the agenda item a question is tied to: the running one, or null. */
    String runningItemId() {
        AgendaItem running = agenda.runningItem();
        return running == null ? null : running.id;
    }

    /** QA7: the questions kept, most votes first, then the oldest first. */
    public List<Question> questions() {
        return questions.ordered();
    }

    /** QA8: the questions {@code participantId} voted for (their {@code youVoted}). */
    public Set<String> questionsVotedBy(String participantId) {
        return questions.votedBy(participantId);
    }

    Question question(String questionId) {
        return questions.question(questionId);
    }

    void markResync(String participantId) {
        if (resync != null) {
            resync.add(participantId);
        }
    }

    List<Poll> polls() {
        return polls.all();
    }

    /** POLL5, POLL6: the polls as {@code viewerId} sees them (the welcome's per-viewer part). */
    public List<MeetingView.PollView> pollsFor(String viewerId) {
        return PollRounds.pollsFor(this, viewerId);
    }

    /** RB1, RB4: what the report-back needs of the rounds (a part never reaches into another's state). */
    ReportBacks.Rounds reportBackRounds() {
        List<BreakoutRound> all = breakouts.rounds();
        return new ReportBacks.Rounds(all.size(), i -> all.get(i).status == BreakoutRound.Status.CLOSED,
                i -> List.copyOf(all.get(i).rooms.keySet()),
                i -> !all.get(i).insightsForgotten);
    }

    /** RB8: the room shown in the report-back, or null. */
    MeetingView.ReportBackView reportBack() {
        return reportBacks.view();
    }

    /**
     * RB11: the room shown in a report-back of an earlier round (the last round's rooms are in
     * {@code breakouts.rooms}), or null: the same for everyone, bounded by the one room.
     */
    MeetingView.ReportBackRoomView reportBackRoom() {
        ReportBacks.Showing showing = reportBacks.showing();
        List<BreakoutRound> all = breakouts.rounds();
        if (showing == null || showing.roundIndex() >= all.size() - 1) {
            return null;
        }
        BreakoutRound.Room room = all.get(showing.roundIndex()).rooms.get(showing.roomId());
        List<String> members = new ArrayList<>();
        for (String id : room.membersAtClose == null ? List.<String>of() : room.membersAtClose) {
            members.add(participantsById().get(id).name);
        }
        return new MeetingView.ReportBackRoomView(room.id, room.name, room.topic, List.copyOf(members),
                room.insights.stream().map(i -> new MeetingView.ReportBackInsightView(i.id(), i.text())).toList());
    }

    /** RB9: every report-back held (the report's replay only). */
    List<ReportBacks.Held> reportBacksHeld() {
        return reportBacks.held();
    }

    /** The snapshot as {@code viewerId} sees it (protocol.md section 3). */
    public MeetingView.Snapshot viewFor(String viewerId, long now) {
        return MeetingViews.snapshot(this, participantsById().get(viewerId), now);
    }
}
