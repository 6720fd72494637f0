package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues.TypedValue;
import java.io.IOException;
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
        // streamed rather than read as a tree: this runs for every client of every page
        try (JsonParser parser = JSON.getFactory().createParser(document)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                long id = Long.parseLong(parser.currentName());
                JsonToken token = parser.nextToken();
                Field field = fieldOf.apply(id);
                if (field == null || token == JsonToken.VALUE_NULL) {
                    parser.skipChildren();
                } else {
                    values.put(id, typed(field, token.isBoolean() ? null : parser.getText(), token == JsonToken.VALUE_TRUE));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a stored value document cannot be read", e);
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

    private static TypedValue typed(Field field, String text, boolean bool) {
        return switch (field.type) {
            case NUMBER, MONEY -> new TypedValue(null, new BigDecimal(text), null, null, null);
            case DATE -> new TypedValue(null, null, LocalDate.parse(text), null, null);
            case DATETIME -> new TypedValue(null, null, null, Instant.parse(text), null);
            case CHECKBOX -> new TypedValue(null, null, null, null, bool);
            default -> new TypedValue(text, null, null, null, null);
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
