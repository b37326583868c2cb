package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingEvent.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One meeting's state and the rules that change it (docs/meeting-rules.md). Commands go in, events
 * come out: every handler checks role, then state, then fields, and only then emits events; each
 * event is applied at once and says what the participants are told. A rejected command throws
 * {@link Rejected} before anything changed. Not thread-safe: the live layer serialises every call.
 */
public final class Meeting {

    public static final int CHAT_HISTORY = Limits.CHAT_SHOWN;
    static final int CHAT_MESSAGES_PER_SECOND = 5;
    static final long WARNING_BEFORE_END_MS = 60_000;
    static final int WARN_ROUNDS_LONGER_THAN_SECONDS = 120;

    private final Supplier<String> ids;
    private final RandomGenerator random;
    /**
     * L6: a live meeting keeps only what its snapshot needs (the last chat messages per audience, the
     * current announcement and turn, the last round's insights); the report replays the stored events
     * into a meeting that keeps everything ({@link MeetingRecord#of(List, long)}).
     */
    private final boolean keepsHistory;

    private String meetingId;
    private String title;
    private Language language;
    private String moderatorKeyHash;
    private long createdAt;
    private boolean locked;
    private Long endedAt;

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final List<AgendaItem> agenda = new ArrayList<>();
    private final List<Hand> hands = new ArrayList<>();
    private final List<SpeakingTurn> turns = new ArrayList<>();
    private SpeakingTurn speaker;
    /** L5: chat per audience ("" is the plenary, else a room id), oldest first. */
    private final Map<String, Deque<ChatMessage>> chat = new LinkedHashMap<>();
    private final Map<String, ChatMessage> chatById = new HashMap<>();
    private long chatMessagesSent;
    private MeetingView.AnnouncementView announcement;
    private final List<MeetingView.AnnouncementView> announcements = new ArrayList<>();
    private final List<BreakoutRound> rounds = new ArrayList<>();
    /** C6: send times of each participant's latest accepted chat messages. Not stored: it only guards a second. */
    private final Map<String, Deque<Long>> recentChat = new HashMap<>();

    /** Collects what the command being handled emits. */
    private List<Outcome.Emitted> emitted;
    private Set<String> resync;

    private Meeting(Supplier<String> ids, RandomGenerator random, boolean keepsHistory) {
        this.ids = ids;
        this.random = random;
        this.keepsHistory = keepsHistory;
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
        String checkedTitle = Text.line(title, "title", 1, 200);
        Language checkedLanguage = language == null ? Language.NL
                : Language.fromCode(language).orElseThrow(() -> Rejected.invalid("language must be nl or en"));
        List<AgendaItemPlan> plan = agendaPlan == null ? List.of() : agendaPlan;
        if (plan.size() > Limits.AGENDA_ITEMS) {
            throw Rejected.invalid("agenda may have at most " + Limits.AGENDA_ITEMS + " items");
        }
        List<AgendaItemAdded> items = new ArrayList<>();
        for (AgendaItemPlan item : plan) {
            if (item == null) {
                throw Rejected.invalid("agenda items must be objects");
            }
            items.add(new AgendaItemAdded(ids.get(), Text.line(item.title(), "title", 1, 200),
                    Text.range(item.durationSeconds(), "durationSeconds", 1, 86400),
                    kind(item.kind()).wireName(), items.size()));
        }
        List<MeetingEvent> events = new ArrayList<>(items.size() + 1);
        events.add(new MeetingCreated(meetingId, checkedTitle, checkedLanguage.code(), moderatorKeyHash, now));
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
        for (Participant participant : meeting.participants.values()) {
            participant.online = false;
        }
        return meeting;
    }

    // ---------------------------------------------------------------------------------------------
    // Dispatch: the one place that lists everything a meeting can do.

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

    private String dispatch(String actorId, MeetingCommand command, long now) {
        if (command instanceof JoinMeeting c) {
            return join(c, now);
        }
        requireOpen();
        Participant actor = requireMember(actorId);
        if (command instanceof ConnectParticipant) {
            connect(actor, now);
        } else if (command instanceof DisconnectParticipant) {
            disconnect(actor, now);
        } else if (command instanceof AddAgendaItem c) {
            addAgendaItem(actor, c);
        } else if (command instanceof UpdateAgendaItem c) {
            updateAgendaItem(actor, c);
        } else if (command instanceof RemoveAgendaItem c) {
            removeAgendaItem(actor, c);
        } else if (command instanceof MoveAgendaItem c) {
            moveAgendaItem(actor, c);
        } else if (command instanceof StartAgendaItem c) {
            startAgendaItem(actor, c, now);
        } else if (command instanceof StartNextAgendaItem) {
            startNextAgendaItem(actor, now);
        } else if (command instanceof ExtendAgendaItem c) {
            extendAgendaItem(actor, c);
        } else if (command instanceof StopAgendaItem) {
            stopAgendaItem(actor, now);
        } else if (command instanceof RaiseHand c) {
            raiseHand(actor, c, now);
        } else if (command instanceof LowerHand c) {
            lowerHand(actor, c);
        } else if (command instanceof GiveFloor c) {
            giveFloor(actor, c, now);
        } else if (command instanceof GiveFloorToNext c) {
            giveFloorToNext(actor, c, now);
        } else if (command instanceof EndFloor) {
            endFloor(actor, now);
        } else if (command instanceof SendChatMessage c) {
            sendChatMessage(actor, c, now);
        } else if (command instanceof DeleteChatMessage c) {
            deleteChatMessage(actor, c, now);
        } else if (command instanceof MuteParticipant c) {
            setChatMute(actor, c.participantId(), true);
        } else if (command instanceof UnmuteParticipant c) {
            setChatMute(actor, c.participantId(), false);
        } else if (command instanceof RemoveParticipant c) {
            removeParticipant(actor, c, now);
        } else if (command instanceof PromoteParticipant c) {
            changeRole(actor, c.participantId(), Role.MODERATOR);
        } else if (command instanceof DemoteParticipant c) {
            changeRole(actor, c.participantId(), Role.PARTICIPANT);
        } else if (command instanceof LockMeeting) {
            setLocked(actor, true);
        } else if (command instanceof UnlockMeeting) {
            setLocked(actor, false);
        } else if (command instanceof Announce c) {
            announce(actor, c, now);
        } else if (command instanceof EndMeeting) {
            endMeeting(actor, now);
        } else if (command instanceof LeaveMeeting) {
            leave(actor, now);
        } else if (command instanceof OpenBreakouts c) {
            openBreakouts(actor, c, now);
        } else if (command instanceof JoinBreakoutRoom c) {
            joinBreakoutRoom(actor, c);
        } else if (command instanceof MoveToBreakoutRoom c) {
            moveToBreakoutRoom(actor, c);
        } else if (command instanceof BroadcastToBreakouts c) {
            broadcastToBreakouts(actor, c, now);
        } else if (command instanceof ExtendBreakouts c) {
            extendBreakouts(actor, c, now);
        } else if (command instanceof CloseBreakouts c) {
            closeBreakouts(actor, c, now);
        } else if (command instanceof RequestBreakoutHelp) {
            requestBreakoutHelp(actor, now);
        } else if (command instanceof AddInsight c) {
            addInsight(actor, c, now);
        } else {
            throw new IllegalArgumentException("No rule for " + command.getClass().getSimpleName());
        }
        return null;
    }

    /** Deadlines that passed by {@code now}: overtime notices and the breakout timers (BR11, BR12, A9, Q8). */
    public Outcome tick(long now) {
        begin();
        if (isEnded()) {
            return finish(null);
        }
        AgendaItem running = runningItem();
        if (running != null && !running.overtime && running.endsAt <= now) {
            emit(new AgendaItemOverran(running.id, now));
        }
        if (speaker != null && !speaker.overtime && speaker.limitAt() != null && speaker.limitAt() <= now) {
            emit(new SpeakerOverran(speaker.participantId, now));
        }
        BreakoutRound round = activeRound();
        if (round != null && round.status == BreakoutRound.Status.OPEN) {
            if (!round.warned && warns(round) && round.endsAt - WARNING_BEFORE_END_MS <= now && round.endsAt > now) {
                emit(new BreakoutsEndingSoon(round.endsAt, now));
            }
            if (round.endsAt <= now) {
                startClosing(round, round.graceSeconds, now);
            }
        }
        if (round != null && round.status == BreakoutRound.Status.CLOSING && round.closingAt <= now) {
            emit(new BreakoutsClosed(now));
        }
        return finish(null);
    }

    /**
     * P8: presence changes that were handled (and applied) one by one, as one event to store and tell.
     * Applying it again changes nothing: it states what is already so.
     */
    public Outcome recordPresence(List<PresenceChange> changes) {
        begin();
        List<PresenceChange> current = changes.stream()
                .filter(c -> participants.containsKey(c.participantId()) && !participants.get(c.participantId()).removed)
                .toList();
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
        long next = Long.MAX_VALUE;
        AgendaItem running = runningItem();
        if (running != null && !running.overtime) {
            next = Math.min(next, running.endsAt);
        }
        if (speaker != null && !speaker.overtime && speaker.limitAt() != null) {
            next = Math.min(next, speaker.limitAt());
        }
        BreakoutRound round = activeRound();
        if (round != null && round.status == BreakoutRound.Status.OPEN) {
            next = Math.min(next, round.endsAt);
            if (!round.warned && warns(round) && round.endsAt - WARNING_BEFORE_END_MS > round.openedAt) {
                next = Math.min(next, round.endsAt - WARNING_BEFORE_END_MS);
            }
        }
        if (round != null && round.status == BreakoutRound.Status.CLOSING) {
            next = Math.min(next, round.closingAt);
        }
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(next);
    }

    // ---------------------------------------------------------------------------------------------
    // Meeting and roster (M, MOD)

    /** M2: joining from the link; the moderator key decides the role. */
    private String join(JoinMeeting c, long now) {
        if (isEnded()) {
            throw new Rejected(ErrorCode.ENDED, "this meeting has ended");
        }
        boolean asModerator = c.moderatorKey() != null;
        if (asModerator && !Credentials.matches(c.moderatorKey(), moderatorKeyHash)) {
            throw Rejected.forbidden("the moderator key is not right");
        }
        if (!asModerator && locked) {
            throw new Rejected(ErrorCode.LOCKED, "this meeting is locked");
        }
        String name = Text.name(c.name(), "name", 1, 60);
        String organisation = c.organisation() == null ? "" : Text.name(c.organisation(), "organisation", 0, 80);
        if ((!asModerator && participantCount() >= Limits.PARTICIPANTS) || participants.size() >= Limits.PARTICIPANTS_EVER) {
            throw Rejected.conflict("this meeting is full (at most " + Limits.PARTICIPANTS + " participants)");
        }
        Role role = asModerator ? Role.MODERATOR : Role.PARTICIPANT;
        emit(new ParticipantJoined(c.participantId(), name, organisation, role.wireName(), c.tokenHash(), now));
        return c.participantId();
    }

    /** M5: the first connection opened. BR5: a late joiner goes to the smallest room. */
    private void connect(Participant actor, long now) {
        if (!actor.online) {
            emit(new ParticipantConnected(actor.id, now));
        }
        BreakoutRound round = activeRound();
        if (round != null && round.status == BreakoutRound.Status.OPEN && round.strategy.assignsLateJoiners()
                && !actor.isModerator() && actor.roomId == null && !round.everAssigned.contains(actor.id)) {
            emit(new ParticipantMoved(actor.id, smallestRoom(round).id));
        }
    }

    private void disconnect(Participant actor, long now) {
        if (actor.online) {
            emit(new ParticipantDisconnected(actor.id, now));
        }
    }

    /** M6: leaving for now: out of the queue, off the floor, back to the plenary, offline. */
    private void leave(Participant actor, long now) {
        leaveQueueAndFloor(actor, now);
        emit(new ParticipantLeft(actor.id, now));
    }

    private void leaveQueueAndFloor(Participant participant, long now) {
        if (findHand(participant.id) != null) {
            emit(new HandLowered(participant.id));
        }
        if (speaker != null && speaker.participantId.equals(participant.id)) {
            emit(new FloorEnded(participant.id, now));
        }
    }

    private void setChatMute(Participant actor, String participantId, boolean muted) {
        requireModerator(actor);
        Participant target = requireTarget(participantId);
        if (target.mutedInChat != muted) {
            emit(new ChatMuteChanged(target.id, muted));
        }
    }

    /** MOD2: removal closes their sockets (the transport sees the event), ends their token, their hand and turn. */
    private void removeParticipant(Participant actor, RemoveParticipant c, long now) {
        requireModerator(actor);
        Participant target = requireTarget(c.participantId());
        if (target == actor) {
            throw Rejected.conflict("you cannot remove yourself");
        }
        if (target.isModerator() && moderatorCount() == 1) {
            throw Rejected.conflict("the last moderator cannot be removed");
        }
        leaveQueueAndFloor(target, now);
        emit(new ParticipantRemoved(target.id, now));
    }

    /** MOD3: co-moderators; the last moderator stays one. */
    private void changeRole(Participant actor, String participantId, Role role) {
        requireModerator(actor);
        Participant target = requireTarget(participantId);
        if (target.role == role) {
            return;
        }
        if (role == Role.PARTICIPANT && moderatorCount() == 1) {
            throw Rejected.conflict("the last moderator cannot be demoted");
        }
        emit(new RoleChanged(target.id, role.wireName()));
    }

    private void setLocked(Participant actor, boolean lock) {
        requireModerator(actor);
        if (locked != lock) {
            emit(new MeetingLockChanged(lock));
        }
    }

    /** MOD5: one announcement for everyone, in every room; null clears it. */
    private void announce(Participant actor, Announce c, long now) {
        requireModerator(actor);
        String text = Text.optionalParagraph(c.text(), "text", 1, 500);
        if (text == null && announcement == null) {
            return;
        }
        emit(new AnnouncementChanged(text, now));
    }

    /** MOD6: the end closes what is open, so the report has every end time. */
    private void endMeeting(Participant actor, long now) {
        requireModerator(actor);
        if (speaker != null) {
            emit(new FloorEnded(speaker.participantId, now));
        }
        AgendaItem running = runningItem();
        if (running != null) {
            emit(new AgendaItemEnded(running.id, now));
        }
        if (activeRound() != null) {
            emit(new BreakoutsClosed(now));
        }
        emit(new MeetingEnded(now));
    }

    // ---------------------------------------------------------------------------------------------
    // Agenda (A)

    private void addAgendaItem(Participant actor, AddAgendaItem c) {
        requireModerator(actor);
        String itemTitle = Text.line(c.title(), "title", 1, 200);
        int duration = Text.range(c.durationSeconds(), "durationSeconds", 1, 86400);
        AgendaItemKind kind = kind(c.kind());
        if (agenda.size() >= Limits.AGENDA_ITEMS) {
            throw Rejected.conflict("the agenda has " + Limits.AGENDA_ITEMS + " items, the most it may have");
        }
        int position = c.position() == null ? agenda.size() : Text.range(c.position(), "position", 0, agenda.size());
        emit(new AgendaItemAdded(ids.get(), itemTitle, duration, kind.wireName(), position));
    }

    private void updateAgendaItem(Participant actor, UpdateAgendaItem c) {
        requireModerator(actor);
        AgendaItem item = requireItem(c.itemId());
        String itemTitle = c.title() == null ? item.title : Text.line(c.title(), "title", 1, 200);
        int duration = c.durationSeconds() == null ? item.durationSeconds
                : Text.range(c.durationSeconds(), "durationSeconds", 1, 86400);
        AgendaItemKind kind = c.kind() == null ? item.kind : kind(c.kind());
        emit(new AgendaItemUpdated(item.id, itemTitle, duration, kind.wireName()));
    }

    /** A3: only pending items may be removed. */
    private void removeAgendaItem(Participant actor, RemoveAgendaItem c) {
        requireModerator(actor);
        AgendaItem item = requireItem(c.itemId());
        if (item.status != AgendaItem.Status.PENDING) {
            throw Rejected.conflict("only pending items may be removed");
        }
        emit(new AgendaItemRemoved(item.id));
    }

    private void moveAgendaItem(Participant actor, MoveAgendaItem c) {
        requireModerator(actor);
        AgendaItem item = requireItem(c.itemId());
        int toIndex = Text.range(c.toIndex(), "toIndex", 0, agenda.size() - 1);
        if (agenda.indexOf(item) != toIndex) {
            emit(new AgendaItemMoved(item.id, toIndex));
        }
    }

    /** A5: starting an item ends the running one. */
    private void startAgendaItem(Participant actor, StartAgendaItem c, long now) {
        requireModerator(actor);
        AgendaItem item = requireItem(c.itemId());
        if (item.status != AgendaItem.Status.PENDING) {
            throw Rejected.conflict("only a pending item can be started");
        }
        start(item, now);
    }

    /** A6: the next pending item in order; with none pending, just ends the running one. */
    private void startNextAgendaItem(Participant actor, long now) {
        requireModerator(actor);
        AgendaItem running = runningItem();
        AgendaItem next = agenda.stream().filter(i -> i.status == AgendaItem.Status.PENDING).findFirst().orElse(null);
        if (running == null && next == null) {
            throw Rejected.conflict("nothing is running and nothing is pending");
        }
        if (next == null) {
            emit(new AgendaItemEnded(running.id, now));
        } else {
            start(next, now);
        }
    }

    private void start(AgendaItem item, long now) {
        AgendaItem running = runningItem();
        if (running != null) {
            emit(new AgendaItemEnded(running.id, now));
        }
        emit(new AgendaItemStarted(item.id, now, now + item.durationSeconds * 1000L));
    }

    /** A7: only the running item's end moves. */
    private void extendAgendaItem(Participant actor, ExtendAgendaItem c) {
        requireModerator(actor);
        AgendaItem running = runningItem();
        if (running == null) {
            throw Rejected.conflict("no agenda item is running");
        }
        int seconds = Text.range(c.seconds(), "seconds", 1, 3600);
        emit(new AgendaItemExtended(running.id, running.endsAt + seconds * 1000L));
    }

    private void stopAgendaItem(Participant actor, long now) {
        requireModerator(actor);
        AgendaItem running = runningItem();
        if (running == null) {
            throw Rejected.conflict("no agenda item is running");
        }
        emit(new AgendaItemEnded(running.id, now));
    }

    // ---------------------------------------------------------------------------------------------
    // Speaking queue (Q)

    /** Q1, Q3: joining the queue; raising again changes only the kind. */
    private void raiseHand(Participant actor, RaiseHand c, long now) {
        HandKind kind = c.kind() == null ? HandKind.SPEAK
                : HandKind.fromWire(c.kind()).orElseThrow(() -> Rejected.invalid("kind must be speak, reply or pointOfOrder"));
        Hand hand = findHand(actor.id);
        if (hand != null && hand.kind == kind) {
            return;
        }
        emit(new HandRaised(actor.id, kind.wireName(), hand == null ? now : hand.raisedAt));
    }

    /** Q4: your own hand, or anyone's for a moderator. */
    private void lowerHand(Participant actor, LowerHand c) {
        Participant target = actor;
        if (c.participantId() != null && !c.participantId().equals(actor.id)) {
            requireModerator(actor);
            target = requireTarget(c.participantId());
        }
        if (findHand(target.id) == null) {
            throw Rejected.conflict(target == actor ? "your hand is not raised" : "that hand is not raised");
        }
        emit(new HandLowered(target.id));
    }

    /** Q5: the floor to someone; the previous turn ends and their hand is lowered. */
    private void giveFloor(Participant actor, GiveFloor c, long now) {
        requireModerator(actor);
        Participant target = requireTarget(c.participantId());
        Integer limit = Text.optionalRange(c.limitSeconds(), "limitSeconds", 1, 3600);
        giveFloorTo(target.id, limit, now);
    }

    /** Q6: the head of the queue speaks; with an empty queue nobody does. */
    private void giveFloorToNext(Participant actor, GiveFloorToNext c, long now) {
        requireModerator(actor);
        Integer limit = Text.optionalRange(c.limitSeconds(), "limitSeconds", 1, 3600);
        if (hands.isEmpty()) {
            if (speaker != null) {
                emit(new FloorEnded(speaker.participantId, now));
            }
            return;
        }
        giveFloorTo(hands.get(0).participantId, limit, now);
    }

    private void giveFloorTo(String participantId, Integer limitSeconds, long now) {
        if (speaker != null) {
            emit(new FloorEnded(speaker.participantId, now));
        }
        if (findHand(participantId) != null) {
            emit(new HandLowered(participantId));
        }
        emit(new FloorGiven(participantId, now, limitSeconds));
    }

    /** Q7: a moderator, or the speaker, ends the turn. */
    private void endFloor(Participant actor, long now) {
        boolean isSpeaker = speaker != null && speaker.participantId.equals(actor.id);
        if (!actor.isModerator() && !isSpeaker) {
            throw Rejected.forbidden("only a moderator or the speaker may end the turn");
        }
        if (speaker == null) {
            throw Rejected.conflict("nobody has the floor");
        }
        emit(new FloorEnded(speaker.participantId, now));
    }

    // ---------------------------------------------------------------------------------------------
    // Chat (C)

    /** C1, C5, C6: to your room or the plenary; muted participants and floods are refused. */
    private void sendChatMessage(Participant actor, SendChatMessage c, long now) {
        if (actor.mutedInChat) {
            throw new Rejected(ErrorCode.MUTED, "you are muted in the chat");
        }
        String text = Text.paragraph(c.text(), "text", 1, 2000);
        Deque<Long> recent = recentChat.computeIfAbsent(actor.id, id -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst() <= now - 1000) {
            recent.pollFirst();
        }
        if (recent.size() >= CHAT_MESSAGES_PER_SECOND) {
            throw new Rejected(ErrorCode.RATE_LIMITED, "at most 5 chat messages a second");
        }
        recent.addLast(now);
        emit(new ChatMessageSent(ids.get(), actor.roomId, actor.id, actor.name, text, now));
    }

    private void deleteChatMessage(Participant actor, DeleteChatMessage c, long now) {
        requireModerator(actor);
        if (c.messageId() == null) {
            throw Rejected.invalid("messageId is required");
        }
        ChatMessage message = chatById.get(c.messageId());
        if (message == null || message.deleted) {
            throw Rejected.notFound("no such message");
        }
        emit(new ChatMessageDeleted(message.id, now));
    }

    // ---------------------------------------------------------------------------------------------
    // Breakouts (BR)

    /** BR1, BR2: a new round; its rooms are filled by the strategy. */
    private void openBreakouts(Participant actor, OpenBreakouts c, long now) {
        requireModerator(actor);
        if (activeRound() != null) {
            throw Rejected.conflict("a breakout round is already open");
        }
        if (rounds.size() >= Limits.BREAKOUT_ROUNDS) {
            throw Rejected.conflict("this meeting had " + Limits.BREAKOUT_ROUNDS + " breakout rounds, the most it may have");
        }
        int roomCount = Text.range(c.roomCount(), "roomCount", 1, 50);
        if (c.strategy() == null) {
            throw Rejected.invalid("strategy is required");
        }
        BreakoutStrategy strategy = BreakoutStrategy.fromWire(c.strategy())
                .orElseThrow(() -> Rejected.invalid("strategy must be random, mixOrganisations, manual or selfSelect"));
        int duration = Text.range(c.durationSeconds(), "durationSeconds", 1, 14400);
        int grace = c.graceSeconds() == null ? 60 : Text.range(c.graceSeconds(), "graceSeconds", 0, 600);
        List<String> topics = c.topics() == null ? List.of() : c.topics();
        if (topics.size() > roomCount) {
            throw Rejected.invalid("at most one topic per room");
        }
        List<RoomPlan> rooms = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            String topic = i < topics.size() && topics.get(i) != null ? Text.line(topics.get(i), "topic", 0, 200) : "";
            rooms.add(new RoomPlan(ids.get(), language.roomName(i), topic));
        }
        if (c.assignments() != null && !c.assignments().isEmpty() && strategy != BreakoutStrategy.MANUAL) {
            throw Rejected.invalid("assignments are for the manual strategy only");
        }
        Map<String, String> assignments = new LinkedHashMap<>();
        if (strategy == BreakoutStrategy.MANUAL && c.assignments() != null) {
            for (Map.Entry<String, Integer> entry : c.assignments().entrySet()) {
                Participant target = requireTarget(entry.getKey());
                if (target.isModerator()) {
                    throw Rejected.invalid("moderators are not assigned to rooms");
                }
                int index = Text.range(entry.getValue(), "room index", 0, roomCount - 1);
                assignments.put(target.id, rooms.get(index).roomId());
            }
        } else if (strategy == BreakoutStrategy.RANDOM || strategy == BreakoutStrategy.MIX_ORGANISATIONS) {
            List<RoomAssignment.Person> people = participants.values().stream()
                    .filter(p -> !p.removed && p.online && !p.isModerator())
                    .map(p -> new RoomAssignment.Person(p.id, p.organisation))
                    .toList();
            List<List<String>> filled = strategy == BreakoutStrategy.RANDOM
                    ? RoomAssignment.random(people, roomCount, random)
                    : RoomAssignment.mixOrganisations(people, roomCount, pastPairs(), random);
            for (int i = 0; i < roomCount; i++) {
                for (String participantId : filled.get(i)) {
                    assignments.put(participantId, rooms.get(i).roomId());
                }
            }
        }
        emit(new BreakoutsOpened(ids.get(), strategy.wireName(), rooms, assignments, now, duration,
                now + duration * 1000L, grace));
    }

    /** BR6, BR7: moderators visit any room or come back; in selfSelect participants choose. */
    private void joinBreakoutRoom(Participant actor, JoinBreakoutRoom c) {
        BreakoutRound round = requireOpenRound();
        if (!actor.isModerator()) {
            if (round.strategy != BreakoutStrategy.SELF_SELECT) {
                throw Rejected.forbidden("rooms are assigned in this round");
            }
            if (c.roomId() == null) {
                throw Rejected.forbidden("only moderators may go back to the plenary during a round");
            }
        }
        String roomId = c.roomId() == null ? null : requireRoom(round, c.roomId()).id;
        if (java.util.Objects.equals(actor.roomId, roomId)) {
            return;
        }
        emit(new ParticipantMoved(actor.id, roomId));
        if (actor.isModerator() && roomId != null && round.rooms.get(roomId).helpRequested) {
            emit(new BreakoutHelpAnswered(roomId));
        }
    }

    /** BR8: a moderator moves anyone, to a room or to the plenary. */
    private void moveToBreakoutRoom(Participant actor, MoveToBreakoutRoom c) {
        requireModerator(actor);
        BreakoutRound round = requireOpenRound();
        Participant target = requireTarget(c.participantId());
        String roomId = c.roomId() == null ? null : requireRoom(round, c.roomId()).id;
        if (java.util.Objects.equals(target.roomId, roomId)) {
            return;
        }
        emit(new ParticipantMoved(target.id, roomId));
        if (target.isModerator() && roomId != null && round.rooms.get(roomId).helpRequested) {
            emit(new BreakoutHelpAnswered(roomId));
        }
    }

    private void broadcastToBreakouts(Participant actor, BroadcastToBreakouts c, long now) {
        requireModerator(actor);
        requireOpenRound();
        emit(new BreakoutsBroadcast(Text.paragraph(c.text(), "text", 1, 500), now));
    }

    /** BR10: the end moves later; the one-minute warning comes again for the new end. */
    private void extendBreakouts(Participant actor, ExtendBreakouts c, long now) {
        requireModerator(actor);
        BreakoutRound round = activeRound();
        if (round == null || round.status != BreakoutRound.Status.OPEN) {
            throw Rejected.conflict("no breakout round is running");
        }
        int seconds = Text.range(c.seconds(), "seconds", 1, 3600);
        emit(new BreakoutsExtended(round.endsAt + seconds * 1000L));
    }

    /** BR13: closing now, with a grace for the last words; during the grace, a shorter grace ends it sooner. */
    private void closeBreakouts(Participant actor, CloseBreakouts c, long now) {
        requireModerator(actor);
        BreakoutRound round = activeRound();
        if (round == null) {
            throw Rejected.conflict("no breakout round is open");
        }
        int grace = c.graceSeconds() == null ? round.graceSeconds : Text.range(c.graceSeconds(), "graceSeconds", 0, 600);
        if (round.status == BreakoutRound.Status.CLOSING && now + grace * 1000L >= round.closingAt) {
            throw Rejected.conflict("the round is already closing");
        }
        startClosing(round, grace, now);
    }

    private void startClosing(BreakoutRound round, int graceSeconds, long now) {
        if (graceSeconds == 0) {
            emit(new BreakoutsClosed(now));
        } else {
            emit(new BreakoutsClosing(now + graceSeconds * 1000L, now));
        }
    }

    /** BR14: a room asks for a moderator. */
    private void requestBreakoutHelp(Participant actor, long now) {
        BreakoutRound round = activeRound();
        if (round == null || actor.roomId == null) {
            throw Rejected.conflict("you are not in a breakout room");
        }
        BreakoutRound.Room room = round.rooms.get(actor.roomId);
        if (!room.helpRequested) {
            emit(new BreakoutHelpRequested(room.id, actor.id, now));
        }
    }

    /** BR15: insights are collected per room, also during the closing grace. */
    private void addInsight(Participant actor, AddInsight c, long now) {
        BreakoutRound round = activeRound();
        if (round == null || actor.roomId == null) {
            throw Rejected.conflict("you are not in a breakout room");
        }
        String text = Text.paragraph(c.text(), "text", 1, 1000);
        if (round.rooms.get(actor.roomId).insights.size() >= Limits.INSIGHTS_PER_ROOM) {
            throw Rejected.conflict("this room has " + Limits.INSIGHTS_PER_ROOM + " insights, the most it may have");
        }
        emit(new InsightAdded(ids.get(), actor.roomId, actor.id, text, now));
    }

    /** BR11: rounds longer than two minutes, counting extensions, get the one-minute warning. */
    private boolean warns(BreakoutRound round) {
        return round.endsAt - round.openedAt > WARN_ROUNDS_LONGER_THAN_SECONDS * 1000L;
    }

    private BreakoutRound.Room smallestRoom(BreakoutRound round) {
        Map<String, Integer> sizes = new HashMap<>();
        for (BreakoutRound.Room room : round.rooms.values()) {
            sizes.put(room.id, 0);
        }
        for (Participant p : participants.values()) {
            if (!p.removed && !p.isModerator() && p.roomId != null && sizes.containsKey(p.roomId)) {
                sizes.merge(p.roomId, 1, Integer::sum);
            }
        }
        return round.rooms.values().stream().min(Comparator.comparingInt(r -> sizes.get(r.id))).orElseThrow();
    }

    /** BR4: pairs who shared a room in an earlier round of this meeting. */
    private Set<String> pastPairs() {
        Set<String> pairs = new HashSet<>();
        for (BreakoutRound round : rounds) {
            for (BreakoutRound.Room room : round.rooms.values()) {
                List<String> members = room.membersAtClose == null ? List.of() : room.membersAtClose;
                for (int i = 0; i < members.size(); i++) {
                    for (int j = i + 1; j < members.size(); j++) {
                        pairs.add(RoomAssignment.pair(members.get(i), members.get(j)));
                    }
                }
            }
        }
        return pairs;
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    private void requireOpen() {
        if (isEnded()) {
            throw new Rejected(ErrorCode.ENDED, "this meeting has ended");
        }
    }

    private Participant requireMember(String participantId) {
        Participant participant = participantId == null ? null : participants.get(participantId);
        if (participant == null || participant.removed) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "you are not in this meeting");
        }
        return participant;
    }

    private static void requireModerator(Participant actor) {
        if (!actor.isModerator()) {
            throw Rejected.forbidden("only moderators may do this");
        }
    }

    private Participant requireTarget(String participantId) {
        if (participantId == null) {
            throw Rejected.invalid("participantId is required");
        }
        Participant target = participants.get(participantId);
        if (target == null || target.removed) {
            throw Rejected.notFound("no such participant");
        }
        return target;
    }

    private AgendaItem requireItem(String itemId) {
        if (itemId == null) {
            throw Rejected.invalid("itemId is required");
        }
        return agenda.stream().filter(i -> i.id.equals(itemId)).findFirst()
                .orElseThrow(() -> Rejected.notFound("no such agenda item"));
    }

    private BreakoutRound requireOpenRound() {
        BreakoutRound round = activeRound();
        if (round == null || round.status != BreakoutRound.Status.OPEN) {
            throw Rejected.conflict("no breakout round is running");
        }
        return round;
    }

    private static BreakoutRound.Room requireRoom(BreakoutRound round, String roomId) {
        BreakoutRound.Room room = round.rooms.get(roomId);
        if (room == null) {
            throw Rejected.notFound("no such room");
        }
        return room;
    }

    private static AgendaItemKind kind(String wire) {
        return wire == null ? AgendaItemKind.PLENARY
                : AgendaItemKind.fromWire(wire).orElseThrow(() -> Rejected.invalid("kind must be plenary, breakout or break"));
    }

    private long moderatorCount() {
        return participants.values().stream().filter(p -> !p.removed && p.isModerator()).count();
    }

    // ---------------------------------------------------------------------------------------------
    // Applying events: trusted, no checks. The only code that changes state.

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

    void apply(MeetingEvent event) {
        if (event instanceof MeetingCreated e) {
            meetingId = e.meetingId();
            title = e.title();
            language = Language.fromCode(e.language()).orElse(Language.NL);
            moderatorKeyHash = e.moderatorKeyHash();
            createdAt = e.createdAt();
        } else if (event instanceof MeetingLockChanged e) {
            locked = e.locked();
        } else if (event instanceof AnnouncementChanged e) {
            announcement = e.text() == null ? null : new MeetingView.AnnouncementView(e.text(), e.at());
            if (announcement != null && keepsHistory) {
                announcements.add(announcement);
            }
        } else if (event instanceof MeetingEnded e) {
            endedAt = e.at();
            for (Participant p : participants.values()) {
                if (p.online) {
                    p.online = false;
                    p.leftAt = e.at();
                }
            }
        } else if (event instanceof ParticipantJoined e) {
            participants.put(e.participantId(), new Participant(e.participantId(), e.name(), e.organisation(),
                    role(e.role()), e.tokenHash(), e.at()));
        } else if (event instanceof ParticipantConnected e) {
            participants.get(e.participantId()).online = true;
        } else if (event instanceof ParticipantDisconnected e) {
            Participant p = participants.get(e.participantId());
            p.online = false;
            p.leftAt = e.at();
        } else if (event instanceof PresenceChanged e) {
            for (PresenceChange change : e.changes()) {
                Participant p = participants.get(change.participantId());
                p.online = change.online();
                if (!change.online()) {
                    p.leftAt = change.at();
                }
            }
        } else if (event instanceof ParticipantLeft e) {
            Participant p = participants.get(e.participantId());
            p.online = false;
            p.leftAt = e.at();
            p.roomId = null;
        } else if (event instanceof ParticipantRemoved e) {
            Participant p = participants.get(e.participantId());
            p.removed = true;
            p.online = false;
            p.leftAt = e.at();
            p.roomId = null;
        } else if (event instanceof ChatMuteChanged e) {
            participants.get(e.participantId()).mutedInChat = e.muted();
        } else if (event instanceof RoleChanged e) {
            participants.get(e.participantId()).role = role(e.role());
        } else if (event instanceof AgendaItemAdded e) {
            agenda.add(Math.min(e.position(), agenda.size()), new AgendaItem(e.itemId(), e.title(),
                    e.durationSeconds(), kind(e.kind())));
        } else if (event instanceof AgendaItemUpdated e) {
            AgendaItem item = item(e.itemId());
            item.title = e.title();
            item.durationSeconds = e.durationSeconds();
            item.kind = kind(e.kind());
        } else if (event instanceof AgendaItemRemoved e) {
            agenda.remove(item(e.itemId()));
        } else if (event instanceof AgendaItemMoved e) {
            AgendaItem item = item(e.itemId());
            agenda.remove(item);
            agenda.add(Math.min(e.toIndex(), agenda.size()), item);
        } else if (event instanceof AgendaItemStarted e) {
            AgendaItem item = item(e.itemId());
            item.status = AgendaItem.Status.RUNNING;
            item.startedAt = e.startedAt();
            item.endsAt = e.endsAt();
        } else if (event instanceof AgendaItemExtended e) {
            AgendaItem item = item(e.itemId());
            item.endsAt = e.endsAt();
            item.overtime = false;
        } else if (event instanceof AgendaItemEnded e) {
            AgendaItem item = item(e.itemId());
            item.status = AgendaItem.Status.DONE;
            item.endedAt = e.endedAt();
        } else if (event instanceof AgendaItemOverran e) {
            item(e.itemId()).overtime = true;
        } else if (event instanceof HandRaised e) {
            Hand hand = findHand(e.participantId());
            if (hand == null) {
                hands.add(new Hand(e.participantId(), handKind(e.kind()), e.raisedAt()));
            } else {
                hand.kind = handKind(e.kind());
            }
            hands.sort(Comparator.comparing((Hand h) -> h.kind).thenComparingLong(h -> h.raisedAt));
        } else if (event instanceof HandLowered e) {
            hands.removeIf(h -> h.participantId.equals(e.participantId()));
        } else if (event instanceof FloorGiven e) {
            speaker = new SpeakingTurn(e.participantId(), e.since(), e.limitSeconds());
            if (keepsHistory) {
                turns.add(speaker);
            }
        } else if (event instanceof FloorEnded e) {
            if (speaker != null) {
                speaker.endedAt = e.endedAt();
            }
            speaker = null;
        } else if (event instanceof SpeakerOverran e) {
            if (speaker != null) {
                speaker.overtime = true;
            }
        } else if (event instanceof ChatMessageSent e) {
            ChatMessage message = new ChatMessage(chatMessagesSent++, e.messageId(), e.roomId(), e.participantId(),
                    e.name(), e.text(), e.sentAt());
            Deque<ChatMessage> audience = chat.computeIfAbsent(e.roomId() == null ? "" : e.roomId(),
                    key -> new ArrayDeque<>());
            audience.addLast(message);
            chatById.put(message.id, message);
            if (!keepsHistory && audience.size() > Limits.CHAT_KEPT_PER_AUDIENCE) {
                chatById.remove(audience.removeFirst().id);
            }
        } else if (event instanceof ChatMessageDeleted e) {
            ChatMessage message = chatById.get(e.messageId());
            if (message != null) {
                message.deleted = true;
            }
        } else if (event instanceof BreakoutsOpened e) {
            BreakoutRound round = new BreakoutRound(e.roundId(), BreakoutStrategy.fromWire(e.strategy()).orElseThrow(),
                    e.openedAt(), e.durationSeconds(), e.endsAt(), e.graceSeconds());
            for (RoomPlan plan : e.rooms()) {
                round.rooms.put(plan.roomId(), new BreakoutRound.Room(plan.roomId(), plan.name(), plan.topic()));
            }
            e.assignments().forEach((participantId, roomId) -> {
                participants.get(participantId).roomId = roomId;
                round.everAssigned.add(participantId);
            });
            if (!keepsHistory && !rounds.isEmpty()) {
                // L6: an earlier round shows nowhere any more; only its members stay (BR4 avoids past pairs).
                rounds.get(rounds.size() - 1).forget();
            }
            rounds.add(round);
        } else if (event instanceof ParticipantMoved e) {
            participants.get(e.participantId()).roomId = e.roomId();
            if (e.roomId() != null) {
                activeRound().everAssigned.add(e.participantId());
            }
        } else if (event instanceof BreakoutHelpRequested e) {
            activeRound().rooms.get(e.roomId()).helpRequested = true;
        } else if (event instanceof BreakoutHelpAnswered e) {
            activeRound().rooms.get(e.roomId()).helpRequested = false;
        } else if (event instanceof BreakoutsBroadcast e) {
            BreakoutRound round = activeRound();
            round.broadcast = new MeetingView.AnnouncementView(e.text(), e.at());
            if (keepsHistory) {
                round.broadcasts.add(round.broadcast);
            }
        } else if (event instanceof BreakoutsExtended e) {
            BreakoutRound round = activeRound();
            round.endsAt = e.endsAt();
            round.warned = false;
        } else if (event instanceof BreakoutsEndingSoon e) {
            activeRound().warned = true;
        } else if (event instanceof BreakoutsClosing e) {
            BreakoutRound round = activeRound();
            round.status = BreakoutRound.Status.CLOSING;
            round.closingAt = e.closingAt();
        } else if (event instanceof BreakoutsClosed e) {
            BreakoutRound round = activeRound();
            for (BreakoutRound.Room room : round.rooms.values()) {
                room.membersAtClose = List.copyOf(roomMembers(room.id));
                room.helpRequested = false;
            }
            for (Participant p : participants.values()) {
                if (p.roomId != null && !p.removed) {
                    round.inRoomsAtClose.add(p.id);
                }
                p.roomId = null;
            }
            round.status = BreakoutRound.Status.CLOSED;
            round.closedAt = e.at();
            round.broadcast = null;
            if (!keepsHistory) {
                // L5: the rooms' chats show to nobody once everyone is back in the plenary.
                chat.keySet().removeIf(audience -> {
                    if (audience.isEmpty()) {
                        return false;
                    }
                    chat.get(audience).forEach(message -> chatById.remove(message.id));
                    return true;
                });
            }
        } else if (event instanceof InsightAdded e) {
            activeRound().rooms.get(e.roomId()).insights
                    .add(new BreakoutRound.Insight(e.insightId(), e.participantId(), e.text(), e.at()));
        } else {
            throw new IllegalArgumentException("No effect for " + event.getClass().getSimpleName());
        }
    }

    private AgendaItem item(String itemId) {
        return agenda.stream().filter(i -> i.id.equals(itemId)).findFirst().orElseThrow();
    }

    private static Role role(String wire) {
        return Role.MODERATOR.wireName().equals(wire) ? Role.MODERATOR : Role.PARTICIPANT;
    }

    private static HandKind handKind(String wire) {
        return HandKind.fromWire(wire).orElse(HandKind.SPEAK);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading (package-private for views, notices and the report)

    public String id() {
        return meetingId;
    }

    public String title() {
        return title;
    }

    public String languageCode() {
        return language.code();
    }

    public boolean isLocked() {
        return locked;
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long endedAt() {
        return endedAt;
    }

    /** Participants not removed, in join order. */
    public long participantCount() {
        return participants.values().stream().filter(p -> !p.removed).count();
    }

    /** M3: the participant a token belongs to, if it is theirs and they were not removed. */
    public Optional<String> authenticate(String participantId, String secret) {
        Participant participant = participantId == null ? null : participants.get(participantId);
        if (participant == null || participant.removed || !Credentials.matches(secret, participant.tokenHash)) {
            return Optional.empty();
        }
        return Optional.of(participant.id);
    }

    public boolean isModerator(String participantId) {
        Participant p = participants.get(participantId);
        return p != null && !p.removed && p.isModerator();
    }

    public boolean isMember(String participantId) {
        Participant p = participants.get(participantId);
        return p != null && !p.removed;
    }

    Map<String, Participant> participantsById() {
        return participants;
    }

    List<AgendaItem> agendaItems() {
        return agenda;
    }

    List<Hand> hands() {
        return hands;
    }

    SpeakingTurn speaker() {
        return speaker;
    }

    List<SpeakingTurn> turns() {
        return turns;
    }

    /** Every chat message kept, oldest first. */
    List<ChatMessage> chatMessages() {
        List<ChatMessage> all = new ArrayList<>();
        chat.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(message -> message.ordinal));
        return all;
    }

    /** The chat kept of one audience (null: the plenary), oldest first. */
    Deque<ChatMessage> chatOf(String roomId) {
        Deque<ChatMessage> audience = chat.get(roomId == null ? "" : roomId);
        return audience == null ? new ArrayDeque<>() : audience;
    }

    ChatMessage chatMessage(String messageId) {
        return chatById.get(messageId);
    }

    MeetingView.AnnouncementView announcement() {
        return announcement;
    }

    List<MeetingView.AnnouncementView> announcements() {
        return announcements;
    }

    List<BreakoutRound> rounds() {
        return rounds;
    }

    AgendaItem runningItem() {
        return agenda.stream().filter(i -> i.status == AgendaItem.Status.RUNNING).findFirst().orElse(null);
    }

    Hand findHand(String participantId) {
        return hands.stream().filter(h -> h.participantId.equals(participantId)).findFirst().orElse(null);
    }

    /** The open or closing round, or null. */
    BreakoutRound activeRound() {
        if (rounds.isEmpty()) {
            return null;
        }
        BreakoutRound last = rounds.get(rounds.size() - 1);
        return last.isActive() ? last : null;
    }

    /** The current round, or the last closed one (its rooms stay visible until the next opens), or null. */
    BreakoutRound lastRound() {
        return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
    }

    /** Non-moderators who are in the room now (offline ones included). */
    List<String> roomMembers(String roomId) {
        List<String> members = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.removed && !p.isModerator() && roomId.equals(p.roomId)) {
                members.add(p.id);
            }
        }
        return members;
    }

    /** Everyone (not removed) whose current room is {@code roomId}, moderators visiting it included. */
    Set<String> presentIn(String roomId) {
        Set<String> present = new HashSet<>();
        for (Participant p : participants.values()) {
            if (!p.removed && java.util.Objects.equals(roomId, p.roomId)) {
                present.add(p.id);
            }
        }
        return present;
    }

    void markResync(String participantId) {
        if (resync != null) {
            resync.add(participantId);
        }
    }

    /** The snapshot as {@code viewerId} sees it (protocol.md section 3). */
    public MeetingView.Snapshot viewFor(String viewerId, long now) {
        return MeetingViews.snapshot(this, participants.get(viewerId), now);
    }
}
