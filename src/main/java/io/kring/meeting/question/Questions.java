package io.kring.meeting.question;

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
import io.kring.meeting.MeetingCommand.AnswerQuestion;
import io.kring.meeting.MeetingCommand.AskQuestion;
import io.kring.meeting.MeetingCommand.RemoveQuestion;
import io.kring.meeting.MeetingCommand.UpvoteQuestion;
import io.kring.meeting.MeetingEvent.QuestionAnswered;
import io.kring.meeting.MeetingEvent.QuestionAsked;
import io.kring.meeting.MeetingEvent.QuestionRemoved;
import io.kring.meeting.MeetingEvent.QuestionVoted;
import io.kring.meeting.Member;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * Questions to the plenary (QA-rules): asked by anyone, anonymously if the asker wants, voted up, marked
 * answered and removed. The {@link io.kring.meeting.Meeting} calls it from its one dispatch table.
 */
public final class Questions {

    /** QA2: asks per participant in any {@link #ASK_WINDOW_MS}. */
    static final int ASKS_PER_WINDOW = 3;
    static final long ASK_WINDOW_MS = 60_000;

    /**
     * QA7: most votes first, then the oldest first; questions asked in the same millisecond by their id, so that a
     * client that sorts what it was told ({@code votes}, {@code askedAt}, {@code questionId}) gets the same order.
     */
    public static final Comparator<Question> ORDER = Comparator.comparingInt(Question::votes).reversed()
            .thenComparingLong(q -> q.askedAt).thenComparing(q -> q.id);

    private final Map<String, Question> byId = new LinkedHashMap<>();
    /** QA2: times of each participant's latest accepted asks. Not stored: it only guards a minute. */
    private final Map<String, Deque<Long>> recentAsks = new HashMap<>();

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** QA1, QA2: anyone asks, moderators too; tied to the running agenda item ({@code itemId}, or null). */
    public void ask(Member actor, AskQuestion c, String runningItemId, long now, CommandContext context) {
        if (byId.size() >= Limits.QUESTIONS) {
            throw Rejected.conflict("this meeting has " + Limits.QUESTIONS + " questions, the most it may have");
        }
        String text = Text.paragraph(c.text(), "text", 1, 500);
        boolean anonymous = c.anonymous() != null && c.anonymous();
        Deque<Long> recent = recentAsks.computeIfAbsent(actor.id(), id -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst() <= now - ASK_WINDOW_MS) {
            recent.pollFirst();
        }
        if (recent.size() >= ASKS_PER_WINDOW) {
            throw new Rejected(ErrorCode.RATE_LIMITED, "at most " + ASKS_PER_WINDOW + " questions a minute");
        }
        recent.addLast(now);
        context.emit(new QuestionAsked(context.newId(), actor.id(), actor.name(), text, runningItemId, anonymous,
                now));
    }

    /** QA4: one vote per participant and question, the asker's own question included; the same again changes nothing. */
    public void upvote(Member actor, UpvoteQuestion c, CommandContext context) {
        Question question = require(c.questionId());
        if (c.up() == null) {
            throw Rejected.invalid("up must be true or false");
        }
        if (question.votedBy(actor.id()) != c.up()) {
            context.emit(new QuestionVoted(question.id, actor.id(), c.up()));
        }
    }

    /** QA5: moderators mark a question answered, or not any more. */
    public void answer(Member actor, AnswerQuestion c, CommandContext context) {
        actor.requireModerator();
        Question question = require(c.questionId());
        if (c.answered() == null) {
            throw Rejected.invalid("answered must be true or false");
        }
        if (question.answered != c.answered()) {
            context.emit(new QuestionAnswered(question.id, c.answered()));
        }
    }

    /** QA6: a moderator, or whoever asked it (also an anonymous one), removes a question. */
    public void remove(Member actor, RemoveQuestion c, long now, CommandContext context) {
        Question question = require(c.questionId());
        if (!actor.moderator() && !actor.id().equals(question.participantId)) {
            throw Rejected.forbidden("only moderators and the asker may remove a question");
        }
        context.emit(new QuestionRemoved(question.id, actor.id(), now));
    }

    private Question require(String questionId) {
        if (questionId == null) {
            throw Rejected.invalid("questionId is required");
        }
        Question question = byId.get(questionId);
        if (question == null) {
            throw Rejected.notFound("no such question");
        }
        return question;
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void asked(QuestionAsked e) {
        byId.put(e.questionId(), new Question(e.questionId(), e.participantId(), e.name(), e.text(),
                e.itemId(), e.anonymous(), e.at()));
    }

    public void voted(QuestionVoted e) {
        Question question = byId.get(e.questionId());
        if (e.up()) {
            question.voters.add(e.participantId());
        } else {
            question.voters.remove(e.participantId());
        }
    }

    public void answered(QuestionAnswered e) {
        byId.get(e.questionId()).answered = e.answered();
    }

    public void removed(QuestionRemoved e) {
        byId.remove(e.questionId());
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** QA7: the questions kept, most votes first, then the oldest first. */
    public List<Question> ordered() {
        List<Question> all = new ArrayList<>(byId.values());
        all.sort(ORDER);
        return all;
    }

    /** QA8: the ids of the questions {@code participantId} voted for, in no order (a welcome asks per viewer). */
    public java.util.Set<String> votedBy(String participantId) {
        java.util.Set<String> voted = new java.util.HashSet<>();
        for (Question question : byId.values()) {
            if (question.votedBy(participantId)) {
                voted.add(question.id);
            }
        }
        return voted;
    }

    public Question question(String questionId) {
        return byId.get(questionId);
    }
}
