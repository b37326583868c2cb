package io.kring.meeting.floor;

/** A raised hand in the speaking queue. Public for the meeting's views to read; only {@link Floor} changes it. */
public final class Hand {
    public final String participantId;
    public HandKind kind;
    public final long raisedAt;
    /** Which hand this is among all ever raised: equal kinds and times go in this order (Q2). */
    final long ordinal;

    Hand(String participantId, HandKind kind, long raisedAt, long ordinal) {
        this.participantId = participantId;
        this.kind = kind;
        this.raisedAt = raisedAt;
        this.ordinal = ordinal;
    }
}
