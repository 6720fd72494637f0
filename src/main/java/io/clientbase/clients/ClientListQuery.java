package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client list as the caller asked for it, checked and typed against his visible schema: the page
 * size, the sort, the keyset position after the cursor, free text, the owner, sync or trash, and
 * the custom-field filters. Every 400/422 of the list's parameters is decided here, before any SQL
 * ({@link ClientSql} turns a query into a statement). A hidden field answers exactly as an unknown one.
 */
public record ClientListQuery(int limit, Sort sort, Keyset after, String q, List<Long> textFieldIds, Long ownerId,
                              Instant updatedSince, boolean deleted, List<Filter> filters, List<String> externalIds) {

    static final Set<String> PARAMETERS = Set.of("limit", "cursor", "sort", "q", "ownerId", "updatedSince", "deleted", "externalId");
    static final int MAX_EXTERNAL_IDS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The list's parameters as they arrived (query: every query parameter, for the field filters). */
    public record Parameters(Integer limit, String cursor, String sort, String q, Long ownerId, Instant updatedSince,
                             boolean deleted, Map<String, List<String>> query) {
    }

    /** What the list is ordered by: a column of clients, or a custom field (nulls last). */
    public record Sort(String spec, String column, Field field, boolean descending) {
        boolean custom() {
            return field != null;
        }

        boolean byId() {
            return column.equals("c.id");
        }
    }

    /** Where the previous page ended: its last id and, for a sort other than id, its sort value (typed for binding). */
    public record Keyset(long id, Object value) {
    }

    /** One condition on a custom value: {@code field op value}, the value already typed for binding. */
    public record Filter(Field field, String op, Object value) {

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

        /** A bound (gte / lte) of a range. */
        boolean isRange() {
            return !op.equals("=");
        }

        String indexedColumn() {
            return ClientListQuery.indexedColumn(field.type);
        }
    }

    /** Checks and types the parameters; {@code limit} is the page size already bounded. */
    public static ClientListQuery parse(Parameters p, VisibleSchema schema, int limit) {
        Sort sort = sort(p.sort(), schema, p.updatedSince() != null);
        List<Filter> filters = filters(p.query() == null ? Map.of() : p.query(), schema);
        Keyset after = keyset(sort, p.cursor());
        String q = p.q() == null || p.q().isBlank() ? null : p.q().strip();
        List<Long> textFields = schema.fields().stream().map(v -> v.field())
                .filter(f -> TextIndex.SEARCHABLE.contains(f.type)).map(f -> f.id).toList();
        return new ClientListQuery(limit, sort, after, q, textFields, p.ownerId(), p.updatedSince(), p.deleted(), filters,
                externalIds(p.query() == null ? null : p.query().get("externalId")));
    }

    /** The externalId= values: each an external id, at most {@value #MAX_EXTERNAL_IDS}; empty when not asked for. */
    private static List<String> externalIds(List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_EXTERNAL_IDS) {
            throw ApiException.invalid("externalId", "at most " + MAX_EXTERNAL_IDS + " values");
        }
        given.forEach(id -> ExternalIds.check("externalId", id));
        return List.copyOf(given);
    }

    /** The cursor after the last client of a page: the sort, the sort value and the id. */
    static String cursorAfter(Sort sort, Client last, Map<Long, TypedValue> lastValues) {
        ObjectNode cursor = JSON.createObjectNode().put("s", sort.spec()).put("id", last.id());
        Object value = sortValue(sort, last, lastValues);
        if (value != null) {
            cursor.put("v", value.toString());
        }
        return Cursors.encode(cursor.toString());
    }

    /** The 400 for a query parameter that the endpoint does not apply: refused, never silently ignored. */
    static ApiException unknownParameter(String name, String why) {
        return new ApiException(ProblemKind.BAD_REQUEST, "Unknown query parameter '" + name + "'",
                List.of(new Problem.FieldError(name, why)), Map.of());
    }

    /** The column of client_values whose indexes hold a type's values: text by its key (V8). */
    static String indexedColumn(FieldType type) {
        String column = column(type);
        return column.equals("v_text") ? "v_text_key" : column;
    }

    /** The typed column of client_values that holds a field type's values. */
    static String column(FieldType type) {
        return switch (type) {
            case NUMBER, MONEY -> "v_number";
            case DATE -> "v_date";
            case DATETIME -> "v_datetime";
            case CHECKBOX -> "v_bool";
            default -> "v_text";
        };
    }

    private static Sort sort(String spec, VisibleSchema schema, boolean syncing) {
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

    private static Keyset keyset(Sort sort, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        ObjectNode c;
        try {
            c = (ObjectNode) JSON.readTree(Cursors.decode(cursor));
        } catch (JsonProcessingException | ClassCastException | IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
        if (!c.has("id") || !sort.spec().equals(c.path("s").asText())) {
            throw ApiException.invalid("cursor", "belongs to another sort order: start again without a cursor");
        }
        Object value = !sort.byId() && c.hasNonNull("v") ? cursorValue(sort, c.get("v").asText()) : null;
        return new Keyset(c.get("id").asLong(), value);
    }

    private static Object sortValue(Sort sort, Client last, Map<Long, TypedValue> lastValues) {
        return switch (sort.column()) {
            case "c.id" -> null;
            case "c.name" -> last.name();
            case "c.created_at" -> last.createdAt();
            case "c.updated_at" -> last.updatedAt();
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

    private static Field visibleField(VisibleSchema schema, String key, String param) {
        return schema.field(key).map(v -> v.field())
                .orElseThrow(() -> ApiException.invalid(param, "'" + key + "' is not a field of the client card"));
    }
}
