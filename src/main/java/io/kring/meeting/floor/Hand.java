package io.kring.meeting;

/** A raised hand in the speaking queue. */
final class Hand {
    final String participantId;
    HandKind kind;
    final long raisedAt;

    Hand(String participantId, HandKind kind, long raisedAt) {
        this.participantId = participantId;
        this.kind = kind;
        this.raisedAt = raisedAt;
    }
}
