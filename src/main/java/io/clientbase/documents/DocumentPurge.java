package io.clientbase.documents;

import io.clientbase.clients.ClientChange;
import io.clientbase.clients.ClientChangeListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** A purged client's document rows go by cascade; their files go once that commits. */
@ApplicationScoped
public class DocumentPurge implements ClientChangeListener {

    @Inject
    DocumentStore store;

    @Inject
    FileStore files;

    @Override
    public void changed(List<ClientChange> changes) {
        for (ClientChange change : changes) {
            if (change.kind() == ClientChange.Kind.PURGED) {
                List<String> keys = store.storageKeysOf(change.before().id());
                if (!keys.isEmpty()) {
                    files.deleteAfterCommit(keys);
                }
            }
        }
    }
}
