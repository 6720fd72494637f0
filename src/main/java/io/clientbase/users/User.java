package io.clientbase.users;

import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String login;

    @Column(name = "password_hash")
    public String passwordHash;

    public String name;

    public String email;

    /** His id in the identity provider that provisions him (SCIM externalId), or null. */
    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    public UserType type;

    @Enumerated(EnumType.STRING)
    public UserStatus status;

    @Column(name = "manager_id")
    public Long managerId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Rights rights;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_access")
    public List<FieldAccessRule> fieldAccess = new ArrayList<>();

    /** Raised by every block, status or password change: tokens carrying an older value stop working. */
    @Column(name = "token_version")
    public int tokenVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Counted by its service under a row lock, as every record's version (README, Layout). */
    public int version;

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    public static Optional<User> findByLogin(String login) {
        return find("login", login).firstResultOptional();
    }
}
