package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;
import static io.kring.meeting.MeetingNotices.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.poll.Poll;
import io.kring.meeting.poll.Polls;
import io.kring.meeting.roster.Participant;

/**
 * What the poll events tell whom (docs/protocol.md section 4, POLL5..POLL7). Moderators and the others see a
 * poll differently (results before the close, who chose what), so most poll events have two deliveries: one
 * for the moderators and one for everyone else, each serialized once. A vote itself is told only to the voter.
 */
final class PollNotices {

    private PollNotices() {
    }

    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof PollOpened e) {
            Poll poll = m.polls.poll(e.pollId());
            return split(m, "poll.opened", data("poll", Polls.view(poll, null, true)),
                    data("poll", Polls.view(poll, null, false)));
        }
        if (event instanceof PollVoted e) {
            // POLL3: the voter's own choices at once, on each of their connections; the counts follow coalesced.
            return new Notice("poll.voted", List.of(new Notice.Delivery(new Audience.Only(Set.of(e.participantId())),
                    data("pollId", e.pollId(), "yourChoices", e.choices()))));
        }
        if (event instanceof PollResultsTold e) {
            Poll poll = m.polls.poll(e.pollId());
            return split(m, "poll.results", results(poll, true), poll.live ? results(poll, false) : null);
        }
        if (event instanceof PollClosed e) {
            Poll poll = m.polls.poll(e.pollId());
            Map<String, Object> forModerators = results(poll, true);
            Map<String, Object> forOthers = results(poll, false);
            forModerators.put("closedAt", e.at());
            forOthers.put("closedAt", e.at());
            return split(m, "poll.closed", forModerators, forOthers);
        }
        return null;
    }

    /** The told results; for moderators of a poll that is not anonymous also who chose what since the last told. */
    private static Map<String, Object> results(Poll poll, boolean moderator) {
        Map<String, Object> data = data("pollId", poll.id, "results", Polls.view(poll, null, moderator).results());
        Map<String, List<Integer>> votes = moderator ? Polls.lastToldVotes(poll) : null;
        if (votes != null) {
            data.put("votes", votes);
        }
        return data;
    }

    /**
     * One delivery for the moderators and one for the others (none when {@code forOthers} is null); when both
     * say the same, one delivery for everyone, serialized once.
     */
    private static Notice split(Meeting m, String name, Map<String, Object> forModerators,
            Map<String, Object> forOthers) {
        if (forModerators.equals(forOthers)) {
            return Notice.toEveryone(name, forModerators);
        }
        Set<String> moderators = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (Participant p : m.participantsById().values()) {
            if (!p.removed) {
                (p.isModerator() ? moderators : others).add(p.id);
            }
        }
        List<Notice.Delivery> deliveries = new ArrayList<>(2);
        deliveries.add(new Notice.Delivery(new Audience.Only(moderators), forModerators));
        if (forOthers != null) {
            deliveries.add(new Notice.Delivery(new Audience.Only(others), forOthers));
        }
        return new Notice(name, deliveries);
    }
}
