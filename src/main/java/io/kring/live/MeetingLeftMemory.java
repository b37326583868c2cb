package io.kring.live;

/**
 * Fired (synchronously, with the meeting's lock held) when a meeting leaves the server's memory: it was
 * idle, it ended and its last socket closed, or it was deleted (E1-E4). Whoever keeps something per
 * meeting drops it; the meeting is loaded again from the store on its next use.
 */
public record MeetingLeftMemory(String meetingId) {
}
