package io.clientbase.access;

import io.clientbase.users.User;
import io.clientbase.users.UserType;

/** The user behind the current request, as stored now (not as when the token was issued). */
public record Caller(User user) {

    public long id() {
        return user.id;
    }

    public UserType type() {
        return user.type;
    }

    public boolean isAdmin() {
        return user.type == UserType.ADMIN;
    }
}
