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
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.ArrayList;
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
    EntityManager em;

    @Inject
    ScopeService scope;

    @Inject
    RightsEvaluator rights;

    /** The filters every child list shares, plus the conditions of one kind. */
    public record ListQuery(Long clientId, Long ownerId, Integer limit, String cursor, List<String> conditions, List<Object> params) {
        public static ListQuery of(Long clientId, Long ownerId, Integer limit, String cursor) {
            return new ListQuery(clientId, ownerId, limit, cursor, new ArrayList<>(), new ArrayList<>());
        }

        /** Adds "t.column op ?" with its parameter when the value is given. */
        public ListQuery where(String condition, Object value) {
            if (value != null) {
                conditions.add(condition);
                params.add(value);
            }
            return this;
        }
    }

    public Client requireVisibleClient(Caller caller, Long clientId) {
        if (clientId == null) {
            throw ApiException.invalid("clientId", "is required");
        }
        Client client = em.find(Client.class, clientId);
        boolean usable = client != null && client.deletedAt == null;
        return scope.requireVisible(usable ? client : null, usable ? client.ownerId : null, "Client");
    }

    /** A record the caller may read: the area's view right, then scope (404 as for a missing id). */
    public <T extends ClientChild> T read(Caller caller, Area area, Class<T> type, long id, String what) {
        rights.require(caller, area, Action.VIEW);
        return findVisible(type, id, caller, false, what);
    }

    /** A record the caller may change or delete: the right, scope, a row lock, then If-Match. */
    public <T extends ClientChild> T write(Caller caller, Area area, Action action, Class<T> type, long id, String ifMatch, String what) {
        rights.require(caller, area, action);
        T record = findVisible(type, id, caller, true, what);
        Versions.checkIfMatch(ifMatch, record.version());
        return record;
    }

    private <T extends ClientChild> T findVisible(Class<T> type, long id, Caller caller, boolean forUpdate, String what) {
        T record = forUpdate ? em.find(type, id, LockModeType.PESSIMISTIC_WRITE) : em.find(type, id);
        scope.requireVisible(record, record == null ? null : record.ownerId(), what);
        Client client = em.find(Client.class, record.clientId());
        if (client == null || client.deletedAt != null) {
            throw ApiException.notFound(what);
        }
        return record;
    }

    public <T extends ClientChild, V> Page<V> list(Class<T> type, String table, Caller caller, ListQuery query,
                                                  Function<T, Long> idOf, Function<T, V> view) {
        int limit = Cursors.limit(query.limit());
        OwnerScope visible = scope.scopeOf(caller);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT t.* FROM ").append(table)
                .append(" t JOIN clients c ON c.id = t.client_id AND c.deleted_at IS NULL WHERE ")
                .append(visible.sql("t.owner_id"));
        if (query.clientId() != null) {
            sql.append(" AND t.client_id = ?");
            params.add(query.clientId());
        }
        if (query.ownerId() != null) {
            sql.append(" AND t.owner_id = ?");
            params.add(query.ownerId());
        }
        for (String condition : query.conditions()) {
            sql.append(" AND ").append(condition);
        }
        params.addAll(query.params());
        long after = Cursors.decodeId(query.cursor());
        if (after > 0) {
            sql.append(" AND t.id > ?");
            params.add(after);
        }
        sql.append(" ORDER BY t.id LIMIT ").append(limit + 1);
        Query q = em.createNativeQuery(sql.toString(), type);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<T> found = q.getResultList();
        boolean more = found.size() > limit;
        List<T> page = more ? found.subList(0, limit) : found;
        String next = more ? Cursors.encode(Long.toString(idOf.apply(page.get(limit - 1)))) : null;
        return new Page<>(page.stream().map(view).toList(), next);
    }
}
