package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.OwnerScope;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the one SQL statement behind every client list: the owner scope in the WHERE, filters
 * and free text as EXISTS on the typed value table (indexed by field and value), and a keyset
 * ORDER BY with an opaque cursor, so pages stay stable while clients are inserted.
 */
@ApplicationScoped
public class ClientSearch {

    static final Set<String> PARAMETERS = Set.of("limit", "cursor", "sort", "q", "ownerId", "updatedSince", "deleted");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    ClientRows jdbc;

    @Inject
    TextIndex textIndex;

    public record Criteria(Integer limit, String cursor, String sort, String q, Long ownerId, Instant updatedSince,
                           boolean deleted, Map<String, List<String>> query) {
    }

    public record Result(List<Client> clients, Client last, boolean more, Sort sort) {
    }

    /** What the list is ordered by: a column of clients, or a custom field (nulls last). */
    public record Sort(String spec, String column, Field field, boolean descending) {
        boolean custom() {
            return field != null;
        }
    }

    public Result search(OwnerScope scope, VisibleSchema schema, Criteria criteria) {
        return search(scope, schema, criteria, Cursors.limit(criteria.limit()));
    }

    /** The same search with a page size of the server's choosing (bulk export). */
    public Result search(OwnerScope scope, VisibleSchema schema, Criteria criteria, int limit) {
        Sort sort = sort(criteria.sort(), schema, criteria.updatedSince() != null);
        List<Filter> filters = filters(criteria.query(), schema);
        boolean byId = sort.column().equals("c.id");
        // An equality filter's index lists its clients in id order: when the page is in id order,
        // that index drives the query and it stops after the page, instead of sorting every match.
        Filter driver = byId ? filters.stream().filter(Filter::listsClientsInIdOrder).findFirst().orElse(null) : null;
        List<String> trigrams = byId && driver == null && criteria.q() != null ? textIndex.narrowest(criteria.q().strip()) : List.of();
        Conditions where = conditions(scope, schema, criteria, filters, driver);
        String dir = sort.descending() ? " DESC" : " ASC";
        Long after = byId ? cursorId(sort, criteria.cursor()) : null;
        List<Object> params = new ArrayList<>();
        String sql;
        if (!trigrams.isEmpty()) {
            sql = textDriven(trigrams, scope, where, after, dir, limit, params);
        } else {
            StringBuilder b = new StringBuilder("SELECT c.* FROM ");
            b.append(driver == null ? "clients c" : "client_values d STRAIGHT_JOIN clients c ON c.id = d.client_id");
            if (sort.custom()) {
                b.append(" LEFT JOIN client_values sv ON sv.client_id = c.id AND sv.field_id = ").append(sort.field().id);
            }
            b.append(" WHERE ");
            if (driver != null) {
                b.append("d.field_id = ").append(driver.field().id).append(" AND d.").append(driver.indexedColumn()).append(" = ? AND ");
                params.add(driver.value());
                if (driver.indexedColumn().equals("v_text_key")) {
                    // the owner in the index entry (V10) leaves out-of-scope clients before their row is read
                    b.append(scope.sql("d.owner_id")).append(" AND ");
                }
            }
            String id = driver == null ? "c.id" : "d.client_id";
            where.appendTo(b, params);
            if (after != null) {
                b.append(" AND ").append(id).append(sort.descending() ? " < ?" : " > ?");
                params.add(after);
            } else if (!byId) {
                appendKeyset(b, params, sort, criteria.cursor());
            }
            b.append(" ORDER BY ");
            if (sort.custom()) {
                b.append("(").append(sort.column()).append(" IS NULL), ");
            }
            if (!byId) {
                b.append(sort.column()).append(dir).append(", ");
            }
            b.append(id).append(dir).append(" LIMIT ").append(limit + 1);
            sql = b.toString();
        }
        if (!trigrams.isEmpty() || driver != null) {
            // Join order and indexes are fixed here (STRAIGHT_JOIN from an index): the optimizer's
            // index dives into the owner IN-lists only cost time - 1.9 of d2's 2.4 ms in the server.
            sql = "SET STATEMENT eq_range_index_dive_limit = 1 FOR " + sql;
        }
        List<Client> found = jdbc.clients(sql, params);
        boolean more = found.size() > limit;
        List<Client> page = more ? found.subList(0, limit) : found;
        return new Result(page, page.isEmpty() ? null : page.get(page.size() - 1), more, sort);
    }

    /** The WHERE shared by every way of reaching the clients: scope, trash or sync, owner, text, filters. */
    private Conditions conditions(OwnerScope scope, VisibleSchema schema, Criteria criteria, List<Filter> filters, Filter driver) {
        StringBuilder sql = new StringBuilder(scope.sql("c.owner_id"));
        List<Object> params = new ArrayList<>();
        if (criteria.updatedSince() != null) {
            sql.append(" AND c.updated_at >= ?");
            params.add(criteria.updatedSince());
        } else {
            sql.append(criteria.deleted() ? " AND c.deleted_at IS NOT NULL" : " AND c.deleted_at IS NULL");
        }
        if (criteria.ownerId() != null) {
            sql.append(" AND c.owner_id = ?");
            params.add(criteria.ownerId());
        }
        appendText(sql, params, criteria.q(), schema);
        // a client has one value row per field: the filters on one field test it in one lookup
        Map<Long, List<Filter>> byField = new LinkedHashMap<>();
        for (Filter filter : filters) {
            if (filter != driver) {
                byField.computeIfAbsent(filter.field().id, id -> new ArrayList<>()).add(filter);
            }
        }
        byField.values().forEach(sameField -> Filter.appendExists(sql, params, sameField));
        return new Conditions(sql.toString(), params);
    }

    private record Conditions(String sql, List<Object> params) {
        void appendTo(StringBuilder b, List<Object> into) {
            b.append(sql);
            into.addAll(params);
        }
    }

    /**
     * Free text in id order, driven by the trigram index (V9): the clients holding the text's rarest
     * trigram, in id order, that hold its next rarest too, and - as the index may lag a change - the
     * clients changed since it last read them. Both stop after a page; the conditions (the LIKE on
     * the visible values among them) decide for each.
     */
    private static String textDriven(List<String> trigrams, OwnerScope scope, Conditions where, Long after, String dir, int limit,
                                     List<Object> params) {
        String next = dir.equals(" DESC") ? " < ?" : " > ?";
        StringBuilder sql = new StringBuilder("SELECT u.* FROM ((SELECT c.* FROM client_trigrams t0");
        for (int i = 1; i < trigrams.size(); i++) {
            sql.append(" STRAIGHT_JOIN client_trigrams t").append(i).append(" ON t").append(i).append(".trigram = ? AND t")
                    .append(i).append(".client_id = t0.client_id");
            params.add(trigrams.get(i));
        }
        // the owner beside the trigram leaves out-of-scope clients before their rows are read
        sql.append(" STRAIGHT_JOIN clients c ON c.id = t0.client_id WHERE t0.trigram = ? AND ").append(scope.sql("t0.owner_id"));
        params.add(trigrams.get(0));
        if (after != null) {
            sql.append(" AND t0.client_id").append(next);
            params.add(after);
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM client_text_dirty x WHERE x.client_id = t0.client_id) AND ");
        where.appendTo(sql, params);
        sql.append(" ORDER BY t0.client_id").append(dir).append(" LIMIT ").append(limit + 1).append(")");
        // the owner on the mark (V11) leaves marked clients outside the scope before their rows are read
        sql.append(" UNION ALL (SELECT c.* FROM client_text_dirty x STRAIGHT_JOIN clients c ON c.id = x.client_id WHERE ")
                .append(scope.sql("x.owner_id")).append(" AND ");
        if (after != null) {
            sql.append("x.client_id").append(next).append(" AND ");
            params.add(after);
        }
        where.appendTo(sql, params);
        sql.append(" ORDER BY x.client_id").append(dir).append(" LIMIT ").append(limit + 1).append(")) u");
        sql.append(" ORDER BY u.id").append(dir).append(" LIMIT ").append(limit + 1);
        return sql.toString();
    }

    /** The cursor after the last client of a page: the sort, the sort value and the id. */
    public String cursorAfter(Result result, Map<Long, TypedValue> lastValues) {
        if (!result.more() || result.last() == null) {
            return null;
        }
        Client last = result.last();
        ObjectNode cursor = mapper.createObjectNode().put("s", result.sort().spec()).put("id", last.id);
        Object value = sortValue(result.sort(), last, lastValues);
        if (value != null) {
            cursor.put("v", value.toString());
        }
        return Cursors.encode(cursor.toString());
    }

    private Sort sort(String spec, VisibleSchema schema, boolean syncing) {
        String s = spec == null || spec.isBlank() ? (syncing ? "updatedAt" : "id") : spec.strip();
        boolean desc = s.startsWith("-");
        String name = desc ? s.substring(1) : s;
        switch (name) {
            case "id": return new Sort(s, "c.id", null, desc);
            case "name": return new Sort(s, "c.name", null, desc);
            case "createdAt": return new Sort(s, "c.created_at", null, desc);
            case "updatedAt": return new Sort(s, "c.updated_at", null, desc);
            default:
                if (name.startsWith("field.")) {
                    Field field = visibleField(schema, name.substring(6), "sort");
                    return new Sort(s, "sv." + column(field.type), field, desc);
                }
                throw ApiException.invalid("sort", "must be id, name, createdAt, updatedAt or field.<key>, with - for descending");
        }
    }

    private void appendText(StringBuilder sql, List<Object> params, String q, VisibleSchema schema) {
        if (q == null || q.isBlank()) {
            return;
        }
        String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Long> textFields = schema.fields().stream().map(v -> v.field())
                .filter(f -> TextIndex.SEARCHABLE.contains(f.type)).map(f -> f.id).toList();
        sql.append(" AND (c.name LIKE ?");
        params.add(like);
        if (!textFields.isEmpty()) {
            sql.append(" OR (");
            if (appearsVerbatimInJson(q.strip())) {
                // The client's value document (on the row being read) must contain the text before the
                // typed rows of the visible text fields are looked up: most rows stop here (58 -> 40 ms
                // for a rare text over 1M clients). It only narrows: hidden fields never match below.
                sql.append("c.field_values LIKE ? AND ");
                params.add(like);
            }
            sql.append("EXISTS (SELECT 1 FROM client_values qv WHERE qv.client_id = c.id AND qv.field_id IN (")
                    .append(String.join(",", textFields.stream().map(String::valueOf).toList()))
                    .append(") AND qv.v_text LIKE ?))");
            params.add(like);
        }
        sql.append(")");
    }

    /** Text that JSON writes as it is: no quote, backslash or control character, which it would escape. */
    static boolean appearsVerbatimInJson(String text) {
        return text.chars().noneMatch(ch -> ch == '"' || ch == '\\' || ch < 0x20);
    }

    /** One condition on a custom value: {@code field op value}, the value already typed for binding. */
    record Filter(Field field, String op, Object value) {

        /** Longest text whose equality the key index (client_values.v_text_key, V8) answers alone. */
        static final int TEXT_KEY_LENGTH = 191;

        /** Equality on an index (field_id, value, client_id): its matches come in client id order. */
        boolean listsClientsInIdOrder() {
            if (!op.equals("=") || field.type == FieldType.MULTISELECT) {
                return false;
            }
            if (!(value instanceof String text)) {
                return true;
            }
            String significant = text.replaceFirst(" +$", ""); // the collation ignores trailing spaces
            return significant.codePointCount(0, significant.length()) <= TEXT_KEY_LENGTH;
        }

        String indexedColumn() {
            String column = column(field.type);
            return column.equals("v_text") ? "v_text_key" : column;
        }

        /** The filters of one field, all on its one value row. */
        static void appendExists(StringBuilder sql, List<Object> params, List<Filter> sameField) {
            sql.append(" AND EXISTS (SELECT 1 FROM client_values fv WHERE fv.client_id = c.id AND fv.field_id = ")
                    .append(sameField.get(0).field().id);
            for (Filter filter : sameField) {
                sql.append(" AND ");
                if (filter.field().type == FieldType.MULTISELECT) {
                    sql.append("JSON_CONTAINS(fv.v_text, JSON_QUOTE(?))");
                } else {
                    sql.append("fv.").append(column(filter.field().type)).append(' ').append(filter.op()).append(" ?");
                }
                params.add(filter.value());
            }
            sql.append(")");
        }
    }

    private static List<Filter> filters(Map<String, List<String>> query, VisibleSchema schema) {
        List<Filter> filters = new ArrayList<>();
        for (var entry : query.entrySet()) {
            String name = entry.getKey();
            if (PARAMETERS.contains(name)) {
                continue;
            }
            if (!name.startsWith("field.")) {
                throw unknownParameter(name, "is not a parameter of this list");
            }
            String rest = name.substring(6);
            String op = "=";
            if (rest.endsWith(".gte")) {
                op = ">=";
                rest = rest.substring(0, rest.length() - 4);
            } else if (rest.endsWith(".lte")) {
                op = "<=";
                rest = rest.substring(0, rest.length() - 4);
            }
            Field field = visibleField(schema, rest, name);
            if (!op.equals("=") && !field.type.isRanged()) {
                throw ApiException.invalid(name, "gte and lte apply to NUMBER, MONEY, DATE and DATETIME fields only");
            }
            for (String raw : entry.getValue()) {
                filters.add(new Filter(field, op, bindable(field.type, parseOperand(field, raw, name))));
            }
        }
        return filters;
    }

    /** The 400 for a query parameter that the endpoint does not apply: refused, never silently ignored. */
    static ApiException unknownParameter(String name, String why) {
        return new ApiException(ProblemKind.BAD_REQUEST, "Unknown query parameter '" + name + "'",
                List.of(new Problem.FieldError(name, why)), Map.of());
    }

    private ObjectNode cursor(Sort sort, String cursor) {
        ObjectNode c;
        try {
            c = (ObjectNode) mapper.readTree(Cursors.decode(cursor));
        } catch (JsonProcessingException | ClassCastException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
        if (!c.has("id") || !sort.spec().equals(c.path("s").asText())) {
            throw ApiException.invalid("cursor", "belongs to another sort order: start again without a cursor");
        }
        return c;
    }

    /** The last id of the previous page, for a list in id order; null on the first page. */
    private Long cursorId(Sort sort, String cursor) {
        return cursor == null || cursor.isBlank() ? null : cursor(sort, cursor).get("id").asLong();
    }

    private void appendKeyset(StringBuilder sql, List<Object> params, Sort sort, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return;
        }
        ObjectNode c = cursor(sort, cursor);
        long lastId = c.get("id").asLong();
        String after = sort.descending() ? "<" : ">";
        Object value = c.hasNonNull("v") ? cursorValue(sort, c.get("v").asText()) : null;
        String col = sort.column();
        if (value == null && sort.custom()) {
            sql.append(" AND (").append(col).append(" IS NULL AND c.id ").append(after).append(" ?)");
            params.add(lastId);
            return;
        }
        sql.append(" AND (");
        if (sort.custom()) {
            sql.append(col).append(" IS NULL OR ");
        }
        sql.append(col).append(' ').append(after).append(" ? OR (").append(col).append(" = ? AND c.id ").append(after).append(" ?))");
        params.add(value);
        params.add(value);
        params.add(lastId);
    }

    private Object sortValue(Sort sort, Client last, Map<Long, TypedValue> lastValues) {
        return switch (sort.column()) {
            case "c.id" -> null;
            case "c.name" -> last.name;
            case "c.created_at" -> last.createdAt;
            case "c.updated_at" -> last.updatedAt;
            default -> {
                TypedValue v = lastValues == null ? null : lastValues.get(sort.field().id);
                if (v == null) {
                    yield null;
                }
                yield switch (sort.field().type) {
                    case NUMBER, MONEY -> v.number() == null ? null : v.number().toPlainString();
                    case DATE -> v.date();
                    case DATETIME -> v.dateTime();
                    case CHECKBOX -> v.bool();
                    default -> v.text();
                };
            }
        };
    }

    private static Object cursorValue(Sort sort, String raw) {
        try {
            return switch (sort.column()) {
                case "c.name" -> raw;
                case "c.created_at", "c.updated_at" -> Instant.parse(raw);
                default -> switch (sort.field().type) {
                    case NUMBER, MONEY -> new BigDecimal(raw);
                    case DATE -> LocalDate.parse(raw);
                    case DATETIME -> LocalDateTime.ofInstant(Instant.parse(raw), ZoneOffset.UTC);
                    case CHECKBOX -> Boolean.parseBoolean(raw);
                    default -> raw;
                };
            };
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    private static TypedValue parseOperand(Field field, String raw, String param) {
        try {
            return FieldValues.parseQuery(field, raw);
        } catch (FieldValues.InvalidValue e) {
            throw ApiException.invalid(param, e.getMessage());
        }
    }

    static Object bindable(FieldType type, TypedValue v) {
        return switch (type) {
            case NUMBER, MONEY -> v.number();
            case DATE -> v.date();
            case DATETIME -> LocalDateTime.ofInstant(v.dateTime(), ZoneOffset.UTC);
            case CHECKBOX -> v.bool();
            default -> v.text();
        };
    }

    /** A hidden key answers exactly as an unknown one. */
    static Field visibleField(VisibleSchema schema, String key, String param) {
        return schema.field(key).map(v -> v.field())
                .orElseThrow(() -> ApiException.invalid(param, "'" + key + "' is not a field of the client card"));
    }

    static String column(FieldType type) {
        return switch (type) {
            case NUMBER, MONEY -> "v_number";
            case DATE -> "v_date";
            case DATETIME -> "v_datetime";
            case CHECKBOX -> "v_bool";
            default -> "v_text";
        };
    }
}
