package io.kring.meeting.roster;

import io.kring.meeting.Member;
import io.kring.meeting.MeetingView;

/**
 * One person in a meeting, from their join on, including after removal (the report keeps them). Public for the
 * meeting's views, notices and record to read; only {@link Roster} changes it, when it applies an event.
 */
public final class Participant {
    public final String id;
    public final String name;
    public final String organisation;
    public final String tokenHash;
    public final long joinedAt;
    /** How they take part: online or in the physical room (protocol.md section 7). */
    public final Attendance attendance;
    /** The moderator who added them without a device (participant.add), or null: they joined from the link. */
    public final String addedBy;
    /** NW4: the network member they are, in a network meeting; null otherwise. */
    public final String memberId;
    public Role role;
    public boolean online;
    public boolean mutedInChat;
    public boolean removed;
    /** The breakout room they are in, or null: the plenary. Set by the breakout events, which the meeting applies here. */
    public String roomId;
    public Long leftAt;

    Participant(String id, String name, String organisation, Role role, String tokenHash, long joinedAt,
            Attendance attendance, String addedBy, String memberId) {
        this.id = id;
        this.memberId = memberId;
        this.attendance = attendance;
        this.addedBy = addedBy;
        this.name = name;
        this.organisation = organisation;
        this.role = role;
        this.tokenHash = tokenHash;
        this.joinedAt = joinedAt;
    }

    public boolean isModerator() {
        return role == Role.MODERATOR;
    }

    /**
     * PR1, the one definition of present: online, or in the physical room without a device (added by a
     * moderator, present until removed). Someone who joined {@code inRoom} with a device is present while
     * their device is connected, like anyone online: the server cannot know they are still in the room.
     */
    public boolean isPresent() {
        return !removed && (online || (addedBy != null && attendance == Attendance.IN_ROOM));
    }

    public MeetingView.ParticipantView view() {
        return new MeetingView.ParticipantView(id, name, organisation, role.wireName(), online, roomId, mutedInChat,
                joinedAt, attendance.wireName(), memberId);
    }

    /** Who they are now, as a part may know it. */
    public Member asMember() {
        return new Member(id, name, organisation, isModerator(), online, roomId, mutedInChat,
                attendance == Attendance.IN_ROOM, memberId);
    }
}
