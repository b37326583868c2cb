package io.kring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.kring.live.NetworkStore;

/** {@link NetworkStore} on PostgreSQL: the network and network_member rows of V3, each call one transaction. */
@ApplicationScoped
public class PanacheNetworkStore implements NetworkStore {

    private final EntityManager entityManager;
    private final StoreAvailability availability;

    public PanacheNetworkStore(EntityManager entityManager, StoreAvailability availability) {
        this.entityManager = entityManager;
        this.availability = availability;
    }

    @Override
    public void createNetwork(String networkId, String name, String language, String coordinatorKeyHash, long now) {
        watched(() -> {
            NetworkEntity network = new NetworkEntity();
            network.networkId = networkId;
            network.name = name;
            network.language = language;
            network.coordinatorKeyHash = coordinatorKeyHash;
            network.createdAt = Instant.ofEpochMilli(now);
            network.lastActivityAt = network.createdAt;
            entityManager.persist(network);
            return null;
        });
    }

    @Override
    public Optional<StoredNetwork> network(String networkId) {
        return watched(() -> Optional.ofNullable(entityManager.find(NetworkEntity.class, networkId))
                .map(n -> new StoredNetwork(n.networkId, n.name, n.language, n.coordinatorKeyHash)));
    }

    @Override
    public List<NetworkMeeting> meetings(String networkId, int limit) {
        return watched(() -> entityManager.createQuery(
                "select m from MeetingEntity m where m.networkId = :network order by m.createdAt", MeetingEntity.class)
                .setParameter("network", networkId).setMaxResults(limit).getResultList().stream()
                .map(m -> new NetworkMeeting(m.meetingId, m.title, m.status,
                        m.startsAt == null ? null : m.startsAt.toEpochMilli(), m.mode, m.createdAt.toEpochMilli(),
                        m.recapId))
                .toList());
    }

    @Override
    public long meetingCount(String networkId) {
        return watched(() -> entityManager
                .createQuery("select count(m) from MeetingEntity m where m.networkId = :network", Long.class)
                .setParameter("network", networkId).getSingleResult());
    }

    @Override
    public boolean createMember(String memberId, String networkId, String tokenHash, String name, String organisation,
            long now, int limit) {
        return watched(() -> {
            // The network's row lock orders concurrent first joins, so the bound holds exactly.
            NetworkEntity network = entityManager.find(NetworkEntity.class, networkId, LockModeType.PESSIMISTIC_WRITE);
            if (network == null) {
                return false;
            }
            long members = entityManager
                    .createQuery("select count(m) from NetworkMemberEntity m where m.networkId = :network", Long.class)
                    .setParameter("network", networkId).getSingleResult();
            if (members >= limit) {
                return false;
            }
            NetworkMemberEntity member = new NetworkMemberEntity();
            member.memberId = memberId;
            member.networkId = networkId;
            member.tokenHash = tokenHash;
            member.name = name;
            member.organisation = organisation;
            member.createdAt = Instant.ofEpochMilli(now);
            member.updatedAt = member.createdAt;
            member.lastSeenAt = member.createdAt;
            entityManager.persist(member);
            network.lastActivityAt = member.createdAt;
            return true;
        });
    }

    @Override
    public Optional<StoredMember> member(String memberId) {
        return watched(() -> Optional.ofNullable(entityManager.find(NetworkMemberEntity.class, memberId))
                .map(m -> new StoredMember(m.memberId, m.networkId, m.tokenHash)));
    }

    @Override
    public void memberSeen(String memberId, String networkId, long now) {
        watched(() -> {
            Instant at = Instant.ofEpochMilli(now);
            entityManager.createQuery("update NetworkMemberEntity m set m.lastSeenAt = :at where m.memberId = :member")
                    .setParameter("at", at).setParameter("member", memberId).executeUpdate();
            touch(networkId, at);
            return null;
        });
    }

    @Override
    public void forgetMember(String memberId) {
        watched(() -> entityManager.createQuery("delete from NetworkMemberEntity m where m.memberId = :member")
                .setParameter("member", memberId).executeUpdate());
    }

    @Override
    public void networkActive(String networkId, long now) {
        watched(() -> {
            touch(networkId, Instant.ofEpochMilli(now));
            return null;
        });
    }

    private void touch(String networkId, Instant at) {
        entityManager.createQuery("update NetworkEntity n set n.lastActivityAt = :at"
                + " where n.networkId = :network and n.lastActivityAt < :at")
                .setParameter("at", at).setParameter("network", networkId).executeUpdate();
    }

    private <T> T watched(Supplier<T> work) {
        return Transactions.watched(availability, work);
    }
}
