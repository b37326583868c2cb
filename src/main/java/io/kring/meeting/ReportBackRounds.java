package io.kring.meeting;

import java.util.ArrayList;
import java.util.List;

import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.reportback.ReportBacks;

/**
 * What the report-back needs of the rest of the meeting: the breakout rounds it may show (RB1, RB4) and, for an
 * earlier round, the room it shows with its members' names (RB11). A part never reaches into another's state;
 * the meeting asks here, as {@link PollRounds} does for the polls.
 */
final class ReportBackRounds {

    private ReportBackRounds() {
    }

    /** RB1, RB4: how many rounds were held, which are closed, their rooms, whose insights are kept. */
    static ReportBacks.Rounds of(Meeting m) {
        List<BreakoutRound> all = m.rounds();
        return new ReportBacks.Rounds(all.size(), i -> all.get(i).status == BreakoutRound.Status.CLOSED,
                i -> List.copyOf(all.get(i).rooms.keySet()), i -> !all.get(i).insightsForgotten);
    }

    /**
     * RB11: the room shown in a report-back of an earlier round (the last round's rooms are in
     * {@code breakouts.rooms}), or null: the same for everyone, bounded by the one room.
     */
    static MeetingView.ReportBackRoomView earlierRoomShown(Meeting m) {
        ReportBacks.Showing showing = m.reportBacks.showing();
        List<BreakoutRound> all = m.rounds();
        if (showing == null || showing.roundIndex() >= all.size() - 1) {
            return null;
        }
        BreakoutRound.Room room = all.get(showing.roundIndex()).rooms.get(showing.roomId());
        List<String> members = new ArrayList<>();
        for (String id : room.membersAtClose == null ? List.<String>of() : room.membersAtClose) {
            members.add(m.participantsById().get(id).name);
        }
        return new MeetingView.ReportBackRoomView(room.id, room.name, room.topic, List.copyOf(members),
                room.insights.stream().map(i -> new MeetingView.ReportBackInsightView(i.id(), i.text())).toList());
    }
}
