package io.kring.meeting;

/**
 * The quotas and memory bounds of a meeting (docs/meeting-rules.md L1..L9, protocol.md section 5), in one
 * place. Each bound keeps one meeting, however it is attacked, small enough that its welcome stays
 * joinable and its memory stays a few MB.
 */
public final class Limits {

    /**
     * L1: everyone not removed counts, moderators included (they are participants of the meeting); a join
     * from the link beyond is CONFLICT (HTTP 409).
     */
    public static final int PARTICIPANTS = 2_000;
    /**
     * L1: a join with the moderator key is not refused at {@link #PARTICIPANTS} (it still counts), so a join
     * flood cannot lock the moderators out; everyone who ever joined, removed people and moderators included,
     * is kept to at most this many.
     */
    public static final int PARTICIPANTS_EVER = 2 * PARTICIPANTS;
    /** L2: agenda items in total: more at creation is INVALID, an {@code agenda.add} beyond is CONFLICT. */
    public static final int AGENDA_ITEMS = 200;
    /** L3: insights per room per round. */
    public static final int INSIGHTS_PER_ROOM = 100;
    /** L4: breakout rounds per meeting. */
    public static final int BREAKOUT_ROUNDS = 100;
    /** L5: chat messages shown in a snapshot (plenary and the viewer's room together). */
    public static final int CHAT_SHOWN = 100;
    /**
     * L5: chat messages kept in memory per audience (the plenary, each room of the current round); twice
     * {@link #CHAT_SHOWN} so that deleting messages still leaves the last {@link #CHAT_SHOWN} to show.
     */
    public static final int CHAT_KEPT_PER_AUDIENCE = 2 * CHAT_SHOWN;
    /** L11: questions kept per meeting (removed ones do not count); a {@code question.ask} beyond is CONFLICT. */
    public static final int QUESTIONS = 500;

    /** L10: polls per meeting; a {@code poll.open} beyond is CONFLICT. */
    public static final int POLLS = 50;
    /** L10: options per poll. */
    public static final int POLL_OPTIONS = 50;

    private Limits() {
    }
}
