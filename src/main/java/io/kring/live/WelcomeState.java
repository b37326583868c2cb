package io.kring.live;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingView;

/**
 * What a new connection's welcome is built from, handed to {@link LiveMeetings#connect}'s callback while
 * the meeting's lock is held (and valid only then). The state is the one the meeting has now, pending
 * presence included (P8: applied at once, told later).
 *
 * <p>Most of a welcome is the same for every viewer and changes only when the state does, so it can be
 * built once and reused: {@link #stateKey()} changes with every stored event and with every reload of
 * the meeting, and {@link #presenceChanges()} counts the presence changes applied without a stored
 * event. While both stay the same, so does the state; when only the count grew,
 * {@link #presenceSince} says what changed.
 */
public interface WelcomeState {

    /** The seq of the last event published: the welcome's {@code seq}. */
    long seq();

    /** The welcome's {@code serverTime}. */
    long now();

    String participantId();

    /** Equal (by {@code equals}) for as long as no event is stored and the meeting is not reloaded. */
    Object stateKey();

    /** How many presence changes were applied to this meeting in memory so far. */
    long presenceChanges();

    /**
     * The presence changes applied after the first {@code count}, in order, if they are still known
     * (only those not yet stored are); empty when they are not: then build anew from {@link #snapshot()}.
     */
    Optional<List<MeetingEvent.PresenceChange>> presenceSince(long count);

    /** POLL5, POLL6: the polls as this participant sees them, built now (cheaper than the whole snapshot). */
    List<MeetingView.PollView> polls();

    /** The whole state as this participant sees it, built now. */
    MeetingView.Snapshot snapshot();

    /**
     * QA8: the questions this participant voted for: a welcome's questions are shared but for {@code youVoted}.
     * By default read from the whole {@link #snapshot()}.
     */
    default Set<String> questionsVoted() {
        return snapshot().questions().stream().filter(MeetingView.QuestionView::youVoted)
                .map(MeetingView.QuestionView::questionId).collect(Collectors.toSet());
    }

    /** A reloaded meeting is another {@link LiveMeeting}: compared by identity, so nothing built before is reused. */
    record StateKey(Object meeting, long seq) {
        @Override
        public boolean equals(Object other) {
            return other instanceof StateKey key && key.meeting == meeting && key.seq == seq;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(meeting) * 31 + Long.hashCode(seq);
        }
    }
}
