import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Waits until the free-text index has read every client (the background indexer, after a load),
 * then reads the benchmark's tables and the indexes its cases use once, so that every case is measured
 * with the data in MariaDB's buffer pool (InnoDB reads with O_DIRECT: the OS does not cache it).
 *
 *   java -cp target/clientbase.jar bench/Prewarm.java JDBC_URL [--scans=0] [off]
 *     --scans=0: only wait for the index; off: the index is not being built (bench/run.sh BENCH_TEXT_INDEX=off),
 *     nothing to wait for, and its table is not read
 */
public class Prewarm {

    public static void main(String[] args) throws Exception {
        java.util.List<String> scans = new java.util.ArrayList<>(java.util.List.of(
                "SELECT COUNT(*), SUM(LENGTH(field_values)) FROM clients",
                "SELECT COUNT(*) FROM clients FORCE INDEX (ix_clients_owner)",
                "SELECT COUNT(*), SUM(LENGTH(v_text)) FROM client_values",
                "SELECT COUNT(*) FROM client_values FORCE INDEX (ix_values_value)",
                "SELECT COUNT(*) FROM client_values FORCE INDEX (ix_values_head_range)"));
        long start = System.nanoTime();
        java.util.List<String> options = java.util.Arrays.asList(args).subList(1, args.length);
        boolean indexOff = options.contains("off");
        if (!indexOff) {
            scans.add("SELECT COUNT(*) FROM client_trigrams");
        }
        try (Connection c = DriverManager.getConnection(args[0]); Statement st = c.createStatement()) {
            long backlog;
            while (!indexOff && (backlog = count(st, "SELECT COUNT(*) FROM client_text_dirty")) > 0) {
                System.out.printf("text index: %d clients still to index%n", backlog);
                Thread.sleep(10_000);
            }
            if (indexOff) {
                System.out.println("text index not built (off): nothing waited for");
            } else {
                System.out.printf("text index up to date after %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            // V27: the heads of the entries written before it are written in the background; a head's
            // free text reads his range of the index only then (a schema before V27 has no such pass)
            while (!indexOff && count(st, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name = 'trigram_heads_pass'") > 0 && count(st, "SELECT COUNT(*) FROM trigram_heads_pass WHERE done") == 0) {
                System.out.println("text index: heads of older entries still being written");
                Thread.sleep(10_000);
            }
            if (!indexOff) {
                System.out.printf("text index heads written after %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            start = System.nanoTime();
            if (options.contains("--scans=0")) {
                System.out.println("buffer pool not warmed (--scans=0)");
                return;
            }
            for (String scan : scans) {
                try (ResultSet rs = st.executeQuery(scan)) {
                    rs.next();
                } catch (java.sql.SQLException e) {
                    // a schema before V25 (an A/B against an older jar) has no typed index: nothing to warm
                    System.out.printf("skipped (%s): %s%n", e.getMessage(), scan);
                }
            }
        }
        System.out.printf("buffer pool warmed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
