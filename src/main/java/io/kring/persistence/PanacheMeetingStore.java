package io.kring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.kring.live.MeetingStore;
import io.kring.meeting.MeetingEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** {@link MeetingStore} on PostgreSQL: the meeting row and its events, each call one transaction. */
@ApplicationScoped
public class PanacheMeetingStore implements MeetingStore {

    private final MeetingRepository meetings;
    private final MeetingEventRepository events;
    private final EventCodec codec;

    public PanacheMeetingStore(MeetingRepository meetings, MeetingEventRepository events, EventCodec codec) {
        this.meetings = meetings;
        this.events = events;
        this.codec = codec;
    }

    @Override
    public void create(String meetingId, String title, String language, long createdAt, List<StoredEvent> stored,
            Long nextDeadlineAt) {
        inTransaction(() -> {
            MeetingEntity meeting = new MeetingEntity();
            meeting.meetingId = meetingId;
            meeting.title = title;
            meeting.language = language;
            meeting.status = "open";
            meeting.createdAt = Instant.ofEpochMilli(createdAt);
            meeting.lastSeq = lastSeq(stored, 0);
            meeting.nextDeadlineAt = instant(nextDeadlineAt);
            meetings.persist(meeting);
            persistEvents(meetingId, stored);
            return null;
        });
    }

    @Override
    public void append(String meetingId, List<StoredEvent> stored, String status, Long nextDeadlineAt) {
        if (stored.isEmpty()) {
            return;
        }
        inTransaction(() -> {
            persistEvents(meetingId, stored);
            int updated = meetings.update("lastSeq = ?1, status = ?2, nextDeadlineAt = ?3 where meetingId = ?4",
                    lastSeq(stored, 0), status, instant(nextDeadlineAt), meetingId);
            if (updated != 1) {
                throw new IllegalStateException("meeting " + meetingId + " is not stored");
            }
            return null;
        });
    }

    @Override
    public Optional<StoredMeeting> load(String meetingId) {
        return inTransaction(() -> {
            MeetingEntity meeting = meetings.findById(meetingId);
            if (meeting == null) {
                return Optional.empty();
            }
            List<MeetingEvent> loaded = events.inOrder(meetingId).stream()
                    .map(e -> codec.decode(e.type, e.payload))
                    .toList();
            return Optional.of(new StoredMeeting(loaded, meeting.lastSeq));
        });
    }

    @Override
    @Transactional
    public List<String> meetingsWithDeadlines() {
        return meetings.getEntityManager()
                .createQuery("select m.meetingId from MeetingEntity m where m.status = 'open' and m.nextDeadlineAt is not null",
                        String.class)
                .getResultList();
    }

    private void persistEvents(String meetingId, List<StoredEvent> stored) {
        for (StoredEvent event : stored) {
            MeetingEventEntity entity = new MeetingEventEntity();
            entity.meetingId = meetingId;
            entity.seq = event.seq();
            entity.type = codec.typeOf(event.event());
            entity.payload = codec.encode(event.event());
            entity.recordedAt = Instant.ofEpochMilli(event.at());
            events.persist(entity);
        }
    }

    private static long lastSeq(List<StoredEvent> stored, long otherwise) {
        return stored.isEmpty() ? otherwise : stored.get(stored.size() - 1).seq();
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    /** Runs one transaction; any database failure becomes {@link StoreUnavailable}, after the rollback. */
    private static <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException e) {
            if (isDatabaseFailure(e)) {
                throw new StoreUnavailable("the database cannot be reached", e);
            }
            throw e;
        }
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof PersistenceException
                    || t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
        }
        return false;
    }
}
