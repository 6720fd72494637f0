package io.clientbase.clients;

import java.util.List;

/**
 * Told of every change to clients, inside the transaction that makes it, by the one method of
 * {@link ClientStore} that every write passes through: the text index today; change history and
 * webhooks hook here, without a second path. A batch holds the changes of one statement (an
 * import batch, a user's clients handed over), all of one kind.
 */
public interface ClientChangeListener {

    void changed(List<ClientChange> changes);
}
