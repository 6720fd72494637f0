import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ceiling for case (a): the same query the API runs for a page of 50 clients sorted by id in an
 * ADMINISTRATION user's scope (the clients with their value documents), through plain JDBC in a
 * tight loop, for the given number of seconds, on 1 connection and then on 16 (as wrk uses).
 *
 *   java -cp target/clientbase.jar bench/JdbcCeiling.java JDBC_URL HEAD_LOGIN SECONDS
 */
public class JdbcCeiling {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String head = args[1];
        long seconds = Long.parseLong(args[2]);
        String scope;
        String headId;
        try (Connection c = DriverManager.getConnection(url)) {
            scope = scope(c, head);
            headId = headId(c, head);
        }
        // the head's range of the head index (V20), as clients.ClientSql builds it for his page in id order
        String page = "SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR SELECT c.* FROM clients c"
                + " FORCE INDEX (ix_clients_head) WHERE c.head_id = " + headId + " AND c.owner_id IN (" + scope + ")"
                + " AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51";
        for (int threads : new int[] {1, 16}) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(new Thread(() -> loop(url, page, end, latencies)));
            }
            workers.forEach(Thread::start);
            for (Thread t : workers) {
                t.join();
            }
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(Long::compare);
            System.out.printf("jdbc-ceiling(a): %.0f req/s, p50 %.2f ms, p99 %.2f ms (%d connection%s)%n", sorted.size() / (double) seconds,
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, threads, threads == 1 ? "" : "s");
        }
    }

    static void loop(String url, String page, long end, List<Long> latencies) {
        List<Long> mine = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement clients = c.prepareStatement(page)) {
            while (System.nanoTime() < end) {
                long t = System.nanoTime();
                try (ResultSet rs = clients.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong("id");
                        rs.getString("name");
                        rs.getString("field_values");
                    }
                }
                mine.add(System.nanoTime() - t);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        latencies.addAll(mine);
    }

    static String headId(Connection c, String head) throws Exception {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM users WHERE login = ?")) {
            st.setString(1, head);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no user " + head);
                }
                return rs.getString(1);
            }
        }
    }

    static String scope(Connection c, String head) throws Exception {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT u.id FROM users u WHERE u.login = ? UNION ALL SELECT e.id FROM users e JOIN users h ON e.manager_id = h.id WHERE h.login = ?")) {
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
