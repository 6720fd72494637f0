import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling for case (a): the same two queries the API runs for a page of 50 clients sorted by id
 * in an ADMINISTRATION user's scope (clients, then their custom values), through plain JDBC in a
 * tight loop on one connection, for the given number of seconds.
 *
 *   java -cp target/clientbase.jar bench/JdbcCeiling.java JDBC_URL HEAD_LOGIN SECONDS
 */
public class JdbcCeiling {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String head = args[1];
        long seconds = Long.parseLong(args[2]);
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            String scope = scope(c, head);
            String page = "SELECT c.* FROM clients c WHERE c.owner_id IN (" + scope + ") AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51";
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long count = 0;
            List<Long> latencies = new ArrayList<>();
            try (PreparedStatement clients = c.prepareStatement(page)) {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rs = clients.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong("id"));
                        }
                    }
                    String in = ids.toString().replace("[", "").replace("]", "");
                    try (PreparedStatement values = c.prepareStatement("SELECT client_id, field_id, v_text, v_number, v_date, v_datetime, v_bool "
                            + "FROM client_values WHERE client_id IN (" + in + ")"); ResultSet rs = values.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(3);
                        }
                    }
                    latencies.add(System.nanoTime() - t);
                    count++;
                }
            }
            latencies.sort(Long::compare);
            System.out.printf("jdbc-ceiling(a): %.0f req/s, p50 %.2f ms, p99 %.2f ms (1 connection)%n", count / (double) seconds,
                    latencies.get(latencies.size() / 2) / 1e6, latencies.get((int) (latencies.size() * 0.99)) / 1e6);
        }
    }

    static String scope(Connection c, String head) throws Exception {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT u.id FROM users u WHERE u.login = ? UNION SELECT e.id FROM users e JOIN users h ON e.manager_id = h.id WHERE h.login = ?")) {
            st.setString(1, head);
            st.setString(2, head);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return String.join(",", ids);
        }
    }
}
