package io.clientbase.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A long-lived token for scripts. Only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public Long userId;

    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The first characters of the secret, to recognise a token in a list. */
    public String prefix;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The user's token version when it was issued: a block, status or password change ends it too. */
    @Column(name = "token_version")
    public int tokenVersion;

    /** Its scopes (access.Scopes), space-separated, or null: all its user may do. */
    public String scopes;

    public java.util.Set<String> scopeSet() {
        return scopes == null ? null : java.util.Set.of(scopes.split(" "));
    }
}
