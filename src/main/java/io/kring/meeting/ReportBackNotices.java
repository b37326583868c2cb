package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;
import static io.kring.meeting.MeetingNotices.data;

/** What the report-back events tell (docs/protocol.md section 4, RB8, RB11): everyone sees the same. */
final class ReportBackNotices {

    private ReportBackNotices() {
    }

    /** The report-back's notice of {@code event}, or null when it is not a report-back event. */
    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof ReportBackShown) {
            // RB8: the room shown and its countdown, as the snapshot's reportback; the room is in breakouts.rooms,
            // or, for an earlier round, in reportbackRoom (RB11).
            MeetingView.ReportBackView shown = m.reportBack();
            return Notice.toEveryone("reportback.shown", data("roundIndex", shown.roundIndex(), "roomId",
                    shown.roomId(), "endsAt", shown.endsAt(), "secondsPerRoom", shown.secondsPerRoom(),
                    "reportbackRoom", ReportBackRounds.earlierRoomShown(m)));
        }
        if (event instanceof ReportBackEnded) {
            return Notice.toEveryone("reportback.ended", data());
        }
        return null;
    }
}
