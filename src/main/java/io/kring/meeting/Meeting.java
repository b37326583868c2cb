package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingEvent.*;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.breakout.Breakouts;
import io.kring.meeting.chat.Chat;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.floor.Floor;
import io.kring.meeting.floor.Hand;
import io.kring.meeting.floor.SpeakingTurn;
import io.kring.meeting.roster.Participant;
import io.kring.meeting.roster.Role;
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
    private Language language;
    private Long endedAt;
    private MeetingView.AnnouncementView announcement;
    /** CALL1, CALL2: the plenary's call link, or null. */
    private String callUrl;
    /** CALL1: where new rooms' call links come from (the server's configuration); none by default. */
    private CallLinks callLinks = CallLinks.none();
    private final List<MeetingView.AnnouncementView> announcements = new ArrayList<>();

    private final Roster roster = new Roster();
    private final Agenda agenda = new Agenda();
    private final Floor floor;
    private final Chat chat;
    private final Breakouts breakouts;

    /** Collects what the command being handled emits. */
    private List<Outcome.Emitted> emitted;
    private Set<String> resync;
    private final CommandContext context;

    private Meeting(Supplier<String> ids, RandomGenerator random, boolean keepsHistory) {
        this.keepsHistory = keepsHistory;
        this.floor = new Floor(random, keepsHistory);
        this.chat = new Chat(keepsHistory);
        this.breakouts = new Breakouts(random, keepsHistory);
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
        List<AgendaItemAdded> items = Agenda.planned(agendaPlan == null ? List.of() : agendaPlan, ids);
        List<MeetingEvent> events = new ArrayList<>(items.size() + 1);
        events.add(new MeetingCreated(meetingId, checkedTitle, checkedLanguage.code(), moderatorKeyHash, now));
        if (calls.enabled()) {
            events.add(new MeetingCallChanged(calls.next()));
        }
        events.addAll(items);
        return events;
    }

    /** An agenda row given at creation. */
    public record AgendaItemPlan(String title, Integer durationSeconds, String kind) {
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
    // Dispatch: the one place that lists everything a meeting can do, which part does it, and which parts
    // each event changes.

    /** A command's handler, given the meeting it runs in. */
    private interface Rule<C extends MeetingCommand> {
        void handle(Meeting m, Member actor, C command, long now);
    }

    /** Each command's handler: the part that checks it and emits its events, or a rule across parts. */
    private static final Map<Class<?>, Rule<?>> RULES = new HashMap<>();
    /** Each event's effect on the parts: trusted, no checks. The only code that changes state. */
    private static final Map<Class<?>, BiConsumer<Meeting, ?>> EFFECTS = new HashMap<>();

    private static <C extends MeetingCommand> void rule(Class<C> type, Rule<C> rule) {
        RULES.put(type, rule);
    }

    private static <E extends MeetingEvent> void effect(Class<E> type, BiConsumer<Meeting, E> effect) {
        EFFECTS.put(type, effect);
    }

    static {
        rule(ConnectParticipant.class, (m, actor, c, now) -> m.connect(actor, now));
        rule(DisconnectParticipant.class, (m, actor, c, now) -> m.roster.disconnect(actor, now, m.context));
        rule(AddAgendaItem.class, (m, actor, c, now) -> m.agenda.add(actor, c, m.context));
        rule(UpdateAgendaItem.class, (m, actor, c, now) -> m.agenda.update(actor, c, m.context));
        rule(RemoveAgendaItem.class, (m, actor, c, now) -> m.agenda.remove(actor, c, m.context));
        rule(MoveAgendaItem.class, (m, actor, c, now) -> m.agenda.move(actor, c, m.context));
        rule(StartAgendaItem.class, (m, actor, c, now) -> m.agenda.start(actor, c, now, m.context));
        rule(StartNextAgendaItem.class, (m, actor, c, now) -> m.agenda.startNext(actor, now, m.context));
        rule(ExtendAgendaItem.class, (m, actor, c, now) -> m.agenda.extend(actor, c, m.context));
        rule(StopAgendaItem.class, (m, actor, c, now) -> m.agenda.stop(actor, now, m.context));
        rule(RaiseHand.class, (m, actor, c, now) -> m.floor.raiseHand(actor, c, now, m.context));
        rule(LowerHand.class, (m, actor, c, now) -> m.floor.lowerHand(actor, c, m.context));
        rule(GiveFloor.class, (m, actor, c, now) -> m.floor.giveFloor(actor, c, now, m.context));
        rule(GiveFloorToNext.class, (m, actor, c, now) -> m.floor.giveFloorToNext(actor, c, now, m.context));
        rule(EndFloor.class, (m, actor, c, now) -> m.floor.endFloor(actor, now, m.context));
        rule(StartFloorRound.class, (m, actor, c, now) -> m.floor.startRound(actor, c, now, m.context));
        rule(SendChatMessage.class, (m, actor, c, now) -> m.chat.send(actor, c, now, m.context));
        rule(DeleteChatMessage.class, (m, actor, c, now) -> m.chat.delete(actor, c, now, m.context));
        rule(MuteParticipant.class, (m, actor, c, now) ->
                m.roster.setChatMute(actor, c.participantId(), true, m.context));
        rule(UnmuteParticipant.class, (m, actor, c, now) ->
                m.roster.setChatMute(actor, c.participantId(), false, m.context));
        rule(RemoveParticipant.class, (m, actor, c, now) -> m.removeParticipant(actor, c, now));
        rule(PromoteParticipant.class, (m, actor, c, now) ->
                m.roster.changeRole(actor, c.participantId(), Role.MODERATOR, m.context));
        rule(DemoteParticipant.class, (m, actor, c, now) ->
                m.roster.changeRole(actor, c.participantId(), Role.PARTICIPANT, m.context));
        rule(AddParticipant.class, (m, actor, c, now) -> m.addParticipant(actor, c, now));
        rule(LockMeeting.class, (m, actor, c, now) -> m.roster.setLocked(actor, true, m.context));
        rule(UnlockMeeting.class, (m, actor, c, now) -> m.roster.setLocked(actor, false, m.context));
        rule(Announce.class, (m, actor, c, now) -> m.announce(actor, c, now));
        rule(EndMeeting.class, (m, actor, c, now) -> m.endMeeting(actor, now));
        rule(SetMeetingCall.class, (m, actor, c, now) -> m.setCall(actor, c));
        rule(LeaveMeeting.class, (m, actor, c, now) -> m.leave(actor, now));
        rule(OpenBreakouts.class, (m, actor, c, now) -> m.breakouts.open(actor, c, m.language, m.callLinks, now,
                m.context));
        rule(JoinBreakoutRoom.class, (m, actor, c, now) -> m.breakouts.joinRoom(actor, c, m.context));
        rule(MoveToBreakoutRoom.class, (m, actor, c, now) -> m.breakouts.moveToRoom(actor, c, m.context));
        rule(BroadcastToBreakouts.class, (m, actor, c, now) -> m.breakouts.broadcast(actor, c, now, m.context));
        rule(ExtendBreakouts.class, (m, actor, c, now) -> m.breakouts.extend(actor, c, m.context));
        rule(CloseBreakouts.class, (m, actor, c, now) -> m.breakouts.close(actor, c, now, m.context));
        rule(RequestBreakoutHelp.class, (m, actor, c, now) -> m.breakouts.requestHelp(actor, now, m.context));
        rule(AddInsight.class, (m, actor, c, now) -> m.breakouts.addInsight(actor, c, now, m.context));
        rule(MarkRoomDone.class, (m, actor, c, now) -> m.breakouts.markDone(actor, c, now, m.context));

        effect(MeetingCreated.class, Meeting::created);
        effect(AnnouncementChanged.class, Meeting::announcementChanged);
        effect(MeetingEnded.class, Meeting::ended);
        effect(MeetingCallChanged.class, (m, e) -> m.callUrl = e.url());
        effect(MeetingLockChanged.class, (m, e) -> m.roster.lockChanged(e));
        effect(ParticipantJoined.class, (m, e) -> m.roster.joined(e));
        effect(ParticipantConnected.class, (m, e) -> m.roster.connected(e));
        effect(ParticipantDisconnected.class, (m, e) -> m.roster.disconnected(e));
        effect(PresenceChanged.class, (m, e) -> m.roster.presenceChanged(e));
        effect(ParticipantLeft.class, (m, e) -> m.roster.left(e));
        effect(ParticipantRemoved.class, (m, e) -> m.roster.removed(e));
        effect(ChatMuteChanged.class, (m, e) -> m.roster.chatMuteChanged(e));
        effect(RoleChanged.class, (m, e) -> m.roster.roleChanged(e));
        effect(AgendaItemAdded.class, (m, e) -> m.agenda.added(e));
        effect(AgendaItemUpdated.class, (m, e) -> m.agenda.updated(e));
        effect(AgendaItemRemoved.class, (m, e) -> m.agenda.removed(e));
        effect(AgendaItemMoved.class, (m, e) -> m.agenda.moved(e));
        effect(AgendaItemStarted.class, (m, e) -> m.agenda.started(e));
        effect(AgendaItemExtended.class, (m, e) -> m.agenda.extended(e));
        effect(AgendaItemEnded.class, (m, e) -> m.agenda.ended(e));
        effect(AgendaItemOverran.class, (m, e) -> m.agenda.overran(e));
        effect(HandRaised.class, (m, e) -> m.floor.handRaised(e));
        effect(HandLowered.class, (m, e) -> m.floor.handLowered(e));
        effect(FloorGiven.class, (m, e) -> m.floor.floorGiven(e));
        effect(FloorEnded.class, (m, e) -> m.floor.floorEnded(e));
        effect(SpeakerOverran.class, (m, e) -> m.floor.speakerOverran(e));
        effect(FloorRoundStarted.class, (m, e) -> m.floor.roundStarted(e));
        effect(ChatMessageSent.class, (m, e) -> m.chat.sent(e));
        effect(ChatMessageDeleted.class, (m, e) -> m.chat.deleted(e));
        effect(BreakoutsOpened.class, Meeting::breakoutsOpened);
        effect(ParticipantMoved.class, Meeting::participantMoved);
        effect(BreakoutHelpRequested.class, (m, e) -> m.breakouts.helpRequested(e));
        effect(BreakoutHelpAnswered.class, (m, e) -> m.breakouts.helpAnswered(e));
        effect(RoomDoneChanged.class, (m, e) -> m.breakouts.doneChanged(e));
        effect(BreakoutsBroadcast.class, (m, e) -> m.breakouts.broadcast(e));
        effect(BreakoutsExtended.class, (m, e) -> m.breakouts.extended(e));
        effect(BreakoutsEndingSoon.class, (m, e) -> m.breakouts.endingSoon(e));
        effect(BreakoutsClosing.class, (m, e) -> m.breakouts.closing(e));
        effect(BreakoutsClosed.class, Meeting::breakoutsClosed);
        effect(InsightAdded.class, (m, e) -> m.breakouts.insightAdded(e));
    }

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
            return roster.join(c, created.moderatorKeyHash(), now, context); // M2: joining from the link
        }
        Member actor = roster.requireMember(actorId);
        Rule<MeetingCommand> rule = (Rule<MeetingCommand>) RULES.get(command.getClass());
        if (rule == null) {
            throw new IllegalArgumentException("No rule for " + command.getClass().getSimpleName());
        }
        rule.handle(this, actor, command, now);
        return null;
    }

    @SuppressWarnings("unchecked")
    void apply(MeetingEvent event) {
        BiConsumer<Meeting, MeetingEvent> effect = (BiConsumer<Meeting, MeetingEvent>) EFFECTS.get(event.getClass());
        if (effect == null) {
            throw new IllegalArgumentException("No effect for " + event.getClass().getSimpleName());
        }
        effect.accept(this, event);
    }

    private void created(MeetingCreated e) {
        created = e;
        language = Language.fromCode(e.language()).orElse(Language.NL);
    }

    private void announcementChanged(AnnouncementChanged e) {
        announcement = e.text() == null ? null : new MeetingView.AnnouncementView(e.text(), e.at());
        if (announcement != null && keepsHistory) {
            announcements.add(announcement);
        }
    }

    private void ended(MeetingEnded e) {
        endedAt = e.at();
        roster.meetingEnded(e.at());
    }

    /** BR1: who is where is the roster's; the round is the breakouts'. */
    private void breakoutsOpened(BreakoutsOpened e) {
        roster.assigned(e.assignments());
        breakouts.opened(e);
    }

    private void participantMoved(ParticipantMoved e) {
        roster.moved(e);
        breakouts.moved(e);
    }

    /** BR12: the rooms keep their members as they were; everyone is back in the plenary, with its chat (L5). */
    private void breakoutsClosed(BreakoutsClosed e) {
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
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(next);
    }

    // ---------------------------------------------------------------------------------------------
    // The meeting's own rules, and those that span parts (M, MOD)

    /** M5: the first connection opened. BR5: a late joiner goes to the smallest room. */
    private void connect(Member actor, long now) {
        roster.connect(actor, now, context);
        breakouts.placeLateJoiner(actor, context);
    }

    /** PR2: someone without a device joins the room; during a round they get the smallest room (BR5). */
    private void addParticipant(Member actor, AddParticipant c, long now) {
        String participantId = roster.add(actor, c, now, context);
        breakouts.placeLateJoiner(context.target(participantId), context);
    }

    /** M6: leaving for now: out of the queue, off the floor, back to the plenary, offline. */
    private void leave(Member actor, long now) {
        floor.leave(actor.id(), now, context);
        emit(new ParticipantLeft(actor.id(), now));
    }

    /** MOD2: removal closes their sockets (the transport sees the event), ends their token, their hand and turn. */
    private void removeParticipant(Member actor, RemoveParticipant c, long now) {
        Member target = roster.removable(actor, c.participantId(), context);
        floor.leave(target.id(), now, context);
        emit(new ParticipantRemoved(target.id(), now));
    }

    /** MOD5: one announcement for everyone, in every room; null clears it. */
    private void announce(Member actor, Announce c, long now) {
        actor.requireModerator();
        String text = Text.optionalParagraph(c.text(), "text", 1, 500);
        if (text == null && announcement == null) {
            return;
        }
        emit(new AnnouncementChanged(text, now));
    }

    /** CALL2: a moderator sets the plenary's call link for everyone, or clears it with null. */
    private void setCall(Member actor, SetMeetingCall c) {
        actor.requireModerator();
        String url = c.url() == null ? null : CallLinks.checked(c.url(), "url");
        if (java.util.Objects.equals(url, callUrl)) {
            return;
        }
        emit(new MeetingCallChanged(url));
    }

    /** MOD6: the end closes what is open, so the report has every end time. */
    private void endMeeting(Member actor, long now) {
        actor.requireModerator();
        floor.endTurn(now, context);
        agenda.endRunning(now, context);
        breakouts.closeNow(now, context);
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

    void markResync(String participantId) {
        if (resync != null) {
            resync.add(participantId);
        }
    }

    /** The snapshot as {@code viewerId} sees it (protocol.md section 3). */
    public MeetingView.Snapshot viewFor(String viewerId, long now) {
        return MeetingViews.snapshot(this, participantsById().get(viewerId), now);
    }
}
