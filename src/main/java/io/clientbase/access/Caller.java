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
                     Instant updatedAt, int version, List<Long> groupIds, Set<Long> staffIds, long schemaVersion) {

    public Caller {
        fieldAccess = fieldAccess == null ? List.of() : List.copyOf(fieldAccess);
        groupIds = List.copyOf(groupIds);
        staffIds = Set.copyOf(staffIds);
    }

    public boolean isAdmin() {
        return type == UserType.ADMIN;
    }

    Caller atSchemaVersion(long version) {
        return version == schemaVersion ? this : new Caller(id, login, name, email, type, status, managerId, rights,
                fieldAccess, tokenVersion, createdAt, updatedAt, this.version, groupIds, staffIds, version);
    }
}
