package io.clientbase.platform;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code reset-admin-password} and {@code create-admin LOGIN}: the lock-out recovery of a
 * self-hosted CRM, run by whoever holds the data folder (or the external database's account).
 * They write as the API would: bcrypt hash, token version raised (every session and API token of
 * the user stops working, as after a password change through the API), the access counter raised
 * by the users table's trigger, so that running instances apply it on their next request, and a
 * history entry with the system as its actor (null id and login, as for the first start). They do not raise a webhook event.
 */
final class AccountCommands {

    /** The rights of an ADMIN ({@code Rights.allFor(ADMIN)} as stored); the platform package sees no feature package. */
    static final String ADMIN_RIGHTS = "{\"clients\":{\"view\":true,\"create\":true,\"edit\":true,\"delete\":true},"
            + "\"activities\":{\"view\":true,\"create\":true,\"edit\":true,\"delete\":true},"
            + "\"deals\":{\"view\":true,\"create\":true,\"edit\":true,\"delete\":true},"
            + "\"documents\":{\"view\":true,\"create\":true,\"edit\":true,\"delete\":true},\"settings\":true}";
    private static final String LOGIN_PATTERN = "^[\\p{L}\\p{N}._@+-]{1,100}$";

    private final Path dataFolder;
    private final PrintStream out;

    AccountCommands(Path dataFolder, PrintStream out) {
        this.dataFolder = dataFolder;
        this.out = out;
    }

    /** A new password for the first ADMIN (or the ADMIN named by --login); unblocks him. */
    int resetAdminPassword(String login) throws Exception {
        String password = password();
        if (password == null) {
            return 2;
        }
        try (CommandDatabase db = CommandDatabase.open(dataFolder, false); Connection c = db.connect()) {
            if (!migrated(c)) {
                return 1;
            }
            c.setAutoCommit(false);
            Admin admin = admin(c, login);
            if (admin == null) {
                c.rollback();
                out.println(login == null ? "no ADMIN user in the database" : "no ADMIN user with the login " + login);
                return 1;
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE users SET password_hash = ?, status = 'ACTIVE',"
                    + " token_version = token_version + 1, version = version + 1, updated_at = UTC_TIMESTAMP(6) WHERE id = ?")) {
                st.setString(1, hash(password));
                st.setLong(2, admin.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM login_throttle WHERE throttle_key = ?")) {
                st.setString(1, "login:" + admin.login().toLowerCase(Locale.ROOT));
                st.executeUpdate();
            }
            List<String> changes = new ArrayList<>(List.of("{\"field\":\"password\",\"from\":null,\"to\":null}"));
            if (!admin.status().equals("ACTIVE")) {
                changes.add("{\"field\":\"status\",\"from\":\"" + admin.status() + "\",\"to\":\"ACTIVE\"}");
            }
            history(c, admin.id(), "updated", "[" + String.join(",", changes) + "]");
            c.commit();
            announce("the password of the ADMIN '" + admin.login() + "' was reset"
                    + (admin.status().equals("ACTIVE") ? "" : " and his status " + admin.status() + " set to ACTIVE")
                    + "; his sessions and API tokens no longer work", password);
            return 0;
        }
    }

    /** A new ADMIN with a generated password (or CLIENTBASE_ADMIN_PASSWORD). */
    int createAdmin(String login) throws Exception {
        if (!login.matches(LOGIN_PATTERN)) {
            out.println("a login is 1 to 100 letters, digits and . _ @ + -: " + login);
            return 2;
        }
        String password = password();
        if (password == null) {
            return 2;
        }
        try (CommandDatabase db = CommandDatabase.open(dataFolder, false); Connection c = db.connect()) {
            if (!migrated(c)) {
                return 1;
            }
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO users (login, password_hash, name, type, status, rights)"
                    + " VALUES (?, ?, ?, 'ADMIN', 'ACTIVE', ?) RETURNING id")) {
                st.setString(1, login);
                st.setString(2, hash(password));
                st.setString(3, login);
                st.setString(4, ADMIN_RIGHTS);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (SQLException e) {
                c.rollback();
                if (e.getErrorCode() == 1062) {
                    out.println("a user with the login " + login + " exists already (reset-admin-password --login "
                            + login + " gives an ADMIN a new password)");
                    return 1;
                }
                throw e;
            }
            history(c, id, "created", "[{\"field\":\"login\",\"from\":null,\"to\":\"" + login + "\"},"
                    + "{\"field\":\"type\",\"from\":null,\"to\":\"ADMIN\"},{\"field\":\"status\",\"from\":null,\"to\":\"ACTIVE\"}]");
            c.commit();
            announce("created the ADMIN '" + login + "' (id " + id + ")", password);
            return 0;
        }
    }

    private record Admin(long id, String login, String status) {
    }

    private static Admin admin(Connection c, String login) throws SQLException {
        String sql = "SELECT id, login, status FROM users WHERE type = 'ADMIN'" + (login == null ? "" : " AND login = ?")
                + " ORDER BY id LIMIT 1 FOR UPDATE";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (login != null) {
                st.setString(1, login);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Admin(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    private boolean migrated(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                out.println("the database holds no clientbase tables yet: start the server once (it creates them and the first ADMIN)");
                return false;
            }
            return true;
        }
    }

    /** Written as the journal writes a change, with no actor: the command line is not a user. */
    private static void history(Connection c, long userId, String action, String changes) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO record_changes (record_type, record_id, action, owner_id,"
                + " actor_id, actor_login, at, changes) VALUES ('user', ?, ?, NULL, NULL, NULL, UTC_TIMESTAMP(6), ?)")) {
            st.setLong(1, userId);
            st.setString(2, action);
            st.setString(3, changes);
            st.executeUpdate();
        }
    }

    /** CLIENTBASE_ADMIN_PASSWORD when set (8 characters or more), else a generated one; null when refused. */
    private String password() {
        String given = CommandDatabase.setting("CLIENTBASE_ADMIN_PASSWORD");
        if (given == null) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        if (given.length() < 8 || given.length() > 200) {
            out.println("CLIENTBASE_ADMIN_PASSWORD must have 8 to 200 characters");
            return null;
        }
        return given;
    }

    private void announce(String what, String password) {
        out.println("clientbase: " + what + ".");
        if (CommandDatabase.setting("CLIENTBASE_ADMIN_PASSWORD") != null) {
            out.println("The password is the one in CLIENTBASE_ADMIN_PASSWORD.");
        } else {
            out.println("The new password, shown only this once:");
            out.println();
            out.println("    " + password);
            out.println();
        }
    }

    private static String hash(String password) {
        String cost = CommandDatabase.setting("CLIENTBASE_BCRYPT_COST");
        return BcryptUtil.bcryptHash(password, Math.max(10, cost == null ? 12 : Integer.parseInt(cost)));
    }
}
