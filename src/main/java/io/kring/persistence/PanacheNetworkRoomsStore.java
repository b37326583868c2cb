package io.kring.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import io.kring.live.MeetingStore.StoreUnavailable;
import io.kring.live.NetworkRoomsStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

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
    public List<EarlierMeeting> earlierMeetings(String networkId, String meetingId, long startedBefore, int limit) {
        availability.checkUp();
        try {
            return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                    "select m.meetingId, m.lastSeq from MeetingEntity m where m.networkId = :network"
                            + " and m.meetingId <> :meeting and coalesce(m.startsAt, m.createdAt) < :before order by coalesce(m.startsAt, m.createdAt) desc, m.meetingId",
                    Object[].class)
                    .setParameter("network", networkId).setParameter("meeting", meetingId)
                    .setParameter("before", java.time.Instant.ofEpochMilli(startedBefore)).setMaxResults(limit)
                    .getResultList().stream()
                    .map(row -> new EarlierMeeting((String) row[0], ((Number) row[1]).longValue())).toList());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException || t instanceof PersistenceException) {
                    StoreUnavailable unavailable = new StoreUnavailable("the database cannot be reached", e);
                    availability.failed(null, unavailable);
                    throw unavailable;
                }
            }
            throw e;
        }
    }
}
