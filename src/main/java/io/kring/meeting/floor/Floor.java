package io.kring.meeting.floor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.GiveFloor;
import io.kring.meeting.MeetingCommand.GiveFloorToNext;
import io.kring.meeting.MeetingCommand.LowerHand;
import io.kring.meeting.MeetingCommand.RaiseHand;
import io.kring.meeting.MeetingEvent.FloorEnded;
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

    /** L6: a live meeting keeps only the current turn; the report's replay keeps them all. */
    private final boolean keepsHistory;
    private final List<Hand> hands = new ArrayList<>();
    private final List<SpeakingTurn> turns = new ArrayList<>();
    private SpeakingTurn speaker;

    public Floor(boolean keepsHistory) {
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

    /** Q4: your own hand, or anyone's for a moderator. */
    public void lowerHand(Member actor, LowerHand c, CommandContext context) {
        Member target = actor;
        if (c.participantId() != null && !c.participantId().equals(actor.id())) {
            actor.requireModerator();
            target = context.target(c.participantId());
        }
        if (findHand(target.id()) == null) {
            throw Rejected.conflict(target == actor ? "your hand is not raised" : "that hand is not raised");
        }
        context.emit(new HandLowered(target.id()));
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
        giveFloorTo(hands.get(0).participantId, limit, now, context);
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
            hands.add(new Hand(e.participantId(), handKind(e.kind()), e.raisedAt()));
        } else {
            hand.kind = handKind(e.kind());
        }
        hands.sort(Comparator.comparing((Hand h) -> h.kind).thenComparingLong(h -> h.raisedAt));
    }

    public void handLowered(HandLowered e) {
        hands.removeIf(h -> h.participantId.equals(e.participantId()));
    }

    public void floorGiven(FloorGiven e) {
        speaker = new SpeakingTurn(e.participantId(), e.since(), e.limitSeconds());
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
