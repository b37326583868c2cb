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
    public Role role;
    public boolean online;
    public boolean mutedInChat;
    public boolean removed;
    /** The breakout room they are in, or null: the plenary. Set by the breakout events, which the meeting applies here. */
    public String roomId;
    public Long leftAt;

    Participant(String id, String name, String organisation, Role role, String tokenHash, long joinedAt) {
        this.id = id;
        this.name = name;
        this.organisation = organisation;
        this.role = role;
        this.tokenHash = tokenHash;
        this.joinedAt = joinedAt;
    }

    public boolean isModerator() {
        return role == Role.MODERATOR;
    }

    public MeetingView.ParticipantView view() {
        return new MeetingView.ParticipantView(id, name, organisation, role.wireName(), online, roomId, mutedInChat,
                joinedAt);
    }

    /** Who they are now, as a part may know it. */
    public Member asMember() {
        return new Member(id, name, organisation, isModerator(), online, roomId, mutedInChat);
    }
}
