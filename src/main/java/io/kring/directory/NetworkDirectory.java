package io.kring.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.kring.live.MeetingStore;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.NetworkStore;
import io.kring.live.Networks;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.MeetingRecord;
import io.kring.meeting.Rejected;
import io.kring.meeting.SharedRooms;
import io.kring.report.NetworkReport;

/**
 * The directory of a network and its report (protocol.md section 9, rules ND1..ND10): who may read and change
 * which profile, and the report built from the stored events of the network's meetings.
 */
@ApplicationScoped
public class NetworkDirectory {

    /** ND5: the directory lists at most this many members who share (and always the member who asks). */
    public static final int DIRECTORY_LIMIT = 1000;

    private final DirectoryStore store;
    private final Networks networks;
    private final NetworkStore networkStore;
    private final MeetingStore meetings;
    private final Clock clock;

    public NetworkDirectory(DirectoryStore store, Networks networks, NetworkStore networkStore, MeetingStore meetings,
            Clock clock) {
        this.store = store;
        this.networks = networks;
        this.networkStore = networkStore;
        this.meetings = meetings;
        this.clock = clock;
    }

    /** Who calls: a member of the network (their id) or its coordinator (memberId null). */
    public record Caller(String memberId, boolean coordinator) {
    }

    /** ND3: the member's own profile replaced; the coordinator has no profile. */
    public Profile save(String networkId, String authorization, Supplier<ProfileInput> body) {
        String memberId = member(networkId, authorization);
        ProfileInput.Checked checked = body.get().checked();
        return guarded(() -> store.saveProfile(networkId, memberId, checked, clock.millis()))
                .orElseThrow(() -> new Rejected(ErrorCode.UNAUTHORIZED, "this member token is no longer valid"));
    }

    /**
     * ND4, ND5: the members who share in the directory, ordered by name; a member also sees themself, sharing or
     * not. Nobody ever sees a member who has not consented.
     */
    public List<Profile> list(String networkId, String authorization) {
        Caller caller = authenticate(networkId, authorization);
        return guarded(() -> {
            List<Profile> shown = new ArrayList<>(store.sharing(networkId, DIRECTORY_LIMIT));
            if (caller.memberId() != null && shown.stream().noneMatch(p -> p.memberId().equals(caller.memberId()))) {
                store.profile(networkId, caller.memberId()).ifPresent(shown::add);
            }
            // One order whatever the database's collation: by name ignoring case, then by name, then by id.
            shown.sort(Comparator.comparing((Profile p) -> p.name().toLowerCase(Locale.ROOT))
                    .thenComparing(Profile::name).thenComparing(Profile::memberId));
            return shown;
        });
    }

    /** ND6: the member's row is deleted: profile, consent and token hash; the token stops working. */
    public void delete(String networkId, String authorization) {
        String memberId = member(networkId, authorization);
        if (!guarded(() -> store.deleteMember(networkId, memberId))) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "this member token is no longer valid");
        }
    }

    /** ND8, ND9: the network report, for its coordinator only. */
    public NetworkReport report(String networkId, String authorization) {
        requireCoordinator(networkId, authorization);
        NetworkStore.StoredNetwork network = networks.require(networkId);
        return guarded(() -> {
            long now = clock.millis();
            List<NetworkReport.MeetingInput> inputs = new ArrayList<>();
            // Every meeting of the network (at most Networks.MEETINGS), by planned start (or creation), earliest first.
            List<NetworkStore.NetworkMeeting> planned = new ArrayList<>(networkStore.meetings(networkId, Networks.MEETINGS));
            planned.sort(Comparator.comparingLong((NetworkStore.NetworkMeeting m) -> m.startsAt() != null ? m.startsAt()
                    : m.createdAt()).thenComparingLong(NetworkStore.NetworkMeeting::createdAt)
                    .thenComparing(NetworkStore.NetworkMeeting::meetingId));
            for (NetworkStore.NetworkMeeting m : planned) {
                // A meeting deleted since it was listed is left out.
                meetings.load(m.meetingId()).ifPresent(stored -> inputs.add(new NetworkReport.MeetingInput(
                        m.startsAt(), m.mode(), MeetingRecord.of(stored.events(), now), SharedRooms.memberIds(stored.events()))));
            }
            DirectoryStore.MemberCounts counts = store.memberCounts(networkId);
            return NetworkReport.of(network.networkId(), network.name(), network.language(), counts.members(),
                    counts.sharing(), inputs, now);
        });
    }

    /** ND1: the caller must be the network's coordinator: a member is refused (403), as is a wrong key. */
    public void requireCoordinator(String networkId, String authorization) {
        if (!authenticate(networkId, authorization).coordinator()) {
            throw new Rejected(ErrorCode.FORBIDDEN, "only the network's coordinator may read its report");
        }
    }


    /**
     * ND1: {@code members/me} takes only a member token of this network. This network's coordinator key is a valid
     * credential whose role has no profile (403); any other bearer, whatever its shape, is no valid credential
     * here (401). An unknown network is 404 first.
     */
    private String member(String networkId, String authorization) {
        NetworkStore.StoredNetwork network = networks.require(networkId);
        String token = Credentials.bearer(authorization);
        if (token == null) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "a Bearer member token is needed");
        }
        Optional<String> memberId = networks.authenticateMember(networkId, token);
        if (memberId.isPresent()) {
            return memberId.get();
        }
        if (Credentials.matches(token, network.coordinatorKeyHash())) {
            throw new Rejected(ErrorCode.FORBIDDEN, "the coordinator has no profile; use a member token");
        }
        throw new Rejected(ErrorCode.UNAUTHORIZED, "this token is not a member token of this network");
    }

    /**
     * ND1, for the directory and the report: a {@code Bearer} member token ({@code memberId.secret}) of this
     * network, or the network's coordinator key. No token, or a member token that is not (or no longer) valid
     * here: 401. Anything else is taken as a coordinator key, and a wrong one (or another network's) is 403. An
     * unknown network is 404 first.
     */
    public Caller authenticate(String networkId, String authorization) {
        NetworkStore.StoredNetwork network = networks.require(networkId);
        String token = Credentials.bearer(authorization);
        if (token == null) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "a Bearer token is needed");
        }
        if (token.indexOf('.') >= 0) {
            return networks.authenticateMember(networkId, token).map(memberId -> new Caller(memberId, false))
                    .orElseThrow(() -> new Rejected(ErrorCode.UNAUTHORIZED, "this token is not valid for this network"));
        }
        if (!Credentials.matches(token, network.coordinatorKeyHash())) {
            throw new Rejected(ErrorCode.FORBIDDEN, "this is not the coordinator key of this network");
        }
        return new Caller(null, true);
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreUnavailable e) {
            throw new Rejected(ErrorCode.UNAVAILABLE, "the database cannot be reached; try again");
        }
    }
}
