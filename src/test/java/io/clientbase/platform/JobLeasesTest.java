package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A background job runs on the instance holding its lease: another instance's unexpired lease is
 * respected, an expired one is taken over, a held one is renewed, and one handed back is free at
 * once. The other instance is a row written as another process would write it.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class JobLeasesTest {

    @Inject
    JobLeases leases;

    @Inject
    DataSource dataSource;

    @Test
    void aJobHeldByAnotherInstanceIsNotRunHereUntilItsLeaseExpires() throws SQLException {
        write("test-job-a", "other-node:1:abc", "UTC_TIMESTAMP(6) + INTERVAL 30 SECOND");
        assertFalse(leases.hold("test-job-a"), "another instance's lease runs for 30 s more");
        assertEquals("other-node:1:abc", holder("test-job-a"));

        write("test-job-a", "other-node:1:abc", "UTC_TIMESTAMP(6) - INTERVAL 1 SECOND");
        assertTrue(leases.hold("test-job-a"), "a lease its holder stopped renewing is taken over");
        assertEquals(JobLeases.INSTANCE, holder("test-job-a"));
    }

    @Test
    void theHolderRenewsItsLeaseAndAnotherCannotTakeItMeanwhile() throws SQLException {
        assertTrue(leases.hold("test-job-b"));
        double first = secondsLeft("test-job-b");
        assertTrue(first > 5 && first <= 10.5, "held for the configured lease (10 s): " + first);
        assertTrue(leases.hold("test-job-b"), "the holder renews its own lease");
        // another instance tries as JobLeases does: its attempt leaves the row as it is
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO job_leases (name, holder, expires_at) VALUES ('test-job-b', 'other', UTC_TIMESTAMP(6))"
                        + " ON DUPLICATE KEY UPDATE holder = IF(holder = VALUES(holder) OR expires_at < UTC_TIMESTAMP(6), VALUES(holder), holder)")) {
            st.executeUpdate();
        }
        assertEquals(JobLeases.INSTANCE, holder("test-job-b"));
    }

    @Test
    void aLeaseHandedBackIsFreeForAnotherInstanceAtOnce() throws SQLException {
        assertTrue(leases.hold("test-job-c"));
        leases.release("test-job-c");
        assertTrue(secondsLeft("test-job-c") < 0, "expired on release");
        write("test-job-c", "other-node:2:def", "UTC_TIMESTAMP(6) + INTERVAL 30 SECOND");
        assertFalse(leases.hold("test-job-c"));
        leases.release("test-job-c");
        assertEquals("other-node:2:def", holder("test-job-c"), "releasing a lease one does not hold changes nothing");
        assertTrue(secondsLeft("test-job-c") > 20);
    }

    private void write(String job, String holder, String expiry) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, " + expiry + ")"
                        + " ON DUPLICATE KEY UPDATE holder = VALUES(holder), expires_at = VALUES(expires_at)")) {
            st.setString(1, job);
            st.setString(2, holder);
            st.executeUpdate();
        }
    }

    private String holder(String job) throws SQLException {
        return query("SELECT holder FROM job_leases WHERE name = ?", job);
    }

    private double secondsLeft(String job) throws SQLException {
        return Double.parseDouble(query("SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) / 1e6 FROM job_leases WHERE name = ?", job));
    }

    private String query(String sql, String job) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, job);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
