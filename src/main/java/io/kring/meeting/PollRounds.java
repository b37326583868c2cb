package io.kring.meeting;

import java.util.ArrayList;
import java.util.List;

import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.poll.Polls;
import io.kring.meeting.roster.Participant;

/**
 * What the polls need of the rest of the meeting: a round's insights for a dot-vote (POLL2) and who is a
 * moderator for the views (POLL5, POLL6). A part never reaches into another's state; the meeting asks here.
 */
final class PollRounds {

    private PollRounds() {
    }

    /**
     * POLL2: the insights of round {@code roundIndex} for a dot-vote: only a closed round's, and only while the
     * live meeting still knows them (L6: earlier rounds' insights are kept within a budget, the oldest forgotten first).
     */
    static Polls.RoundInsights insightsOf(Meeting m, int roundIndex) {
        List<BreakoutRound> all = m.rounds();
        if (roundIndex >= all.size()) {
            return new Polls.RoundInsights.Unavailable("there is no round " + roundIndex + " yet");
        }
        BreakoutRound round = all.get(roundIndex);
        if (round.status != BreakoutRound.Status.CLOSED) {
            return new Polls.RoundInsights.Unavailable("round " + roundIndex + " is not closed yet");
        }
        if (round.insightsForgotten) {
            return new Polls.RoundInsights.Unavailable("that round's insights are no longer kept");
        }
        List<String> texts = new ArrayList<>();
        round.rooms.values().forEach(room -> room.insights.forEach(insight -> texts.add(insight.text())));
        return new Polls.RoundInsights.Known(texts);
    }

    /** POLL5, POLL6: the polls as {@code viewerId} sees them; null: nobody in particular (the projector). */
    static List<MeetingView.PollView> pollsFor(Meeting m, String viewerId) {
        Participant viewer = viewerId == null ? null : m.participantsById().get(viewerId);
        boolean moderator = viewer != null && viewer.isModerator();
        return m.polls.all().stream().map(poll -> Polls.view(poll, viewerId, moderator)).toList();
    }
}
