package io.kring.live;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingView;

/** The {@link WelcomeState} of a loaded meeting, read under its lock. */
final class LiveWelcomeState implements WelcomeState {
    private final LiveMeeting live;
    private final String participantId;
    private final long now;

    LiveWelcomeState(LiveMeeting live, String participantId, long now) {
        this.live = live;
        this.participantId = participantId;
        this.now = now;
    }

    @Override
    public long seq() {
        return live.seq;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public String participantId() {
        return participantId;
    }

    @Override
    public Object stateKey() {
        return new StateKey(live, live.seq);
    }

    @Override
    public long presenceChanges() {
        return live.pendingPresence.added();
    }

    @Override
    public Optional<List<MeetingEvent.PresenceChange>> presenceSince(long count) {
        long added = live.pendingPresence.added();
        long firstPending = added - live.pendingPresence.size();
        if (count < firstPending || count > added) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(live.pendingPresence.subList((int) (count - firstPending),
                live.pendingPresence.size())));
    }

    @Override
    public Set<String> questionsVoted() {
        return live.meeting.questionsVotedBy(participantId);
    }

    @Override
    public List<MeetingView.PollView> polls() {
        return live.meeting.pollsFor(participantId);
    }

    @Override
    public MeetingView.Snapshot snapshot() {
        return live.meeting.viewFor(participantId, now);
    }
}
