package io.clientbase.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "ip_ranges")
public class IpRange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "from_address")
    public byte[] fromAddress;

    @Column(name = "to_address")
    public byte[] toAddress;

    @Column(name = "from_text")
    public String fromText;

    @Column(name = "to_text")
    public String toText;

    public String cidr;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Counted by its service under a row lock, as every record's version (README, Layout). */
    public int version;

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
    }

    public boolean contains(byte[] address) {
        return address.length == fromAddress.length
                && IpAddresses.compare(fromAddress, address) <= 0
                && IpAddresses.compare(address, toAddress) <= 0;
    }
}
