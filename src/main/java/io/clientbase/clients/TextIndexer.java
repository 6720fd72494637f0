package io.clientbase.clients;

import io.clientbase.platform.JobLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.quarkus.scheduler.Scheduled;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Brings the trigram index up to date with the clients marked in client_text_dirty, in the
 * background and in batches, one instance of a cluster at a time (the holder of its job lease,
 * {@link JobLeases}) and one thread of that instance at a time.
 * Each batch reads the marks and the clients in one snapshot, replaces their trigrams and removes
 * the marks it read, unless a change marked the client again meanwhile. Searches never wait for
 * it: a marked client is looked at directly.
 */
@ApplicationScoped
public class TextIndexer {

    private static final Logger LOG = Logger.getLogger(TextIndexer.class);
    static final int BATCH = 1000;
    static final String JOB = "text-index";

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    JobLeases leases;

    @Inject
    TrigramHeads heads;

    /** One indexing thread per instance: the scheduled round or a caller of {@link #catchUp}. */
    private final ReentrantLock running = new ReentrantLock();

    private volatile boolean stopping;

    /** Bulk imports running on this instance: the indexer waits for them, so that they keep both cores. */
    private final AtomicInteger imports = new AtomicInteger();

    void start(@Observes StartupEvent event) {
        Gauge.builder("clientbase.text.index.backlog", this, TextIndexer::backlog)
                .description("Clients changed since the free-text index last read them (searched directly meanwhile)")
                .register(metrics);
    }

    /** A run in progress ends after its batch; Quarkus' scheduler waits for it before the application stops. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Runs a bulk import; this instance's indexer resumes after it and indexes what it created. */
    public <T> T duringImport(Supplier<T> work) {
        imports.incrementAndGet();
        try {
            return work.get();
        } finally {
            imports.decrementAndGet();
        }
    }

    /** Every second, one run at a time on this instance (and one instance at a time, by the lease). */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runQuietly() {
        if (imports.get() > 0 || stopping) {
            return;
        }
        try {
            catchUp(0);
        } catch (RuntimeException e) {
            LOG.warnf("text index: %s (retried in a second)", e.getMessage());
        }
    }

    /**
     * Indexes marked clients until none is left; waits up to {@code waitSeconds} for the lease (or
     * for this instance's other indexing thread). Returns how many clients it indexed.
     */
    public long catchUp(int waitSeconds) {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        try {
            if (!running.tryLock(waitSeconds, TimeUnit.SECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        try {
            while (!leases.hold(JOB)) {
                if (System.nanoTime() >= deadline) {
                    return 0;
                }
                sleep(200);
            }
            try (Connection c = dataSource.getConnection()) {
                long total = 0;
                int done;
                do {
                    done = batch(c);
                    total += done;
                } while (done == BATCH && !stopping && imports.get() == 0 && leases.hold(JOB));
                // once the marks are read: the heads of entries older than V27, a batch at a time, the
                // marks of the changes made meanwhile read between them
                while (done < BATCH && !stopping && imports.get() == 0 && heads.step(c) && leases.hold(JOB)) {
                    do {
                        done = batch(c);
                        total += done;
                    } while (done == BATCH && !stopping && imports.get() == 0 && leases.hold(JOB));
                }
                return total;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("text indexing failed: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many clients wait for the indexer; -1 when the database cannot say. */
    double backlog() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM client_text_dirty")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private record Mark(long clientId, long mark) {
    }

    private int batch(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            // marks, clients and what the index holds, all read in one snapshot
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            List<Mark> marks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT client_id, mark FROM client_text_dirty ORDER BY client_id LIMIT " + BATCH)) {
                while (rs.next()) {
                    marks.add(new Mark(rs.getLong(1), rs.getLong(2)));
                }
            }
            if (!marks.isEmpty()) {
                index(c, st, marks);
            }
            c.commit();
            return marks.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
        }
    }

    private void index(Connection c, Statement st, List<Mark> marks) throws SQLException {
        String ids = marks.stream().map(m -> String.valueOf(m.clientId())).collect(Collectors.joining(","));
        Set<Long> searchable;
        try (ResultSet rs = st.executeQuery("SELECT id FROM fields WHERE type IN (" + TextIndex.searchableTypes() + ")")) {
            searchable = new HashSet<>(TextIndex.ids(rs));
        }
        Map<Long, Set<String>> now = new LinkedHashMap<>();
        Map<Long, Long[]> owners = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT id, name, field_values, owner_id, head_id FROM clients WHERE id IN (" + ids + ")")) {
            while (rs.next()) {
                now.put(rs.getLong(1), indexed(rs.getLong(1), rs.getString(2), rs.getString(3), searchable));
                owners.put(rs.getLong(1), new Long[] {rs.getLong(4), rs.getObject(5, Long.class)});
            }
        }
        Map<Long, List<String>> before = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT client_id, trigrams FROM client_text_indexed WHERE client_id IN (" + ids + ")")) {
            while (rs.next()) {
                before.put(rs.getLong(1), TextIndex.fromJson(rs.getString(2)));
            }
        }
        // All of a client's old trigrams go and all its new ones come: a difference taken in Java
        // could remove a trigram the collation equals to one the client keeps ('Not' and 'not').
        for (var entry : before.entrySet()) {
            deleteTrigrams(c, entry.getKey(), entry.getValue());
        }
        insertTrigrams(c, now, owners);
        saveIndexed(c, st, now, before.keySet());
        unmark(c, marks);
    }

    /** A value document that cannot be read must not hold the index up: its client is indexed by name. */
    private static Set<String> indexed(long clientId, String name, String document, Set<Long> searchable) {
        try {
            return TextIndex.indexed(name, document, searchable);
        } catch (IllegalStateException e) {
            LOG.errorf("text index: the values of client %d cannot be read (%s); indexed by its name only", clientId, e.getMessage());
            return TextIndex.trigrams(name, new HashSet<>());
        }
    }

    private static void deleteTrigrams(Connection c, long clientId, List<String> trigrams) throws SQLException {
        if (trigrams.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("DELETE FROM client_trigrams WHERE client_id = ? AND trigram IN (");
        sql.append("?,".repeat(trigrams.size() - 1)).append("?)");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setLong(p++, clientId);
            for (String t : trigrams) {
                ps.setString(p++, t);
            }
            ps.executeUpdate();
        }
    }

    /** Each client's trigrams with its owner and head (V27: null when no head answers for the owner). */
    private static void insertTrigrams(Connection c, Map<Long, Set<String>> now, Map<Long, Long[]> owners) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        now.forEach((id, trigrams) -> trigrams.forEach(t -> rows.add(new Object[] {t, id, owners.get(id)[0], owners.get(id)[1]})));
        for (int from = 0; from < rows.size(); from += 5000) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 5000));
            // IGNORE: trigrams the collation holds equal ('Not', 'not') are one entry
            StringBuilder sql = new StringBuilder("INSERT IGNORE INTO client_trigrams (trigram, client_id, owner_id, head_id) VALUES ");
            sql.append("(?,?,?,?),".repeat(part.size() - 1)).append("(?,?,?,?)");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] r : part) {
                    ps.setString(p++, (String) r[0]);
                    ps.setLong(p++, (Long) r[1]);
                    ps.setLong(p++, (Long) r[2]);
                    ps.setObject(p++, r[3], java.sql.Types.BIGINT);
                }
                ps.executeUpdate();
            }
        }
    }

    private static void saveIndexed(Connection c, Statement st, Map<Long, Set<String>> now, Set<Long> before) throws SQLException {
        if (!now.isEmpty()) {
            StringBuilder sql = new StringBuilder("INSERT INTO client_text_indexed (client_id, trigrams) VALUES ");
            sql.append("(?,?),".repeat(now.size() - 1)).append("(?,?) ON DUPLICATE KEY UPDATE trigrams = VALUES(trigrams)");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (var entry : now.entrySet()) {
                    ps.setLong(p++, entry.getKey());
                    ps.setString(p++, TextIndex.toJson(entry.getValue()));
                }
                ps.executeUpdate();
            }
        }
        List<Long> gone = before.stream().filter(id -> !now.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            st.executeUpdate("DELETE FROM client_text_indexed WHERE client_id IN ("
                    + gone.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
        }
    }

    /** Removes the marks read, except those a change raised meanwhile: that client is indexed again. */
    private static void unmark(Connection c, List<Mark> marks) throws SQLException {
        StringBuilder sql = new StringBuilder("DELETE FROM client_text_dirty WHERE ");
        sql.append("(client_id = ? AND mark = ?) OR ".repeat(marks.size() - 1)).append("(client_id = ? AND mark = ?)");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Mark m : marks) {
                ps.setLong(p++, m.clientId());
                ps.setLong(p++, m.mark());
            }
            ps.executeUpdate();
        }
    }
}
