package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.floor.Hand;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.roster.Participant;

/**
 * What each event tells whom: its wire name (docs/protocol.md section 4), its payload, and the audience.
 * Called right after the event is applied, so payloads show the state as of that event.
 * <p>
 * An event carries the change, never a whole section (protocol.md section 2, point 7): its size does not
 * grow with the participants, hands, items, rooms, insights or messages. Only the open and the close of a
 * breakout round carry the rooms. Everything goes to everyone in one delivery (serialized once), except
 * what some may not see: room chat, insights while the round runs, and the plenary chat at the close.
 */
final class MeetingNotices {

    private MeetingNotices() {
    }

    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof MeetingCreated) {
            return null;
        }
        if (event instanceof MeetingLockChanged || event instanceof MeetingEnded) {
            return Notice.toEveryone("meeting.updated", data("meeting", MeetingViews.info(m)));
        }
        if (event instanceof AnnouncementChanged) {
            return Notice.toEveryone("announcement.changed", data("announcement", m.announcement()));
        }
        if (event instanceof ParticipantJoined e) {
            return Notice.toEveryone("participant.joined", data("participant", participant(m, e.participantId())));
        }
        if (event instanceof ParticipantConnected e) {
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof ParticipantDisconnected e) {
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof ChatMuteChanged e) {
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof PresenceChanged e) {
            return presenceChanged(m, e);
        }
        if (event instanceof ParticipantLeft e) {
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof RoleChanged e) {
            // What they may see changed (insights, MOD3): they get a fresh snapshot after the events.
            m.markResync(e.participantId());
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof ParticipantMoved e) {
            // BR17: their chat and the insights they may see changed.
            m.markResync(e.participantId());
            return participantUpdated(m, e.participantId());
        }
        if (event instanceof ParticipantRemoved e) {
            return Notice.toEveryone("participant.removed", data("participantId", e.participantId()));
        }
        Notice agenda = AgendaNotices.of(m, event);
        if (agenda != null) {
            return agenda;
        }
        if (event instanceof HandRaised e) {
            Hand hand = m.findHand(e.participantId());
            return Notice.toEveryone("hand.raised",
                    data("hand", MeetingViews.hand(hand), "index", m.hands().indexOf(hand)));
        }
        if (event instanceof HandLowered e) {
            return Notice.toEveryone("hand.lowered", data("participantId", e.participantId()));
        }
        if (event instanceof FloorGiven) {
            return Notice.toEveryone("floor.given", data("speaker", MeetingViews.speaker(m.speaker())));
        }
        if (event instanceof FloorEnded e) {
            return Notice.toEveryone("floor.ended", data("participantId", e.participantId()));
        }
        if (event instanceof SpeakerOverran) {
            return Notice.toEveryone("floor.overtime", data("speaker", MeetingViews.speaker(m.speaker())));
        }
        if (event instanceof ChatMessageSent e) {
            return new Notice("chat.message", List.of(new Notice.Delivery(presentIn(m, e.roomId()),
                    data("message", m.chatMessage(e.messageId()).view()))));
        }
        if (event instanceof ChatMessageDeleted e) {
            ChatMessage message = m.chatMessage(e.messageId());
            return new Notice("chat.deleted", List.of(new Notice.Delivery(presentIn(m, message.roomId),
                    data("messageId", message.id, "roomId", message.roomId))));
        }
        return BreakoutNotices.of(m, event);
    }

    /** A participant's new state; the rooms' member lists follow from it on the client (rule R). */
    private static Notice participantUpdated(Meeting m, String participantId) {
        return Notice.toEveryone("participant.updated", data("participant", participant(m, participantId)));
    }

    private static MeetingView.ParticipantView participant(Meeting m, String participantId) {
        return m.participantsById().get(participantId).view();
    }

    /** Only who is online now and who is not: a storm of presence changes stays small on the wire. */
    private static Notice presenceChanged(Meeting m, PresenceChanged e) {
        Set<String> online = new LinkedHashSet<>();
        Set<String> offline = new LinkedHashSet<>();
        for (PresenceChange change : e.changes()) {
            Participant p = m.participantsById().get(change.participantId());
            if (p != null && !p.removed) {
                (p.online ? online : offline).add(p.id);
                (p.online ? offline : online).remove(p.id);
            }
        }
        return Notice.toEveryone("presence.changed", data("online", List.copyOf(online),
                "offline", List.copyOf(offline)));
    }

    /** Who is in the room now (moderators visiting it included), or everyone for the plenary (C1). */
    static Audience presentIn(Meeting m, String roomId) {
        return roomId == null ? Audience.EVERYONE : new Audience.Only(m.presentIn(roomId));
    }

    /** A payload with its keys in the given order; unlike Map.of it takes null values, which the wire wants. */
    static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
