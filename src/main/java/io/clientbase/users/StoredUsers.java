package io.clientbase.users;

import io.clientbase.access.GroupReferences;
import io.clientbase.access.UserDirectory;
import io.clientbase.access.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The users package's answers to access, auth and schema about stored users and groups. */
@ApplicationScoped
public class StoredUsers implements UserDirectory, GroupReferences {

    @Inject
    EntityManager em;

    @Override
    public Optional<Account> byLogin(String login) {
        return User.findByLogin(login).map(StoredUsers::account);
    }

    @Override
    public Optional<Account> byId(long id) {
        return Optional.ofNullable(User.<User>findById(id)).map(StoredUsers::account);
    }

    @Override
    public boolean exists(long id) {
        return User.count("id", id) > 0;
    }

    @Override
    public Set<Long> allIds() {
        return Set.copyOf(em.createQuery("SELECT u.id FROM User u", Long.class).getResultList());
    }

    @Override
    public long countWithStatus(UserStatus status) {
        return User.count("status", status);
    }

    @Override
    public Set<Long> missing(Collection<Long> groupIds) {
        Set<Long> missing = new HashSet<>(groupIds);
        if (!missing.isEmpty()) {
            missing.removeAll(em.createQuery("SELECT g.id FROM Group g WHERE g.id IN :ids", Long.class)
                    .setParameter("ids", missing).getResultList());
        }
        return missing;
    }

    private static Account account(User u) {
        return new Account(u.id, u.login, u.passwordHash, u.type, u.status, u.tokenVersion);
    }
}
