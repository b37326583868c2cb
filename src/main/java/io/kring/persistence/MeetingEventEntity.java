package io.kring.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One stored event: its type name and its JSON payload. Never leaves this package. */
@Entity
@Table(name = "meeting_event")
@IdClass(MeetingEventEntity.Key.class)
public class MeetingEventEntity {
    @Id
    @Column(name = "meeting_id")
    public String meetingId;
    @Id
    public long seq;
    public String type;
    public String payload;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static class Key implements Serializable {
        public String meetingId;
        public long seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.meetingId, meetingId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(meetingId, seq);
        }
    }
}
