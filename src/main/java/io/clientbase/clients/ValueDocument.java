package io.clientbase.clients;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.platform.IsoInstantSerializer;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.ValueColumn;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

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

    /** The values of the fields the caller sees, typed; entries of other fields are skipped. */
    static Map<Long, TypedValue> read(String document, VisibleSchema schema) {
        Map<Long, TypedValue> values = new HashMap<>();
        Object[] raw = raw(document, schema);
        for (ValueColumn column : schema.columns()) {
            Object value = raw[column.index()];
            if (value != null) {
                values.put(column.id(), typed(column.type(), value));
            }
        }
        return values;
    }

    /**
     * Each visible column's value as text, by column index (null where the client holds none): what
     * the list shows, a number in plain notation, a checkbox as true or false, a multiselect's items
     * joined by |. For the export, which read each value typed and then as a JSON node to write a
     * cell: two fifths of its CPU for a head's 50,000 clients.
     */
    static String[] cells(String document, VisibleSchema schema) {
        Object[] raw = raw(document, schema);
        String[] cells = new String[raw.length];
        for (ValueColumn column : schema.columns()) {
            Object value = raw[column.index()];
            if (value != null) {
                cells[column.index()] = cell(column.type(), value);
            }
        }
        return cells;
    }

    private static String cell(FieldType type, Object raw) {
        return switch (type) {
            case NUMBER, MONEY -> FieldValues.shownText((String) raw);
            case DATETIME -> IsoInstantSerializer.text(Instant.parse((String) raw));
            case CHECKBOX -> raw.toString();
            case MULTISELECT -> {
                List<String> items = new ArrayList<>();
                FieldValues.multiselect((String) raw).forEach(item -> items.add(item.asText()));
                yield String.join("|", items);
            }
            default -> (String) raw;
        };
    }

    /** The values of the fields the caller sees as the API shows them, in the card's field order. */
    static VisibleValues json(String document, VisibleSchema schema) {
        if (document != null && document.indexOf('\\') < 0) {
            int[] starts = new int[schema.columns().size()];
            Arrays.fill(starts, -1);
            if (tokens(document, (fieldId, start, end) -> {
                ValueColumn column = schema.column(fieldId);
                if (column != null && document.charAt(start) != 'n') {
                    starts[column.index()] = start;
                }
            })) {
                return new VisibleValues(schema.columns(), document, starts, null);
            }
        }
        return new VisibleValues(schema.columns(), null, null, raw(document, schema));
    }

    /**
     * A client's visible values, written straight to the response: no JSON tree is built for them
     * (building and writing trees was a fifth of the application's CPU for a page of 50 clients).
     * From a document in the shape {@link #with} writes, a text, and a number already in its shown
     * form once its fraction's trailing zeros are cut, are copied from the document as they stand
     * there (Jackson writes a string without escape or control character as it is): a page of 50
     * clients then makes no String of a value, which were a sixth of the bytes it allocated
     * (2026-12-05, async-profiler).
     */
    static final class VisibleValues implements JsonSerializable {
        private final List<ValueColumn> columns;
        /** The scanned document and, by column index, where each value's token starts in it (-1: none). */
        private final String document;
        private final int[] starts;
        /** Or, for a document of another shape, each value as Jackson read it, by column index. */
        private final Object[] raw;

        private VisibleValues(List<ValueColumn> columns, String document, int[] starts, Object[] raw) {
            this.columns = columns;
            this.document = document;
            this.starts = starts;
            this.raw = raw;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            for (ValueColumn column : columns) {
                if (raw != null) {
                    Object value = raw[column.index()];
                    if (value != null) {
                        gen.writeFieldName(column.key());
                        write(gen, column.type(), value);
                    }
                } else if (starts[column.index()] >= 0) {
                    gen.writeFieldName(column.key());
                    write(gen, column.type(), document, starts[column.index()]);
                }
            }
            gen.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
            serialize(gen, serializers);
        }

        @Override
        public String toString() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@link #write(JsonGenerator, FieldType, Object)} of the token at {@code start} of a scanned document. */
    private static void write(JsonGenerator gen, FieldType type, String document, int start) throws IOException {
        if (document.charAt(start) != '"') {
            write(gen, type, (Object) (document.charAt(start) == 't'));
            return;
        }
        int end = document.indexOf('"', start + 1);
        switch (type) {
            case NUMBER, MONEY -> {
                int shown = FieldValues.shownEnd(document, start + 1, end);
                if (shown < 0) {
                    writeNumber(gen, document.substring(start + 1, end));
                } else {
                    gen.writeRawValue(document, start + 1, shown - start - 1);
                }
            }
            case DATETIME, MULTISELECT, CHECKBOX -> write(gen, type, document.substring(start + 1, end));
            default -> gen.writeRawValue(document, start, end + 1 - start);
        }
    }

    /** What FieldValues.toJson shows for the stored value, without building the typed value first. */
    private static void write(JsonGenerator gen, FieldType type, Object raw) throws IOException {
        switch (type) {
            case NUMBER, MONEY -> writeNumber(gen, (String) raw);
            case DATETIME -> gen.writeString(IsoInstantSerializer.text(Instant.parse((String) raw)));
            case CHECKBOX -> gen.writeBoolean((Boolean) raw);
            case MULTISELECT -> gen.writeTree(FieldValues.multiselect((String) raw));
            default -> gen.writeString((String) raw);
        }
    }

    private static void writeNumber(JsonGenerator gen, String stored) throws IOException {
        if (FieldValues.isShown(stored)) {
            gen.writeNumber(stored);
        } else {
            gen.writeNumber(FieldValues.shown(new BigDecimal(stored)));
        }
    }

    /** Each visible column's stored value (a String, or a Boolean for checkboxes) by column index. */
    private static Object[] raw(String document, VisibleSchema schema) {
        Object[] raw = new Object[schema.columns().size()];
        walk(document, (fieldId, value) -> {
            ValueColumn column = schema.column(fieldId);
            if (column != null && value != null) {
                raw[column.index()] = value;
            }
        });
        return raw;
    }

    /** The text values stored for the given fields (what the free-text index reads). */
    static List<String> texts(String document, Set<Long> fieldIds) {
        List<String> texts = new ArrayList<>();
        walk(document, (fieldId, value) -> {
            if (value instanceof String text && fieldIds.contains(fieldId)) {
                texts.add(text);
            }
        });
        return texts;
    }

    /** One entry: a String, a Boolean, or null for a JSON null. */
    interface Entry {
        void accept(long fieldId, Object value);
    }

    /**
     * Each entry of the document in turn. A document as {@link #with} writes it, without an escape
     * in any value, is scanned as it is ({@link #scan}); any other is read by Jackson. A parser made
     * anew for each document allocated 1,000 bytes and took ~500 ns for the benchmark's document of
     * ten values, the scan 448 bytes and ~300 ns: measured as the application's CPU per request, 3-4 %
     * less for a page of 50 clients and 12 % less for an export (2026-12-05, 200,000 clients).
     */
    static void walk(String document, Entry entry) {
        if (document == null || document.isEmpty()) {
            return;
        }
        if (document.indexOf('\\') < 0 && scan(document, null)) {
            scan(document, entry);
            return;
        }
        try (JsonParser parser = JSON.getFactory().createParser(document)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                long fieldId = Long.parseLong(parser.currentName());
                JsonToken token = parser.nextToken();
                if (token.isScalarValue()) {
                    entry.accept(fieldId, token.isBoolean() ? Boolean.valueOf(token == JsonToken.VALUE_TRUE)
                            : token == JsonToken.VALUE_NULL ? null : parser.getText());
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a stored value document cannot be read", e);
        }
    }

    /**
     * Whether the document has exactly the shape {@link #with} writes - {@code {"<id>":"<text>",
     * "<id>":true,...}}, no space, strings without escape or control character, booleans or null -
     * and, with an entry, each entry given to it. Called first without one, so that a document of
     * another shape is given to Jackson before any entry is delivered.
     */
    static boolean scan(String d, Entry entry) {
        return tokens(d, entry == null ? null : (fieldId, start, end) -> entry.accept(fieldId, value(d, start, end)));
    }

    /** One entry of a scanned document: where its value's token starts and ends (a string with its quotes). */
    interface Token {
        void at(long fieldId, int start, int end);
    }

    /** The value of a token: a String, a Boolean, or null for a JSON null. */
    private static Object value(String d, int start, int end) {
        return switch (d.charAt(start)) {
            case '"' -> d.substring(start + 1, end - 1);
            case 't' -> Boolean.TRUE;
            case 'f' -> Boolean.FALSE;
            default -> null;
        };
    }

    /** {@link #scan(String, Entry)}, giving each entry's token where it lies in the document. */
    static boolean tokens(String d, Token token) {
        int n = d.length();
        if (n < 2 || d.charAt(0) != '{' || d.charAt(n - 1) != '}') {
            return false;
        }
        int i = 1;
        while (i < n - 1) {
            if (d.charAt(i) != '"') {
                return false;
            }
            long id = 0;
            int digits = 0;
            for (i++; i < n && isDigit(d.charAt(i)); i++, digits++) {
                id = id * 10 + (d.charAt(i) - '0');
            }
            if (digits == 0 || digits > 18 || !at(d, i, "\":")) {
                return false;
            }
            i += 2;
            int end;
            if (i < n && d.charAt(i) == '"') {
                end = endOfString(d, i + 1);
                if (end < 0) {
                    return false;
                }
                end++;
            } else if (at(d, i, "true") || at(d, i, "null")) {
                end = i + 4;
            } else if (at(d, i, "false")) {
                end = i + 5;
            } else {
                return false;
            }
            if (token != null) {
                token.at(id, i, end);
            }
            i = end;
            if (d.charAt(i) == ',' && i + 1 < n - 1) {
                i++;
            } else if (i != n - 1) {
                return false;
            }
        }
        return true;
    }

    /** The index of the quote that ends the string starting at {@code from}, or -1 (none, or a control character). */
    private static int endOfString(String d, int from) {
        for (int i = from; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean at(String d, int i, String token) {
        return d.startsWith(token, i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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

    private static TypedValue typed(FieldType type, Object raw) {
        return switch (type) {
            case NUMBER, MONEY -> new TypedValue(null, new BigDecimal((String) raw), null, null, null);
            case DATE -> new TypedValue(null, null, LocalDate.parse((String) raw), null, null);
            case DATETIME -> new TypedValue(null, null, null, Instant.parse((String) raw), null);
            case CHECKBOX -> new TypedValue(null, null, null, null, (Boolean) raw);
            default -> new TypedValue((String) raw, null, null, null, null);
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
