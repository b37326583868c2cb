package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingEvent;
import io.kring.meeting.breakout.BreakoutRound;
import io.kring.meeting.breakout.Breakouts;

/** P1, GM3, GM7, GM8: rounds stored before the group methods still read; new ones keep hosts, fromRound, attendance. */
class StoredGroupEventsTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper());

    private static final String OLD_ROUND = "{\"roundId\":\"r1\",\"strategy\":\"random\",\"rooms\":[{\"roomId\":\"k1\","
            + "\"name\":\"Groep 1\",\"topic\":\"\",\"callUrl\":null}],\"assignments\":{\"an\":\"k1\"},\"openedAt\":1,"
            + "\"durationSeconds\":60,\"endsAt\":60001,\"graceSeconds\":0}";

    @Test
    @DisplayName("[P1, GM7, GM8] a BreakoutsOpened stored without hosts and attendance reads as a mixed round without hosts")
    void oldRoundsRead() {
        MeetingEvent.BreakoutsOpened old = (MeetingEvent.BreakoutsOpened) codec.decode("BreakoutsOpened", OLD_ROUND);
        assertThat(old.rooms().get(0).hostId()).isNull();
        assertThat(old.fromRound()).isNull();
        assertThat(old.attendance()).isNull();
        Breakouts breakouts = new Breakouts(new Random(1), true);
        breakouts.opened(old);
        BreakoutRound round = breakouts.rounds().get(0);
        assertThat(round.attendance).isEqualTo("mixed");
        assertThat(round.index).as("derived from the order, not stored").isEqualTo(0);
        assertThat(round.fromRound).isNull();
        assertThat(round.rooms.get("k1").hostId).isNull();
    }

    @Test
    @DisplayName("[GM3, GM7, GM8] hosts, fromRound and attendance are stored with the round and read back the same")
    void groupFieldsRoundTrip() {
        MeetingEvent.BreakoutsOpened opened = new MeetingEvent.BreakoutsOpened("r2", "rotate",
                List.of(new MeetingEvent.RoomPlan("k1", "Groep 1", "Lezen", null, "an")), Map.of("an", "k1"), 1, 60,
                60_001, 0, 0, "separate");
        assertThat(codec.decode("BreakoutsOpened", codec.encode(opened))).isEqualTo(opened);
    }
}
