package io.clientbase.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The heads of the trigram entries written before V27, written once in the background: the pass
 * walks the index in primary-key order, {@link #BATCH} entries per transaction, each given its
 * client's head as the client row holds it now, and keeps where it stands in trigram_heads_pass,
 * so that a stop or a crash resumes it there; after the last entry it builds the index
 * {@code (trigram, head_id, client_id)} (online), then records that it is done. {@link TextIndexer}
 * runs it between its own batches, under its lease. Until it is done, a head's free text does not
 * read his range of the index ({@link #done}); the indexer and V27's trigger keep every entry
 * written since right. On 1,000,000 clients (27,000,000 entries) a batch of 50,000 took 1.2 s.
 */
@ApplicationScoped
public class TrigramHeads {

    private static final Logger LOG = Logger.getLogger(TrigramHeads.class);
    static final int BATCH = 50_000;
    private static final long RECHECK_MILLIS = 5_000;
    private static final String AFTER = "(t.trigram > ? OR (t.trigram = ? AND t.client_id > ?))";

    @Inject
    DataSource dataSource;

    private volatile boolean done;
    private volatile long checkedAt;

    /** Reads the pass's state again at the next {@link #done}: for a test that rewinds it, as an upgrade finds it. */
    void reload() {
        done = false;
        checkedAt = 0;
    }

    /** Whether every entry of the index carries its client's head (read again every 5 s until it does, as another instance may finish the pass). */
    public boolean done() {
        if (done) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (now - checkedAt > RECHECK_MILLIS) {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT done FROM trigram_heads_pass WHERE id = 1");
                 ResultSet rs = st.executeQuery()) {
                done = rs.next() && rs.getBoolean(1);
                checkedAt = now;
            } catch (SQLException e) {
                throw new IllegalStateException("the trigram heads' pass cannot be read", e);
            }
        }
        return done;
    }

    /** One batch of the pass in its own transaction; false once the pass is done. */
    boolean step(Connection c) throws SQLException {
        return step(c, BATCH);
    }

    /** The same with another batch size (a test walks a small index in several batches). */
    boolean step(Connection c, int batch) throws SQLException {
        if (done()) {
            return false;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        boolean more;
        try {
            more = writeNextBatch(c, batch);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        if (!more) {
            finish(c);
        }
        return more;
    }

    /** After the last entry: the index, then the record that the pass is done (a crash between them builds it again). */
    private void finish(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE INDEX IF NOT EXISTS ix_trigrams_head ON client_trigrams (trigram, head_id, client_id) ALGORITHM = INPLACE LOCK = NONE");
            st.executeUpdate("UPDATE trigram_heads_pass SET done = TRUE WHERE id = 1");
        }
        done = true;
        LOG.info("text index: every entry written before V27 has its head; heads' free text reads their range of it");
    }

    private boolean writeNextBatch(Connection c, int batch) throws SQLException {
        String afterTrigram;
        long afterClient;
        try (PreparedStatement st = c.prepareStatement("SELECT after_trigram, after_client, done FROM trigram_heads_pass WHERE id = 1 FOR UPDATE");
             ResultSet rs = st.executeQuery()) {
            if (!rs.next() || rs.getBoolean(3)) {
                return false;
            }
            afterTrigram = rs.getString(1);
            afterClient = rs.getLong(2);
        }
        String from = afterTrigram == null ? "" : " WHERE " + AFTER;
        String lastTrigram = null;
        long lastClient = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT t.trigram, t.client_id FROM client_trigrams t" + from
                + " ORDER BY t.trigram, t.client_id LIMIT 1 OFFSET " + (batch - 1))) {
            bindAfter(st, afterTrigram, afterClient);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    lastTrigram = rs.getString(1);
                    lastClient = rs.getLong(2);
                }
            }
        }
        // the batch's last entry, or none: the rest of the index is the last batch
        String upTo = lastTrigram == null ? "" : (from.isEmpty() ? " WHERE " : " AND ") + "(t.trigram < ? OR (t.trigram = ? AND t.client_id <= ?))";
        try (PreparedStatement st = c.prepareStatement("UPDATE client_trigrams t SET t.head_id = (SELECT c.head_id FROM clients c WHERE c.id = t.client_id)"
                + from + upTo)) {
            int p = bindAfter(st, afterTrigram, afterClient);
            if (lastTrigram != null) {
                st.setString(p++, lastTrigram);
                st.setString(p++, lastTrigram);
                st.setLong(p, lastClient);
            }
            st.executeUpdate();
        }
        if (lastTrigram == null) {
            return false; // the rest was the last batch: its start stays the position until the index is built
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE trigram_heads_pass SET after_trigram = ?, after_client = ? WHERE id = 1")) {
            st.setString(1, lastTrigram);
            st.setLong(2, lastClient);
            st.executeUpdate();
        }
        return true;
    }

    private static int bindAfter(PreparedStatement st, String afterTrigram, long afterClient) throws SQLException {
        if (afterTrigram == null) {
            return 1;
        }
        st.setString(1, afterTrigram);
        st.setString(2, afterTrigram);
        st.setLong(3, afterClient);
        return 4;
    }
}
