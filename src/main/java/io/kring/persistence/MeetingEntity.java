package io.kring.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The meeting row (V1__meetings_and_events.sql, V3__networks.sql). Never leaves this package. */
@Entity
@Table(name = "meeting")
public class MeetingEntity {
    @Id
    @Column(name = "meeting_id")
    public String meetingId;
    public String title;
    public String language;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "next_deadline_at")
    public Instant nextDeadlineAt;
    /** V3: the network the meeting was planned in, or null. */
    @Column(name = "network_id")
    public String networkId;
    @Column(name = "starts_at")
    public Instant startsAt;
    public String mode;
    /** RC8: the published recap's id, null while none is published; written by the append's one statement. */
    @Column(name = "recap_id", insertable = false, updatable = false)
    public String recapId;
}
