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
        if (event instanceof MeetingCreated || event instanceof MeetingPlannedInNetwork) {
            return null;
        }
        if (event instanceof MeetingLockChanged || event instanceof MeetingEnded || event instanceof MeetingCallChanged
                || event instanceof RecapPublished || event instanceof RecapUnpublished) {
            // RC3: the recap link's change is the meeting's few fields, for everyone
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
            // Leaving a room takes its chat and insights from their view: a connection they keep open resyncs.
            m.markResync(e.participantId());
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
        if (event instanceof FloorRoundStarted e) {
            // Q11: the round's order is the change itself (one id per person in the round).
            return Notice.toEveryone("floor.round", data("order", e.order(), "speaker", MeetingViews.speaker(m.speaker()),
                    "participantIds", List.copyOf(e.participantIds().subList(1, e.participantIds().size())), "raisedAt", e.at(),
                    "roundLimitSeconds", m.roundLimitSeconds()));
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
            return chatDeleted(m, m.chatMessage(e.messageId()));
        }
        Notice question = QuestionNotices.of(m, event);
        if (question != null) {
            return question;
        }
        Notice poll = PollNotices.of(m, event);
        if (poll != null) {
            return poll;
        }
        Notice reportBack = ReportBackNotices.of(m, event);
        if (reportBack != null) {
            return reportBack;
        }
        return BreakoutNotices.of(m, event);
    }

    /**
     * C3 shows the last 100 messages: when a deletion takes one of them away, the next older kept message
     * comes into view. It is sent along as {@code revealed}, so a client that drops the deleted message
     * still shows what a fresh snapshot shows. Who sees which older message depends on their room (the
     * plenary's messages merge with the room's), so viewers are grouped by what comes into view for them.
     */
    private static Notice chatDeleted(Meeting m, ChatMessage deleted) {
        Set<String> viewpoints = new LinkedHashSet<>();
        viewpoints.add(deleted.roomId);
        if (deleted.roomId == null) {
            m.participantsById().values().stream().filter(p -> !p.removed && p.roomId != null)
                    .forEach(p -> viewpoints.add(p.roomId));
        }
        if (viewpoints.size() == 1) {
            return new Notice("chat.deleted", List.of(new Notice.Delivery(presentIn(m, deleted.roomId),
                    chatDeletedData(deleted, revealedFor(m, deleted, deleted.roomId)))));
        }
        Map<String, Set<String>> audienceByRevealed = new LinkedHashMap<>();
        Map<String, MeetingView.ChatMessageView> revealedById = new LinkedHashMap<>();
        for (String roomId : viewpoints) {
            MeetingView.ChatMessageView revealed = revealedFor(m, deleted, roomId);
            String key = revealed == null ? "" : revealed.messageId();
            revealedById.put(key, revealed);
            audienceByRevealed.computeIfAbsent(key, k -> new java.util.HashSet<>()).addAll(m.presentIn(roomId));
        }
        List<Notice.Delivery> deliveries = new java.util.ArrayList<>();
        audienceByRevealed.forEach((key, audience) -> deliveries.add(new Notice.Delivery(new Audience.Only(audience),
                chatDeletedData(deleted, revealedById.get(key)))));
        return new Notice("chat.deleted", deliveries);
    }

    private static Map<String, Object> chatDeletedData(ChatMessage deleted, MeetingView.ChatMessageView revealed) {
        return data("messageId", deleted.id, "roomId", deleted.roomId, "revealed", revealed);
    }

    /** The message that came into view of who is in {@code roomId} when {@code deleted} left it, if any. */
    private static MeetingView.ChatMessageView revealedFor(Meeting m, ChatMessage deleted, String roomId) {
        List<MeetingView.ChatMessageView> visible = MeetingViews.visibleChat(m, roomId);
        if (visible.size() < Meeting.CHAT_HISTORY) {
            return null; // every kept message shows: the deleted one showed too, nothing older is left
        }
        ChatMessage oldestShown = m.chatMessage(visible.get(0).messageId());
        return deleted.ordinal > oldestShown.ordinal ? visible.get(0) : null;
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
