package io.clientbase.users;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Which groups a user belongs to. */
@ApplicationScoped
public class GroupMembership {

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<Long> groupIdsOf(long userId) {
        return em.createNativeQuery("SELECT group_id FROM group_members WHERE user_id = ?1 ORDER BY group_id", Long.class)
                .setParameter(1, userId)
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Long> memberIdsOf(long groupId) {
        return em.createNativeQuery("SELECT user_id FROM group_members WHERE group_id = ?1 ORDER BY user_id", Long.class)
                .setParameter(1, groupId)
                .getResultList();
    }

    /** Replaces the user's groups; every id must name a group (422 otherwise). */
    public void setGroups(long userId, Collection<Long> groupIds) {
        LinkedHashSet<Long> ids = new LinkedHashSet<>(groupIds);
        for (Long id : ids) {
            if (Group.findById(id) == null) {
                throw ApiException.invalid("groupIds", "names no group with id " + id);
            }
        }
        em.createNativeQuery("DELETE FROM group_members WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        for (Long id : ids) {
            em.createNativeQuery("INSERT INTO group_members (group_id, user_id) VALUES (?1, ?2)")
                    .setParameter(1, id).setParameter(2, userId).executeUpdate();
        }
    }

    /** Puts a user in a group or takes him out of it (a no-op when he already is, or is not). */
    public void setMember(long groupId, long userId, boolean member) {
        if (member) {
            em.createNativeQuery("INSERT IGNORE INTO group_members (group_id, user_id) VALUES (?1, ?2)")
                    .setParameter(1, groupId).setParameter(2, userId).executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2")
                    .setParameter(1, groupId).setParameter(2, userId).executeUpdate();
        }
    }
}
