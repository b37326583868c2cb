package io.kring.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MeetingEventRepository implements PanacheRepositoryBase<MeetingEventEntity, MeetingEventEntity.Key> {

    List<MeetingEventEntity> inOrder(String meetingId) {
        return list("meetingId = ?1 order by seq", meetingId);
    }
}
