package io.kring.directory;

import java.util.List;
import java.util.Optional;

/**
 * Port: the members' profiles and consent, and the deletion of quiet networks (V3__networks.sql); the
 * networks themselves, their meetings and member tokens are {@link io.kring.live.NetworkStore}'s. Each call is one statement or one transaction; a database failure is
 * {@link io.kring.live.MeetingStore.StoreUnavailable}.
 */
public interface DirectoryStore {

    /** How many members the network has, and how many of them share in the directory. */
    record MemberCounts(long members, long sharing) {
    }

    /** ND3: replaces the member's profile and consent; empty when the member is gone. */
    Optional<Profile> saveProfile(String networkId, String memberId, ProfileInput.Checked profile, long now);

    Optional<Profile> profile(String networkId, String memberId);

    /** ND5: at most {@code limit} members who share in the directory, ordered by name. */
    List<Profile> sharing(String networkId, int limit);

    /** ND6: deletes the member's row, profile, consent and token hash with it; whether there was one. */
    boolean deleteMember(String networkId, String memberId);

    MemberCounts memberCounts(String networkId);

    /**
     * ND10: deletes, with their members, at most {@code limit} networks with no activity at or after
     * {@code quietSinceMillis} and no meeting left; how many were deleted.
     */
    int deleteQuietNetworks(long quietSinceMillis, int limit);
}
