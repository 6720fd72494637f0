package io.clientbase.activities;

import io.clientbase.clients.ClientChild;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An action on a client (действие): a call, a meeting, a task or a note. */
@Entity
@Table(name = "activities")
public class Activity extends PanacheEntityBase implements ClientChild {

    public enum Type { CALL, MEETING, TASK, NOTE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "owner_id")
    public Long ownerId;

    @Enumerated(EnumType.STRING)
    public Type type;

    public String subject;

    public String notes;

    @Column(name = "due_at")
    public Instant dueAt;

    public boolean done;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public int version;

    @Override
    public Long clientId() {
        return clientId;
    }

    @Override
    public Long ownerId() {
        return ownerId;
    }

    @Override
    public int version() {
        return version;
    }
}
