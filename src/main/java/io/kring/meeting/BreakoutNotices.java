package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;
import static io.kring.meeting.MeetingNotices.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.roster.Participant;

/** The breakout round's events (BR): the open and the close carry the rooms, the rest one change. */
final class BreakoutNotices {

    private BreakoutNotices() {
    }

    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof BreakoutsOpened) {
            return opened(m);
        }
        if (event instanceof BreakoutHelpRequested e) {
            return Notice.toEveryone("breakouts.helpRequested", data("roomId", e.roomId()));
        }
        if (event instanceof BreakoutHelpAnswered e) {
            return Notice.toEveryone("breakouts.helpAnswered", data("roomId", e.roomId()));
        }
        if (event instanceof RoomDoneChanged e) {
            return Notice.toEveryone("room.done", data("roomId", e.roomId(), "done", e.done()));
        }
        if (event instanceof BreakoutsExtended e) {
            return Notice.toEveryone("breakouts.extended", data("endsAt", e.endsAt(), "warned", false));
        }
        if (event instanceof BreakoutsClosing e) {
            return Notice.toEveryone("breakouts.closing", data("closingAt", e.closingAt()));
        }
        if (event instanceof BreakoutsBroadcast e) {
            return Notice.toEveryone("breakouts.broadcast",
                    data("broadcast", new MeetingView.AnnouncementView(e.text(), e.at())));
        }
        if (event instanceof BreakoutsEndingSoon e) {
            return Notice.toEveryone("breakouts.warning", data("endsAt", e.endsAt(), "secondsLeft", 60));
        }
        if (event instanceof BreakoutsClosed) {
            return closed(m);
        }
        if (event instanceof InsightAdded e) {
            return insightAdded(m, e);
        }
        if (event instanceof InsightEdited e) {
            MeetingView.InsightView insight = editedInsight(m, e);
            return insightChanged(m, "insight.edited", e.roomId(), data("roomId", e.roomId(), "insight", insight));
        }
        if (event instanceof InsightRemoved e) {
            return insightChanged(m, "insight.removed", e.roomId(),
                    data("roomId", e.roomId(), "insightId", e.insightId()));
        }
        throw new IllegalArgumentException("No notice for " + event.getClass().getSimpleName());
    }

    /**
     * A new round has no insights yet, so everyone may see the same rooms (BR15), unless rooms have call
     * links (CALL5): then the moderators get every link, each room's members their own, the others none;
     * one serialization per audience.
     */
    private static Notice opened(Meeting m) {
        BreakoutRound round = m.activeRound();
        boolean links = round.rooms.values().stream().anyMatch(r -> r.callUrl != null);
        if (!links) {
            return Notice.toEveryone("breakouts.opened", data("breakouts", MeetingViews.breakouts(m, false, null)));
        }
        Set<String> moderators = new HashSet<>();
        Set<String> plenary = new HashSet<>();
        Map<String, Set<String>> byRoom = new LinkedHashMap<>();
        for (BreakoutRound.Room room : round.rooms.values()) {
            byRoom.put(room.id, new HashSet<>());
        }
        for (Participant p : m.participantsById().values()) {
            if (p.removed) {
                continue;
            }
            if (p.isModerator()) {
                moderators.add(p.id);
            } else if (p.roomId != null && byRoom.containsKey(p.roomId)) {
                byRoom.get(p.roomId).add(p.id);
            } else {
                plenary.add(p.id);
            }
        }
        List<Notice.Delivery> deliveries = new ArrayList<>();
        if (!moderators.isEmpty()) {
            deliveries.add(new Notice.Delivery(new Audience.Only(moderators),
                    data("breakouts", MeetingViews.breakouts(m, true, null))));
        }
        byRoom.forEach((roomId, members) -> {
            if (!members.isEmpty()) {
                deliveries.add(new Notice.Delivery(new Audience.Only(members),
                        data("breakouts", MeetingViews.breakouts(m, false, roomId))));
            }
        });
        if (!plenary.isEmpty() || deliveries.isEmpty()) {
            deliveries.add(new Notice.Delivery(new Audience.Only(plenary),
                    data("breakouts", MeetingViews.breakouts(m, false, null))));
        }
        return new Notice("breakouts.opened", deliveries);
    }

    /**
     * L8: the plenary chat only to who was in a room (their chat changes); the plenary's does not, so the
     * close stays one section smaller for the moderators who stayed there.
     */
    private static Notice closed(Meeting m) {
        MeetingView.Breakouts breakouts = MeetingViews.breakouts(m, false, null);
        Set<String> inRooms = m.lastRound().inRoomsAtClose;
        Set<String> inPlenary = new HashSet<>();
        m.participantsById().values().stream().filter(p -> !p.removed && !inRooms.contains(p.id))
                .forEach(p -> inPlenary.add(p.id));
        List<Notice.Delivery> deliveries = new ArrayList<>();
        if (!inRooms.isEmpty()) {
            deliveries.add(new Notice.Delivery(new Audience.Only(Set.copyOf(inRooms)),
                    data("breakouts", breakouts, "chat", MeetingViews.visibleChat(m, null))));
        }
        if (!inPlenary.isEmpty() || deliveries.isEmpty()) {
            deliveries.add(new Notice.Delivery(new Audience.Only(inPlenary), data("breakouts", breakouts)));
        }
        return new Notice("breakouts.closed", deliveries);
    }

    /** BR15: the room's members and the moderators while the round runs. */
    private static Notice insightAdded(Meeting m, InsightAdded e) {
        Set<String> audience = new HashSet<>(m.presentIn(e.roomId()));
        m.participantsById().values().stream().filter(p -> !p.removed && p.isModerator())
                .forEach(p -> audience.add(p.id));
        BreakoutRound.Room room = m.activeRound().rooms.get(e.roomId());
        MeetingView.InsightView insight = room.insights.get(room.insights.size() - 1).view();
        return new Notice("insight.added", List.of(new Notice.Delivery(new Audience.Only(audience),
                data("roomId", e.roomId(), "insight", insight))));
    }

    /** IN1: the insight as edited, in whichever kept round it is (a moderator edits earlier rounds' too). */
    private static MeetingView.InsightView editedInsight(Meeting m, InsightEdited e) {
        BreakoutRound.Room room = BreakoutRound.roomHolding(m.rounds(), e.roomId(), e.insightId());
        if (room == null) {
            throw new IllegalStateException("no insight " + e.insightId() + " in room " + e.roomId());
        }
        return room.insights.stream().filter(i -> i.id().equals(e.insightId())).findFirst().orElseThrow().view();
    }

    /**
     * IN3: to whom the insight itself shows (BR15, BR16): the room and the moderators while its round runs, else
     * all (a closed round's insights are everyone's; an earlier round's show in a report-back of it, RB11).
     */
    private static Notice insightChanged(Meeting m, String name, String roomId, Object data) {
        BreakoutRound running = m.activeRound();
        if (running == null || !running.rooms.containsKey(roomId)) {
            return Notice.toEveryone(name, data);
        }
        Set<String> audience = new HashSet<>(m.presentIn(roomId));
        m.participantsById().values().stream().filter(p -> !p.removed && p.isModerator())
                .forEach(p -> audience.add(p.id));
        return new Notice(name, List.of(new Notice.Delivery(new Audience.Only(audience), data)));
    }
}
