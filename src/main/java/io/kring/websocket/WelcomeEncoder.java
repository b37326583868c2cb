package io.kring.websocket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.util.RawValue;

import io.kring.meeting.MeetingView;

/**
 * Encodes welcomes. A welcome carries every participant, and a reconnect storm of a big meeting asks
 * for a thousand welcomes in a row: each participant's JSON is kept and reused while their entry is
 * unchanged, so a welcome costs one join of strings instead of serializing the whole roster again.
 */
@ApplicationScoped
public class WelcomeEncoder {

    private final Protocol protocol;
    private final Map<String, Map<String, Encoded>> byMeeting = new ConcurrentHashMap<>();

    public WelcomeEncoder(Protocol protocol) {
        this.protocol = protocol;
    }

    private record Encoded(MeetingView.ParticipantView view, String json) {
    }

    /** The welcome as protocol.md section 2 says; called with the meeting's lock held. */
    String encode(String meetingId, long seq, MeetingView.Snapshot snapshot) {
        Map<String, Encoded> cache = byMeeting.computeIfAbsent(meetingId, id -> new ConcurrentHashMap<>());
        StringBuilder participants = new StringBuilder(snapshot.participants().size() * 160).append('[');
        for (MeetingView.ParticipantView view : snapshot.participants()) {
            Encoded encoded = cache.get(view.participantId());
            if (encoded == null || !encoded.view().equals(view)) {
                encoded = new Encoded(view, protocol.encode(view));
                cache.put(view.participantId(), encoded);
            }
            if (participants.length() > 1) {
                participants.append(',');
            }
            participants.append(encoded.json());
        }
        participants.append(']');
        return protocol.encode(new Welcome("welcome", seq, snapshot.serverTime(), new State(snapshot.meeting(),
                snapshot.you(), new RawValue(participants.toString()), snapshot.agenda(), snapshot.queue(),
                snapshot.breakouts(), snapshot.chat(), snapshot.announcement(), snapshot.serverTime())));
    }

    /** The same fields, in the same order, as {@link MeetingView.Snapshot}, with the roster pre-encoded. */
    record State(MeetingView.Info meeting, MeetingView.You you, RawValue participants, MeetingView.Agenda agenda,
            MeetingView.Queue queue, MeetingView.Breakouts breakouts, List<MeetingView.ChatMessageView> chat,
            MeetingView.AnnouncementView announcement, long serverTime) {
    }

    record Welcome(String type, long seq, long serverTime, State state) {
    }
}
