package io.kring.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.kring.input.Ids;
import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.NetworkStore.NetworkMeeting;
import io.kring.live.NetworkStore.StoredMember;
import io.kring.live.NetworkStore.StoredNetwork;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Language;
import io.kring.meeting.Meeting;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;
import io.quarkus.logging.Log;

/**
 * Learning networks (protocol.md section 9, meeting-rules NW1..NW9): a series of meetings planned by a
 * coordinator, and the members who come back from meeting to meeting. A network's rows are its state
 * ({@link NetworkStore}); its meetings are ordinary meetings ({@link LiveMeetings}) that know their network.
 */
@ApplicationScoped
public class Networks {

    /** NW8: at most this many members per network (a join that would add one more: CONFLICT). */
    public static final int MEMBERS = 10_000;
    /** NW8: at most this many meetings per network (planning one more: CONFLICT). */
    public static final int MEETINGS = 500;
    /** NW2: a meeting that has not ended counts as upcoming until this long after its planned start. */
    static final long STILL_UPCOMING_MS = 12 * 60 * 60 * 1000L;

    private final NetworkStore store;
    private final LiveMeetings meetings;
    private final Clock clock;

    public Networks(NetworkStore store, LiveMeetings meetings, Clock clock) {
        this.store = store;
        this.meetings = meetings;
        this.clock = clock;
    }

    public record CreatedNetwork(String networkId, String name, String coordinatorKey) {
    }

    /** One meeting as the network lists it; {@code recapPath} is null while the meeting has no published recap. */
    public record ListedMeeting(String meetingId, String title, String status, Long startsAt, String mode,
            String joinPath, String recapPath) {
    }

    public record NetworkView(String networkId, String name, String language, List<ListedMeeting> meetings) {
    }

    /** A join of a meeting: {@code memberId} in a network meeting, {@code memberToken} only for a new member. */
    public record NetworkJoin(LiveMeetings.Joined joined, String memberId, String memberToken) {
    }

    /** NW1: a new network with its coordinator key (returned once; only its hash is kept). */
    public CreatedNetwork create(String name, String language) {
        String checkedName = Text.line(name, "name", 1, 200);
        Language checkedLanguage = language == null ? Language.NL
                : Language.fromCode(language).orElseThrow(() -> Rejected.invalid("language must be nl or en"));
        String networkId = Secrets.id();
        String coordinatorKey = Secrets.secret();
        try {
            store.createNetwork(networkId, checkedName, checkedLanguage.code(), Credentials.hash(coordinatorKey),
                    clock.millis());
        } catch (StoreUnavailable e) {
            throw MeetingCommits.unavailable();
        }
        Log.infof("[network %s] network created", networkId);
        return new CreatedNetwork(networkId, checkedName, coordinatorKey);
    }

    /** NW2: the network and its meetings, upcoming first (see {@link #ordered}). */
    public NetworkView describe(String networkId) {
        StoredNetwork network = require(networkId);
        List<NetworkMeeting> stored = guarded(() -> store.meetings(networkId, MEETINGS));
        List<ListedMeeting> listed = ordered(stored, clock.millis()).stream()
                .map(m -> new ListedMeeting(m.meetingId(), m.title(), m.status(), m.startsAt(), m.mode(),
                        "/m/" + m.meetingId(), m.recapId() == null ? null : "/r/" + m.recapId()))
                .toList();
        return new NetworkView(network.networkId(), network.name(), network.language(), listed);
    }

    /**
     * NW2: upcoming meetings first, the next one first: a meeting is upcoming while it has not ended and its
     * planned start (if any) is less than {@link #STILL_UPCOMING_MS} ago; upcoming ones by planned start (those
     * without one after them, in the order they were planned). Then the past ones, the most recent first (by
     * planned start, or else when they were planned).
     */
    static List<NetworkMeeting> ordered(List<NetworkMeeting> meetings, long now) {
        List<NetworkMeeting> upcoming = new ArrayList<>();
        List<NetworkMeeting> past = new ArrayList<>();
        for (NetworkMeeting m : meetings) {
            boolean ended = "ended".equals(m.status());
            boolean longAgo = m.startsAt() != null && m.startsAt() < now - STILL_UPCOMING_MS;
            (ended || longAgo ? past : upcoming).add(m);
        }
        upcoming.sort(Comparator.comparing((NetworkMeeting m) -> m.startsAt() == null)
                .thenComparing(m -> m.startsAt() == null ? 0L : m.startsAt())
                .thenComparingLong(NetworkMeeting::createdAt));
        past.sort(Comparator.comparingLong((NetworkMeeting m) -> m.startsAt() == null ? m.createdAt() : m.startsAt())
                .reversed());
        List<NetworkMeeting> all = new ArrayList<>(upcoming);
        all.addAll(past);
        return all;
    }

    /**
     * NW2, NW3, NW5: the coordinator plans a meeting: as {@code POST /api/meetings}, in the network's language
     * unless another is given, with the agenda given or copied from a meeting of this network.
     */
    public LiveMeetings.Created plan(String networkId, String coordinatorKey, String title, String language,
            List<Meeting.AgendaItemPlan> agenda, Long startsAt, String mode, String copyAgendaFrom) {
        StoredNetwork network = requireCoordinator(networkId, coordinatorKey);
        List<Meeting.AgendaItemPlan> plannedAgenda = agenda;
        if (copyAgendaFrom != null) {
            if (agenda != null) {
                throw Rejected.invalid("give either agenda or copyAgendaFrom, not both");
            }
            plannedAgenda = agendaOf(networkId, copyAgendaFrom);
        }
        if (guarded(() -> store.meetingCount(networkId)) >= MEETINGS) {
            throw Rejected.conflict("this network has its " + MEETINGS + " meetings already");
        }
        LiveMeetings.Created created = meetings.create(title, language == null ? network.language() : language,
                plannedAgenda, new Meeting.NetworkPlan(networkId, network.coordinatorKeyHash(), startsAt, mode));
        try {
            store.networkActive(networkId, clock.millis());
        } catch (StoreUnavailable e) {
            Log.warnf("[network %s] last activity not recorded: %s", networkId, e.getMessage());
        }
        Log.infof("[network %s] meeting %s planned", networkId, created.meetingId());
        return created;
    }

    /** NW5: the agenda of a meeting of this network; NOT_FOUND for any other meeting. */
    private List<Meeting.AgendaItemPlan> agendaOf(String networkId, String meetingId) {
        if (!Ids.isId(meetingId)) {
            throw Rejected.notFound("copyAgendaFrom: no such meeting in this network");
        }
        try {
            return meetings.read(meetingId, m -> {
                if (!networkId.equals(m.networkId())) {
                    throw Rejected.notFound("copyAgendaFrom: no such meeting in this network");
                }
                return m.agendaPlan();
            });
        } catch (Rejected e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw Rejected.notFound("copyAgendaFrom: no such meeting in this network");
            }
            throw e;
        }
    }

    /**
     * M2, NW4: a join from the link. In a network meeting the person is a member of the network: the member
     * their {@code memberToken} names (a token of another network, unknown or deleted: UNAUTHORIZED), or else a
     * new member, whose token is returned this once. Outside a network {@code memberToken} is ignored.
     */
    public NetworkJoin join(String meetingId, String name, String organisation, String moderatorKey, String attendance,
            String memberToken) {
        String networkId = meetings.read(meetingId, Meeting::networkId);
        if (networkId == null) {
            return new NetworkJoin(meetings.join(meetingId, name, organisation, moderatorKey, attendance), null, null);
        }
        long now = clock.millis();
        if (memberToken != null) {
            String memberId = authenticateMember(networkId, memberToken)
                    .orElseThrow(() -> new Rejected(ErrorCode.UNAUTHORIZED, "this member token is not valid in this network"));
            LiveMeetings.Joined joined = meetings.join(meetingId, name, organisation, moderatorKey, attendance, memberId);
            seen(memberId, networkId, now);
            return new NetworkJoin(joined, memberId, null);
        }
        // A new member: checked as the join will check them, stored, then joined; a refused join forgets them.
        String checkedName = Text.name(name, "name", 1, 60);
        String checkedOrganisation = organisation == null ? "" : Text.name(organisation, "organisation", 0, 80);
        Token token = Token.issue(Secrets.id());
        boolean created = guarded(() -> store.createMember(token.participantId(), networkId,
                Credentials.hash(token.secret()), checkedName, checkedOrganisation, now, MEMBERS));
        if (!created) {
            throw Rejected.conflict("this network is full (at most " + MEMBERS + " members)");
        }
        try {
            LiveMeetings.Joined joined = meetings.join(meetingId, name, organisation, moderatorKey, attendance,
                    token.participantId());
            return new NetworkJoin(joined, token.participantId(), token.value());
        } catch (RuntimeException e) {
            try {
                store.forgetMember(token.participantId());
            } catch (StoreUnavailable forgetting) {
                Log.warnf("[network %s] member %s of a refused join not forgotten", networkId, token.participantId());
            }
            throw e;
        }
    }

    /** NW4: the member a member token names in this network, if it is valid. */
    public Optional<String> authenticateMember(String networkId, String memberToken) {
        Optional<Token> parsed = Token.parse(memberToken);
        if (parsed.isEmpty() || !Ids.isId(parsed.get().participantId())) {
            return Optional.empty();
        }
        Optional<StoredMember> member = guarded(() -> store.member(parsed.get().participantId()));
        return member.filter(m -> m.networkId().equals(networkId))
                .filter(m -> Credentials.matches(parsed.get().secret(), m.tokenHash()))
                .map(StoredMember::memberId);
    }

    /** NW1: the network; NOT_FOUND when there is none (or the id cannot be one). */
    public StoredNetwork require(String networkId) {
        if (!Ids.isId(networkId)) {
            throw Rejected.notFound("no such network");
        }
        return guarded(() -> store.network(networkId)).orElseThrow(() -> Rejected.notFound("no such network"));
    }

    /** NW3: the network, when {@code coordinatorKey} is its key: UNAUTHORIZED without a key, FORBIDDEN for another. */
    public StoredNetwork requireCoordinator(String networkId, String coordinatorKey) {
        StoredNetwork network = require(networkId);
        if (coordinatorKey == null || coordinatorKey.isEmpty()) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "the coordinator key is needed (Authorization: Bearer)");
        }
        if (!Credentials.matches(coordinatorKey, network.coordinatorKeyHash())) {
            throw Rejected.forbidden("this is not the coordinator key of this network");
        }
        return network;
    }

    private void seen(String memberId, String networkId, long now) {
        try {
            store.memberSeen(memberId, networkId, now);
        } catch (StoreUnavailable e) {
            Log.warnf("[network %s] last join of member %s not recorded: %s", networkId, memberId, e.getMessage());
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreUnavailable e) {
            throw MeetingCommits.unavailable();
        }
    }
}
