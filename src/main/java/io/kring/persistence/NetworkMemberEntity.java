package io.kring.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A member of a network with their profile (V3__networks.sql). Never leaves this package. The profile fields
 * are null until the member gives them; {@code shareInDirectory} is false until they consent.
 */
@Entity
@Table(name = "network_member")
public class NetworkMemberEntity {
    @Id
    @Column(name = "member_id")
    public String memberId;
    @Column(name = "network_id")
    public String networkId;
    /** SHA-256 hex of the secret part of the member token. */
    @Column(name = "token_hash")
    public String tokenHash;
    public String name;
    public String organisation;
    /** The profile's "function" ({@code function} is an SQL keyword). */
    @Column(name = "job_function")
    public String jobFunction;
    public String email;
    public String phone;
    public String offer;
    public String ask;
    @Column(name = "share_in_directory")
    public boolean shareInDirectory;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
}
