package io.clientbase.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
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
    public String deadlock() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock'");
            return "no deadlock";
        } catch (SQLException e) {
            throw new IllegalStateException("write failed", e);
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
}
