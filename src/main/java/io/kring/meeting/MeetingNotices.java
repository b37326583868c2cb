package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.roster.Participant;

/**
 * What each event tells whom: its wire name (docs/protocol.md section 4), its payload, and the audience.
 * Called right after the event is applied, so payloads show the state as of that event.
 */
final class MeetingNotices {

    private MeetingNotices() {
    }

    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof MeetingCreated) {
            return null;
        }
        if (event instanceof MeetingLockChanged || event instanceof MeetingEnded) {
            return Notice.toEveryone("meeting.updated", Map.of("meeting", MeetingViews.info(m)));
        }
        if (event instanceof AnnouncementChanged) {
            return Notice.toEveryone("announcement.changed", nullable("announcement", m.announcement()));
        }
        if (event instanceof ParticipantJoined e) {
            return Notice.toEveryone("participant.joined", Map.of("participant", participant(m, e.participantId())));
        }
        if (event instanceof ParticipantConnected e) {
            return participantUpdated(m, e.participantId(), false);
        }
        if (event instanceof ParticipantDisconnected e) {
            return participantUpdated(m, e.participantId(), false);
        }
        if (event instanceof ChatMuteChanged e) {
            return participantUpdated(m, e.participantId(), false);
        }
        if (event instanceof PresenceChanged e) {
            // Only who is online now and who is not: a storm of presence changes stays small on the wire.
            java.util.Set<String> online = new java.util.LinkedHashSet<>();
            java.util.Set<String> offline = new java.util.LinkedHashSet<>();
            for (PresenceChange change : e.changes()) {
                Participant p = m.participantsById().get(change.participantId());
                if (p != null && !p.removed) {
                    (p.online ? online : offline).add(p.id);
                    (p.online ? offline : online).remove(p.id);
                }
            }
            return Notice.toEveryone("presence.changed", Map.of("online", List.copyOf(online),
                    "offline", List.copyOf(offline)));
        }
        if (event instanceof ParticipantLeft e) {
            return participantUpdated(m, e.participantId(), true);
        }
        if (event instanceof RoleChanged e) {
            m.markResync(e.participantId());
            return participantUpdated(m, e.participantId(), true);
        }
        if (event instanceof ParticipantMoved e) {
            m.markResync(e.participantId());
            return participantUpdated(m, e.participantId(), true);
        }
        if (event instanceof ParticipantRemoved e) {
            return withBreakouts(m, "participant.removed", Map.of("participantId", e.participantId()));
        }
        if (event instanceof AgendaItemOverran e) {
            return Notice.toEveryone("agenda.overtime", Map.of("itemId", e.itemId(), "agenda", MeetingViews.agenda(m)));
        }
        if (event instanceof AgendaItemAdded || event instanceof AgendaItemUpdated || event instanceof AgendaItemRemoved
                || event instanceof AgendaItemMoved || event instanceof AgendaItemStarted
                || event instanceof AgendaItemExtended || event instanceof AgendaItemEnded) {
            return Notice.toEveryone("agenda.changed", Map.of("agenda", MeetingViews.agenda(m)));
        }
        if (event instanceof SpeakerOverran e) {
            return Notice.toEveryone("floor.overtime",
                    Map.of("participantId", e.participantId(), "queue", MeetingViews.queue(m)));
        }
        if (event instanceof HandRaised || event instanceof HandLowered || event instanceof FloorGiven
                || event instanceof FloorEnded) {
            return Notice.toEveryone("queue.changed", Map.of("queue", MeetingViews.queue(m)));
        }
        if (event instanceof ChatMessageSent e) {
            return new Notice("chat.message", List.of(new Notice.Delivery(presentIn(m, e.roomId()),
                    Map.of("message", m.chatMessage(e.messageId()).view()))));
        }
        if (event instanceof ChatMessageDeleted e) {
            ChatMessage message = m.chatMessage(e.messageId());
            return new Notice("chat.deleted", List.of(new Notice.Delivery(presentIn(m, message.roomId),
                    nullable("messageId", message.id, "roomId", message.roomId))));
        }
        if (event instanceof BreakoutsOpened) {
            return withBreakouts(m, "breakouts.opened", Map.of());
        }
        if (event instanceof BreakoutHelpRequested || event instanceof BreakoutHelpAnswered
                || event instanceof BreakoutsExtended || event instanceof BreakoutsClosing) {
            return withBreakouts(m, "breakouts.changed", Map.of());
        }
        if (event instanceof BreakoutsBroadcast e) {
            return Notice.toEveryone("breakouts.broadcast",
                    Map.of("broadcast", new MeetingView.AnnouncementView(e.text(), e.at())));
        }
        if (event instanceof BreakoutsEndingSoon e) {
            return Notice.toEveryone("breakouts.warning", Map.of("endsAt", e.endsAt(), "secondsLeft", 60));
        }
        if (event instanceof BreakoutsClosed) {
            // L8: the plenary chat only to who was in a room (their chat changes); the plenary's does not,
            // so the close stays one section smaller for the moderators who stayed there.
            MeetingView.Breakouts breakouts = MeetingViews.breakouts(m, false, null);
            Set<String> inRooms = m.lastRound().inRoomsAtClose;
            Set<String> inPlenary = new HashSet<>();
            m.participantsById().values().stream().filter(p -> !p.removed && !inRooms.contains(p.id))
                    .forEach(p -> inPlenary.add(p.id));
            List<Notice.Delivery> deliveries = new ArrayList<>();
            if (!inRooms.isEmpty()) {
                deliveries.add(new Notice.Delivery(new Audience.Only(Set.copyOf(inRooms)),
                        Map.of("breakouts", breakouts, "chat", MeetingViews.visibleChat(m, null))));
            }
            if (!inPlenary.isEmpty() || deliveries.isEmpty()) {
                deliveries.add(new Notice.Delivery(new Audience.Only(inPlenary), Map.of("breakouts", breakouts)));
            }
            return new Notice("breakouts.closed", deliveries);
        }
        if (event instanceof InsightAdded e) {
            Set<String> audience = new HashSet<>(m.presentIn(e.roomId()));
            m.participantsById().values().stream().filter(p -> !p.removed && p.isModerator())
                    .forEach(p -> audience.add(p.id));
            BreakoutRound.Room room = m.activeRound().rooms.get(e.roomId());
            MeetingView.InsightView insight = room.insights.get(room.insights.size() - 1).view();
            return new Notice("insight.added", List.of(new Notice.Delivery(new Audience.Only(audience),
                    Map.of("roomId", e.roomId(), "insight", insight))));
        }
        throw new IllegalArgumentException("No notice for " + event.getClass().getSimpleName());
    }

    private static MeetingView.ParticipantView participant(Meeting m, String participantId) {
        return m.participantsById().get(participantId).view();
    }

    /** A participant's new state; with the rooms too when their room membership may have changed. */
    private static Notice participantUpdated(Meeting m, String participantId, boolean roomsChanged) {
        Map<String, Object> data = Map.of("participant", participant(m, participantId));
        return roomsChanged ? withBreakouts(m, "participant.updated", data)
                : Notice.toEveryone("participant.updated", data);
    }

    /**
     * Adds {@code breakouts} as each viewer may see it (BR15) while a round runs. Viewers who see the same
     * rooms share one delivery: moderators, the members of each room, and the plenary.
     */
    private static Notice withBreakouts(Meeting m, String name, Map<String, Object> data) {
        BreakoutRound round = m.lastRound();
        boolean anyHiddenInsight = round != null && round.status != BreakoutRound.Status.CLOSED
                && round.rooms.values().stream().anyMatch(r -> !r.insights.isEmpty());
        boolean roundRuns = round != null && round.status != BreakoutRound.Status.CLOSED;
        if (!roundRuns && !name.startsWith("breakouts.")) {
            return Notice.toEveryone(name, data);
        }
        if (!anyHiddenInsight) {
            return Notice.toEveryone(name, with(data, MeetingViews.breakouts(m, false, null)));
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (Participant p : m.participantsById().values()) {
            if (!p.removed) {
                String key = p.isModerator() ? "moderators" : p.roomId == null ? "plenary" : "room:" + p.roomId;
                groups.computeIfAbsent(key, k -> new HashSet<>()).add(p.id);
            }
        }
        List<Notice.Delivery> deliveries = new ArrayList<>();
        groups.forEach((key, members) -> {
            boolean moderators = key.equals("moderators");
            String roomId = key.startsWith("room:") ? key.substring(5) : null;
            deliveries.add(new Notice.Delivery(new Audience.Only(members),
                    with(data, MeetingViews.breakouts(m, moderators, roomId))));
        });
        return new Notice(name, deliveries);
    }

    private static Map<String, Object> with(Map<String, Object> data, MeetingView.Breakouts breakouts) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put("breakouts", breakouts);
        return copy;
    }

    private static Audience presentIn(Meeting m, String roomId) {
        return roomId == null ? Audience.EVERYONE : new Audience.Only(m.presentIn(roomId));
    }

    /** Map.of refuses null values; the wire wants them. */
    private static Map<String, Object> nullable(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
