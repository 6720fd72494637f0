package io.clientbase.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.clientbase.users.FieldAccessRule;
import io.clientbase.users.Rights;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import io.clientbase.users.UserType;
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
import javax.sql.DataSource;

/**
 * Reads everything a request needs to know about its caller in one statement, from one consistent
 * snapshot: the user row as stored now, his groups, the EMPLOYEEs he manages now (his scope) and
 * the card schema's version. Three row kinds in one UNION ALL, so that no list is cut short (as
 * GROUP_CONCAT would at group_concat_max_len) and the request costs one round trip to the database.
 */
@ApplicationScoped
public class CallerLoader {

    private static final String USER_COLUMNS = "u.id, u.login, u.password_hash, u.name, u.email, u.type, u.status, u.manager_id, "
            + "u.rights, u.field_access, u.token_version, u.created_at, u.updated_at, u.version, "
            + "(SELECT s.version FROM schema_state s WHERE s.id = 1)";
    private static final int COLUMNS = 15;
    private static final String NULLS = ", NULL".repeat(COLUMNS - 1);
    private static final String SQL = "SELECT 0, " + USER_COLUMNS + " FROM users u WHERE u.id = ?"
            + " UNION ALL SELECT 1, m.group_id" + NULLS + " FROM group_members m WHERE m.user_id = ?"
            + " UNION ALL SELECT 2, e.id" + NULLS + " FROM users e WHERE e.manager_id = ? AND e.type = 'EMPLOYEE'";
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private final DataSource dataSource;
    // readers resolved once: resolving the target type on every request showed in the profile
    private final ObjectReader rights;
    private final ObjectReader fieldAccess;

    @Inject
    public CallerLoader(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rights = mapper.readerFor(Rights.class);
        this.fieldAccess = mapper.readerFor(new TypeReference<List<FieldAccessRule>>() {
        });
    }

    public Optional<Caller> load(long userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(SQL)) {
            st.setLong(1, userId);
            st.setLong(2, userId);
            st.setLong(3, userId);
            User user = null;
            long schemaVersion = 0;
            List<Long> groups = new ArrayList<>();
            Set<Long> staff = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getInt(1)) {
                        case 0 -> {
                            user = user(rs);
                            schemaVersion = rs.getLong(COLUMNS + 1);
                        }
                        case 1 -> groups.add(rs.getLong(2));
                        default -> staff.add(rs.getLong(2));
                    }
                }
            }
            if (user == null) {
                return Optional.empty();
            }
            groups.sort(Long::compare);
            return Optional.of(new Caller(user, List.copyOf(groups), Set.copyOf(staff), schemaVersion));
        } catch (SQLException e) {
            throw new IllegalStateException("caller query failed", e);
        }
    }

    private User user(ResultSet rs) throws SQLException {
        User user = new User();
        user.id = rs.getLong(2);
        user.login = rs.getString(3);
        user.passwordHash = rs.getString(4);
        user.name = rs.getString(5);
        user.email = rs.getString(6);
        user.type = UserType.valueOf(rs.getString(7));
        user.status = UserStatus.valueOf(rs.getString(8));
        long manager = rs.getLong(9);
        user.managerId = rs.wasNull() ? null : manager;
        user.rights = json(rs.getString(10), rights);
        List<FieldAccessRule> access = json(rs.getString(11), fieldAccess);
        user.fieldAccess = access == null ? new ArrayList<>() : access;
        user.tokenVersion = rs.getInt(12);
        user.createdAt = instant(rs.getTimestamp(13, UTC.get()));
        user.updatedAt = instant(rs.getTimestamp(14, UTC.get()));
        user.version = rs.getInt(15);
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
}
