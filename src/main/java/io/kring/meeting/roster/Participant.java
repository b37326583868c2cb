package io.kring.meeting;

/** One person in a meeting, from their join on, including after removal (the report keeps them). */
final class Participant {
    final String id;
    final String name;
    final String organisation;
    final String tokenHash;
    final long joinedAt;
    Role role;
    boolean online;
    boolean mutedInChat;
    boolean removed;
    String roomId;
    Long leftAt;

    Participant(String id, String name, String organisation, Role role, String tokenHash, long joinedAt) {
        this.id = id;
        this.name = name;
        this.organisation = organisation;
        this.role = role;
        this.tokenHash = tokenHash;
        this.joinedAt = joinedAt;
    }

    boolean isModerator() {
        return role == Role.MODERATOR;
    }

    MeetingView.ParticipantView view() {
        return new MeetingView.ParticipantView(id, name, organisation, role.wireName(), online, roomId, mutedInChat,
                joinedAt);
    }
}
