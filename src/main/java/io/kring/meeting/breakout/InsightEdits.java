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
 * IN-rules: who may edit and remove which insight when. Only the last round's insights are shown (L6), so only
 * they can be named; the events name their room, so the report's replay, which keeps every round, finds them.
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
     * IN1: moderators always; whoever is in the insight's room while its round is open or closing (the grace for
     * the last words, as BR15 adds); nobody else. Unknown, or of a round no longer shown: NOT_FOUND.
     */
    private static Found editable(List<BreakoutRound> rounds, Member actor, String insightId) {
        if (insightId == null) {
            throw Rejected.invalid("insightId is required");
        }
        BreakoutRound round = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        Found found = round == null ? null : find(round, insightId);
        if (found == null) {
            throw Rejected.notFound("no such insight");
        }
        boolean member = round.isActive() && found.room().id.equals(actor.roomId());
        if (!actor.moderator() && !member) {
            throw Rejected.forbidden("only the room's members while the round is open, and moderators, may change it");
        }
        return found;
    }

    private static Found find(BreakoutRound round, String insightId) {
        for (BreakoutRound.Room room : round.rooms.values()) {
            for (BreakoutRound.Insight insight : room.insights) {
                if (insight.id().equals(insightId)) {
                    return new Found(room, insight);
                }
            }
        }
        return null;
    }

    private record Found(BreakoutRound.Room room, BreakoutRound.Insight insight) {
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks. The room is looked for from the last round back (the report keeps them all).

    static void edited(List<BreakoutRound> rounds, InsightEdited e) {
        List<BreakoutRound.Insight> insights = roomOf(rounds, e.roomId()).insights;
        insights.replaceAll(i -> i.id().equals(e.insightId()) ? new BreakoutRound.Insight(i.id(), i.participantId(),
                e.text(), i.at()) : i);
    }

    static void removed(List<BreakoutRound> rounds, InsightRemoved e) {
        roomOf(rounds, e.roomId()).insights.removeIf(i -> i.id().equals(e.insightId()));
    }

    private static BreakoutRound.Room roomOf(List<BreakoutRound> rounds, String roomId) {
        for (int i = rounds.size() - 1; i >= 0; i--) {
            BreakoutRound.Room room = rounds.get(i).rooms.get(roomId);
            if (room != null) {
                return room;
            }
        }
        throw new IllegalStateException("no room " + roomId);
    }
}
