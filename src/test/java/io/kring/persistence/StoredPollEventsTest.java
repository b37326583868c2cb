package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingEvent;

/** P1, POLL1..POLL7: the poll events are stored as JSON and read back the same (a poll without fromRound too). */
class StoredPollEventsTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper());

    @Test
    @DisplayName("[P1, POLL1, POLL3, POLL7, RB8] every poll and report-back event reads back equal to what was stored")
    void pollEventsRoundTrip() {
        List<MeetingEvent> events = List.of(
                new MeetingEvent.PollOpened("q1", "Koffie?", List.of("ja", "nee"), false, 1, true, "onClose", null, 5),
                new MeetingEvent.PollOpened("q2", "Stippen", List.of("a", "b", "c"), true, 3, false, "live", 2, 6),
                new MeetingEvent.PollVoted("q2", "p1", List.of(2, 0), 7),
                new MeetingEvent.PollResultsTold("q2", 8),
                new MeetingEvent.PollClosed("q2", 9));
        for (MeetingEvent event : events) {
            assertThat(codec.decode(codec.typeOf(event), codec.encode(event))).isEqualTo(event);
        }
        // RB8: the report-back's events too
        for (MeetingEvent event : List.of(new MeetingEvent.ReportBackShown(2, "r1", 120, 130_000, 10),
                new MeetingEvent.ReportBackEnded(11))) {
            assertThat(codec.decode(codec.typeOf(event), codec.encode(event))).isEqualTo(event);
        }
        assertThat(codec.decode("PollOpened", "{\"pollId\":\"q3\",\"question\":\"Q\",\"options\":[\"a\",\"b\"],"
                + "\"multiple\":false,\"maxChoices\":1,\"anonymous\":true,\"showResults\":\"live\",\"openedAt\":1}"))
                .as("fromRound absent: null").extracting(e -> ((MeetingEvent.PollOpened) e).fromRound()).isNull();
    }
}
