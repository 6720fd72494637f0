package io.clientbase.platform;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Which instance of a cluster runs a background job now: the holder of its row in job_leases
 * (V18). {@link #hold} takes a free or expired lease, or renews this instance's own, for
 * {@code clientbase.jobs.lease} (10 s); a job calls it before each round and between batches, and
 * stops when it answers false. A killed holder renews nothing, so another instance takes over
 * within one lease; one that stops cleanly hands its leases back at once.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);

    /** This process among the instances: host, process id and a random part (a restarted process is another holder). */
    public static final String INSTANCE = host() + ":" + ProcessHandle.current().pid() + ":"
            + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

    @Inject
    DataSource dataSource;

    @Inject
    ClientbaseConfig config;

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /**
     * Whether this instance holds the job's lease for the next lease duration: taken when free or
     * expired, renewed when already its own. False when another instance holds it, or when the
     * database cannot say (a job that does not know must not run).
     */
    public boolean hold(String job) {
        long micros = config.jobs().lease().toNanos() / 1000;
        // holder first: expires_at then compares with the holder as just decided
        String take = "INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)"
                + " ON DUPLICATE KEY UPDATE holder = IF(holder = VALUES(holder) OR expires_at < UTC_TIMESTAMP(6), VALUES(holder), holder),"
                + " expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(take)) {
                st.setString(1, job);
                st.setString(2, INSTANCE);
                st.setLong(3, micros);
                st.executeUpdate();
            }
            boolean mine = INSTANCE.equals(holder(c, job));
            if (mine && held.add(job)) {
                LOG.infof("This instance (%s) now runs the background job %s", INSTANCE, job);
            } else if (!mine) {
                held.remove(job);
            }
            return mine;
        } catch (SQLException | RuntimeException e) {
            // another node took it in the same instant (Galera: 1213 at commit), or no database
            held.remove(job);
            LOG.debugf("lease %s not held: %s", job, e.getMessage());
            return false;
        }
    }

    /** Hands the lease back (another instance may take it at once); a no-op when not held. */
    public void release(String job) {
        held.remove(job);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE job_leases SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE name = ? AND holder = ?")) {
            st.setString(1, job);
            st.setString(2, INSTANCE);
            st.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("lease %s not released (it expires by itself): %s", job, e.getMessage());
        }
    }

    /**
     * At shutdown the leases go back, so that another instance takes the jobs at once instead of
     * after a lease. A round still finishing here may overlap the new holder's first for one batch:
     * each job's batch is a transaction that is correct beside another (the index marks, SKIP
     * LOCKED claims, idempotent deletes); the lease only keeps them from doing the work twice.
     */
    void handBack(@Observes @Priority(10) ShutdownEvent event) {
        Set.copyOf(held).forEach(this::release);
    }

    private static String holder(Connection c, String job) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT holder FROM job_leases WHERE name = ?")) {
            st.setString(1, job);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "host";
            }
        }
        return name.length() > 80 ? name.substring(0, 80) : name;
    }



}
