package io.kring.live;

import java.util.List;
import java.util.Optional;

/**
 * Port: where networks and their members are kept (V3__networks.sql). Unlike a meeting, a network is not
 * event-sourced: its rows are its state. Each call is one transaction; {@link MeetingStore.StoreUnavailable}
 * when the database cannot be reached, and then nothing of it was stored.
 */
public interface NetworkStore {

    /** A network as stored; {@code coordinatorKeyHash} is the hash of its coordinator key (NW1). */
    record StoredNetwork(String networkId, String name, String language, String coordinatorKeyHash) {
    }

    /** One meeting of a network, from its meeting row; times in epoch milliseconds, {@code startsAt} may be null. */
    record NetworkMeeting(String meetingId, String title, String status, Long startsAt, String mode, long createdAt,
            String recapId) {
    }

    /** A member's credentials: which network they belong to and the hash of their token's secret. */
    record StoredMember(String memberId, String networkId, String tokenHash) {
    }

    void createNetwork(String networkId, String name, String language, String coordinatorKeyHash, long now);

    Optional<StoredNetwork> network(String networkId);

    /** The network's meetings (their meeting rows), at most {@code limit}, in no particular order. */
    List<NetworkMeeting> meetings(String networkId, int limit);

    /** How many meetings the network has. */
    long meetingCount(String networkId);

    /**
     * NW4: a new member, with the name and organisation of their first join; false (nothing stored) when the
     * network already has {@code limit} members. The network's last activity moves to {@code now}.
     */
    boolean createMember(String memberId, String networkId, String tokenHash, String name, String organisation,
            long now, int limit);

    Optional<StoredMember> member(String memberId);

    /** The member joined a meeting of their network: their last join and the network's activity move to {@code now}. */
    void memberSeen(String memberId, String networkId, long now);

    /** Deletes a member created for a join that was then refused (nothing else refers to them yet). */
    void forgetMember(String memberId);

    /** A meeting was planned in the network: its last activity moves to {@code now}. */
    void networkActive(String networkId, long now);
}
