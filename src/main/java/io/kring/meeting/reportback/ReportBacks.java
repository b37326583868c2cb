package io.kring.meeting.reportback;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.StartReportBack;
import io.kring.meeting.MeetingEvent.ReportBackEnded;
import io.kring.meeting.MeetingEvent.ReportBackShown;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The report-back after a breakout round (RB-rules, docs/meeting-rules.md): the rooms of a closed round are
 * shown one after the other, to everyone and on the projector, each with a countdown the moderator keeps
 * control of (RB3: reaching zero advances nothing). The rounds are the breakouts' state: the
 * {@link io.kring.meeting.Meeting} tells what this part needs of them as {@link Rounds}.
 */
public final class ReportBacks {

    public static final int MIN_SECONDS_PER_ROOM = 30;
    public static final int MAX_SECONDS_PER_ROOM = 1800;

    /** The room shown now, or null when no report-back runs. */
    private Showing showing;
    /** L6: the report's replay keeps every report-back held; a live meeting keeps none of them. */
    private final boolean keepsHistory;
    private final List<Held> held = new ArrayList<>();

    public ReportBacks(boolean keepsHistory) {
        this.keepsHistory = keepsHistory;
    }

    /**
     * What a report-back needs of the breakout rounds: how many were held, whether a round is closed, the room ids
     * of a round in the round's order, and whether a round's insights are still kept (L6).
     */
    public record Rounds(int held, IntPredicate closed, IntFunction<List<String>> roomIds,
            IntPredicate insightsKept) {

        /** The newest closed round, or -1 when none closed yet (only the newest round can be open or closing). */
        int lastClosed() {
            for (int i = held - 1; i >= 0; i--) {
                if (closed.test(i)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** What is shown now: the round, the room and its countdown. */
    public record Showing(int roundIndex, String roomId, long endsAt, int secondsPerRoom) {
    }

    /** RB9: one report-back as the report lists it: the round, when it started and ended, the rooms shown in order. */
    public static final class Held {
        public final int roundIndex;
        public final int secondsPerRoom;
        public final long startedAt;
        public Long endedAt;
        public final List<Shown> rooms = new ArrayList<>();

        Held(int roundIndex, int secondsPerRoom, long startedAt) {
            this.roundIndex = roundIndex;
            this.secondsPerRoom = secondsPerRoom;
            this.startedAt = startedAt;
        }
    }

    /** One room shown during a report-back, and when. */
    public record Shown(String roomId, long at) {
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /**
     * RB1, RB2, RB6: a moderator starts a report-back of a closed round (by default the last closed one) at its first
     * room, also while a newer round is open or closing; one already running starts again on the round chosen.
     */
    public void start(Member actor, StartReportBack c, Rounds rounds, long now, CommandContext context) {
        actor.requireModerator();
        // A countdown out of bounds or a negative index is wrong whatever the rounds are doing: INVALID in every state.
        int seconds = Text.range(c.secondsPerRoom(), "secondsPerRoom", MIN_SECONDS_PER_ROOM, MAX_SECONDS_PER_ROOM);
        if (c.roundIndex() != null && c.roundIndex() < 0) {
            throw Rejected.invalid("roundIndex must be 0 or more");
        }
        int roundIndex = c.roundIndex() == null ? rounds.lastClosed() : c.roundIndex();
        if (roundIndex < 0) {
            throw Rejected.conflict("no breakout round has been closed yet");
        }
        // As poll.open's fromRound (POLL2): a round not held yet is no closed round, a state the meeting may reach.
        if (roundIndex >= rounds.held()) {
            throw Rejected.conflict("there is no round " + roundIndex + " yet");
        }
        if (!rounds.closed().test(roundIndex)) {
            throw Rejected.conflict("round " + roundIndex + " is still open: close it before its report-back");
        }
        if (!rounds.insightsKept().test(roundIndex)) {
            throw Rejected.conflict("that round's insights are no longer kept");
        }
        if (showing != null) {
            context.emit(new ReportBackEnded(now));
        }
        String first = rounds.roomIds().apply(roundIndex).get(0);
        context.emit(new ReportBackShown(roundIndex, first, seconds, now + seconds * 1000L, now));
    }

    /** RB4: the next room of the round with a fresh countdown; after the last room the report-back ends. */
    public void next(Member actor, Rounds rounds, long now, CommandContext context) {
        actor.requireModerator();
        Showing current = requireRunning();
        List<String> roomIds = rounds.roomIds().apply(current.roundIndex());
        int at = roomIds.indexOf(current.roomId());
        if (at + 1 >= roomIds.size()) {
            context.emit(new ReportBackEnded(now));
            return;
        }
        int seconds = current.secondsPerRoom();
        context.emit(new ReportBackShown(current.roundIndex(), roomIds.get(at + 1), seconds, now + seconds * 1000L,
                now));
    }

    /** RB5: a moderator ends the report-back. */
    public void stop(Member actor, long now, CommandContext context) {
        actor.requireModerator();
        requireRunning();
        context.emit(new ReportBackEnded(now));
    }

    /** RB7: a new breakout round, or the meeting's end, ends a running report-back first. */
    public void endRunning(long now, CommandContext context) {
        if (showing != null) {
            context.emit(new ReportBackEnded(now));
        }
    }

    private Showing requireRunning() {
        if (showing == null) {
            throw Rejected.conflict("no report-back is running");
        }
        return showing;
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void shown(ReportBackShown e) {
        if (showing == null && keepsHistory) {
            held.add(new Held(e.roundIndex(), e.secondsPerRoom(), e.at()));
        }
        if (keepsHistory) {
            held.get(held.size() - 1).rooms.add(new Shown(e.roomId(), e.at()));
        }
        showing = new Showing(e.roundIndex(), e.roomId(), e.endsAt(), e.secondsPerRoom());
    }

    public void ended(ReportBackEnded e) {
        if (showing != null && keepsHistory) {
            held.get(held.size() - 1).endedAt = e.at();
        }
        showing = null;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** RB8: the snapshot's {@code reportback}, or null when none runs. */
    public MeetingView.ReportBackView view() {
        return showing == null ? null
                : new MeetingView.ReportBackView(showing.roundIndex(), showing.roomId(), showing.endsAt(),
                        showing.secondsPerRoom());
    }

    public Showing showing() {
        return showing;
    }

    /** RB9: every report-back held (kept only by the report's replay). */
    public List<Held> held() {
        return held;
    }
}
