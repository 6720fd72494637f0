package io.clientbase.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar clientbase.jar COMMAND …}: the administrator's commands, run instead of the
 * server on the data folder named by CLIENTBASE_DATA_DIR (and the external database named by
 * CLIENTBASE_DB_URL, when set). Exit code 0 on success, 1 on failure, 2 on a usage error.
 */
final class AdminCommands {

    static final Set<String> NAMES = Set.of("backup", "restore", "help", "--help", "-h");

    private static final Map<String, String> HELP = Map.of(
            "backup", """
                    backup FILE    writes a consistent backup of the database and the document files (and the
                                   JWT keys) to FILE, a zip readable by its owner only. Works while the server
                                   runs (mariadb-dump --single-transaction beside it) or on a stopped folder.""",
            "restore", """
                    restore FILE   restores a backup into an empty data folder (or an empty external database),
                                   then `java -jar clientbase.jar` starts on it with the same data and logins.""");

    private AdminCommands() {
    }

    static int run(Path dataFolder, String[] args, PrintStream out) {
        String command = args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            usage(out);
            return 0;
        }
        if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.println("usage: java -jar clientbase.jar " + HELP.get(command));
            return 0;
        }
        if (args.length != 2) {
            out.println("usage: java -jar clientbase.jar " + HELP.get(command));
            return 2;
        }
        BackupCommands backups = new BackupCommands(dataFolder, out);
        try {
            return switch (command) {
                case "backup" -> backups.backup(Path.of(args[1]));
                case "restore" -> backups.restore(Path.of(args[1]));
                default -> 2;
            };
        } catch (EmbeddedMariaDb.DataFolderInUseException e) {
            out.println("clientbase " + command + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            out.println("clientbase " + command + " failed: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar clientbase.jar [COMMAND]");
        out.println("  (no command)   starts the API server");
        HELP.values().stream().sorted().forEach(h -> out.println("  " + h.replace("\n", "\n  ")));
        out.println("The data folder is CLIENTBASE_DATA_DIR (default ./clientbase-data); CLIENTBASE_DB_URL,"
                + " CLIENTBASE_DB_USER and CLIENTBASE_DB_PASSWORD name an external MariaDB instead of the embedded one.");
    }
}
