package io.kring.meeting;

/**
 * A member of the meeting as a part sees them while it handles a command: a copy taken from the roster,
 * so a part learns who acts (or whom a command names) without reaching into the roster's state.
 */
public record Member(String id, String name, String organisation, boolean moderator, boolean online,
        String roomId, boolean mutedInChat, boolean inRoom, String memberId) {

    /** {@code memberId}: NWM2, the network member a participant of a network meeting is; null otherwise. */
    public Member(String id, String name, String organisation, boolean moderator, boolean online, String roomId,
            boolean mutedInChat, boolean inRoom) {
        this(id, name, organisation, moderator, online, roomId, mutedInChat, inRoom, null);
    }

    /** {@code inRoom}: takes part in the physical room (attendance {@code inRoom}), else online. */
    public Member(String id, String name, String organisation, boolean moderator, boolean online, String roomId,
            boolean mutedInChat) {
        this(id, name, organisation, moderator, online, roomId, mutedInChat, false, null);
    }

    public void requireModerator() {
        if (!moderator) {
            throw Rejected.forbidden("only moderators may do this");
        }
    }
}
