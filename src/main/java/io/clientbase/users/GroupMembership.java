package io.clientbase.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Which groups a user belongs to. */
@ApplicationScoped
public class GroupMembership {

    @Inject
    EntityManager em;

    public List<Long> groupIdsOf(long userId) {
        return em.createNativeQuery("SELECT group_id FROM group_members WHERE user_id = ?1 ORDER BY group_id", Long.class)
                .setParameter(1, userId)
                .getResultList();
    }
}
