package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.MeetingView;

/**
 * One breakout round: its rooms, deadlines and, once closed, the members as they were at the close. Public for
 * the meeting's views, notices and record to read; only {@link Breakouts} changes it, when it applies an event.
 */
public final class BreakoutRound {
    public enum Status {
        OPEN, CLOSING, CLOSED
    }

    public final String id;
    /** 0-based, in the order the rounds opened: what {@code fromRound} names (GM3). */
    public final int index;
    public final BreakoutStrategy strategy;
    /** GM3: the round this one built on, or null. */
    public final Integer fromRound;
    /** GM8: {@code mixed} or {@code separate}. */
    public final String attendance;
    public final long openedAt;
    public final int durationSeconds;
    public final int graceSeconds;
    public final Map<String, Room> rooms = new LinkedHashMap<>();
    /** Who was ever put in a room this round: late-joiner assignment (BR5) skips them. */
    final Set<String> everAssigned = new HashSet<>();
    public Status status = Status.OPEN;
    public long endsAt;
    public Long closingAt;
    public Long closedAt;
    public boolean warned;
    /** Who was in a room (members and visiting moderators) when the round closed: only they need the plenary chat again. */
    public final Set<String> inRoomsAtClose = new HashSet<>();
    public MeetingView.AnnouncementView broadcast;
    /** L6: this earlier round's insights were forgotten to keep the budget of earlier rounds' insights. */
    public boolean insightsForgotten;
    final List<MeetingView.AnnouncementView> broadcasts = new ArrayList<>();

    BreakoutRound(String id, int index, BreakoutStrategy strategy, Integer fromRound, String attendance, long openedAt,
            int durationSeconds, long endsAt, int graceSeconds) {
        this.id = id;
        this.index = index;
        this.strategy = strategy;
        this.fromRound = fromRound;
        this.attendance = attendance;
        this.openedAt = openedAt;
        this.durationSeconds = durationSeconds;
        this.endsAt = endsAt;
        this.graceSeconds = graceSeconds;
    }

    public boolean isActive() {
        return status != Status.CLOSED;
    }

    /**
     * L6: what no snapshot shows any more once a later round opened; the rooms' names, topics, hosts and members
     * at the close stay (BR4, GM3), and so do the insights until the budget of earlier rounds' insights forgets them
     * ({@link #forgetInsights()}): a report-back or a dot-vote may still take them (RB1, POLL2).
     */
    void forget() {
        everAssigned.clear();
        inRoomsAtClose.clear();
        broadcasts.clear();
    }

    /** L6: the insights of this earlier round are forgotten (the oldest rounds' first, over the budget). */
    void forgetInsights() {
        for (Room room : rooms.values()) {
            room.insights.clear();
        }
        insightsForgotten = true;
    }

    /** How many insights this round keeps. */
    int insightCount() {
        int n = 0;
        for (Room room : rooms.values()) {
            n += room.insights.size();
        }
        return n;
    }

    /**
     * IN1: the room {@code roomId} that holds the insight {@code insightId}, in whichever kept round it is, the last
     * round first, or null. Room ids are random and so unique across rounds, yet the room sought is the one that
     * holds the insight, so an event stored before moderators could reach earlier rounds applies as it did.
     */
    public static Room roomHolding(List<BreakoutRound> rounds, String roomId, String insightId) {
        for (int r = rounds.size() - 1; r >= 0; r--) {
            Room room = rounds.get(r).rooms.get(roomId);
            if (room != null && room.insights.stream().anyMatch(insight -> insight.id().equals(insightId))) {
                return room;
            }
        }
        return null;
    }

    public static final class Room {
        public final String id;
        public final String name;
        public final String topic;
        /** CALL1, CALL3: the room's call link, or null. */
        public final String callUrl;
        /** GM7: the member who hosts the room (stays in it in {@code rotate}), or null; kept after L6's forgetting. */
        public final String hostId;
        public boolean helpRequested;
        /** RD3: the room said it is done; kept after the close (the report shows it), false in a new round. */
        public boolean done;
        public final List<Insight> insights = new ArrayList<>();
        /** Set at the close: the members as they were then. */
        public List<String> membersAtClose;

        Room(String id, String name, String topic, String callUrl, String hostId) {
            this.id = id;
            this.hostId = hostId;
            this.name = name;
            this.topic = topic;
            this.callUrl = callUrl;
        }
    }

    public record Insight(String id, String participantId, String text, long at) {
        public MeetingView.InsightView view() {
            return new MeetingView.InsightView(id, participantId, text, at);
        }
    }
}
