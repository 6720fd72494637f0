package io.clientbase.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import jakarta.transaction.TransactionManager;
import javax.sql.DataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Exists only in the test application: an endpoint that fails the way a bug would. */
@Path("/test-only/failure")
public class FailingResource {

    @Inject
    DataSource dataSource;

    @GET
    @PermitAll
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException("secret internal detail: jdbc:mariadb://10.0.0.1/db password=hunter2");
    }

    /** The database itself answers as it does to the loser of a deadlock. */
    @GET
    @Path("/deadlock")
    @PermitAll
    @Operation(hidden = true)
    public String deadlock() throws SQLException {
        return signal("SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock'");
    }

    /** The database answers as a Galera node did when it failed to load a table's triggers for a statement. */
    @GET
    @Path("/triggers-unloaded")
    @PermitAll
    @Operation(hidden = true)
    public String triggersUnloaded() throws SQLException {
        return signal("SIGNAL SQLSTATE '42000' SET MYSQL_ERRNO = 1064, MESSAGE_TEXT = 'Unknown trigger has an error in its body: ''Query was empty'''");
    }

    /** The database itself raises the error of {@code signal}; the request fails with it as a write would. */
    private String signal(String signal) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(signal);
            return "no failure";
        }
    }

    /** A request that holds a database connection for a while, as a slow report would. */
    @GET
    @Path("/slow")
    @PermitAll
    @Operation(hidden = true)
    public String slow() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT SLEEP(1.5)");
            return "slow";
        } catch (SQLException e) {
            throw new IllegalStateException("sleep failed", e);
        }
    }

    @Inject
    TransactionManager transactions;

    /**
     * A transaction whose commit the database refuses as a Galera node does outside its primary
     * component (1180): Narayana's own one-phase commit of a resource that fails the way Agroal's
     * does (XA_RBROLLBACK caused by the driver's SQLException), the error raised by MariaDB itself.
     */
    @GET
    @Path("/commit-refused")
    @PermitAll
    @Operation(hidden = true)
    public String commitRefused() throws Exception {
        transactions.begin();
        transactions.getTransaction().enlistResource(new RefusingCommit());
        transactions.commit();
        return "committed";
    }

    private final class RefusingCommit implements XAResource {
        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1180, MESSAGE_TEXT = "
                        + "'Error while appending streaming replication fragment(provider status: Not connected to Primary Component)'");
            } catch (SQLException e) {
                XAException refused = new XAException(XAException.XA_RBROLLBACK);
                refused.initCause(e);
                throw refused;
            }
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }

        @Override
        public void start(Xid xid, int flags) {
        }
    }
}
