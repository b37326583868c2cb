package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.kring.meeting.CallLinks;
import io.kring.meeting.CommandContext;
import io.kring.meeting.Language;
import io.kring.meeting.Limits;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.AddInsight;
import io.kring.meeting.MeetingCommand.BroadcastToBreakouts;
import io.kring.meeting.MeetingCommand.CloseBreakouts;
import io.kring.meeting.MeetingCommand.EditInsight;
import io.kring.meeting.MeetingCommand.ExtendBreakouts;
import io.kring.meeting.MeetingCommand.JoinBreakoutRoom;
import io.kring.meeting.MeetingCommand.MarkRoomDone;
import io.kring.meeting.MeetingCommand.MoveToBreakoutRoom;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingCommand.RemoveInsight;
import io.kring.meeting.MeetingEvent.BreakoutHelpAnswered;
import io.kring.meeting.MeetingEvent.BreakoutHelpRequested;
import io.kring.meeting.MeetingEvent.BreakoutsBroadcast;
import io.kring.meeting.MeetingEvent.BreakoutsClosed;
import io.kring.meeting.MeetingEvent.BreakoutsClosing;
import io.kring.meeting.MeetingEvent.BreakoutsEndingSoon;
import io.kring.meeting.MeetingEvent.BreakoutsExtended;
import io.kring.meeting.MeetingEvent.BreakoutsOpened;
import io.kring.meeting.MeetingEvent.InsightAdded;
import io.kring.meeting.MeetingEvent.InsightEdited;
import io.kring.meeting.MeetingEvent.InsightRemoved;
import io.kring.meeting.MeetingEvent.ParticipantMoved;
import io.kring.meeting.MeetingEvent.RoomDoneChanged;
import io.kring.meeting.MeetingEvent.RoomPlan;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * Breakout rounds (BR-rules): rooms, who goes where, deadlines, help and insights. Who is in which room now is
 * the roster's to keep: the {@link io.kring.meeting.Meeting} applies the moves there too, and tells this part
 * who was where when a round closes.
 */
public final class Breakouts {

    static final long WARNING_BEFORE_END_MS = 60_000;
    static final int WARN_ROUNDS_LONGER_THAN_SECONDS = 120;
    /** BR1: a round lasts at most four hours; AP3: so does a breakout item with a prepared round. */
    public static final int MAX_DURATION_SECONDS = 14_400;
    /**
     * L6: a live meeting keeps at most this many insights of its earlier rounds (the last round's come on top); over
     * it, the oldest rounds' insights are forgotten first, whole rounds at a time.
     */
    public static final int EARLIER_INSIGHTS_BUDGET = 1_000;

    private final RandomGenerator random;
    /** L6: a live meeting forgets what an earlier round showed; the report's replay keeps it. */
    private final boolean keepsHistory;
    private final List<BreakoutRound> rounds = new ArrayList<>();
    /** NWM1: who met whom in the network's earlier meetings; {@link NetworkMemory#NONE} outside a network. */
    private NetworkMemory network = NetworkMemory.NONE;

    public Breakouts(RandomGenerator random, boolean keepsHistory) {
        this.random = random;
        this.keepsHistory = keepsHistory;
    }

    /**
     * NWM1: the pairs of members who shared a room in the network's earlier meetings, given by the live layer when
     * it loads a network meeting (never replayed: it only steers the rooms a new round plans, and the round's
     * event carries its assignments).
     */
    public void rememberNetwork(NetworkMemory memory) {
        this.network = memory == null ? NetworkMemory.NONE : memory;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /**
     * BR1, BR2, GM1-GM8: a new round, every check made, without emitting it; its rooms are filled by the strategy
     * ({@link RoundOpening}) and named in the meeting's language. CALL1, CALL3: each room gets the call link given
     * for it in {@code callUrls}, or else a new one. The meeting emits it: {@code breakout.open} after ending a
     * report-back (RB7), AP5 after the agenda's own events (refusing the whole command if the round cannot open).
     */
    public BreakoutsOpened planRound(Member actor, OpenBreakouts c, Language language, CallLinks calls, long now,
            CommandContext context) {
        actor.requireModerator();
        if (activeRound() != null) {
            throw Rejected.conflict("a breakout round is already open");
        }
        if (rounds.size() >= Limits.BREAKOUT_ROUNDS) {
            throw Rejected.conflict("this meeting had " + Limits.BREAKOUT_ROUNDS + " breakout rounds, the most it may have");
        }
        return new RoundOpening(c, rounds, random, earlierPairs(pastPairs(), network, memberIds(context.present())),
                context).plan(language, calls, now);
    }

    /**
     * BR5, GM9: a late joiner (first connected while the round runs) goes to the smallest room; GM8: with
     * attendance separate, the smallest room without people of the other kind (none left: the plenary).
     */
    public void placeLateJoiner(Member joiner, CommandContext context) {
        BreakoutRound round = activeRound();
        if (round != null && round.status == BreakoutRound.Status.OPEN && round.strategy.assignsLateJoiners()
                && !joiner.moderator() && joiner.roomId() == null && !round.everAssigned.contains(joiner.id())) {
            BreakoutRound.Room room = smallestRoom(round, context.members(),
                    BreakoutRequest.SEPARATE.equals(round.attendance) ? joiner.inRoom() : null);
            if (room != null) {
                context.emit(new ParticipantMoved(joiner.id(), room.id));
            }
        }
    }

    /** BR6, BR7: moderators visit any room or come back; in selfSelect participants choose. */
    public void joinRoom(Member actor, JoinBreakoutRoom c, CommandContext context) {
        BreakoutRound round = requireOpenRound();
        if (!actor.moderator()) {
            if (round.strategy != BreakoutStrategy.SELF_SELECT) {
                throw Rejected.forbidden("rooms are assigned in this round");
            }
            if (c.roomId() == null) {
                throw Rejected.forbidden("only moderators may go back to the plenary during a round");
            }
        }
        String roomId = c.roomId() == null ? null : requireRoom(round, c.roomId()).id;
        move(actor, roomId, round, context);
    }

    /** BR8: a moderator moves anyone, to a room or to the plenary. */
    public void moveToRoom(Member actor, MoveToBreakoutRoom c, CommandContext context) {
        actor.requireModerator();
        BreakoutRound round = requireOpenRound();
        Member target = context.target(c.participantId());
        String roomId = c.roomId() == null ? null : requireRoom(round, c.roomId()).id;
        move(target, roomId, round, context);
    }

    /** BR14: a moderator who comes into a room that asked for help answers it. */
    private void move(Member member, String roomId, BreakoutRound round, CommandContext context) {
        if (Objects.equals(member.roomId(), roomId)) {
            return;
        }
        context.emit(new ParticipantMoved(member.id(), roomId));
        if (member.moderator() && roomId != null && round.rooms.get(roomId).helpRequested) {
            context.emit(new BreakoutHelpAnswered(roomId));
        }
    }

    public void broadcast(Member actor, BroadcastToBreakouts c, long now, CommandContext context) {
        actor.requireModerator();
        requireOpenRound();
        context.emit(new BreakoutsBroadcast(Text.paragraph(c.text(), "text", 1, 500), now));
    }

    /** BR10: the end moves later; the one-minute warning comes again for the new end. */
    public void extend(Member actor, ExtendBreakouts c, CommandContext context) {
        actor.requireModerator();
        BreakoutRound round = activeRound();
        if (round == null || round.status != BreakoutRound.Status.OPEN) {
            throw Rejected.conflict("no breakout round is running");
        }
        int seconds = Text.range(c.seconds(), "seconds", 1, 3600);
        context.emit(new BreakoutsExtended(round.endsAt + seconds * 1000L));
    }

    /** BR13: closing now, with a grace for the last words; during the grace, a shorter grace ends it sooner. */
    public void close(Member actor, CloseBreakouts c, long now, CommandContext context) {
        actor.requireModerator();
        BreakoutRound round = activeRound();
        if (round == null) {
            throw Rejected.conflict("no breakout round is open");
        }
        int grace = c.graceSeconds() == null ? round.graceSeconds : Text.range(c.graceSeconds(), "graceSeconds", 0, 600);
        if (round.status == BreakoutRound.Status.CLOSING && now + grace * 1000L >= round.closingAt) {
            throw Rejected.conflict("the round is already closing");
        }
        startClosing(grace, now, context);
    }

    /** MOD6: the meeting's end closes the round at once. */
    public void closeNow(long now, CommandContext context) {
        if (activeRound() != null) {
            context.emit(new BreakoutsClosed(now));
        }
    }

    private void startClosing(int graceSeconds, long now, CommandContext context) {
        if (graceSeconds == 0) {
            context.emit(new BreakoutsClosed(now));
        } else {
            context.emit(new BreakoutsClosing(now + graceSeconds * 1000L, now));
        }
    }

    /** BR14: a room asks for a moderator. */
    public void requestHelp(Member actor, long now, CommandContext context) {
        BreakoutRound round = activeRound();
        if (round == null || actor.roomId() == null) {
            throw Rejected.conflict("you are not in a breakout room");
        }
        BreakoutRound.Room room = round.rooms.get(actor.roomId());
        if (!room.helpRequested) {
            context.emit(new BreakoutHelpRequested(room.id, actor.id(), now));
        }
    }

    /**
     * RD1, RD2: whoever is in a room of the open round (its members, and a moderator visiting it) marks the room done
     * or not done any more, also during the closing grace; setting what already holds changes nothing.
     */
    public void markDone(Member actor, MarkRoomDone c, long now, CommandContext context) {
        BreakoutRound round = activeRound();
        if (round == null || actor.roomId() == null || !round.rooms.containsKey(actor.roomId())) {
            throw Rejected.conflict("you are not in a breakout room");
        }
        if (c.done() == null) {
            throw Rejected.invalid("done must be true or false");
        }
        if (round.rooms.get(actor.roomId()).done != c.done()) {
            context.emit(new RoomDoneChanged(actor.roomId(), actor.id(), c.done(), now));
        }
    }

    /** BR15: insights are collected per room, also during the closing grace. */
    public void addInsight(Member actor, AddInsight c, long now, CommandContext context) {
        BreakoutRound round = activeRound();
        String roomId;
        if (c.roomId() != null) {
            // PR4: a moderator adds to any room of the open round, on behalf of a group in it; the insight is theirs.
            actor.requireModerator();
            if (round == null) {
                throw Rejected.conflict("no breakout round is open");
            }
            roomId = requireRoom(round, c.roomId()).id;
        } else {
            if (round == null || actor.roomId() == null) {
                throw Rejected.conflict("you are not in a breakout room");
            }
            roomId = actor.roomId();
        }
        String text = Text.paragraph(c.text(), "text", 1, 1000);
        if (round.rooms.get(roomId).insights.size() >= Limits.INSIGHTS_PER_ROOM) {
            throw Rejected.conflict("this room has " + Limits.INSIGHTS_PER_ROOM + " insights, the most it may have");
        }
        context.emit(new InsightAdded(context.newId(), roomId, actor.id(), text, now));
    }

    /** IN1, IN2: see {@link InsightEdits}. */
    public void editInsight(Member actor, EditInsight c, long now, CommandContext context) {
        InsightEdits.edit(rounds, actor, c, now, context);
    }

    public void removeInsight(Member actor, RemoveInsight c, long now, CommandContext context) {
        InsightEdits.remove(rounds, actor, c, now, context);
    }

    /** BR11, BR12: the one-minute warning, the end of the round, and the end of its grace. */
    public void tick(long now, CommandContext context) {
        BreakoutRound round = activeRound();
        if (round != null && round.status == BreakoutRound.Status.OPEN) {
            if (!round.warned && warns(round) && round.endsAt - WARNING_BEFORE_END_MS <= now && round.endsAt > now) {
                context.emit(new BreakoutsEndingSoon(round.endsAt, now));
            }
            if (round.endsAt <= now) {
                startClosing(round.graceSeconds, now, context);
            }
        }
        if (round != null && round.status == BreakoutRound.Status.CLOSING && round.closingAt <= now) {
            context.emit(new BreakoutsClosed(now));
        }
    }

    /** When {@link #tick} next has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
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
        return next;
    }

    /** BR11: rounds longer than two minutes, counting extensions, get the one-minute warning. */
    private static boolean warns(BreakoutRound round) {
        return round.endsAt - round.openedAt > WARN_ROUNDS_LONGER_THAN_SECONDS * 1000L;
    }

    /** The smallest room; with {@code onlyInRoom} not null, among rooms with nobody of the other attendance. */
    private static BreakoutRound.Room smallestRoom(BreakoutRound round, List<Member> members, Boolean onlyInRoom) {
        Map<String, Integer> sizes = new HashMap<>();
        for (BreakoutRound.Room room : round.rooms.values()) {
            sizes.put(room.id, 0);
        }
        Set<String> otherKind = new HashSet<>();
        for (Member m : members) {
            if (!m.moderator() && m.roomId() != null && sizes.containsKey(m.roomId())) {
                sizes.merge(m.roomId(), 1, Integer::sum);
                if (onlyInRoom != null && m.inRoom() != onlyInRoom) {
                    otherKind.add(m.roomId());
                }
            }
        }
        return round.rooms.values().stream().filter(r -> !otherKind.contains(r.id))
                .min(Comparator.comparingInt(r -> sizes.get(r.id))).orElse(null);
    }

    /**
     * BR4, NWM2: the pairs a new round avoids, as participant pair keys: those who shared a room in an earlier round
     * of this meeting and, alongside, those (present now) whose members shared a room in an earlier meeting of the
     * network. {@code memberIdOf}: the member id of each present participant of a network meeting.
     */
    static Set<String> earlierPairs(Set<String> inMeeting, NetworkMemory network, Map<String, String> memberIdOf) {
        if (network.isEmpty()) {
            return inMeeting;
        }
        Set<String> pairs = new HashSet<>(inMeeting);
        pairs.addAll(network.participantPairs(memberIdOf));
        return pairs;
    }

    /** NWM2: the member id of each present participant who has one (a network meeting's participants). */
    private static Map<String, String> memberIds(List<Member> present) {
        Map<String, String> memberIds = new HashMap<>();
        for (Member member : present) {
            if (!member.moderator() && member.memberId() != null) {
                memberIds.put(member.id(), member.memberId());
            }
        }
        return memberIds;
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

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks. The roster applies the room changes of the same events.

    public void opened(BreakoutsOpened e) {
        BreakoutRound round = new BreakoutRound(e.roundId(), rounds.size(),
                BreakoutStrategy.fromWire(e.strategy()).orElseThrow(), e.fromRound(),
                e.attendance() == null ? BreakoutRequest.MIXED : e.attendance(), e.openedAt(), e.durationSeconds(),
                e.endsAt(), e.graceSeconds());
        for (RoomPlan plan : e.rooms()) {
            round.rooms.put(plan.roomId(), new BreakoutRound.Room(plan.roomId(), plan.name(), plan.topic(),
                    plan.callUrl(), plan.hostId()));
        }
        round.everAssigned.addAll(e.assignments().keySet());
        if (!keepsHistory && !rounds.isEmpty()) {
            // L6: an earlier round shows nowhere any more; its members stay (BR4 avoids past pairs), and its insights
            // within the budget of earlier rounds' insights (RB1, POLL2), the oldest rounds' forgotten first.
            rounds.get(rounds.size() - 1).forget();
            keepInsightBudget();
        }
        rounds.add(round);
    }

    /** L6: forgets the oldest earlier rounds' insights, whole rounds, until the rest fit the budget. */
    private void keepInsightBudget() {
        int total = 0;
        for (BreakoutRound r : rounds) {
            total += r.insightCount();
        }
        for (int i = 0; i < rounds.size() && total > EARLIER_INSIGHTS_BUDGET; i++) {
            BreakoutRound r = rounds.get(i);
            if (!r.insightsForgotten) {
                total -= r.insightCount();
                r.forgetInsights();
            }
        }
    }

    public void moved(ParticipantMoved e) {
        if (e.roomId() != null) {
            activeRound().everAssigned.add(e.participantId());
        }
    }

    public void helpRequested(BreakoutHelpRequested e) {
        activeRound().rooms.get(e.roomId()).helpRequested = true;
    }

    public void helpAnswered(BreakoutHelpAnswered e) {
        activeRound().rooms.get(e.roomId()).helpRequested = false;
    }

    public void doneChanged(RoomDoneChanged e) {
        activeRound().rooms.get(e.roomId()).done = e.done();
    }

    public void broadcast(BreakoutsBroadcast e) {
        BreakoutRound round = activeRound();
        round.broadcast = new MeetingView.AnnouncementView(e.text(), e.at());
        if (keepsHistory) {
            round.broadcasts.add(round.broadcast);
        }
    }

    public void extended(BreakoutsExtended e) {
        BreakoutRound round = activeRound();
        round.endsAt = e.endsAt();
        round.warned = false;
    }

    public void endingSoon(BreakoutsEndingSoon e) {
        activeRound().warned = true;
    }

    public void closing(BreakoutsClosing e) {
        BreakoutRound round = activeRound();
        round.status = BreakoutRound.Status.CLOSING;
        round.closingAt = e.closingAt();
    }

    /**
     * BR12: the round closes with its rooms' members as they are ({@code roomMembers}) and who was in a room,
     * visiting moderators included ({@code inRooms}); the meeting then sends everyone back to the plenary.
     */
    public void closed(BreakoutsClosed e, Function<String, List<String>> roomMembers, Set<String> inRooms) {
        BreakoutRound round = activeRound();
        for (BreakoutRound.Room room : round.rooms.values()) {
            room.membersAtClose = List.copyOf(roomMembers.apply(room.id));
            room.helpRequested = false;
        }
        round.inRoomsAtClose.addAll(inRooms);
        round.status = BreakoutRound.Status.CLOSED;
        round.closedAt = e.at();
        round.broadcast = null;
    }

    public void insightAdded(InsightAdded e) {
        activeRound().rooms.get(e.roomId()).insights
                .add(new BreakoutRound.Insight(e.insightId(), e.participantId(), e.text(), e.at()));
    }

    public void insightEdited(InsightEdited e) {
        InsightEdits.edited(rounds, e);
    }

    public void insightRemoved(InsightRemoved e) {
        InsightEdits.removed(rounds, e);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** Every round kept, oldest first. */
    public List<BreakoutRound> rounds() {
        return rounds;
    }

    /** The open or closing round, or null. */
    public BreakoutRound activeRound() {
        if (rounds.isEmpty()) {
            return null;
        }
        BreakoutRound last = rounds.get(rounds.size() - 1);
        return last.isActive() ? last : null;
    }

    /** The current round, or the last closed one (its rooms stay visible until the next opens), or null. */
    public BreakoutRound lastRound() {
        return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
    }
}
