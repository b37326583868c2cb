package io.kring.meeting.floor;

/**
 * One speaking turn: the current one has no end yet. The report sums them per participant (Q9). Public for the
 * meeting's views and record to read; only {@link Floor} changes it.
 */
public final class SpeakingTurn {
    public final String participantId;
    public final long since;
    public final Integer limitSeconds;
    public Long endedAt;
    public boolean overtime;

    SpeakingTurn(String participantId, long since, Integer limitSeconds) {
        this.participantId = participantId;
        this.since = since;
        this.limitSeconds = limitSeconds;
    }

    public Long limitAt() {
        return limitSeconds == null ? null : since + limitSeconds * 1000L;
    }
}
