package io.kring.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The network row (V3__networks.sql). Never leaves this package. */
@Entity
@Table(name = "network")
public class NetworkEntity {
    @Id
    @Column(name = "network_id")
    public String networkId;
    public String name;
    public String language;
    /** SHA-256 hex of the coordinator key; the key itself is never stored. */
    @Column(name = "coordinator_key_hash")
    public String coordinatorKeyHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
}
