package io.kring.meeting;

/** One speaking turn: the current one has no end yet. The report sums them per participant (Q9). */
final class SpeakingTurn {
    final String participantId;
    final long since;
    final Integer limitSeconds;
    Long endedAt;
    boolean overtime;

    SpeakingTurn(String participantId, long since, Integer limitSeconds) {
        this.participantId = participantId;
        this.since = since;
        this.limitSeconds = limitSeconds;
    }

    Long limitAt() {
        return limitSeconds == null ? null : since + limitSeconds * 1000L;
    }
}
