package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

    @Test
    @DisplayName("[E5] 1,500 hand raise/lower while a 24 h item runs keep the scheduled timers few")
    void cancelledTimersLeaveTheScheduler() {
        Api.Created created = Api.create("Busy queue", "en", List.of(Api.item("All day", 86_400)));
        Api.Joined moderator = Api.joinAsModerator(created, "Mira");
        String meetingId = created.meetingId();
        meetings.execute(meetingId, moderator.participantId(), new MeetingCommand.StartNextAgendaItem(), seq -> {
        });
        double before = timers();

        for (int i = 0; i < 750; i++) {
            meetings.execute(meetingId, moderator.participantId(), new MeetingCommand.RaiseHand("speak"), seq -> {
            });
            meetings.execute(meetingId, moderator.participantId(), new MeetingCommand.LowerHand(null), seq -> {
            });
        }

        assertThat(timers()).as("timers waiting in the scheduler").isLessThanOrEqualTo(before + 5);
    }

    private double timers() {
        return registry.find("kring.deadline.timers").gauge().value();
    }
}
