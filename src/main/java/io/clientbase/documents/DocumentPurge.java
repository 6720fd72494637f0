package io.clientbase.documents;

import io.clientbase.clients.ClientPurgeListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** A purged client's document rows go by cascade; their files go once that commits. */
@ApplicationScoped
public class DocumentPurge implements ClientPurgeListener {

    @Inject
    EntityManager em;

    @Inject
    FileStore files;

    @Override
    public void purging(long clientId) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("SELECT storage_key FROM documents WHERE client_id = ?1")
                .setParameter(1, clientId).getResultList();
        if (!keys.isEmpty()) {
            files.deleteAfterCommit(keys);
        }
    }
}
