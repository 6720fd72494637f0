package io.clientbase.clients;

import io.clientbase.access.CallerCheck;
import io.clientbase.access.OwnedRecords;
import io.clientbase.access.OwnerScope;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldPurged;
import io.clientbase.schema.FieldValues.TypedValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * All the SQL of the client base's own tables - clients, their typed values (client_values) and
 * the tombstones of purged clients - and the one place every change to a client passes:
 * {@link #changed}, which tells the {@link ClientChangeListener}s inside the same transaction.
 * <p>
 * Plain JDBC on the caller's transaction (the pool hands the transaction's connection to every
 * getConnection inside it): Hibernate's persist was a third of the CPU per create (profile of case
 * f), its find 17% of a client by id (case c), and per-request SQL made its native-query plan cache
 * compare long strings on every call. Timestamps are bound and read in UTC.
 */
@ApplicationScoped
public class ClientStore implements OwnedRecords {

    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));
    private static final int ROWS_PER_STATEMENT = 5000;
    /** From this many value rows, their fields are checked once for the statement's rows ({@link #insertNewValues}). */
    private static final int ROWS_CHECKED_ONCE = 1000;
    /** A value row's typed columns, in the order of {@link #valueRow}'s from its fifth on. */
    private static final String[] TYPED_COLUMNS = {"v_text", "v_number", "v_date", "v_datetime", "v_bool"};
    private static final int CHANGES_PER_BATCH = 1000;

    @Inject
    DataSource dataSource;

    @Inject
    Instance<ClientChangeListener> listeners;

    /** What a new client is made of, validated. */
    public interface NewClient {
        String name();

        long ownerId();

        Map<Field, TypedValue> values();

        /** The id in the integrator's system, or null. */
        default String externalId() {
            return null;
        }
    }

    record Single(String name, long ownerId, Map<Field, TypedValue> values, String externalId) implements NewClient {
    }

    /** Another client holds the external id (the unique key of V15 refused it). */
    static final class ExternalIdTaken extends RuntimeException {
        ExternalIdTaken() {
            super("external id taken", null, false, false);
        }
    }

    /**
     * The database's clock, in UTC, inside the caller's transaction: every change's createdAt and
     * updatedAt come from it, so that the sync bound ({@link SyncBound}) compares them with the
     * start of the transactions still running on the same clock.
     */
    private Instant now() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT UTC_TIMESTAMP(6)");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1, UTC.get()).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException("database clock query failed", e);
        }
    }

    /**
     * The newest instant before which every change to a client is committed or will never be, read
     * from the database's running transactions: one second before the start of the oldest one now
     * holding row locks, or before the start of this query if none does (InnoDB's trx_started has a
     * resolution of one second). A change's timestamp is taken by the database inside its
     * transaction, once it holds its rows, so no later commit can carry an earlier one.
     * <p>
     * Empty when the answer cannot be trusted: {@code information_schema.INNODB_TRX} is a copy InnoDB
     * refills only when nobody read it in the last 100 ms (MariaDB 10.11, measured: polled every
     * 20 ms, a transaction holding a row for 3 s never showed; polled every 200 ms, it showed at
     * once). So the query first starts a transaction of its own (one consistent read) and trusts
     * the copy only if it lists that transaction: then it was filled after this query began. Empty
     * too on a Galera node (a node shows only its own transactions; another node's commit arrives
     * as a write set carrying timestamps taken while it ran there) and for an external server's user
     * without the PROCESS privilege. Outside any transaction: its own is rolled back at once.
     */
    java.util.Optional<Instant> runningTransactionsBound() {
        if (galera()) {
            return java.util.Optional.empty();
        }
        String started = "SELECT UTC_TIMESTAMP(6), EXISTS (SELECT 1 FROM clients)";
        String running = "SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, MIN(IF(t.trx_rows_locked > 0"
                + " OR t.trx_rows_modified > 0 OR t.trx_tables_locked > 0, t.trx_started, NULL)), NOW(6)) MICROSECOND,"
                + " COALESCE(MAX(t.trx_mysql_thread_id = CONNECTION_ID()), 0) FROM information_schema.INNODB_TRX t";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement first = c.prepareStatement(started); ResultSet before = first.executeQuery();
                 PreparedStatement second = c.prepareStatement(running); ResultSet now = second.executeQuery()) {
                before.next();
                Instant asked = before.getTimestamp(1, UTC.get()).toInstant();
                now.next();
                if (!now.getBoolean(2)) {
                    return java.util.Optional.empty(); // a copy filled before this query: another reader's
                }
                Timestamp oldest = now.getTimestamp(1, UTC.get());
                Instant bound = oldest == null || oldest.toInstant().isAfter(asked) ? asked : oldest.toInstant();
                return java.util.Optional.of(bound.minusSeconds(1));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != 1227) { // access denied: no PROCESS privilege
                throw new IllegalStateException("sync bound query failed", e);
            }
            return java.util.Optional.empty();
        }
    }

    /** The database's clock now, in UTC. */
    Instant databaseNow() {
        return now();
    }

    private volatile Boolean galera;

    /** Whether the database is a Galera node (asked once: every node of a cluster is one). */
    private boolean galera() {
        Boolean known = galera;
        if (known == null) {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT @@wsrep_on");
                 ResultSet rs = st.executeQuery()) {
                known = rs.next() && rs.getInt(1) == 1;
            } catch (SQLException e) {
                if (e.getErrorCode() != 1193) {
                    throw new IllegalStateException("cluster query failed", e);
                }
                known = false; // unknown system variable: a server built without wsrep
            }
            galera = known;
        }
        return known;
    }

    // ---- reads -----------------------------------------------------------------------------------

    /** One client by id, in the trash or not, or null. */
    public Client byId(long id) {
        List<Client> found = query("SELECT c.* FROM clients c WHERE c.id = ?", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The client holding an external id, in the trash or not, or null (a plain read: no lock, no gap lock). */
    Client byExternalId(String externalId) {
        List<Client> found = query("SELECT c.* FROM clients c WHERE c.external_id = ?", List.of(externalId));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The clients holding some of these external ids, by external id (a plain read). */
    Map<String, Client> byExternalIds(java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(externalIds.size(), "?"));
        Map<String, Client> found = new java.util.HashMap<>();
        for (Client c : query("SELECT c.* FROM clients c WHERE c.external_id IN (" + marks + ")", List.copyOf(externalIds))) {
            found.put(c.externalId(), c);
        }
        return found;
    }

    /**
     * Locks these clients for the caller's transaction in the order of their ids, in one statement:
     * two transactions that lock overlapping sets so wait for each other instead of deadlocking
     * (two upsert imports of the same clients in opposite orders deadlocked 2-3 times a round).
     * The primary key is named: on a small table MariaDB 11.4 read the ids from a secondary index,
     * whose order is not theirs, and locked the second client before the first. Returns them by id as
     * locked, so that the caller need not read each one again.
     */
    Map<Long, Client> lockInIdOrder(java.util.Collection<Long> ids) {
        Map<Long, Client> locked = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        for (Client client : query("SELECT c.* FROM clients c FORCE INDEX (PRIMARY) WHERE c.id IN (" + marks + ") ORDER BY c.id FOR UPDATE",
                new ArrayList<>(ids))) {
            locked.put(client.id(), client);
        }
        return locked;
    }

    /** One client by id, locked for the caller's transaction, or null. */
    Client lockById(long id) {
        List<Client> found = query("SELECT c.* FROM clients c WHERE c.id = ? FOR UPDATE", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Rows of a {@code SELECT c.* FROM clients c …} built by {@link ClientSql}; the first such read of
     * a request that owes its caller's check and finds a row carries it ({@link CallerCheck}).
     */
    List<Client> query(String sql, List<Object> params) {
        CallerCheck owed = CallerCheck.owedHere();
        String carrying = owed == null ? null : CallerCheck.carriedBy(sql);
        Long examining = EXAMINING.get();
        String bounded = ClientSql.examiningAtMost(carrying == null ? sql : carrying, examining);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, bounded, params);
             ResultSet rs = st.executeQuery()) {
            List<Client> found = clients(rs, carrying == null ? null : owed);
            if (examining != null && gaveUp(st)) {
                throw new ExaminedTooMany();
            }
            return found;
        } catch (SQLException e) {
            if (examining != null && e.getErrorCode() == SORT_ABORTED) {
                throw new ExaminedTooMany(); // the bound reached within one of its sorts
            }
            throw new IllegalStateException("client query failed", e);
        }
    }

    /** The rows each statement of {@link #examiningAtMost} may examine, on the thread that reads the page. */
    private static final ThreadLocal<Long> EXAMINING = new ThreadLocal<>();

    /**
     * What {@code read} gives when none of the client statements it runs examines more than {@code rows}
     * rows (the server's {@code LIMIT ... ROWS EXAMINED}, {@link ClientSql#sortOrderRowsExamined}), else
     * null: the rows such a statement gave are not a whole page and are dropped.
     */
    <T> T examiningAtMost(long rows, java.util.function.Supplier<T> read) {
        EXAMINING.set(rows);
        try {
            return read.get();
        } catch (ExaminedTooMany e) {
            return null;
        } finally {
            EXAMINING.remove();
        }
    }

    /**
     * The server's warning that it stopped a statement at its {@code ROWS EXAMINED} (ER_QUERY_RESULT_INCOMPLETE),
     * and its error when it stopped it within a sort ("Sort aborted: LIMIT ROWS EXAMINED", ER_FILSORT_ABORT).
     */
    private static final int ROWS_EXAMINED_REACHED = 1931;
    private static final int SORT_ABORTED = 1028;

    private static boolean gaveUp(PreparedStatement st) throws SQLException {
        for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
            if (w.getErrorCode() == ROWS_EXAMINED_REACHED) {
                return true;
            }
        }
        return false;
    }

    private static final class ExaminedTooMany extends RuntimeException {
        ExaminedTooMany() {
            super(null, null, false, false);
        }
    }

    /** The clients of a result; its first row's counters settle {@code owed} when it carries them. */
    private static List<Client> clients(ResultSet rs, CallerCheck owed) throws SQLException {
        List<Client> result = new ArrayList<>();
        ClientColumns columns = rs.next() ? new ClientColumns(rs) : null;
        if (columns != null && owed != null) {
            owed.read(rs.getLong(CallerCheck.COLUMNS[0]), rs.getLong(CallerCheck.COLUMNS[1]));
        }
        for (boolean row = columns != null; row; row = rs.next()) {
            result.add(columns.client(rs));
        }
        return result;
    }

    /** The ids of a {@code SELECT count, GROUP_CONCAT(id)} ({@link ClientSql#rangeCandidates}), in no order. */
    long[] concatenatedIds(ClientSql.Statement statement) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, statement.sql(), statement.params());
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return ids(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("id query failed", e);
        }
    }

    /** Candidates of free text read in order ({@link ClientSql#textWindow}): all, how many the index gave, the last of those (null: none). */
    record CandidateWindow(long[] ids, long indexed, Long edge) {
    }

    CandidateWindow candidateWindow(ClientSql.Statement statement) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, statement.sql(), statement.params());
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return new CandidateWindow(ids(rs), rs.getLong(3), rs.getObject(4, Long.class));
        } catch (SQLException e) {
            throw new IllegalStateException("id query failed", e);
        }
    }

    /** The ids of a {@code SELECT count, GROUP_CONCAT(id)} row. */
    private static long[] ids(ResultSet rs) throws SQLException {
        long[] ids = new long[rs.getInt(1)];
        String list = rs.getString(2);
        for (int i = 0, at = 0; i < ids.length; i++) {
            int comma = list.indexOf(',', at);
            int end = comma < 0 ? list.length() : comma;
            ids[i] = Long.parseLong(list, at, end, 10);
            at = end + 1;
        }
        return ids;
    }

    /** The table's and each head's and owner's size: one entry each, so no bound is reached in practice. */
    private final PlanEstimates<String> scopeRows = new PlanEstimates<>(100_000);
    /** Range estimates kept: a list's next pages and the same filter again ask for the same one. */
    private final PlanEstimates<ClientSql.Statement> rangeEstimates = new PlanEstimates<>(10_000);

    /**
     * The server's estimate of the rows an {@code EXPLAIN} statement's one table access reads (its
     * {@code rows}), 0 when it has none; asked again once a minute, like the scopes' sizes. Asked
     * on each page, it was one round trip of the four a head's range filter takes.
     */
    long estimatedRows(ClientSql.Statement explain) {
        return rangeEstimates.get(explain, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, explain.sql(), explain.params());
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong("rows") : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("row estimate failed", e);
            }
        });
    }

    /**
     * About how many clients the table holds, from InnoDB's estimate (no count), read again at most
     * once a minute: a plan's choice needs its order of magnitude only ({@link ClientSql#rangeBudget}).
     */
    long approximateRows() {
        return scopeRows.get("table", () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                    "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'clients'");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("table size estimate failed", e);
            }
        });
    }


    /**
     * How many live clients a head answers for (V20), counted on his range of the head index and
     * counted again at most once a minute: like {@link #approximateRows}, a plan's choice needs only
     * its order of magnitude.
     */
    long headRows(long head) {
        return cachedCount("head " + head, "SELECT COUNT(*) FROM clients FORCE INDEX (ix_clients_head) WHERE head_id = ? AND deleted_at IS NULL", head);
    }

    /** How many live clients the head that answers for {@code owner} has (none: the clients of no head), counted like {@link #headRows}. */
    long ownersHeadRows(long owner) {
        return cachedCount("owner's head " + owner, "SELECT COUNT(*) FROM clients FORCE INDEX (ix_clients_head) WHERE head_id <=> "
                + ClientSql.headOf("?") + " AND deleted_at IS NULL", owner);
    }

    /** How many live clients a user owns, counted like {@link #headRows}. */
    long ownerRows(long owner) {
        return cachedCount("owner " + owner, "SELECT COUNT(*) FROM clients FORCE INDEX (ix_clients_owner) WHERE owner_id = ? AND deleted_at IS NULL", owner);
    }

    private long cachedCount(String key, String sql, long param) {
        return scopeRows.get(key, () -> count(sql, param));
    }

    @Override
    public long countOwnedBy(long userId) {
        return count("SELECT COUNT(*) FROM clients WHERE owner_id = ?", userId);
    }

    /**
     * Tombstones after (since, afterId) in (purgedAt, id) order, before the stable point; at most
     * {@code limit}: the scope's purged clients and those that left it and are still outside ({@link TombstoneSql}).
     */
    List<Tombstone> tombstones(OwnerScope scope, Instant since, long afterId, Instant before, int limit) {
        ClientSql.Statement statement = TombstoneSql.tombstones(scope, since, afterId, before, limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, statement.sql(), statement.params());
             ResultSet rs = st.executeQuery()) {
            List<Tombstone> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new Tombstone(rs.getLong(1), rs.getTimestamp(2, UTC.get()).toInstant(), Tombstone.Reason.valueOf(rs.getString(3))));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("tombstone query failed", e);
        }
    }

    // ---- writes: each ends in changed() ----------------------------------------------------------

    /** A new client with its values, in the caller's transaction; version 1. */
    Client insert(NewClient client) {
        List<Client> created = new ArrayList<>(1);
        insertAll(List.of(client), () -> { }, () -> { }, created);
        return created.get(0);
    }

    /**
     * New clients with their values, both forms, in the caller's transaction: one multi-row
     * INSERT … RETURNING id for the clients, then multi-row INSERTs for their values. Calls
     * {@code beforeIds} and {@code afterIds} around the one statement that assigns the ids (the
     * import keeps ids in input order with them). Returns the ids in the order of {@code batch}.
     */
    long[] insertAll(List<? extends NewClient> batch, Runnable beforeIds, Runnable afterIds) {
        return insertAll(batch, beforeIds, afterIds, new ArrayList<>(batch.size()));
    }

    private long[] insertAll(List<? extends NewClient> batch, Runnable beforeIds, Runnable afterIds, List<Client> created) {
        try (Connection c = dataSource.getConnection()) {
            StringBuilder sql = new StringBuilder("INSERT INTO clients (name, owner_id, created_at, updated_at, version, field_values, external_id) VALUES ");
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,UTC_TIMESTAMP(6),UTC_TIMESTAMP(6),1,?,?)");
            }
            sql.append(" RETURNING id, created_at, head_id");
            long[] ids = new long[batch.size()];
            Instant[] createdAt = new Instant[batch.size()];
            Long[] heads = new Long[batch.size()];
            List<String> documents = batch.stream().map(row -> ValueDocument.with(null, row.values())).toList();
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (int i = 0; i < batch.size(); i++) {
                    st.setString(p++, batch.get(i).name());
                    st.setLong(p++, batch.get(i).ownerId());
                    st.setString(p++, documents.get(i));
                    st.setString(p++, batch.get(i).externalId());
                }
                beforeIds.run();
                try (ResultSet rs = st.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                        createdAt[i] = rs.getTimestamp(2, UTC.get()).toInstant();
                        heads[i] = rs.getObject(3, Long.class);
                    }
                } catch (SQLException e) {
                    if (externalIdTaken(e)) {
                        throw new ExternalIdTaken();
                    }
                    throw e;
                } finally {
                    afterIds.run();
                }
            }
            List<Object[]> valueRows = new ArrayList<>();
            List<ClientChange> changes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                NewClient row = batch.get(i);
                for (var entry : row.values().entrySet()) {
                    valueRows.add(valueRow(ids[i], row.ownerId(), heads[i], entry.getKey(), entry.getValue()));
                }
                Client client = new Client(ids[i], row.name(), row.ownerId(), createdAt[i], createdAt[i], null, 1, documents.get(i),
                        row.externalId());
                created.add(client);
                changes.add(new ClientChange(ClientChange.Kind.CREATED, null, client));
            }
            insertNewValues(c, valueRows);
            changed(changes);
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("client insert failed", e);
        }
    }

    /**
     * Writes a locked client's next state: its row (version + 1, updatedAt now), the typed values
     * that {@code valueChanges} sets or (null) removes, and the owner beside each value when the
     * owner changes. Returns the row as stored.
     */
    Client update(ClientChange.Kind kind, Client before, Client changed, Map<Field, TypedValue> valueChanges) {
        Instant at = now();
        Client after = changed.withFieldValues(ValueDocument.with(changed.fieldValues(), valueChanges)).touched(at);
        if (kind == ClientChange.Kind.DELETED) {
            after = after.withDeletedAt(at);
        } else if (kind == ClientChange.Kind.RESTORED) {
            after = after.withDeletedAt(null);
        }
        String sql = "UPDATE clients SET name = ?, owner_id = ?, updated_at = ?, deleted_at = ?, version = ?, field_values = ?,"
                + " external_id = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, java.util.Arrays.asList(after.name(),
                after.ownerId(), after.updatedAt(), after.deletedAt(), after.version(), after.fieldValues(), after.externalId(), after.id()))) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw externalIdTaken(e) ? new ExternalIdTaken() : new IllegalStateException("client write failed", e);
        }
        Client stored = after;
        Map<Field, TypedValue> set = new LinkedHashMap<>();
        List<Long> removed = new ArrayList<>();
        valueChanges.forEach((field, value) -> {
            if (value == null) {
                removed.add(field.id);
            } else {
                set.put(field, value);
            }
        });
        if (before.ownerId() != after.ownerId()) {
            execute("UPDATE client_values SET owner_id = ? WHERE client_id = ?", List.of(after.ownerId(), after.id()));
        }
        if (!set.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            Long head = headOf(stored.id());
            set.forEach((field, value) -> rows.add(valueRow(stored.id(), stored.ownerId(), head, field, value)));
            try (Connection c = dataSource.getConnection()) {
                insertValues(c, rows, true);
            } catch (SQLException e) {
                throw new IllegalStateException("client values write failed", e);
            }
        }
        if (!removed.isEmpty()) {
            execute("DELETE FROM client_values WHERE client_id = ? AND field_id IN ("
                    + String.join(",", removed.stream().map(String::valueOf).toList()) + ")", List.of(after.id()));
        }
        changed(List.of(new ClientChange(kind, before, after)));
        return after;
    }

    /** Whether writing {@code changed} with {@code valueChanges} over {@code before} would change anything a reader sees. */
    static boolean changes(Client before, Client changed, Map<Field, TypedValue> valueChanges) {
        return !before.name().equals(changed.name()) || before.ownerId() != changed.ownerId()
                || !java.util.Objects.equals(before.externalId(), changed.externalId()) || before.inTrash() != changed.inTrash()
                || (!valueChanges.isEmpty() && !ValueDocument.with(before.fieldValues(), valueChanges)
                        .equals(ValueDocument.with(before.fieldValues(), Map.of())));
    }

    /** Every client of one user passes to another (the user is deleted): rows, values and tombstones. */
    @Override
    public void reassign(long fromUserId, long toUserId) {
        List<Client> owned = query("SELECT c.* FROM clients c WHERE c.owner_id = ? ORDER BY c.id FOR UPDATE", List.of(fromUserId));
        Instant at = now(); // once the rows are held: the sync bound sees this transaction from then on
        execute("UPDATE client_values v JOIN clients c ON c.id = v.client_id SET v.owner_id = ? WHERE c.owner_id = ?",
                List.of(toUserId, fromUserId));
        execute("UPDATE clients SET owner_id = ?, version = version + 1, updated_at = ? WHERE owner_id = ?",
                List.of(toUserId, at, fromUserId));
        execute("UPDATE client_tombstones SET owner_id = ? WHERE owner_id = ?", List.of(toUserId, fromUserId));
        for (int from = 0; from < owned.size(); from += CHANGES_PER_BATCH) {
            List<ClientChange> changes = new ArrayList<>();
            for (Client before : owned.subList(from, Math.min(owned.size(), from + CHANGES_PER_BATCH))) {
                changes.add(new ClientChange(ClientChange.Kind.OWNER_CHANGED, before, before.withOwner(toUserId).touched(at)));
            }
            changed(changes);
        }
    }

    /** Removes a client for good (its values and attached records go by cascade) and leaves a tombstone. */
    void purge(Client client) {
        changed(List.of(new ClientChange(ClientChange.Kind.PURGED, client, null)));
        execute("INSERT INTO client_tombstones (client_id, owner_id, head_id, purged_at) SELECT id, owner_id, head_id, ? FROM clients WHERE id = ?",
                List.of(now(), client.id()));
        execute("DELETE FROM clients WHERE id = ?", List.of(client.id()));
    }

    /** A purged field's values go with it, in the schema's transaction (the value documents keep nothing a reader sees). */
    void onFieldPurged(@Observes FieldPurged purged) {
        execute("DELETE FROM client_values WHERE field_id = ?", List.of(purged.fieldId()));
    }

    /** The one place every change to a client passes, inside its transaction. */
    private void changed(List<ClientChange> changes) {
        if (!changes.isEmpty()) {
            listeners.forEach(l -> l.changed(changes));
        }
    }

    // ---- JDBC ------------------------------------------------------------------------------------

    private static boolean externalIdTaken(SQLException e) {
        return e.getErrorCode() == 1062 && e.getMessage() != null && e.getMessage().contains("uq_clients_external_id");
    }

    /**
     * A client's head as its row holds it now, in the caller's transaction: after the row is written,
     * so that an owner changed in the same transaction has given it his (V20's triggers).
     */
    private Long headOf(long clientId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT head_id FROM clients WHERE id = ?")) {
            st.setLong(1, clientId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1, Long.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("client head query failed", e);
        }
    }

    /** A value row; its client's head is given by the writer, read from the client row in the same transaction (V26). */
    private static Object[] valueRow(long clientId, long ownerId, Long headId, Field field, TypedValue v) {
        return new Object[] {clientId, ownerId, headId, field.id, v.text(), v.number(), v.date(), v.dateTime(), v.bool()};
    }

    /**
     * The values of clients this transaction has just inserted. From {@value #ROWS_CHECKED_ONCE} rows
     * (an import's batch), the foreign keys are checked once for the batch instead of on each row: the
     * clients are this transaction's own rows, and the fields are read and share-locked in one
     * statement, so none can be purged before the commit. In a profile of an import of 200,000 clients
     * into 1,000,000 the per-row checks were 6 % of the database server's CPU; with {@link #insertByType},
     * the server's CPU for an import of 1,000,000 clients went from 320 to 302 s.
     */
    private static void insertNewValues(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.size() < ROWS_CHECKED_ONCE) {
            insertValues(c, rows, false);
            return;
        }
        java.util.Set<Long> fieldIds = new java.util.TreeSet<>();
        rows.forEach(r -> fieldIds.add((Long) r[3]));
        String ids = String.join(",", fieldIds.stream().map(String::valueOf).toList());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM fields WHERE id IN (" + ids + ") LOCK IN SHARE MODE")) {
            rs.next();
            if (rs.getLong(1) != fieldIds.size()) {
                throw new SQLException("a field of these values was deleted meanwhile", "23000", 1452);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks = 0");
        }
        try {
            insertByType(c, rows);
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }

    /**
     * New value rows, one statement per type naming only its column: five literals a row instead of
     * nine (the server parses every literal of a multi-row INSERT; parsing was 9 % of its CPU in an import).
     */
    private static void insertByType(Connection c, List<Object[]> rows) throws SQLException {
        java.util.Map<Integer, List<Object[]>> byColumn = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            int column = 4;
            while (column < 4 + TYPED_COLUMNS.length - 1 && r[column] == null) {
                column++;
            }
            byColumn.computeIfAbsent(column, k -> new ArrayList<>()).add(r);
        }
        for (var typed : byColumn.entrySet()) {
            int column = typed.getKey();
            insertRows(c, "client_id, owner_id, head_id, field_id, " + TYPED_COLUMNS[column - 4], new int[] {0, 1, 2, 3, column}, typed.getValue(), "");
        }
    }

    /**
     * Typed value rows naming every typed column, many per statement: a client's few values in one round
     * trip; {@code upsert} for a patch that changes existing ones.
     */
    private static void insertValues(Connection c, List<Object[]> rows, boolean upsert) throws SQLException {
        insertRows(c, "client_id, owner_id, head_id, field_id, v_text, v_number, v_date, v_datetime, v_bool", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8},
                rows, upsert ? " ON DUPLICATE KEY UPDATE v_text = VALUES(v_text), v_number = VALUES(v_number), v_date = VALUES(v_date),"
                        + " v_datetime = VALUES(v_datetime), v_bool = VALUES(v_bool)" : "");
    }

    /** The {@code columns} (their places in each value row: {@code places}) of {@code rows}, {@value #ROWS_PER_STATEMENT} rows per INSERT ({@link ValueRows}). */
    private static void insertRows(Connection c, String columns, int[] places, List<Object[]> rows, String onDuplicate) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            ClientSql.Statement insert = ValueRows.insert(columns, places, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)), onDuplicate);
            try (PreparedStatement st = c.prepareStatement(insert.sql())) {
                for (int p = 0; p < insert.params().size(); p++) {
                    st.setString(p + 1, (String) insert.params().get(p));
                }
                st.executeUpdate();
            }
        }
    }

    private void execute(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("client write failed", e);
        }
    }

    private long count(String sql, long param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, List.of(param));
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("client count failed", e);
        }
    }

    /** A statement of {@link ClientSql} with its parameters bound (an Instant as UTC). */
    static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant instant) {
                st.setTimestamp(i + 1, Timestamp.from(instant), UTC.get());
            } else {
                st.setObject(i + 1, p);
            }
        }
        return st;
    }

    /**
     * Where a result's client columns are, found once per result: by name on each row, the driver's
     * column lookup was 2 % of the application's CPU samples for a page of 50 clients.
     */
    private static final class ClientColumns {
        final int id;
        final int name;
        final int owner;
        final int created;
        final int updated;
        final int deleted;
        final int version;
        final int values;
        final int externalId;

        ClientColumns(ResultSet rs) throws SQLException {
            id = rs.findColumn("id");
            name = rs.findColumn("name");
            owner = rs.findColumn("owner_id");
            created = rs.findColumn("created_at");
            updated = rs.findColumn("updated_at");
            deleted = rs.findColumn("deleted_at");
            version = rs.findColumn("version");
            values = rs.findColumn("field_values");
            externalId = rs.findColumn("external_id");
        }

        Client client(ResultSet rs) throws SQLException {
            return new Client(rs.getLong(id), rs.getString(name), rs.getLong(owner), utc(rs, created), utc(rs, updated),
                    utc(rs, deleted), rs.getInt(version), rs.getString(values), rs.getString(externalId));
        }
    }

    /**
     * A TIMESTAMP column as the UTC instant its text names. Not through {@code getObject(column,
     * LocalDateTime.class)}, though the driver's Calendar costs ~8 % of a page's CPU samples: the
     * driver places that LocalDateTime in the JVM's zone and back, which moves a time in that zone's
     * daylight-saving gap by an hour (checked: a JVM in Europe/Paris reads 2026-03-29 02:30 UTC as
     * 03:30 that way, as 02:30 through the UTC calendar).
     */
    private static Instant utc(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, UTC.get());
        return t == null ? null : t.toInstant();
    }
}
