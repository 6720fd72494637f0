package io.clientbase.clients;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client of the client base. Its version counts every change, custom values included (they
 * live in client_values and in fieldValues), so it is kept by hand under a row lock rather than by @Version.
 */
@Entity
@Table(name = "clients")
public class Client extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "owner_id")
    public Long ownerId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public int version;

    /** The custom values as one JSON document (see ValueDocument); written only through ClientValueStore. */
    @Column(name = "field_values")
    public String fieldValues;

    public void touch() {
        updatedAt = Instant.now();
        version++;
    }
}
