package io.clientbase.clients;

import io.clientbase.access.OwnedRecords;
import io.clientbase.access.OwnerScope;
import io.clientbase.platform.Cursors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.history.ChangeJournal;
import io.clientbase.history.Diff;
import io.clientbase.history.HistoryAction;
import io.clientbase.history.RecordChange;
import io.clientbase.history.RecordType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The small contract every kind of record attached to a client (activities, deals, documents)
 * keeps its table behind: by id, locked by id, a scoped keyset page, the owner's count and hand-over.
 * Each records package has one subclass, which names its table and turns its own filters into
 * conditions; no other code writes that table.
 */
public abstract class ChildRecordStore<T extends ClientChild> implements OwnedRecords {

    @Inject
    protected EntityManager em;

    @Inject
    ChangeJournal journal;

    @Inject
    ObjectMapper mapper;

    private final Class<T> type;
    private final String table;
    private final java.util.function.ToLongFunction<T> id;
    private final RecordType recordType;
    private final java.util.function.Function<T, Object> view;

    /**
     * The record's entity, its table, its id, and its kind and API view for the history: all a
     * subclass names besides its own filters.
     */
    protected ChildRecordStore(Class<T> type, String table, java.util.function.ToLongFunction<T> id, RecordType recordType,
                               java.util.function.Function<T, Object> view) {
        this.type = type;
        this.table = table;
        this.id = id;
        this.recordType = recordType;
        this.view = view;
    }

    public long idOf(T record) {
        return id.applyAsLong(record);
    }

    /** The filters every list of attached records has, plus the typed conditions of one kind. */
    public static final class Conditions {
        private final Long clientId;
        private final Long ownerId;
        private final Integer limit;
        private final String cursor;
        private final List<String> sql = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        public Conditions(Long clientId, Long ownerId, Integer limit, String cursor) {
            this.clientId = clientId;
            this.ownerId = ownerId;
            this.limit = limit;
            this.cursor = cursor;
        }

        /** Adds "t.column op ?" when the value is given; only a store calls it, with its own column. */
        protected Conditions where(String condition, Object value) {
            if (value != null) {
                sql.add(condition);
                params.add(value);
            }
            return this;
        }
    }

    /** Starts the conditions of a list; the subclass adds its own with {@link #where}. */
    protected static Conditions conditions(Long clientId, Long ownerId, Integer limit, String cursor) {
        return new Conditions(clientId, ownerId, limit, cursor);
    }

    protected static Conditions where(Conditions conditions, String condition, Object value) {
        return conditions.where(condition, value);
    }

    public T byId(long id) {
        return em.find(type, id);
    }

    public T lockById(long id) {
        return em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Stores a new record (its id assigned) and its history entry. */
    public void insert(T record) {
        em.persist(record);
        journal.recordViews(recordType, null, view.apply(record));
    }

    /** The history entry of a change made to a locked record; {@code before} is its view before the change. */
    public void updated(Object before, T record) {
        journal.recordViews(recordType, before, view.apply(record));
    }

    public void delete(T record) {
        journal.recordViews(recordType, view.apply(record), null);
        em.remove(record);
    }

    /** The view the history keeps of a record. */
    public Object view(T record) {
        return view.apply(record);
    }

    /** A page in id order: the owner scope, clients out of the trash, the conditions, after the cursor. */
    public List<T> page(OwnerScope scope, Conditions query, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT t.* FROM ").append(table)
                .append(" t JOIN clients c ON c.id = t.client_id AND c.deleted_at IS NULL WHERE ")
                .append(scope.sql("t.owner_id"));
        if (query.clientId != null) {
            sql.append(" AND t.client_id = ?");
            params.add(query.clientId);
        }
        if (query.ownerId != null) {
            sql.append(" AND t.owner_id = ?");
            params.add(query.ownerId);
        }
        for (String condition : query.sql) {
            sql.append(" AND ").append(condition);
        }
        params.addAll(query.params);
        long after = Cursors.decodeId(query.cursor);
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
        return found;
    }

    static Integer limitOf(Conditions query) {
        return query.limit;
    }

    @Override
    public long countOwnedBy(long userId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE owner_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    /**
     * Every record of one user passes to another (the user is deleted): one UPDATE, and for each
     * record an owner_changed entry in the history (and so an event), written a thousand at a time.
     */
    @Override
    public void reassign(long fromUserId, long toUserId) {
        @SuppressWarnings("unchecked")
        List<T> owned = em.createNativeQuery("SELECT t.* FROM " + table + " t WHERE t.owner_id = ?1 ORDER BY t.id FOR UPDATE", type)
                .setParameter(1, fromUserId).getResultList();
        Instant at = Instant.now();
        em.createNativeQuery("UPDATE " + table + " SET owner_id = ?1, version = version + 1, updated_at = ?2 WHERE owner_id = ?3")
                .setParameter(1, toUserId).setParameter(2, at).setParameter(3, fromUserId).executeUpdate();
        List<RecordChange> entries = new ArrayList<>();
        for (T record : owned) {
            ObjectNode before = mapper.valueToTree(view.apply(record));
            ObjectNode after = before.deepCopy().put("ownerId", toUserId).put("updatedAt", at.toString());
            entries.add(new RecordChange(recordType, idOf(record), HistoryAction.OWNER_CHANGED, toUserId, Diff.between(before, after), after));
            if (entries.size() == 1000) {
                journal.record(entries);
                entries = new ArrayList<>();
            }
        }
        journal.record(entries);
        owned.forEach(em::detach); // their rows changed under them
    }
}
