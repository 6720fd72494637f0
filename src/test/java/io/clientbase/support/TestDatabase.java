package io.clientbase.support;

import io.clientbase.platform.EmbeddedMariaDb;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tests' MariaDB: the embedded one on a fresh folder under target/, or, when
 * CLIENTBASE_TEST_DB_URL is set, that server (its database is dropped and created anew).
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_LOGIN = "admin";
    public static final String ADMIN_PASSWORD = "Admin-Test-Passw0rd";
    public static final String TRUSTED_PROXY = "127.0.0.50";

    private EmbeddedMariaDb embedded;

    @Override
    public Map<String, String> start() {
        ContractValidation.install();
        Path appData = freshFolder("target/test-data/app");
        String url = System.getenv("CLIENTBASE_TEST_DB_URL");
        String user = env("CLIENTBASE_TEST_DB_USER", "root");
        String password = env("CLIENTBASE_TEST_DB_PASSWORD", "");
        if (url == null || url.isBlank()) {
            embedded = EmbeddedMariaDb.open(freshFolder("target/test-data/embedded"), null).start();
            url = embedded.jdbcUrl();
            user = embedded.user();
            password = embedded.password();
        } else {
            recreateDatabase(url, user, password);
        }
        return Map.ofEntries(
                // 127.0.0.50 plays a trusted reverse proxy
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", TRUSTED_PROXY),
                Map.entry("CLIENTBASE_DB_URL", url),
                Map.entry("CLIENTBASE_DB_USER", user),
                Map.entry("CLIENTBASE_DB_PASSWORD", password),
                Map.entry("CLIENTBASE_DATA_DIR", appData.toString()),
                Map.entry("clientbase.admin.login", ADMIN_LOGIN),
                Map.entry("clientbase.admin.password", ADMIN_PASSWORD),
                // the minimum the product allows; production uses 12
                Map.entry("clientbase.password.bcrypt-cost", "10"));
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void recreateDatabase(String url, String user, String password) {
        int slash = url.indexOf('/', "jdbc:mariadb://".length());
        int end = url.indexOf('?', slash);
        String name = url.substring(slash + 1, end < 0 ? url.length() : end);
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("CLIENTBASE_TEST_DB_URL must name a database: " + url);
        }
        try (Connection c = DriverManager.getConnection(url.substring(0, slash + 1), user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database at " + url, e);
        }
    }

    /** Test scratch space only: a folder under target/, emptied for each run. */
    public static Path freshFolder(String relative) {
        Path folder = Path.of(relative).toAbsolutePath().normalize();
        if (!folder.toString().contains("/target/")) {
            throw new IllegalArgumentException("refusing to empty " + folder);
        }
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
