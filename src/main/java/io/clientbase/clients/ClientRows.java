package io.clientbase.clients;

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
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Plain JDBC for the hot read paths of client lists. Their SQL is built per request (scope,
 * filters, keyset), which made Hibernate's native-query plan cache compare long strings on every
 * call (seen in the profile); the rows are read-only here, so no persistence context is needed.
 * Timestamps are read and bound in UTC, as Hibernate does with hibernate-orm.jdbc.timezone=UTC.
 */
@ApplicationScoped
public class ClientRows {

    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    @Inject
    DataSource dataSource;

    /** One client by id, detached and read-only, or null: reads of a single client skip the persistence context (profile of case c). */
    public Client byId(long id) {
        List<Client> found = clients("SELECT c.* FROM clients c WHERE c.id = ?", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Rows of {@code SELECT c.* FROM clients c …} as detached, read-only clients. */
    public List<Client> clients(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            List<Client> result = new ArrayList<>();
            while (rs.next()) {
                Client client = new Client();
                client.id = rs.getLong("id");
                client.name = rs.getString("name");
                client.ownerId = rs.getLong("owner_id");
                client.createdAt = instant(rs.getTimestamp("created_at", UTC.get()));
                client.updatedAt = instant(rs.getTimestamp("updated_at", UTC.get()));
                client.deletedAt = instant(rs.getTimestamp("deleted_at", UTC.get()));
                client.version = rs.getInt("version");
                client.fieldValues = rs.getString("field_values");
                result.add(client);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("client query failed", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant instant) {
                st.setTimestamp(i + 1, Timestamp.from(instant), UTC.get());
            } else {
                st.setObject(i + 1, p);
            }
        }
        return st;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
