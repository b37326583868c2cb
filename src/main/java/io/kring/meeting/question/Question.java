package io.kring.meeting.question;

import java.util.HashSet;
import java.util.Set;

import io.kring.meeting.MeetingView;

/**
 * One question of the plenary (QA-rules). Public for the meeting's views, notices and record to read; only
 * {@link Questions} changes it, when it applies an event. The asker is kept also for an anonymous question
 * (QA6: the asker may remove it), and never shown then (QA3).
 */
public final class Question {
    public final String id;
    public final String participantId;
    public final String name;
    public final String text;
    public final String itemId;
    public final boolean anonymous;
    public final long askedAt;
    public boolean answered;
    final Set<String> voters = new HashSet<>();

    Question(String id, String participantId, String name, String text, String itemId,
            boolean anonymous, long askedAt) {
        this.id = id;
        this.participantId = participantId;
        this.name = name;
        this.text = text;
        this.itemId = itemId;
        this.anonymous = anonymous;
        this.askedAt = askedAt;
    }

    public int votes() {
        return voters.size();
    }

    public boolean votedBy(String participantId) {
        return participantId != null && voters.contains(participantId);
    }

    /** QA3: as {@code viewerId} sees it; nobody learns who asked an anonymous question. */
    public MeetingView.QuestionView view(String viewerId) {
        return new MeetingView.QuestionView(id, text, anonymous ? null : participantId, anonymous ? null : name,
                itemId, votes(), votedBy(viewerId), answered, askedAt);
    }
}
