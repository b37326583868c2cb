package io.kring.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.kring.live.NetworkRoomsStore;

/** {@link NetworkRoomsStore} on PostgreSQL: the meeting rows of a network (meeting_network_idx). */
@ApplicationScoped
public class PanacheNetworkRoomsStore implements NetworkRoomsStore {

    private final EntityManager entityManager;
    private final StoreAvailability availability;

    public PanacheNetworkRoomsStore(EntityManager entityManager, StoreAvailability availability) {
        this.entityManager = entityManager;
        this.availability = availability;
    }

    @Override
    public List<EarlierMeeting> earlierMeetings(String networkId, String meetingId, int limit) {
        return Transactions.watched(availability, () -> entityManager.createQuery(
                "select m.meetingId, m.lastSeq from MeetingEntity m where m.networkId = :network"
                        + " and m.meetingId <> :meeting order by coalesce(m.startsAt, m.createdAt) desc, m.meetingId",
                Object[].class)
                .setParameter("network", networkId).setParameter("meeting", meetingId).setMaxResults(limit)
                .getResultList().stream()
                .map(row -> new EarlierMeeting((String) row[0], ((Number) row[1]).longValue())).toList());
    }
}
