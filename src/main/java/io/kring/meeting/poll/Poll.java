package io.kring.meeting.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.MeetingEvent.PollOpened;

/**
 * One poll (POLL-rules): its question and options, every participant's current vote and the counts they give,
 * and what was last told of them. Results are told coalesced (POLL7), so the counts and the moderators' "who
 * chose what" have two versions: the current ones, changed by every vote, and the told ones, changed only by a
 * results event or the close. Views show the told ones: a client that applies the events holds the snapshot.
 */
public final class Poll {

    public final String id;
    public final String question;
    public final List<String> options;
    public final boolean multiple;
    public final int maxChoices;
    public final boolean anonymous;
    /** POLL5: results shown to everyone while the poll is open ({@code live}), or only after the close. */
    public final boolean live;
    public final Integer fromRound;
    public final long openedAt;
    Long closedAt;

    /** Each voter's current choices, in the order they first voted. */
    final Map<String, List<Integer>> votes = new LinkedHashMap<>();
    private final int[] counts;
    /** Voters whose vote changed since the last results were told. */
    private final Set<String> untold = new LinkedHashSet<>();

    private int[] toldCounts;
    private int toldVoters;
    /** When results were last told (null: never): the next results event is due 250 ms after (POLL7). */
    Long lastToldAt;
    /** Who chose what, as last told to the moderators (never shown for an anonymous poll). */
    final Map<String, List<Integer>> toldVotes = new LinkedHashMap<>();
    /** The voters whose choices the last results event told the moderators (for its notice). */
    private List<String> lastTold = List.of();

    Poll(PollOpened e) {
        this.id = e.pollId();
        this.question = e.question();
        this.options = List.copyOf(e.options());
        this.multiple = e.multiple();
        this.maxChoices = e.maxChoices();
        this.anonymous = e.anonymous();
        this.live = Polls.LIVE.equals(e.showResults());
        this.fromRound = e.fromRound();
        this.openedAt = e.openedAt();
        this.counts = new int[options.size()];
        this.toldCounts = new int[options.size()];
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    public Long closedAt() {
        return closedAt;
    }

    boolean hasUntoldVotes() {
        return !untold.isEmpty();
    }

    void voted(String participantId, List<Integer> choices) {
        List<Integer> previous = votes.put(participantId, List.copyOf(choices));
        if (previous != null) {
            previous.forEach(choice -> counts[choice]--);
        }
        choices.forEach(choice -> counts[choice]++);
        untold.add(participantId);
    }

    /** The current counts become the told ones. */
    void told(long at) {
        toldCounts = counts.clone();
        toldVoters = votes.size();
        lastToldAt = at;
        lastTold = List.copyOf(untold);
        for (String voter : untold) {
            toldVotes.put(voter, votes.get(voter));
        }
        untold.clear();
    }

    void closed(long at) {
        closedAt = at;
        told(at);
    }

    /** The counts as last told. */
    public List<Integer> toldCounts() {
        List<Integer> list = new ArrayList<>(toldCounts.length);
        for (int count : toldCounts) {
            list.add(count);
        }
        return list;
    }

    public int toldVoters() {
        return toldVoters;
    }

    /** Who chose what as last told; for moderators' eyes, of a poll that is not anonymous (POLL6). */
    public Map<String, List<Integer>> toldVotes() {
        return toldVotes;
    }

    /** Who chose what of the voters the last results told, as told. */
    Map<String, List<Integer>> lastToldVotes() {
        Map<String, List<Integer>> told = new LinkedHashMap<>();
        lastTold.forEach(voter -> told.put(voter, toldVotes.get(voter)));
        return told;
    }

    /** Each participant's current choices (the report). */
    public Map<String, List<Integer>> votes() {
        return votes;
    }

    public List<Integer> choicesOf(String participantId) {
        List<Integer> choices = participantId == null ? null : votes.get(participantId);
        return choices == null ? List.of() : choices;
    }
}
