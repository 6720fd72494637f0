package io.clientbase.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database an admin command works on: the external one named by CLIENTBASE_DB_URL, the
 * embedded one of a server running on the data folder (used beside it), or the embedded one
 * started for the time of the command on a stopped folder.
 */
record CommandDatabase(String url, String host, int port, String database, String user, String password,
                       EmbeddedMariaDb started) implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:mariadb:(?:[a-z]+:)?//([^/:,?]+)(?::(\\d+))?[^/]*/([A-Za-z0-9_]+).*");

    /** With {@code exclusive}, a folder a server runs on is refused (DataFolderInUseException). */
    static CommandDatabase open(Path dataFolder, boolean exclusive) throws IOException {
        String url = setting("CLIENTBASE_DB_URL");
        if (url != null) {
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalArgumentException("CLIENTBASE_DB_URL is not a jdbc:mariadb URL with a database: " + url);
            }
            String user = setting("CLIENTBASE_DB_USER");
            String password = setting("CLIENTBASE_DB_PASSWORD");
            return new CommandDatabase(url, m.group(1), m.group(2) == null ? 3306 : Integer.parseInt(m.group(2)), m.group(3),
                    user == null ? "root" : user, password == null ? "" : password, null);
        }
        try {
            EmbeddedMariaDb db = EmbeddedMariaDb.open(dataFolder, setting("CLIENTBASE_DB_BUFFER_POOL_SIZE")).start();
            return embedded(db.port(), db.user(), db.password(), db);
        } catch (EmbeddedMariaDb.DataFolderInUseException e) {
            if (exclusive) {
                throw e;
            }
            // a server runs on this folder: work on its database while it serves
            Properties account = EmbeddedMariaDb.readAccount(dataFolder);
            int port = Integer.parseInt(Files.readString(dataFolder.resolve(EmbeddedMariaDb.PORT_FILE)).strip());
            return embedded(port, account.getProperty("user"), account.getProperty("password"), null);
        }
    }

    private static CommandDatabase embedded(int port, String user, String password, EmbeddedMariaDb started) {
        return new CommandDatabase("jdbc:mariadb://127.0.0.1:" + port + "/" + EmbeddedMariaDb.DATABASE, "127.0.0.1", port,
                EmbeddedMariaDb.DATABASE, user, password, started);
    }

    /** A connection by the URL as given (a cluster's failover URL included). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Whether this command started the embedded server itself (the folder was stopped). */
    boolean stoppedFolder() {
        return started != null;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }

    static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }
}
