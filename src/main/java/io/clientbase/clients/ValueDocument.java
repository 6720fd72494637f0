package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues.TypedValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A client's custom values as one JSON document (clients.field_values), kept beside the typed
 * rows of client_values in the same transaction: {"<fieldId>": value}. Text, numbers (plain
 * decimals), dates and date-times (UTC instants) are JSON strings, so nothing passes through a
 * floating-point number; checkboxes are booleans. Entries of fields in the trash stay as they are
 * (a restore brings them back); entries of purged fields are never read again, as field ids are
 * never reused.
 */
final class ValueDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueDocument() {
    }

    /** The values of the fields {@code fieldOf} knows (the caller's visible ones); other entries are skipped. */
    static Map<Long, TypedValue> read(String document, LongFunction<Field> fieldOf) {
        Map<Long, TypedValue> values = new HashMap<>();
        if (document == null || document.isEmpty()) {
            return values;
        }
        for (var it = tree(document).fields(); it.hasNext(); ) {
            var entry = it.next();
            long id = Long.parseLong(entry.getKey());
            Field field = fieldOf.apply(id);
            if (field != null && !entry.getValue().isNull()) {
                values.put(id, typed(field, entry.getValue()));
            }
        }
        return values;
    }

    /** The document after setting (or, for null, removing) the given values. */
    static String with(String document, Map<Field, TypedValue> changes) {
        ObjectNode tree = document == null || document.isEmpty() ? NODES.objectNode() : tree(document);
        changes.forEach((field, value) -> {
            if (value == null) {
                tree.remove(field.id.toString());
            } else {
                tree.set(field.id.toString(), node(value));
            }
        });
        return tree.isEmpty() ? null : tree.toString();
    }

    private static JsonNode node(TypedValue v) {
        if (v.bool() != null) {
            return NODES.booleanNode(v.bool());
        }
        if (v.number() != null) {
            return NODES.textNode(v.number().toPlainString());
        }
        if (v.date() != null) {
            return NODES.textNode(v.date().toString());
        }
        if (v.dateTime() != null) {
            return NODES.textNode(v.dateTime().toString());
        }
        return NODES.textNode(v.text());
    }

    private static TypedValue typed(Field field, JsonNode node) {
        return switch (field.type) {
            case NUMBER, MONEY -> new TypedValue(null, new BigDecimal(node.asText()), null, null, null);
            case DATE -> new TypedValue(null, null, LocalDate.parse(node.asText()), null, null);
            case DATETIME -> new TypedValue(null, null, null, Instant.parse(node.asText()), null);
            case CHECKBOX -> new TypedValue(null, null, null, null, node.asBoolean());
            default -> new TypedValue(node.asText(), null, null, null, null);
        };
    }

    private static ObjectNode tree(String document) {
        try {
            return (ObjectNode) JSON.readTree(document);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("a stored value document cannot be read", e);
        }
    }
}
