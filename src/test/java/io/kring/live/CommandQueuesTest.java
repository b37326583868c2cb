package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.MeetingCommand;
import io.kring.meeting.Rejected;

/** The bounds of the group-commit queues (meeting-rules P12), without a server: the drainer is this test. */
class CommandQueuesTest {

    private static final long NOW = 1_000_000;

    private final CommandQueues queues = new CommandQueues();
    /** Every answer given, in the order given: "ack n" or "CODE n" for the n-th command made. */
    private final List<String> answers = new ArrayList<>();
    private final List<Rejected> refusals = new ArrayList<>();
    private int made;

    @Test
    @DisplayName("[P12] with its drainer held up, a meeting's queue takes 10,000 commands; the next is refused at once as RATE_LIMITED, and every queued one is still answered once, in order")
    void aFullQueueRefusesTheNextCommandAtOnce() {
        assertThat(queues.add("m1", command(), NOW)).as("the first command makes its sender the drainer").isTrue();
        for (int i = 1; i < CommandQueues.MAX_WAITING_PER_MEETING; i++) {
            assertThat(queues.add("m1", command(), NOW)).as("command %d waits for the drainer", i).isFalse();
        }
        assertThat(answers).as("nothing is answered while the drainer is held up").isEmpty();
        assertThat(queues.waiting("m1")).isEqualTo(CommandQueues.MAX_WAITING_PER_MEETING);

        int beyond = made;
        assertThat(queues.add("m1", command(), NOW)).as("the command beyond the bound drains nothing").isFalse();
        assertThat(answers).as("answered at once, before any queued one").containsExactly("RATE_LIMITED " + beyond);
        assertThat(refusals.get(0).getMessage()).isEqualTo(CommandQueues.MEETING_BUSY);
        assertThat(queues.waiting("m1")).as("nothing more queued").isEqualTo(CommandQueues.MAX_WAITING_PER_MEETING);
        assertThat(queues.waiting()).isEqualTo(CommandQueues.MAX_WAITING_PER_MEETING);

        assertThat(queues.add("m2", command(), NOW)).as("another meeting's queue is its own").isTrue();
        answers.clear();

        List<CommandQueues.Waiting> batch = queues.take("m1");
        assertThat(batch).hasSize(CommandQueues.MAX_BATCH);
        answerAll(batch);
        assertThat(queues.add("m1", command(), NOW)).as("a batch taken makes room again").isFalse();
        int last = made - 1;
        while (!(batch = queues.take("m1")).isEmpty()) {
            answerAll(batch);
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CommandQueues.MAX_WAITING_PER_MEETING; i++) {
            expected.add("ack " + i);
        }
        expected.add("ack " + last);
        assertThat(answers).as("each queued command answered exactly once, in arrival order").isEqualTo(expected);
        assertThat(queues.waiting()).as("only m2's command waits").isEqualTo(1);
        assertThat(queues.hasWaiting("m1")).isFalse();
        assertThat(queues.add("m1", command(), NOW)).as("the drainer is done: the next one starts a new queue")
                .isTrue();
    }

    @Test
    @DisplayName("[P12] over all meetings at most 50,000 commands wait: beyond, even a meeting without a queue is refused at once and gets no drainer")
    void allQueuesTogetherAreBounded() {
        int meetings = CommandQueues.MAX_WAITING / CommandQueues.MAX_WAITING_PER_MEETING;
        for (int m = 0; m < meetings; m++) {
            for (int i = 0; i < CommandQueues.MAX_WAITING_PER_MEETING; i++) {
                queues.add("m" + m, command(), NOW);
            }
        }
        assertThat(queues.waiting()).isEqualTo(CommandQueues.MAX_WAITING);

        assertThat(queues.add("quiet", command(), NOW)).as("no drainer for a refused command").isFalse();
        assertThat(answers).containsExactly("RATE_LIMITED " + (made - 1));
        assertThat(refusals.get(0).getMessage()).isEqualTo(CommandQueues.SERVER_BUSY);
        assertThat(queues.hasWaiting("quiet")).isFalse();
        assertThat(queues.waiting()).as("the refused command left no count behind").isEqualTo(CommandQueues.MAX_WAITING);

        answerAll(queues.take("m0"));
        assertThat(queues.add("quiet", command(), NOW)).as("room again once a batch was taken").isTrue();
        for (int m = 0; m < meetings; m++) {
            List<CommandQueues.Waiting> batch;
            while (!(batch = queues.take("m" + m)).isEmpty()) {
                answerAll(batch);
            }
        }
        answerAll(queues.take("quiet"));
        assertThat(queues.take("quiet")).isEmpty();
        assertThat(queues.waiting()).isZero();
        assertThat(queues.isIdle()).isTrue();
        assertThat(answers).as("every command made was answered once").hasSize(made);
    }

    @Test
    @DisplayName("[P12] a full queue is logged at most once a minute per meeting, and the log remembers only the last minute's meetings")
    void fullQueuesAreLoggedOncePerMinute() {
        long minute = CommandQueues.FULL_LOG_INTERVAL_MILLIS;
        assertThat(queues.firstRefusalOfInterval("m1", NOW)).isTrue();
        assertThat(queues.firstRefusalOfInterval("m1", NOW + 1)).isFalse();
        assertThat(queues.firstRefusalOfInterval("m2", NOW + 1)).as("each meeting on its own").isTrue();
        assertThat(queues.firstRefusalOfInterval("m1", NOW + minute - 1)).isFalse();
        assertThat(queues.firstRefusalOfInterval("m1", NOW + minute)).isTrue();
        assertThat(queues.firstRefusalOfInterval("m1", NOW + minute + 1)).isFalse();
        assertThat(queues.firstRefusalOfInterval("m1", NOW + minute - 5_000)).as("a clock set back a little")
                .isFalse();
        assertThat(queues.firstRefusalOfInterval("m1", NOW)).as("a clock set back a whole minute").isTrue();

        for (int m = 0; m < 100; m++) {
            queues.firstRefusalOfInterval("flood" + m, NOW);
        }
        assertThat(queues.loggedMeetings()).isEqualTo(102);
        assertThat(queues.firstRefusalOfInterval("later", NOW + 2 * minute)).isTrue();
        assertThat(queues.loggedMeetings()).as("the meetings logged over a minute ago are forgotten").isEqualTo(1);
    }

    /** A command whose answers go to {@link #answers}, numbered in the order made. */
    private CommandQueues.Waiting command() {
        int number = made++;
        return new CommandQueues.Waiting("p" + number, new MeetingCommand.RaiseHand("speak", null),
                seq -> answers.add("ack " + number), why -> {
                    refusals.add(why);
                    answers.add(why.code().name() + " " + number);
                });
    }

    /** As the drainer does after storing a batch, plus an answer given twice, which must not reach anyone. */
    private static void answerAll(List<CommandQueues.Waiting> batch) {
        for (CommandQueues.Waiting waiting : batch) {
            waiting.accept(1);
            waiting.refuse(new Rejected(ErrorCode.UNAVAILABLE, "a second answer"));
        }
    }
}
