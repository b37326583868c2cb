package io.kring.meeting.poll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Limits;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.ClosePoll;
import io.kring.meeting.MeetingCommand.OpenPoll;
import io.kring.meeting.MeetingCommand.VotePoll;
import io.kring.meeting.MeetingEvent.PollClosed;
import io.kring.meeting.MeetingEvent.PollOpened;
import io.kring.meeting.MeetingEvent.PollResultsTold;
import io.kring.meeting.MeetingEvent.PollVoted;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * Polls and dot-voting (POLL-rules, docs/meeting-rules.md): opening, voting, closing, and the coalesced results
 * events. The {@link io.kring.meeting.Meeting} calls it from its one dispatch table; what a round's insights
 * are it is given by the meeting (the breakouts' state is not its own).
 */
public final class Polls {

    public static final String LIVE = "live";
    public static final String ON_CLOSE = "onClose";
    /** POLL7: at most one results event per poll per this many milliseconds. */
    public static final long RESULTS_EVERY_MS = 250;
    /** POLL2: a dot-vote gives each participant this many dots, unless told otherwise. */
    static final int DOTS = 3;

    /** The insights of a round, as far as the live meeting still knows them (L6). */
    public sealed interface RoundInsights {
        /** The round's insights, in room order, each room's in the order they were added. */
        record Known(List<String> texts) implements RoundInsights {
        }

        /** No such round, or it is not closed, or its insights were forgotten: why, for the CONFLICT. */
        record Unavailable(String why) implements RoundInsights {
        }
    }

    private final Map<String, Poll> polls = new LinkedHashMap<>();

    // ---------------------------------------------------------------------------------------------
    // Commands

    /**
     * POLL1, POLL2: a moderator opens a poll; several may be open at once. {@code insightsOf} gives a closed
     * round's insights for {@code fromRound}.
     */
    public void open(Member actor, OpenPoll c, long now, java.util.function.IntFunction<RoundInsights> insightsOf,
            CommandContext context) {
        actor.requireModerator();
        if (polls.size() >= Limits.POLLS) {
            throw Rejected.conflict("this meeting had " + Limits.POLLS + " polls, the most it may have");
        }
        String question = Text.line(c.question(), "question", 1, 300);
        if ((c.options() == null) == (c.fromRound() == null)) {
            throw Rejected.invalid("give exactly one of options and fromRound");
        }
        String showResults = c.showResults() == null ? ON_CLOSE : c.showResults();
        if (!showResults.equals(ON_CLOSE) && !showResults.equals(LIVE)) {
            throw Rejected.invalid("showResults must be onClose or live");
        }
        boolean dotVote = c.fromRound() != null;
        boolean multiple = c.multiple() == null ? dotVote : c.multiple();
        boolean anonymous = c.anonymous() == null || c.anonymous();
        List<String> options;
        if (dotVote) {
            if (c.fromRound() < 0) {
                throw Rejected.invalid("fromRound must be 0 or more");
            }
            options = fromRound(c.fromRound(), insightsOf);
        } else {
            if (c.options().size() < 2 || c.options().size() > Limits.POLL_OPTIONS) {
                throw Rejected.invalid("options must be 2.." + Limits.POLL_OPTIONS + " texts");
            }
            options = new ArrayList<>(c.options().size());
            for (String option : c.options()) {
                options.add(Text.line(option, "options", 1, 200));
            }
        }
        int maxChoices;
        if (c.maxChoices() == null) {
            maxChoices = dotVote && multiple ? Math.min(DOTS, options.size()) : 1;
        } else {
            maxChoices = Text.range(c.maxChoices(), "maxChoices", 1, options.size());
            if (maxChoices > 1 && !multiple) {
                throw Rejected.invalid("maxChoices above 1 needs multiple");
            }
        }
        context.emit(new PollOpened(context.newId(), question, options, multiple, maxChoices, anonymous, showResults,
                c.fromRound(), now));
    }

    /** POLL2: the insights of a closed round, each cut to 200 characters on one line; 2..50 of them. */
    private static List<String> fromRound(int roundIndex, java.util.function.IntFunction<RoundInsights> insightsOf) {
        RoundInsights insights = insightsOf.apply(roundIndex);
        if (insights instanceof RoundInsights.Unavailable unavailable) {
            throw Rejected.conflict(unavailable.why());
        }
        List<String> texts = ((RoundInsights.Known) insights).texts();
        if (texts.size() < 2 || texts.size() > Limits.POLL_OPTIONS) {
            throw Rejected.conflict("round " + roundIndex + " has " + texts.size() + " insights; a poll needs 2.."
                    + Limits.POLL_OPTIONS);
        }
        return texts.stream().map(Polls::asOption).toList();
    }

    /** An insight may span lines and 1,000 characters; an option is one line of at most 200. */
    static String asOption(String insight) {
        String oneLine = insight.replaceAll("\\s+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= 200 ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, 200)).strip();
    }

    /**
     * POLL3: records or replaces the actor's vote (moderators may vote too). POLL7: the results are told at
     * once when none were told in the last 250 ms, otherwise by {@link #tick} when that time is up.
     */
    public void vote(Member actor, VotePoll c, long now, CommandContext context) {
        Poll poll = require(c.pollId());
        if (!poll.isOpen()) {
            throw Rejected.conflict("this poll is closed");
        }
        List<Integer> choices = c.choices();
        if (choices == null || choices.isEmpty() || choices.size() > poll.maxChoices) {
            throw Rejected.invalid("choose 1.." + poll.maxChoices + " options");
        }
        Set<Integer> distinct = new HashSet<>();
        for (Integer choice : choices) {
            if (choice == null || choice < 0 || choice >= poll.options.size()) {
                throw Rejected.invalid("choices are option indexes 0.." + (poll.options.size() - 1));
            }
            if (!distinct.add(choice)) {
                throw Rejected.invalid("choices must be distinct");
            }
        }
        context.emit(new PollVoted(poll.id, actor.id(), List.copyOf(choices), now));
        if (poll.lastToldAt == null || now - poll.lastToldAt >= RESULTS_EVERY_MS) {
            context.emit(new PollResultsTold(poll.id, now));
        }
    }

    /** POLL4: a moderator closes an open poll; its results are told to everyone. */
    public void close(Member actor, ClosePoll c, long now, CommandContext context) {
        actor.requireModerator();
        Poll poll = require(c.pollId());
        if (!poll.isOpen()) {
            throw Rejected.conflict("this poll is already closed");
        }
        context.emit(new PollClosed(poll.id, now));
    }

    /** POLL8, MOD6: the meeting's end closes every open poll. */
    public void closeAll(long now, CommandContext context) {
        for (Poll poll : List.copyOf(polls.values())) {
            if (poll.isOpen()) {
                context.emit(new PollClosed(poll.id, now));
            }
        }
    }

    /** POLL7: the results of open polls with votes not yet told, once 250 ms passed since the last told. */
    public void tick(long now, CommandContext context) {
        for (Poll poll : List.copyOf(polls.values())) {
            if (poll.isOpen() && poll.hasUntoldVotes() && poll.lastToldAt + RESULTS_EVERY_MS <= now) {
                context.emit(new PollResultsTold(poll.id, now));
            }
        }
    }

    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Poll poll : polls.values()) {
            if (poll.isOpen() && poll.hasUntoldVotes()) {
                next = Math.min(next, poll.lastToldAt + RESULTS_EVERY_MS);
            }
        }
        return next;
    }

    private Poll require(String pollId) {
        if (pollId == null) {
            throw Rejected.invalid("pollId is required");
        }
        Poll poll = polls.get(pollId);
        if (poll == null) {
            throw Rejected.notFound("no such poll");
        }
        return poll;
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void opened(PollOpened e) {
        polls.put(e.pollId(), new Poll(e));
    }

    public void voted(PollVoted e) {
        polls.get(e.pollId()).voted(e.participantId(), e.choices());
    }

    public void resultsTold(PollResultsTold e) {
        polls.get(e.pollId()).told(e.at());
    }

    public void closed(PollClosed e) {
        polls.get(e.pollId()).closed(e.at());
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    public List<Poll> all() {
        return List.copyOf(polls.values());
    }

    public Poll poll(String pollId) {
        return polls.get(pollId);
    }

    /** POLL5: moderators always see the told results; everyone while a live poll is open, and after the close. */
    public static boolean resultsVisible(Poll poll, boolean moderator) {
        return moderator || poll.live || !poll.isOpen();
    }

    /** POLL5, POLL6: one poll as {@code viewerId} sees it (null: nobody in particular, as on the display). */
    public static MeetingView.PollView view(Poll poll, String viewerId, boolean moderator) {
        MeetingView.PollResults results = resultsVisible(poll, moderator)
                ? new MeetingView.PollResults(poll.toldCounts(), poll.toldVoters()) : null;
        return new MeetingView.PollView(poll.id, poll.question, poll.options, poll.multiple, poll.maxChoices,
                poll.anonymous, poll.live ? LIVE : ON_CLOSE, poll.isOpen() ? "open" : "closed", poll.openedAt,
                poll.closedAt, poll.choicesOf(viewerId), results, poll.fromRound,
                moderator && !poll.anonymous ? new LinkedHashMap<>(poll.toldVotes()) : null);
    }

    /** POLL6: the choices the last results event (or the close) told the moderators, of a poll that is not anonymous. */
    public static Map<String, List<Integer>> lastToldVotes(Poll poll) {
        return poll.anonymous ? null : poll.lastToldVotes();
    }
}
