package io.kring.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MeetingRepository implements PanacheRepositoryBase<MeetingEntity, String> {
}
