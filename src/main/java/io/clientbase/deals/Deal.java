package io.clientbase.deals;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "deals")
public class Deal extends PanacheEntityBase implements ClientChild {

    public enum Stage { NEW, QUALIFIED, PROPOSAL, NEGOTIATION, WON, LOST }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id")
    public Long clientId;

    @Column(name = "owner_id")
    public Long ownerId;

    public String title;

    public BigDecimal amount;

    public String currency;

    @Enumerated(EnumType.STRING)
    public Stage stage;

    @Column(name = "close_date")
    public LocalDate closeDate;

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
