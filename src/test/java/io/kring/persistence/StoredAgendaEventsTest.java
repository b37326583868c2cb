package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingEvent;

/** P1, AP1: agenda events stored before descriptions and prepared rounds still read; new ones keep them. */
class StoredAgendaEventsTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper());

    @Test
    @DisplayName("[P1, AP1] agenda events stored without description and breakout read with \"\" and null")
    void oldAgendaEventsRead() {
        MeetingEvent.AgendaItemAdded added = (MeetingEvent.AgendaItemAdded) codec.decode("AgendaItemAdded",
                "{\"itemId\":\"i1\",\"title\":\"Welkom\",\"durationSeconds\":300,\"kind\":\"breakout\",\"position\":0}");
        assertThat(added.description()).isEmpty();
        assertThat(added.breakout()).isNull();
        assertThat(added.title()).isEqualTo("Welkom");
        MeetingEvent.AgendaItemUpdated updated = (MeetingEvent.AgendaItemUpdated) codec.decode("AgendaItemUpdated",
                "{\"itemId\":\"i1\",\"title\":\"Groepen\",\"durationSeconds\":600,\"kind\":\"breakout\"}");
        assertThat(updated.description()).isEmpty();
        assertThat(updated.breakout()).isNull();
        assertThat(updated.durationSeconds()).isEqualTo(600);
    }

    @Test
    @DisplayName("[AP1] descriptions and prepared rounds are stored with the events and read back the same")
    void presetsRoundTrip() {
        OpenBreakouts preset = new OpenBreakouts(2, "manual", null, 30, List.of("Kansen", ""),
                Map.of("p1abcdefghijkl", 1), List.of("https://meet.example.org/Kring-room"));
        MeetingEvent added = new MeetingEvent.AgendaItemAdded("i1", "Groepswerk", 900, "breakout", 0,
                "Eerst alleen,\ndan samen", preset);
        assertThat(codec.decode("AgendaItemAdded", codec.encode(added))).isEqualTo(added);
        MeetingEvent updated = new MeetingEvent.AgendaItemUpdated("i1", "Groepswerk", 900, "breakout", "", null);
        assertThat(codec.decode("AgendaItemUpdated", codec.encode(updated))).isEqualTo(updated);
    }
}
