package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;
import static io.kring.meeting.MeetingNotices.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


/**
 * The questions' events (QA): each one change, to everyone. The asker of an anonymous question is told to nobody
 * (QA3); a vote tells its count to all and {@code youVoted} to the voter alone (QA8).
 */
final class QuestionNotices {

    private QuestionNotices() {
    }

    /** The notice of a question event, or null for another event. */
    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof QuestionAsked e) {
            // A new question has no votes: youVoted is false for everyone, so one serialization serves all.
            return Notice.toEveryone("question.asked", data("question", m.question(e.questionId()).view(null)));
        }
        if (event instanceof QuestionVoted e) {
            return voted(m, e);
        }
        if (event instanceof QuestionAnswered e) {
            return Notice.toEveryone("question.answered", data("questionId", e.questionId(), "answered", e.answered()));
        }
        if (event instanceof QuestionRemoved e) {
            return Notice.toEveryone("question.removed", data("questionId", e.questionId()));
        }
        return null;
    }

    /** QA8: the count to all; the voter's own connections learn {@code youVoted} with it. */
    private static Notice voted(Meeting m, QuestionVoted e) {
        int votes = m.question(e.questionId()).votes();
        Set<String> others = new HashSet<>();
        m.participantsById().values().stream().filter(p -> !p.removed && !p.id.equals(e.participantId()))
                .forEach(p -> others.add(p.id));
        List<Notice.Delivery> deliveries = new ArrayList<>(2);
        deliveries.add(new Notice.Delivery(new Audience.Only(Set.of(e.participantId())),
                data("questionId", e.questionId(), "votes", votes, "youVoted", e.up())));
        if (!others.isEmpty()) {
            deliveries.add(new Notice.Delivery(new Audience.Only(others),
                    data("questionId", e.questionId(), "votes", votes)));
        }
        return new Notice("question.voted", deliveries);
    }
}
