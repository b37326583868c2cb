package io.kring.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.kring.meeting.agenda.AgendaItem;
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.chat.ChatMessage;
import io.kring.meeting.floor.Hand;
import io.kring.meeting.floor.SpeakingTurn;
import io.kring.meeting.roster.Participant;

/** Builds the views of protocol.md section 3. Visibility rules live here and in {@link MeetingNotices}. */
final class MeetingViews {

    private MeetingViews() {
    }

    static MeetingView.Snapshot snapshot(Meeting m, Participant viewer, long now) {
        String roomId = viewer == null ? null : viewer.roomId;
        boolean moderator = viewer != null && viewer.isModerator();
        MeetingView.You you = viewer == null ? null
                : new MeetingView.You(viewer.id, viewer.role.wireName(), viewer.roomId, viewer.mutedInChat);
        return new MeetingView.Snapshot(info(m), you, participants(m), agenda(m), queue(m),
                breakouts(m, moderator, roomId), visibleChat(m, roomId), m.announcement(), m.reportBack(),
                ReportBackRounds.earlierRoomShown(m),
                questions(m, viewer == null ? null : viewer.id), m.pollsFor(viewer == null ? null : viewer.id), now);
    }

    /** QA3, QA7, QA8: every question kept, most votes first, as {@code viewerId} sees them. */
    static List<MeetingView.QuestionView> questions(Meeting m, String viewerId) {
        return m.questions.ordered().stream().map(q -> q.view(viewerId)).toList();
    }

    static MeetingView.Info info(Meeting m) {
        return new MeetingView.Info(m.id(), m.title(), m.isEnded() ? "ended" : "open", m.isLocked(), m.languageCode(),
                m.callUrl(), m.recapPath());
    }

    static List<MeetingView.ParticipantView> participants(Meeting m) {
        List<MeetingView.ParticipantView> views = new ArrayList<>();
        for (Participant p : m.participantsById().values()) {
            if (!p.removed) {
                views.add(p.view());
            }
        }
        return views;
    }

    static MeetingView.Agenda agenda(Meeting m) {
        AgendaItem running = m.runningItem();
        return new MeetingView.Agenda(running == null ? null : running.id,
                m.agendaItems().stream().map(AgendaItem::view).toList());
    }

    static MeetingView.Queue queue(Meeting m) {
        return new MeetingView.Queue(speaker(m.speaker()), m.hands().stream().map(MeetingViews::hand).toList(),
                m.roundLimitSeconds());
    }

    /** The speaker as in {@code queue.speaker}, or null. */
    static MeetingView.SpeakerView speaker(SpeakingTurn speaker) {
        return speaker == null ? null
                : new MeetingView.SpeakerView(speaker.participantId, speaker.since, speaker.limitSeconds,
                        speaker.overtime);
    }

    /** One hand as in {@code queue.hands[]}. */
    static MeetingView.HandView hand(Hand hand) {
        return new MeetingView.HandView(hand.participantId, hand.kind.wireName(), hand.raisedAt);
    }

    /**
     * BR15: insights show to the room's members and moderators while the round runs, to all once it closed.
     * CALL5: a room's call link shows to its members and the moderators while the round is open or closing.
     */
    static MeetingView.Breakouts breakouts(Meeting m, boolean moderator, String viewerRoomId) {
        BreakoutRound round = m.lastRound();
        if (round == null) {
            return new MeetingView.Breakouts("closed", null, null, null, null, null, null, null, null, null, false, null,
                    List.of());
        }
        boolean closed = round.status == BreakoutRound.Status.CLOSED;
        List<MeetingView.RoomView> rooms = new ArrayList<>();
        for (BreakoutRound.Room room : round.rooms.values()) {
            boolean insightsVisible = closed || moderator || Objects.equals(room.id, viewerRoomId);
            boolean callVisible = !closed && (moderator || Objects.equals(room.id, viewerRoomId));
            rooms.add(new MeetingView.RoomView(room.id, room.name, room.topic, room.hostId,
                    closed ? room.membersAtClose : m.roomMembers(room.id), room.helpRequested, room.done,
                    insightsVisible ? room.insights.stream().map(BreakoutRound.Insight::view).toList() : List.of(),
                    callVisible ? room.callUrl : null));
        }
        return new MeetingView.Breakouts(round.status.name().toLowerCase(Locale.ROOT), round.strategy.wireName(),
                round.id, round.index, round.attendance, round.openedAt, round.durationSeconds, round.endsAt, round.graceSeconds,
                round.status == BreakoutRound.Status.CLOSING ? round.closingAt : null, round.warned,
                closed ? null : round.broadcast, rooms);
    }

    /** C3: the last messages of the plenary and of the viewer's current room. */
    static List<MeetingView.ChatMessageView> visibleChat(Meeting m, String roomId) {
        java.util.Iterator<ChatMessage> plenary = m.chatOf(null).descendingIterator();
        java.util.Iterator<ChatMessage> room = roomId == null ? java.util.Collections.emptyIterator()
                : m.chatOf(roomId).descendingIterator();
        ChatMessage nextPlenary = plenary.hasNext() ? plenary.next() : null;
        ChatMessage nextRoom = room.hasNext() ? room.next() : null;
        List<MeetingView.ChatMessageView> visible = new ArrayList<>();
        while ((nextPlenary != null || nextRoom != null) && visible.size() < Meeting.CHAT_HISTORY) {
            ChatMessage message;
            if (nextRoom == null || (nextPlenary != null && nextPlenary.ordinal > nextRoom.ordinal)) {
                message = nextPlenary;
                nextPlenary = plenary.hasNext() ? plenary.next() : null;
            } else {
                message = nextRoom;
                nextRoom = room.hasNext() ? room.next() : null;
            }
            if (!message.deleted) {
                visible.add(message.view());
            }
        }
        java.util.Collections.reverse(visible);
        return visible;
    }
}
