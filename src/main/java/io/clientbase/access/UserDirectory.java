package io.clientbase.access;

import java.util.Optional;
import java.util.Set;

/**
 * What access and authentication need to know of the stored users, answered by the users
 * package: so that {@code access} and {@code auth} never import the users entity.
 */
public interface UserDirectory {

    /** The account to check a login against, password hash included. */
    Optional<Account> byLogin(String login);

    Optional<Account> byId(long id);

    boolean exists(long id);

    Set<Long> allIds();

    long countWithStatus(UserStatus status);

    /** A stored user as login and token checks see him. */
    record Account(long id, String login, String passwordHash, UserType type, UserStatus status, int tokenVersion) {
    }
}
