package io.kring.meeting.breakout;

import java.util.List;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.EditInsight;
import io.kring.meeting.MeetingCommand.RemoveInsight;
import io.kring.meeting.MeetingEvent.InsightEdited;
import io.kring.meeting.MeetingEvent.InsightRemoved;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * IN-rules: who may edit and remove which insight when. Moderators reach the insights of every round the live
 * meeting still keeps (L6: the last round's, and earlier rounds' within the budget of earlier insights); the
 * room's members only the open or closing round's. The events name the room; applying them looks for the room
 * that holds the insight, from the last round back, so the live meeting and the report's replay (which keeps
 * every round) change the same insight.
 */
final class InsightEdits {

    private InsightEdits() {
    }

    /** IN1, IN2: a new text; the same text again changes nothing. */
    static void edit(List<BreakoutRound> rounds, Member actor, EditInsight c, long now, CommandContext context) {
        Found found = editable(rounds, actor, c.insightId());
        String text = Text.paragraph(c.text(), "text", 1, 1000);
        if (!text.equals(found.insight().text())) {
            context.emit(new InsightEdited(found.room().id, found.insight().id(), actor.id(), text, now));
        }
    }

    /** IN1: the insight goes. */
    static void remove(List<BreakoutRound> rounds, Member actor, RemoveInsight c, long now, CommandContext context) {
        Found found = editable(rounds, actor, c.insightId());
        context.emit(new InsightRemoved(found.room().id, found.insight().id(), actor.id(), now));
    }

    /**
     * IN1: moderators always, in any round still kept (a report-back of an earlier round shows its insights, RB11);
     * whoever is in the insight's room while its round is open or closing (the grace for the last words, as BR15
     * adds); nobody else. Unknown, or of an earlier round whose insights were forgotten (L6): NOT_FOUND.
     */
    private static Found editable(List<BreakoutRound> rounds, Member actor, String insightId) {
        if (insightId == null) {
            throw Rejected.invalid("insightId is required");
        }
        Found found = find(rounds, insightId);
        if (found == null) {
            throw Rejected.notFound("no such insight");
        }
        boolean member = found.round().isActive() && found.room().id.equals(actor.roomId());
        if (!actor.moderator() && !member) {
            throw Rejected.forbidden("only the room's members while the round is open, and moderators, may change it");
        }
        return found;
    }

    /** The insight in the rounds kept, the last round first (only it can be open, and most edits are there). */
    private static Found find(List<BreakoutRound> rounds, String insightId) {
        for (int r = rounds.size() - 1; r >= 0; r--) {
            BreakoutRound round = rounds.get(r);
            for (BreakoutRound.Room room : round.rooms.values()) {
                for (BreakoutRound.Insight insight : room.insights) {
                    if (insight.id().equals(insightId)) {
                        return new Found(round, room, insight);
                    }
                }
            }
        }
        return null;
    }

    private record Found(BreakoutRound round, BreakoutRound.Room room, BreakoutRound.Insight insight) {
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks. The room is the one that holds the insight (BreakoutRound.roomHolding), so the
    // live meeting and the report's replay (which keeps every round) change the same insight.

    static void edited(List<BreakoutRound> rounds, InsightEdited e) {
        BreakoutRound.Room room = BreakoutRound.roomHolding(rounds, e.roomId(), e.insightId());
        if (room != null) {
            room.insights.replaceAll(i -> i.id().equals(e.insightId())
                    ? new BreakoutRound.Insight(i.id(), i.participantId(), e.text(), i.at()) : i);
        }
    }

    static void removed(List<BreakoutRound> rounds, InsightRemoved e) {
        BreakoutRound.Room room = BreakoutRound.roomHolding(rounds, e.roomId(), e.insightId());
        if (room != null) {
            room.insights.removeIf(i -> i.id().equals(e.insightId()));
        }
    }
}
