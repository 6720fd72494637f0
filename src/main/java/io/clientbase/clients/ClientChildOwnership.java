package io.clientbase.clients;

import io.clientbase.access.OwnedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Activities, deals and documents a user owns: counted before his deletion and handed over with it. */
@ApplicationScoped
public class ClientChildOwnership implements OwnedRecords {

    private static final List<String> TABLES = List.of("activities", "deals", "documents");

    @Inject
    EntityManager em;

    @Override
    public long countOwnedBy(long userId) {
        long total = 0;
        for (String table : TABLES) {
            total += ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE owner_id = ?1")
                    .setParameter(1, userId).getSingleResult()).longValue();
        }
        return total;
    }

    @Override
    public void reassign(long fromUserId, long toUserId) {
        for (String table : TABLES) {
            em.createNativeQuery("UPDATE " + table + " SET owner_id = ?1, version = version + 1, updated_at = ?2 WHERE owner_id = ?3")
                    .setParameter(1, toUserId).setParameter(2, Instant.now()).setParameter(3, fromUserId).executeUpdate();
        }
    }
}
