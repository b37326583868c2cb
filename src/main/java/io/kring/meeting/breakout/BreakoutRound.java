package io.kring.meeting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One breakout round: its rooms, deadlines and, once closed, the members as they were at the close. */
final class BreakoutRound {
    enum Status {
        OPEN, CLOSING, CLOSED
    }

    final String id;
    final BreakoutStrategy strategy;
    final long openedAt;
    final int durationSeconds;
    final int graceSeconds;
    final Map<String, Room> rooms = new LinkedHashMap<>();
    /** Who was ever put in a room this round: late-joiner assignment (BR5) skips them. */
    final Set<String> everAssigned = new HashSet<>();
    Status status = Status.OPEN;
    long endsAt;
    Long closingAt;
    Long closedAt;
    boolean warned;
    /** Who was in a room (members and visiting moderators) when the round closed: only they need the plenary chat again. */
    final Set<String> inRoomsAtClose = new HashSet<>();
    MeetingView.AnnouncementView broadcast;
    final List<MeetingView.AnnouncementView> broadcasts = new ArrayList<>();

    BreakoutRound(String id, BreakoutStrategy strategy, long openedAt, int durationSeconds, long endsAt,
            int graceSeconds) {
        this.id = id;
        this.strategy = strategy;
        this.openedAt = openedAt;
        this.durationSeconds = durationSeconds;
        this.endsAt = endsAt;
        this.graceSeconds = graceSeconds;
    }

    boolean isActive() {
        return status != Status.CLOSED;
    }

    /** L6: what no snapshot shows any more once a later round opened; the members at the close stay (BR4). */
    void forget() {
        everAssigned.clear();
        inRoomsAtClose.clear();
        broadcasts.clear();
        for (Room room : rooms.values()) {
            room.insights.clear();
        }
    }

    static final class Room {
        final String id;
        final String name;
        final String topic;
        boolean helpRequested;
        final List<Insight> insights = new ArrayList<>();
        /** Set at the close: the members as they were then. */
        List<String> membersAtClose;

        Room(String id, String name, String topic) {
            this.id = id;
            this.name = name;
            this.topic = topic;
        }
    }

    record Insight(String id, String participantId, String text, long at) {
        MeetingView.InsightView view() {
            return new MeetingView.InsightView(id, participantId, text, at);
        }
    }
}
