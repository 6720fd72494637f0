package io.clientbase.clients;

import io.clientbase.access.OwnedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Clients a user owns, trash included: counted before his deletion, and handed over with it. */
@ApplicationScoped
public class ClientOwnership implements OwnedRecords {

    @Inject
    EntityManager em;

    @Inject
    ClientValueStore values;

    @Inject
    TextIndex textIndex;

    @Override
    public long countOwnedBy(long userId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM clients WHERE owner_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    @Override
    public void reassign(long fromUserId, long toUserId) {
        textIndex.markOwnedBy(fromUserId, toUserId);
        values.ownerReplaced(fromUserId, toUserId);
        em.createNativeQuery("UPDATE clients SET owner_id = ?1, version = version + 1, updated_at = ?2 WHERE owner_id = ?3")
                .setParameter(1, toUserId).setParameter(2, Instant.now()).setParameter(3, fromUserId).executeUpdate();
        em.createNativeQuery("UPDATE client_tombstones SET owner_id = ?1 WHERE owner_id = ?2")
                .setParameter(1, toUserId).setParameter(2, fromUserId).executeUpdate();
    }
}
