package io.kring.meeting.chat;

import io.kring.meeting.MeetingView;

/**
 * A chat message as sent; a deleted one stays for the record but is shown to nobody. Public for the meeting's
 * views and notices to read; only {@link Chat} changes it.
 */
public final class ChatMessage {
    /** Its place among all the meeting's messages: audiences are kept apart and merged by it. */
    public final long ordinal;
    public final String id;
    public final String roomId;
    public final String participantId;
    public final String name;
    public final String text;
    public final long sentAt;
    public boolean deleted;

    ChatMessage(long ordinal, String id, String roomId, String participantId, String name, String text, long sentAt) {
        this.ordinal = ordinal;
        this.id = id;
        this.roomId = roomId;
        this.participantId = participantId;
        this.name = name;
        this.text = text;
        this.sentAt = sentAt;
    }

    public MeetingView.ChatMessageView view() {
        return new MeetingView.ChatMessageView(id, roomId, participantId, name, text, sentAt);
    }
}
