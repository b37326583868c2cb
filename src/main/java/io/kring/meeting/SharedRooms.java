package io.kring.meeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kring.meeting.MeetingEvent.ParticipantJoined;

/**
 * NWM1: who shared a room in a meeting of a network, by member: what the network's memory (and its report) is
 * built from. Read from the meeting's stored events, as its report is.
 */
public final class SharedRooms {

    private SharedRooms() {
    }

    /**
     * The rooms of the meeting's closed rounds, the most recent round first, each as the member ids of its
     * members at the close; participants who are not network members are left out (a meeting on its own gives
     * rooms of nobody).
     */
    public static List<List<String>> ofMembers(List<MeetingEvent> events, long now) {
        Map<String, String> memberIdOf = memberIds(events);
        List<List<String>> rooms = new ArrayList<>();
        if (memberIdOf.isEmpty()) {
            return rooms;
        }
        List<MeetingRecord.RoundRecord> rounds = MeetingRecord.of(events, now).breakoutRounds();
        for (int i = rounds.size() - 1; i >= 0; i--) {
            MeetingRecord.RoundRecord round = rounds.get(i);
            if (round.closedAt() == null) {
                continue; // still running: its rooms are not settled
            }
            for (MeetingRecord.RoomRecord room : round.rooms()) {
                List<String> members = room.members().stream().map(m -> memberIdOf.get(m.participantId()))
                        .filter(Objects::nonNull).distinct().toList();
                if (members.size() > 1) {
                    rooms.add(members);
                }
            }
        }
        return rooms;
    }

    /** Who of the meeting's participants is which member of the network (NW4: in their join event). */
    public static Map<String, String> memberIds(List<MeetingEvent> events) {
        Map<String, String> memberIdOf = new HashMap<>();
        for (MeetingEvent event : events) {
            if (event instanceof ParticipantJoined joined && joined.memberId() != null) {
                memberIdOf.put(joined.participantId(), joined.memberId());
            }
        }
        return memberIdOf;
    }
}
