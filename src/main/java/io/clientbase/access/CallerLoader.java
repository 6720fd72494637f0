package io.clientbase.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Everything a request needs to know about its caller, as stored now: the user row, his groups,
 * the EMPLOYEEs he manages now (his scope) and the card schema's version.
 * <p>
 * Every request reads the access counter (raised by triggers on every change to users, group
 * memberships and groups, V12) and the schema version, in one primary-key statement. A caller loaded
 * while the counter stood where it stands now is the caller as stored now, so it is served from
 * memory; any other value loads him again. The full load is one statement whose rows all come from
 * one snapshot, counter included: three row kinds in one UNION ALL, so that no list is cut short (as
 * GROUP_CONCAT would at group_concat_max_len). Loading the caller on every request was half the
 * database's work for a client by id (benchmark, issue #8).
 */
@ApplicationScoped
public class CallerLoader {

    // never the password hash: a request has no use for it, and callers are kept in memory
    private static final String USER_COLUMNS = "u.id, u.login, u.name, u.email, u.type, u.status, u.manager_id, "
            + "u.rights, u.field_access, u.token_version, u.created_at, u.updated_at, u.version, "
            + "(SELECT s.version FROM schema_state s WHERE s.id = 1), (SELECT a.version FROM access_state a WHERE a.id = 1)";
    private static final int COLUMNS = 15;
    private static final String NULLS = ", NULL".repeat(COLUMNS - 1);
    private static final String SQL = "SELECT 0, " + USER_COLUMNS + " FROM users u WHERE u.id = ?"
            + " UNION ALL SELECT 1, m.group_id" + NULLS + " FROM group_members m WHERE m.user_id = ?"
            + " UNION ALL SELECT 2, e.id" + NULLS + " FROM users e WHERE e.manager_id = ? AND e.type = 'EMPLOYEE'";
    private static final String VERSIONS = "SELECT a.version, s.version FROM access_state a JOIN schema_state s ON s.id = 1 WHERE a.id = 1";
    // one entry per user who made a request since the last change; beyond this they are loaded every time
    static final int MAX_CALLERS = 10_000;
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private final DataSource dataSource;
    // readers resolved once: resolving the target type on every request showed in the profile
    private final ObjectReader rights;
    private final ObjectReader fieldAccess;
    private volatile Known known = new Known(-1);
    // the card schema's version as last read with the access counter
    private volatile long lastSchemaVersion = -1;

    @Inject
    public CallerLoader(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rights = mapper.readerFor(Rights.class);
        this.fieldAccess = mapper.readerFor(new TypeReference<List<FieldAccessRule>>() {
        });
    }

    public Optional<Caller> load(long userId) {
        try (Connection c = dataSource.getConnection()) {
            Versions now = versions(c);
            lastSchemaVersion = now.schema();
            Known known = this.known;
            if (known.accessVersion != now.access()) {
                known = new Known(now.access());
                this.known = known;
            }
            Caller remembered = known.callers.get(userId);
            if (remembered != null) {
                return Optional.of(remembered.atSchemaVersion(now.schema()));
            }
            return Optional.ofNullable(loadAndRemember(c, userId, known));
        } catch (SQLException e) {
            throw new IllegalStateException("caller query failed", e);
        }
    }

    private record Versions(long access, long schema) {
    }

    /** A caller as remembered, with the check that he is still the caller as stored. */
    public record Remembered(Caller caller, CallerCheck check) {
    }

    /**
     * The caller as loaded while the access counter stood where it last stood, without a statement;
     * he is the caller as stored as long as {@link Remembered#check} passes. Empty when he is not
     * remembered.
     */
    Optional<Remembered> remembered(long userId) {
        Known known = this.known;
        long schema = lastSchemaVersion;
        Caller caller = known.accessVersion < 0 || schema < 0 ? null : known.callers.get(userId);
        return caller == null ? Optional.empty()
                : Optional.of(new Remembered(caller.atSchemaVersion(schema), new CallerCheck(known.accessVersion, schema)));
    }

    /** Makes the check in a round trip of its own. */
    boolean standsAt(CallerCheck check) {
        try (Connection c = dataSource.getConnection()) {
            Versions now = versions(c);
            return check.stands(now.access(), now.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("caller query failed", e);
        }
    }

    private static Versions versions(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(VERSIONS); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("access_state or schema_state has no row 1");
            }
            return new Versions(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Loads the caller; remembers him only if his snapshot is the one the counter names. */
    private Caller loadAndRemember(Connection c, long userId, Known known) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SQL)) {
            st.setLong(1, userId);
            st.setLong(2, userId);
            st.setLong(3, userId);
            Account user = null;
            long schemaVersion = 0;
            long accessVersion = 0;
            List<Long> groups = new ArrayList<>();
            Set<Long> staff = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getInt(1)) {
                        case 0 -> {
                            user = user(rs);
                            schemaVersion = rs.getLong(COLUMNS);
                            accessVersion = rs.getLong(COLUMNS + 1);
                        }
                        case 1 -> groups.add(rs.getLong(2));
                        default -> staff.add(rs.getLong(2));
                    }
                }
            }
            if (user == null) {
                return null;
            }
            groups.sort(Long::compare);
            Caller caller = new Caller(user.id, user.login, user.name, user.email, user.type, user.status, user.managerId,
                    user.rights, user.fieldAccess, user.tokenVersion, user.createdAt, user.updatedAt, user.version,
                    groups, staff, schemaVersion);
            if (accessVersion == known.accessVersion && known.callers.size() < MAX_CALLERS) {
                known.callers.put(userId, caller);
            }
            return caller;
        }
    }

    /** The columns of the user row, before they become a caller. */
    private static final class Account {
        long id;
        String login;
        String name;
        String email;
        UserType type;
        UserStatus status;
        Long managerId;
        Rights rights;
        List<FieldAccessRule> fieldAccess;
        int tokenVersion;
        Instant createdAt;
        Instant updatedAt;
        int version;
    }

    private Account user(ResultSet rs) throws SQLException {
        Account user = new Account();
        user.id = rs.getLong(2);
        user.login = rs.getString(3);
        user.name = rs.getString(4);
        user.email = rs.getString(5);
        user.type = UserType.valueOf(rs.getString(6));
        user.status = UserStatus.valueOf(rs.getString(7));
        long manager = rs.getLong(8);
        user.managerId = rs.wasNull() ? null : manager;
        user.rights = json(rs.getString(9), rights);
        List<FieldAccessRule> access = json(rs.getString(10), fieldAccess);
        user.fieldAccess = access;
        user.tokenVersion = rs.getInt(11);
        user.createdAt = instant(rs.getTimestamp(12, UTC.get()));
        user.updatedAt = instant(rs.getTimestamp(13, UTC.get()));
        user.version = rs.getInt(14);
        return user;
    }

    private static <T> T json(String text, ObjectReader reader) {
        try {
            return text == null ? null : reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored user JSON cannot be read", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The callers loaded while the access counter stood at one value. */
    private static final class Known {
        final long accessVersion;
        final ConcurrentHashMap<Long, Caller> callers = new ConcurrentHashMap<>();

        Known(long accessVersion) {
            this.accessVersion = accessVersion;
        }
    }
}
