package io.kring.meeting;

/** A chat message as sent; a deleted one stays for the record but is shown to nobody. */
final class ChatMessage {
    /** Its place among all the meeting's messages: audiences are kept apart and merged by it. */
    final long ordinal;
    final String id;
    final String roomId;
    final String participantId;
    final String name;
    final String text;
    final long sentAt;
    boolean deleted;

    ChatMessage(long ordinal, String id, String roomId, String participantId, String name, String text, long sentAt) {
        this.ordinal = ordinal;
        this.id = id;
        this.roomId = roomId;
        this.participantId = participantId;
        this.name = name;
        this.text = text;
        this.sentAt = sentAt;
    }

    MeetingView.ChatMessageView view() {
        return new MeetingView.ChatMessageView(id, roomId, participantId, name, text, sentAt);
    }
}
