package io.kring.meeting.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kring.meeting.CommandContext;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Limits;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.DeleteChatMessage;
import io.kring.meeting.MeetingCommand.SendChatMessage;
import io.kring.meeting.MeetingEvent.ChatMessageDeleted;
import io.kring.meeting.MeetingEvent.ChatMessageSent;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The chat (C-rules): the messages kept per audience (the plenary and each room), and the flood guard. The
 * {@link io.kring.meeting.Meeting} calls it from its one dispatch table.
 */
public final class Chat {

    static final int MESSAGES_PER_SECOND = 5;

    /** L6: a live meeting keeps the last messages per audience; the report's replay keeps them all. */
    private final boolean keepsHistory;
    /** L5: chat per audience ("" is the plenary, else a room id), oldest first. */
    private final Map<String, Deque<ChatMessage>> chat = new LinkedHashMap<>();
    private final Map<String, ChatMessage> chatById = new HashMap<>();
    private long messagesSent;
    /** C6: send times of each participant's latest accepted chat messages. Not stored: it only guards a second. */
    private final Map<String, Deque<Long>> recentChat = new HashMap<>();

    public Chat(boolean keepsHistory) {
        this.keepsHistory = keepsHistory;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** C1, C5, C6: to your room or the plenary; muted participants and floods are refused. */
    public void send(Member actor, SendChatMessage c, long now, CommandContext context) {
        if (actor.mutedInChat()) {
            throw new Rejected(ErrorCode.MUTED, "you are muted in the chat");
        }
        String text = Text.paragraph(c.text(), "text", 1, 2000);
        Deque<Long> recent = recentChat.computeIfAbsent(actor.id(), id -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst() <= now - 1000) {
            recent.pollFirst();
        }
        if (recent.size() >= MESSAGES_PER_SECOND) {
            throw new Rejected(ErrorCode.RATE_LIMITED, "at most 5 chat messages a second");
        }
        recent.addLast(now);
        context.emit(new ChatMessageSent(context.newId(), actor.roomId(), actor.id(), actor.name(), text, now));
    }

    public void delete(Member actor, DeleteChatMessage c, long now, CommandContext context) {
        actor.requireModerator();
        if (c.messageId() == null) {
            throw Rejected.invalid("messageId is required");
        }
        ChatMessage message = chatById.get(c.messageId());
        if (message == null || message.deleted) {
            throw Rejected.notFound("no such message");
        }
        context.emit(new ChatMessageDeleted(message.id, now));
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void sent(ChatMessageSent e) {
        ChatMessage message = new ChatMessage(messagesSent++, e.messageId(), e.roomId(), e.participantId(),
                e.name(), e.text(), e.sentAt());
        Deque<ChatMessage> audience = chat.computeIfAbsent(e.roomId() == null ? "" : e.roomId(),
                key -> new ArrayDeque<>());
        audience.addLast(message);
        chatById.put(message.id, message);
        if (!keepsHistory && audience.size() > Limits.CHAT_KEPT_PER_AUDIENCE) {
            chatById.remove(audience.removeFirst().id);
        }
    }

    public void deleted(ChatMessageDeleted e) {
        ChatMessage message = chatById.get(e.messageId());
        if (message != null) {
            message.deleted = true;
        }
    }

    /** L5: the rooms' chats show to nobody once everyone is back in the plenary (the report keeps them). */
    public void roomsClosed() {
        if (keepsHistory) {
            return;
        }
        chat.keySet().removeIf(audience -> {
            if (audience.isEmpty()) {
                return false;
            }
            chat.get(audience).forEach(message -> chatById.remove(message.id));
            return true;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** Every chat message kept, oldest first. */
    public List<ChatMessage> messages() {
        List<ChatMessage> all = new ArrayList<>();
        chat.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(message -> message.ordinal));
        return all;
    }

    /** The chat kept of one audience (null: the plenary), oldest first. */
    public Deque<ChatMessage> of(String roomId) {
        Deque<ChatMessage> audience = chat.get(roomId == null ? "" : roomId);
        return audience == null ? new ArrayDeque<>() : audience;
    }

    public ChatMessage message(String messageId) {
        return chatById.get(messageId);
    }
}
