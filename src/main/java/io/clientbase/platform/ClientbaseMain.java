package io.clientbase.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Starts clientbase. Without {@code CLIENTBASE_DB_URL} it first starts the embedded MariaDB on the
 * data folder and hands its JDBC URL to Quarkus as a system property. The launcher's settings are
 * read here, in {@link #setting}, before Quarkus' configuration exists; everything after the start
 * reads its feature's {@code @ConfigMapping}.
 */
@QuarkusMain
public final class ClientbaseMain {

    static {
        // before anything touches java.util.logging (uber-jar)
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
    }

    private static final Logger LOG = Logger.getLogger(ClientbaseMain.class.getName());
    private static volatile EmbeddedMariaDb embedded;

    private ClientbaseMain() {
    }

    public static void main(String... args) {
        Path dataFolder = Path.of(setting("CLIENTBASE_DATA_DIR", "./clientbase-data")).toAbsolutePath().normalize();
        System.setProperty("CLIENTBASE_DATA_DIR", dataFolder.toString());
        if (args.length > 0 && AdminCommands.NAMES.contains(args[0])) {
            System.exit(AdminCommands.run(dataFolder, args, System.out));
        }
        if (setting("CLIENTBASE_DB_URL", null) == null) {
            startEmbeddedDatabase(dataFolder);
        }
        Quarkus.run(Serving.class, args);
    }

    /** Runs once the application is started and listening, until it is asked to stop. */
    public static final class Serving implements QuarkusApplication {

        @Override
        public int run(String... args) {
            EmbeddedMariaDb database = embedded;
            if (database != null) {
                database.loadBufferPool();
            }
            Quarkus.waitForExit();
            return 0;
        }
    }

    /** Dev mode calls main() again on every reload: the server started first is reused. */
    private static synchronized void startEmbeddedDatabase(Path dataFolder) {
        if (embedded != null) {
            return;
        }
        try {
            embedded = EmbeddedMariaDb.open(dataFolder, setting("CLIENTBASE_DB_BUFFER_POOL_SIZE", null)).launchInBackground();
        } catch (EmbeddedMariaDb.DataFolderInUseException e) {
            System.err.println("clientbase: " + e.getMessage());
            System.exit(2);
        }
        System.setProperty("CLIENTBASE_DB_URL", embedded.applicationJdbcUrl());
        System.setProperty("CLIENTBASE_DB_USER", embedded.user());
        System.setProperty("CLIENTBASE_DB_PASSWORD", embedded.password());
        // Runs after Quarkus has stopped serving: Quarkus's own hook waits for the application.
        Runtime.getRuntime().addShutdownHook(new Thread(ClientbaseMain::stopEmbeddedDatabase, "embedded-mariadb-stop"));
    }

    /**
     * Waits until the embedded MariaDB launched before Quarkus accepts connections, if there is one: Quarkus
     * builds its model while the server starts, and the first to connect (Flyway) waits here.
     */
    static void awaitEmbeddedDatabase() {
        EmbeddedMariaDb database = embedded;
        if (database != null) {
            database.awaitStarted();
        }
    }

    private static void stopEmbeddedDatabase() {
        ShutdownLatch.awaitApplicationStopped();
        LOG.info("Stopping the embedded MariaDB");
        embedded.close();
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
