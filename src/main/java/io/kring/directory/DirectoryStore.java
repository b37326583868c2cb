package io.kring.directory;

import java.util.List;
import java.util.Optional;

/**
 * Port: the network's rows that the directory, the network report and retention read and change
 * (V3__networks.sql). Each call is one statement or one transaction; a database failure is
 * {@link io.kring.live.MeetingStore.StoreUnavailable}.
 */
public interface DirectoryStore {

    /** A network as the directory needs it: the coordinator key only as its hash. */
    record Network(String networkId, String name, String language, String coordinatorKeyHash) {
    }

    /** A meeting of the network, in the order the network lists them. */
    record NetworkMeeting(String meetingId, String title, String status, Long startsAt, String mode, long createdAt) {
    }

    /** How many members the network has, and how many of them share in the directory. */
    record MemberCounts(long members, long sharing) {
    }

    Optional<Network> network(String networkId);

    /** The token hash of a member of this network; empty when there is no such member (or it was deleted). */
    Optional<String> memberTokenHash(String networkId, String memberId);

    /** ND3: replaces the member's profile and consent; empty when the member is gone. */
    Optional<Profile> saveProfile(String networkId, String memberId, ProfileInput.Checked profile, long now);

    Optional<Profile> profile(String networkId, String memberId);

    /** ND5: at most {@code limit} members who share in the directory, ordered by name. */
    List<Profile> sharing(String networkId, int limit);

    /** ND6: deletes the member's row, profile, consent and token hash with it; whether there was one. */
    boolean deleteMember(String networkId, String memberId);

    /** At most {@code limit} meetings of the network, by their planned start (or creation), earliest first. */
    List<NetworkMeeting> meetings(String networkId, int limit);

    MemberCounts memberCounts(String networkId);

    /**
     * ND10: deletes, with their members, at most {@code limit} networks with no activity at or after
     * {@code quietSinceMillis} and no meeting left; how many were deleted.
     */
    int deleteQuietNetworks(long quietSinceMillis, int limit);
}
