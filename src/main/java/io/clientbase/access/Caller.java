package io.clientbase.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The user behind the current request, as stored now (not as when the token was issued), checked
 * on every request by {@link CallerLoader}: his account, his groups, the EMPLOYEEs he manages now
 * and the version of the card schema at that moment. Immutable: concurrent requests of the same
 * user share one instance; users change through their service.
 */
public record Caller(long id, String login, String name, String email, UserType type, UserStatus status, Long managerId,
                     Rights rights, List<FieldAccessRule> fieldAccess, int tokenVersion, Instant createdAt,
                     Instant updatedAt, int version, List<Long> groupIds, Set<Long> staffIds, long schemaVersion,
                     Set<String> scopes) {

    public Caller {
        fieldAccess = fieldAccess == null ? List.of() : List.copyOf(fieldAccess);
        groupIds = List.copyOf(groupIds);
        staffIds = Set.copyOf(staffIds);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** A caller with no token scopes: he may do all his rights allow. */
    public Caller(long id, String login, String name, String email, UserType type, UserStatus status, Long managerId,
                  Rights rights, List<FieldAccessRule> fieldAccess, int tokenVersion, Instant createdAt,
                  Instant updatedAt, int version, List<Long> groupIds, Set<Long> staffIds, long schemaVersion) {
        this(id, login, name, email, type, status, managerId, rights, fieldAccess, tokenVersion, createdAt, updatedAt, version,
                groupIds, staffIds, schemaVersion, null);
    }

    /** Whether his token allows this scope ({@link Scopes}); a token without scopes allows all. */
    public boolean hasScope(String scope) {
        return scopes == null || scopes.contains(scope);
    }

    Caller withScopes(Set<String> granted) {
        return new Caller(id, login, name, email, type, status, managerId, rights, fieldAccess, tokenVersion, createdAt, updatedAt,
                version, groupIds, staffIds, schemaVersion, granted);
    }

    public boolean isAdmin() {
        return type == UserType.ADMIN;
    }

    Caller atSchemaVersion(long version) {
        return version == schemaVersion ? this : new Caller(id, login, name, email, type, status, managerId, rights,
                fieldAccess, tokenVersion, createdAt, updatedAt, this.version, groupIds, staffIds, version, scopes);
    }
}
