package io.clientbase.clients;

import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.Versions;
import io.clientbase.access.OwnerScope;
import io.clientbase.access.ScopeService;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.Page;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;

/**
 * The scope rules for what belongs to a client, stated once for activities, deals and documents:
 * a record is visible when its own owner is in the caller's scope and its client is not in the
 * trash; attaching one needs a client the caller can see (404 otherwise, as for a missing id).
 */
@ApplicationScoped
public class ClientChildren {

    @Inject
    ClientStore clients;

    @Inject
    ScopeService scope;

    @Inject
    RightsEvaluator rights;

    @Inject
    io.clientbase.history.HistoryService history;

    public Client requireVisibleClient(Caller caller, Long clientId) {
        if (clientId == null) {
            throw ApiException.invalid("clientId", "is required");
        }
        Client client = clients.byId(clientId);
        boolean usable = client != null && !client.inTrash();
        return scope.requireVisible(usable ? client : null, usable ? client.ownerId() : null, "Client");
    }

    /** A record the caller may read: the area's view right, then scope (404 as for a missing id). */
    public <T extends ClientChild> T read(Caller caller, Area area, ChildRecordStore<T> store, long id, String what) {
        rights.require(caller, area, Action.VIEW);
        return findVisible(store, id, false, what);
    }

    /** The history of a record the caller may read (404 as for a missing id otherwise), newest first. */
    public <T extends ClientChild> Page<io.clientbase.history.HistoryView> history(Caller caller, Area area, ChildRecordStore<T> store,
            io.clientbase.history.RecordType type, long id, String what, String cursor, Integer limit) {
        read(caller, area, store, id, what);
        return history.ofRecord(type, id, cursor, limit);
    }

    /** A record the caller may change or delete: the right, scope, a row lock, then If-Match. */
    public <T extends ClientChild> T write(Caller caller, Area area, Action action, ChildRecordStore<T> store, long id, String ifMatch,
                                           String what) {
        rights.require(caller, area, action);
        T record = findVisible(store, id, true, what);
        Versions.checkIfMatch(ifMatch, record.version());
        return record;
    }

    private <T extends ClientChild> T findVisible(ChildRecordStore<T> store, long id, boolean forUpdate, String what) {
        T record = forUpdate ? store.lockById(id) : store.byId(id);
        scope.requireVisible(record, record == null ? null : record.ownerId(), what);
        Client client = clients.byId(record.clientId());
        if (client == null || client.inTrash()) {
            throw ApiException.notFound(what);
        }
        return record;
    }

    /** A page of one kind of record: the area's view right is the caller's to check; scope and the client's trash are here. */
    public <T extends ClientChild, V> Page<V> list(ChildRecordStore<T> store, Caller caller, ChildRecordStore.Conditions query,
                                                  Function<T, V> view) {
        int limit = Cursors.limit(ChildRecordStore.limitOf(query));
        OwnerScope visible = scope.scopeOf(caller);
        List<T> found = store.page(visible, query, limit);
        boolean more = found.size() > limit;
        List<T> page = more ? found.subList(0, limit) : found;
        String next = more ? Cursors.encode(Long.toString(store.idOf(page.get(limit - 1)))) : null;
        return new Page<>(page.stream().map(view).toList(), next);
    }
}
