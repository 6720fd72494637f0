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

    static final Set<String> NAMES = Set.of("backup", "restore", "reset-admin-password", "create-admin", "check",
            "help", "--help", "-h");

    private static final Map<String, String> HELP = Map.of(
            "backup", """
                    backup FILE    writes a consistent backup of the database and the document files (and the
                                   JWT keys) to FILE, a zip readable by its owner only. Works while the server
                                   runs (mariadb-dump --single-transaction beside it) or on a stopped folder.""",
            "restore", """
                    restore FILE   restores a backup into an empty data folder (or an empty external database),
                                   then `java -jar clientbase.jar` starts on it with the same data and logins.""",
            "reset-admin-password", """
                    reset-admin-password [--login LOGIN]
                                   gives the first ADMIN (or the ADMIN LOGIN) a new password, printed once (or the
                                   one in CLIENTBASE_ADMIN_PASSWORD), sets him ACTIVE and ends his sessions and API
                                   tokens. Works beside a running server, which applies it on the next request.""",
            "create-admin", """
                    create-admin LOGIN
                                   creates another ADMIN with a password printed once (or CLIENTBASE_ADMIN_PASSWORD).""",
            "check", """
                    check          checks the data folder (writable), the free disk, the database (reachable, its
                                   migrations those of this jar, on Galera the node synced); exit code 1 if one fails.""");

    private AdminCommands() {
    }

    static int run(Path dataFolder, String[] args, PrintStream out) {
        String command = args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            usage(out);
            return 0;
        }
        if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.println("usage: java -jar clientbase.jar " + HELP.get(command).strip());
            return 0;
        }
        if (!argumentsFit(command, args)) {
            out.println("usage: java -jar clientbase.jar " + HELP.get(command).strip());
            return 2;
        }
        try {
            return switch (command) {
                case "backup" -> new BackupCommands(dataFolder, out).backup(Path.of(args[1]));
                case "restore" -> new BackupCommands(dataFolder, out).restore(Path.of(args[1]));
                case "reset-admin-password" -> new AccountCommands(dataFolder, out).resetAdminPassword(args.length == 3 ? args[2] : null);
                case "create-admin" -> new AccountCommands(dataFolder, out).createAdmin(args[1]);
                case "check" -> new CheckCommand(dataFolder, out).run();
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

    private static boolean argumentsFit(String command, String[] args) {
        return switch (command) {
            case "check" -> args.length == 1;
            case "reset-admin-password" -> args.length == 1 || (args.length == 3 && args[1].equals("--login"));
            default -> args.length == 2 && !args[1].startsWith("-");
        };
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar clientbase.jar [COMMAND]");
        out.println("  (no command)   starts the API server");
        HELP.values().stream().map(String::strip).sorted().forEach(h -> out.println("  " + h.replace("\n", "\n  ")));
        out.println("The data folder is CLIENTBASE_DATA_DIR (default ./clientbase-data); CLIENTBASE_DB_URL,"
                + " CLIENTBASE_DB_USER and CLIENTBASE_DB_PASSWORD name an external MariaDB instead of the embedded one.");
    }
}
