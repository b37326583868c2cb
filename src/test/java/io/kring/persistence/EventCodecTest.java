package io.kring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingEvent;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper());

    @Test
    @DisplayName("[PR5][P1] a ParticipantJoined stored before attendance existed reads with attendance and addedBy null")
    void oldParticipantJoinedStillReads() {
        MeetingEvent event = codec.decode("ParticipantJoined", "{\"participantId\":\"an\",\"name\":\"An\","
                + "\"organisation\":\"OCMW\",\"role\":\"participant\",\"tokenHash\":\"abc\",\"at\":5}");
        assertThat(event).isEqualTo(new MeetingEvent.ParticipantJoined("an", "An", "OCMW", "participant", "abc", 5,
                null, null));
    }

    @Test
    @DisplayName("[PR2][P1] a device-less participant's join goes through the store unchanged")
    void addedParticipantRoundTrips() {
        MeetingEvent event = new MeetingEvent.ParticipantJoined("els", "Els", "", "participant", null, 7, "inRoom", "mo");
        assertThat(codec.decode(codec.typeOf(event), codec.encode(event))).isEqualTo(event);
    }
}
