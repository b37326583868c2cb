package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingEvent;

/** P1, CALL1: rounds stored before calls existed still read (a missing callUrl is null); new ones keep their links. */
class StoredCallEventsTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper());

    @Test
    @DisplayName("[P1, CALL1] a BreakoutsOpened stored without callUrl reads with null links")
    void oldRoundsRead() {
        MeetingEvent.BreakoutsOpened old = (MeetingEvent.BreakoutsOpened) codec.decode("BreakoutsOpened",
                "{\"roundId\":\"r1\",\"strategy\":\"random\",\"rooms\":[{\"roomId\":\"k1\",\"name\":\"Groep 1\","
                        + "\"topic\":\"\"}],\"assignments\":{},\"openedAt\":1,\"durationSeconds\":60,\"endsAt\":60001,"
                        + "\"graceSeconds\":0}");
        assertThat(old.rooms().get(0).callUrl()).isNull();
        assertThat(old.rooms().get(0).name()).isEqualTo("Groep 1");
    }

    @Test
    @DisplayName("[CALL1] links are stored with the events and read back the same")
    void linksRoundTrip() {
        MeetingEvent.BreakoutsOpened opened = new MeetingEvent.BreakoutsOpened("r1", "random",
                java.util.List.of(new MeetingEvent.RoomPlan("k1", "Groep 1", "", "https://meet.example.org/Kring-abc")),
                java.util.Map.of(), 1, 60, 60_001, 0);
        assertThat(codec.decode("BreakoutsOpened", codec.encode(opened))).isEqualTo(opened);
        MeetingEvent call = new MeetingEvent.MeetingCallChanged("https://meet.example.org/Kring-xyz");
        assertThat(codec.decode("MeetingCallChanged", codec.encode(call))).isEqualTo(call);
        MeetingEvent cleared = new MeetingEvent.MeetingCallChanged(null);
        assertThat(codec.decode("MeetingCallChanged", codec.encode(cleared))).isEqualTo(cleared);
    }
}
