package io.clientbase.clients;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Calendar;
import java.util.TimeZone;
import javax.sql.DataSource;

/** The real server's plan for a statement of {@link ClientSql}, for the tests that pin a plan. */
final class ServerPlans {

    private ServerPlans() {
    }

    /** The plan as EXPLAIN FORMAT=JSON writes it (after a SET STATEMENT's FOR when it has one), the parameters bound as ClientStore binds them. */
    static String explain(DataSource dataSource, ClientSql.Statement st) throws Exception {
        String sql = st.sql();
        int afterFor = sql.startsWith("SET STATEMENT") ? sql.indexOf(" FOR ") + " FOR ".length() : 0;
        String explained = sql.substring(0, afterFor) + "EXPLAIN FORMAT=JSON " + sql.substring(afterFor);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(explained)) {
            for (int i = 0; i < st.params().size(); i++) {
                Object p = st.params().get(i);
                if (p instanceof java.time.Instant instant) {
                    // a UTC timestamp
                    ps.setTimestamp(i + 1, java.sql.Timestamp.from(instant), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
