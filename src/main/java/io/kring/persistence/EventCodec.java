package io.kring.persistence;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kring.meeting.MeetingEvent;

/**
 * Stores an event as its record's simple name and the record as JSON. The domain records carry no
 * annotations: Jackson reads and writes records by their components.
 */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    private final Map<String, Class<? extends MeetingEvent>> types = new HashMap<>();

    @SuppressWarnings("unchecked")
    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        for (Class<?> type : MeetingEvent.class.getPermittedSubclasses()) {
            types.put(type.getSimpleName(), (Class<? extends MeetingEvent>) type);
        }
    }

    public String typeOf(MeetingEvent event) {
        return event.getClass().getSimpleName();
    }

    public String encode(MeetingEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + typeOf(event), e);
        }
    }

    public MeetingEvent decode(String type, String payload) {
        Class<? extends MeetingEvent> eventType = types.get(type);
        if (eventType == null) {
            throw new IllegalStateException("unknown stored event type " + type);
        }
        try {
            return mapper.readValue(payload, eventType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type, e);
        }
    }
}
