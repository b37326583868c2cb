package io.kring.meeting.floor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.GiveFloor;
import io.kring.meeting.MeetingCommand.GiveFloorToNext;
import io.kring.meeting.MeetingCommand.LowerHand;
import io.kring.meeting.MeetingCommand.RaiseHand;
import io.kring.meeting.MeetingCommand.StartFloorRound;
import io.kring.meeting.MeetingEvent.FloorEnded;
import io.kring.meeting.MeetingEvent.FloorRoundStarted;
import io.kring.meeting.MeetingEvent.FloorGiven;
import io.kring.meeting.MeetingEvent.HandLowered;
import io.kring.meeting.MeetingEvent.HandRaised;
import io.kring.meeting.MeetingEvent.SpeakerOverran;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The speaking queue and the floor (Q-rules): the raised hands in order, the current turn and, for the
 * report, every turn. The {@link io.kring.meeting.Meeting} calls it from its one dispatch table.
 */
public final class Floor {

    /** Q2: the speaking order; equal kinds and times keep the order in which the hands were raised. */
    private static final Comparator<Hand> SPEAKING_ORDER = Comparator.comparing((Hand h) -> h.kind)
            .thenComparingLong(h -> h.raisedAt).thenComparingLong(h -> h.ordinal);

    /** L6: a live meeting keeps only the current turn; the report's replay keeps them all. */
    private final boolean keepsHistory;
    /** Q11: the random order of a round of turns (drawn by the command, stored in its event). */
    private final RandomGenerator random;
    private final List<Hand> hands = new ArrayList<>();
    private final List<SpeakingTurn> turns = new ArrayList<>();
    private SpeakingTurn speaker;
    /** How many hands were ever raised: each new hand's ordinal (Q2's last tie-break). */
    private long handsRaised;
    /** Q12: the round of turns' limit, while its queue is not empty; null otherwise. */
    private Integer roundLimitSeconds;

    public Floor(RandomGenerator random, boolean keepsHistory) {
        this.random = random;
        this.keepsHistory = keepsHistory;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** Q1, Q3: joining the queue; raising again changes only the kind. */
    public void raiseHand(Member actor, RaiseHand c, long now, CommandContext context) {
        Member target = actor;
        if (c.onBehalfOf() != null) {
            // PR3: a moderator raises someone's hand (someone without a device, in the room).
            actor.requireModerator();
            target = context.target(c.onBehalfOf());
        }
        HandKind kind = c.kind() == null ? HandKind.SPEAK
                : HandKind.fromWire(c.kind()).orElseThrow(() -> Rejected.invalid("kind must be speak, reply or pointOfOrder"));
        Hand hand = findHand(target.id());
        if (hand != null && hand.kind == kind) {
            return;
        }
        context.emit(new HandRaised(target.id(), kind.wireName(), hand == null ? now : hand.raisedAt));
    }

    /**
     * Q4: your own hand, or anyone's for a moderator. Lowering a hand that is not raised leaves it out of the
     * queue as asked: an ack without events, as raising an already raised hand (a double click, a retry).
     */
    public void lowerHand(Member actor, LowerHand c, CommandContext context) {
        Member target = actor;
        if (c.participantId() != null && !c.participantId().equals(actor.id())) {
            actor.requireModerator();
            target = context.target(c.participantId());
        }
        if (findHand(target.id()) != null) {
            context.emit(new HandLowered(target.id()));
        }
    }

    /** Q5: the floor to someone; the previous turn ends and their hand is lowered. */
    public void giveFloor(Member actor, GiveFloor c, long now, CommandContext context) {
        actor.requireModerator();
        Member target = context.target(c.participantId());
        Integer limit = Text.optionalRange(c.limitSeconds(), "limitSeconds", 1, 3600);
        giveFloorTo(target.id(), limit, now, context);
    }

    /** Q6: the head of the queue speaks; with an empty queue nobody does. */
    public void giveFloorToNext(Member actor, GiveFloorToNext c, long now, CommandContext context) {
        actor.requireModerator();
        Integer limit = Text.optionalRange(c.limitSeconds(), "limitSeconds", 1, 3600);
        if (hands.isEmpty()) {
            endTurn(now, context);
            return;
        }
        giveFloorTo(hands.get(0).participantId, limit == null ? roundLimitSeconds : limit, now, context);
    }

    /**
     * Q11: a round of turns: every present non-moderator, in the asked order; the first speaks now, the others
     * queue as {@code speak} hands. Only with an empty queue and nobody speaking, and with someone to ask.
     */
    public void startRound(Member actor, StartFloorRound c, long now, CommandContext context) {
        actor.requireModerator();
        if (speaker != null || !hands.isEmpty()) {
            throw Rejected.conflict("a round of turns starts only when the queue is empty and nobody speaks");
        }
        RoundOrder order = c.order() == null ? null : RoundOrder.fromWire(c.order()).orElse(null);
        if (order == null) {
            throw Rejected.invalid("order must be join, random or organisation");
        }
        Integer limit = Text.optionalRange(c.limitSeconds(), "limitSeconds", 1, 3600);
        List<Member> people = new ArrayList<>(context.present().stream().filter(m -> !m.moderator()).toList());
        if (people.isEmpty()) {
            throw Rejected.conflict("nobody present to take a turn");
        }
        switch (order) {
            case JOIN -> {
            }
            case RANDOM -> {
                for (int i = people.size() - 1; i > 0; i--) {
                    java.util.Collections.swap(people, i, random.nextInt(i + 1));
                }
            }
            case ORGANISATION -> people.sort(Comparator.comparing((Member m) -> m.organisation().isEmpty())
                    .thenComparing(m -> m.organisation().toLowerCase(Locale.ROOT))); // stable: join order within
        }
        context.emit(new FloorRoundStarted(order.wireName(), people.stream().map(Member::id).toList(), now, limit));
    }

    private void giveFloorTo(String participantId, Integer limitSeconds, long now, CommandContext context) {
        endTurn(now, context);
        if (findHand(participantId) != null) {
            context.emit(new HandLowered(participantId));
        }
        context.emit(new FloorGiven(participantId, now, limitSeconds));
    }

    /** Q7: a moderator, or the speaker, ends the turn. */
    public void endFloor(Member actor, long now, CommandContext context) {
        boolean isSpeaker = speaker != null && speaker.participantId.equals(actor.id());
        if (!actor.moderator() && !isSpeaker) {
            throw Rejected.forbidden("only a moderator or the speaker may end the turn");
        }
        if (speaker == null) {
            throw Rejected.conflict("nobody has the floor");
        }
        endTurn(now, context);
    }

    /** The current turn ends, if there is one (MOD6: the meeting's end ends it too). */
    public void endTurn(long now, CommandContext context) {
        if (speaker != null) {
            context.emit(new FloorEnded(speaker.participantId, now));
        }
    }

    /** M6, MOD2: someone who leaves or is removed is out of the queue and off the floor. */
    public void leave(String participantId, long now, CommandContext context) {
        if (findHand(participantId) != null) {
            context.emit(new HandLowered(participantId));
        }
        if (speaker != null && speaker.participantId.equals(participantId)) {
            context.emit(new FloorEnded(participantId, now));
        }
    }

    /** Q8: the speaker's limit passed. */
    public void tick(long now, CommandContext context) {
        if (speaker != null && !speaker.overtime && speaker.limitAt() != null && speaker.limitAt() <= now) {
            context.emit(new SpeakerOverran(speaker.participantId, now));
        }
    }

    /** When {@link #tick} next has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return speaker != null && !speaker.overtime && speaker.limitAt() != null ? speaker.limitAt() : Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void handRaised(HandRaised e) {
        Hand hand = findHand(e.participantId());
        if (hand == null) {
            hands.add(new Hand(e.participantId(), handKind(e.kind()), e.raisedAt(), handsRaised++));
        } else {
            hand.kind = handKind(e.kind());
        }
        hands.sort(SPEAKING_ORDER);
    }

    /** Q12: the hand that leaves the queue empty ends the round's limit. */
    public void handLowered(HandLowered e) {
        hands.removeIf(h -> h.participantId.equals(e.participantId()));
        if (hands.isEmpty()) {
            roundLimitSeconds = null;
        }
    }

    public void floorGiven(FloorGiven e) {
        startTurn(e.participantId(), e.since(), e.limitSeconds());
    }

    /** Q11: the queue was empty and nobody spoke (the command checked); Q12: the limit lasts while hands wait. */
    public void roundStarted(FloorRoundStarted e) {
        List<String> order = e.participantIds();
        startTurn(order.get(0), e.at(), e.limitSeconds());
        for (String participantId : order.subList(1, order.size())) {
            hands.add(new Hand(participantId, HandKind.SPEAK, e.at(), handsRaised++));
        }
        hands.sort(SPEAKING_ORDER);
        roundLimitSeconds = hands.isEmpty() ? null : e.limitSeconds();
    }

    private void startTurn(String participantId, long since, Integer limitSeconds) {
        speaker = new SpeakingTurn(participantId, since, limitSeconds);
        if (keepsHistory) {
            turns.add(speaker);
        }
    }

    public void floorEnded(FloorEnded e) {
        if (speaker != null) {
            speaker.endedAt = e.endedAt();
        }
        speaker = null;
    }

    public void speakerOverran(SpeakerOverran e) {
        if (speaker != null) {
            speaker.overtime = true;
        }
    }

    private static HandKind handKind(String wire) {
        return HandKind.fromWire(wire).orElse(HandKind.SPEAK);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** The queue, in the order of speaking. */
    public List<Hand> hands() {
        return hands;
    }

    /** Q12: the limit {@code floor.next} uses when it is given none, or null. */
    public Integer roundLimitSeconds() {
        return roundLimitSeconds;
    }

    /** The current turn, or null. */
    public SpeakingTurn speaker() {
        return speaker;
    }

    /** Every turn, for the report (empty in a live meeting, L6). */
    public List<SpeakingTurn> turns() {
        return turns;
    }

    public Hand findHand(String participantId) {
        return hands.stream().filter(h -> h.participantId.equals(participantId)).findFirst().orElse(null);
    }
}
