package io.clientbase.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes the history of every change, and the webhook outbox beside it, on the caller's
 * transaction: the stores of clients, attached records and users call {@link #record} where they
 * write, so that a rolled-back change leaves neither an entry nor an event, and a committed one
 * both. Plain JDBC, many rows per statement for an import's batch.
 */
@ApplicationScoped
public class ChangeJournal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_STATEMENT = 1000;

    @Inject
    DataSource dataSource;

    @Inject
    CurrentCaller current;

    @Inject
    ObjectMapper mapper;

    /**
     * A change to a record kept as an entity, from its API view before (null for a create) and
     * after (null for a delete): the views name {@code id} and {@code ownerId}. An update that
     * set nothing leaves no entry.
     */
    public void recordViews(RecordType type, Object before, Object after) {
        recordViews(type, before, after, List.of());
    }

    /** The same, with changes the views do not show (a new password: named, never its value). */
    public void recordViews(RecordType type, Object before, Object after, List<FieldChange> unseen) {
        ObjectNode from = before == null ? null : mapper.valueToTree(before);
        ObjectNode to = after == null ? null : mapper.valueToTree(after);
        ObjectNode current = to != null ? to : from;
        List<FieldChange> changes = new ArrayList<>(Diff.between(from, to));
        changes.addAll(unseen);
        HistoryAction action;
        if (from == null) {
            action = HistoryAction.CREATED;
        } else if (to == null) {
            action = HistoryAction.DELETED;
        } else if (changes.isEmpty()) {
            return;
        } else {
            action = from.path("ownerId").equals(to.path("ownerId")) ? HistoryAction.UPDATED : HistoryAction.OWNER_CHANGED;
        }
        Long owner = current.path("ownerId").isNumber() ? current.path("ownerId").longValue() : null;
        record(new RecordChange(type, current.path("id").longValue(), action, owner, changes, current));
    }

    public void record(RecordChange change) {
        record(List.of(change));
    }

    public void record(List<RecordChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Optional<Caller> actor = actor();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < changes.size(); from += ROWS_PER_STATEMENT) {
                List<RecordChange> part = changes.subList(from, Math.min(changes.size(), from + ROWS_PER_STATEMENT));
                Written written = insertEntries(c, part, actor);
                if (written.webhooksActive()) {
                    insertOutbox(c, part, written.ids());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("history write failed", e);
        }
    }

    /** The actor of work done outside the request's thread (an import's writers), for this thread. */
    private static final ThreadLocal<Caller> ACTING = new ThreadLocal<>();

    /** Runs {@code work} on this thread with its changes recorded as {@code caller}'s. */
    public <T> T actingAs(Caller caller, java.util.function.Supplier<T> work) {
        Caller outer = ACTING.get();
        ACTING.set(caller);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ACTING.remove();
            } else {
                ACTING.set(outer);
            }
        }
    }

    private Optional<Caller> actor() {
        if (ACTING.get() != null) {
            return Optional.of(ACTING.get());
        }
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return current.find();
    }

    /** The ids of entries just written, and whether an active webhook wants them in the outbox. */
    private record Written(long[] ids, boolean webhooksActive) {
    }

    /**
     * The entries, many per statement; the same statement answers whether a webhook is active, which
     * was a statement, and a round trip to the database, of its own on every change (one of nine in a
     * create).
     */
    private static Written insertEntries(Connection c, List<RecordChange> part, Optional<Caller> actor) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO record_changes (record_type, record_id, action, owner_id, actor_id, actor_login, at, changes) VALUES ");
        for (int i = 0; i < part.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,UTC_TIMESTAMP(6),?)");
        }
        sql.append(" RETURNING id, EXISTS (SELECT 1 FROM webhooks WHERE active = TRUE)");
        long[] ids = new long[part.size()];
        boolean webhooksActive = false;
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (RecordChange change : part) {
                st.setString(p++, change.type().key);
                st.setLong(p++, change.recordId());
                st.setString(p++, change.action().key);
                st.setObject(p++, change.ownerId());
                st.setObject(p++, actor.map(Caller::id).orElse(null));
                st.setString(p++, actor.map(Caller::login).orElse(null));
                st.setString(p++, json(change.changes()));
            }
            try (ResultSet rs = st.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                    webhooksActive = rs.getBoolean(2);
                }
            }
        }
        return new Written(ids, webhooksActive);
    }

    private static void insertOutbox(Connection c, List<RecordChange> part, long[] ids) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO event_outbox (change_id, record) VALUES ");
        for (int i = 0; i < part.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?)");
        }
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < part.size(); i++) {
                st.setLong(p++, ids[i]);
                st.setString(p++, part.get(i).snapshot() == null ? null : json(part.get(i).snapshot()));
            }
            st.executeUpdate();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries of one record are read back as they were written: the changes' JSON. */
    static List<FieldChange> changes(String json) {
        try {
            return new ArrayList<>(List.of(JSON.readValue(json, FieldChange[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history entry", e);
        }
    }
}
