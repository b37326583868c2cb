package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.MeetingCommand;
import io.kring.testing.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** E5 (issue 10 finding 15): a cancelled deadline leaves the scheduler at once. */
@QuarkusTest
class DeadlineTimersTest {

    @Inject
    LiveMeetings meetings;
    @Inject
    MeterRegistry registry;
    @Inject
    DeadlineScheduler deadlines;

    @Test
    @DisplayName("[E5] 1,500 hand raise/lower while a 24 h item runs keep the scheduled timers few")
    void cancelledTimersLeaveTheScheduler() {
        Api.Created created = Api.create("Busy queue", "en", List.of(Api.item("All day", 86_400)));
        Api.Joined moderator = Api.joinAsModerator(created, "Mira");
        String meetingId = created.meetingId();
        awaitAck(meetingId, moderator.participantId(), new MeetingCommand.StartNextAgendaItem());
        double before = cancelledTimersStillWaiting();

        for (int i = 0; i < 750; i++) {
            awaitAck(meetingId, moderator.participantId(), new MeetingCommand.RaiseHand("speak"));
            awaitAck(meetingId, moderator.participantId(), new MeetingCommand.LowerHand(null));
        }

        assertThat(deadlines.isArmed(meetingId)).as("the item's deadline is still armed").isTrue();
        assertThat(cancelledTimersStillWaiting()).as("timers waiting in the scheduler for no armed meeting")
                .isLessThanOrEqualTo(before + 5);
    }

    /**
     * The gauge minus one timer per armed meeting: what 1,500 re-arms would leave behind. The gauge alone is
     * app-wide, and other tests' meetings come into memory meanwhile (the memory sweep loads those with a deadline
     * coming soon), each arming a timer of its own.
     */
    private double cancelledTimersStillWaiting() {
        long armed = meetings.inMemory().stream().filter(meeting -> deadlines.isArmed(meeting.id)).count();
        return timers() - armed;
    }

    /** Runs one command and waits for its answer (no other command waits here, so it is answered at once). */
    private void awaitAck(String meetingId, String participantId, MeetingCommand command) {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        meetings.execute(meetingId, participantId, command, answer::complete, answer::completeExceptionally);
        assertThat(answer).succeedsWithin(Duration.ofSeconds(5));
    }

    private double timers() {
        return registry.find("kring.deadline.timers").gauge().value();
    }
}
