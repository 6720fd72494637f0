package io.clientbase.access;

import io.clientbase.users.User;
import io.clientbase.users.UserType;
import java.util.List;
import java.util.Set;

/**
 * The user behind the current request, as stored now (not as when the token was issued), checked
 * on every request by {@link CallerLoader}: his groups, the EMPLOYEEs he manages now and the version
 * of the card schema at that moment. Shared by concurrent requests of the same user: the user is a
 * detached copy that nothing may change in place; change users through their service.
 */
public record Caller(User user, List<Long> groupIds, Set<Long> staffIds, long schemaVersion) {

    public long id() {
        return user.id;
    }

    public UserType type() {
        return user.type;
    }

    public boolean isAdmin() {
        return user.type == UserType.ADMIN;
    }

    Caller atSchemaVersion(long version) {
        return version == schemaVersion ? this : new Caller(user, groupIds, staffIds, version);
    }
}
