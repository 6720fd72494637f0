package io.clientbase.clients;

import java.util.List;

/**
 * Told of every change to clients, inside the transaction that makes it, by the one method of
 * {@link ClientStore} that every write passes through: the change history (and with it the
 * webhooks' events) and the documents' purge hook here, without a second path. The text index's
 * marks are not written here but by the database, in the change's own statement (V31). A batch
 * holds the changes of one statement (an import batch, a user's clients handed over), all of one
 * kind.
 */
public interface ClientChangeListener {

    void changed(List<ClientChange> changes);
}
