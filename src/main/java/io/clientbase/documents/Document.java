package io.clientbase.documents;

import io.clientbase.clients.ClientChild;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "documents")
public class Document extends PanacheEntityBase implements ClientChild {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "owner_id")
    public Long ownerId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    public long size;

    public String sha256;

    @Column(name = "storage_key")
    public String storageKey;

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
