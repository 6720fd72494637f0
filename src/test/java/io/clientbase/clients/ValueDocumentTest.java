package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.ValueColumn;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A client's stored value document read as the list shows it and as the export writes its cells. */
@Tag("unit")
class ValueDocumentTest {

    private static final List<FieldType> TYPES = Arrays.asList(FieldType.values());

    /** One visible column per type, field id = 10 + its index; field 99 is stored but not visible. */
    private static VisibleSchema everyType() {
        List<ValueColumn> columns = new ArrayList<>();
        Map<Long, ValueColumn> byId = new HashMap<>();
        for (FieldType type : TYPES) {
            ValueColumn column = new ValueColumn(columns.size(), 10 + columns.size(), "f_" + type.name().toLowerCase(), type);
            columns.add(column);
            byId.put(column.id(), column);
        }
        return new VisibleSchema(List.of(), Map.of(), Map.of(), List.copyOf(columns), byId);
    }

    private static final String DOCUMENT = "{\"10\":\"Ромашка, \\\"ООО\\\"\",\"11\":\"12.50\",\"12\":\"2026-01-31\",\"13\":true,"
            + "\"14\":\"gold\",\"15\":\"[\\\"a\\\",\\\"b c\\\"]\",\"16\":\"x@example.com\",\"17\":\"+7 495 123-45-67\","
            + "\"18\":\"https://example.com/?a=1\",\"19\":\"2026-03-01T10:15:30.250Z\",\"20\":\"1E+3\",\"99\":\"hidden\"}";

    @Test
    void anExportedCellIsTheValueTheListShowsWrittenAsText() throws Exception {
        VisibleSchema schema = everyType();
        String[] cells = ValueDocument.cells(DOCUMENT, schema);
        JsonNode listed = new ObjectMapper().readTree(ValueDocument.json(DOCUMENT, schema).toString());
        for (ValueColumn column : schema.columns()) {
            JsonNode shown = listed.get(column.key());
            String asText = shown.isArray() ? String.join("|", items(shown)) : shown.isNumber() ? shown.decimalValue().toPlainString() : shown.asText();
            assertEquals(asText, cells[column.index()], column.type().name());
        }
        assertEquals(List.of("Ромашка, \"ООО\"", "12.5", "2026-01-31", "true", "gold", "a|b c", "x@example.com", "+7 495 123-45-67",
                "https://example.com/?a=1", "2026-03-01T10:15:30.250Z", "1000"), Arrays.asList(cells));
    }

    @Test
    void aFieldTheClientHoldsNoValueOfHasNoCellAndAHiddenFieldsEntryIsNotRead() {
        VisibleSchema schema = everyType();
        String[] cells = ValueDocument.cells("{\"11\":\"0.10\",\"99\":\"hidden\"}", schema);
        assertEquals(TYPES.size(), cells.length);
        assertEquals("0.1", cells[1]);
        for (int i = 0; i < cells.length; i++) {
            if (i != 1) {
                assertNull(cells[i], TYPES.get(i).name());
            }
        }
        assertEquals(TYPES.size(), ValueDocument.cells(null, schema).length);
    }

    @Test
    void everyDocumentTheServerWritesIsScannedWithoutAParserAndReadAsJacksonReadsIt() throws Exception {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ09 ,:{}[]\"\\/\n\t\u0001\u001fé€Ромашка😀";
        int scanned = 0;
        for (int i = 0; i < 5_000; i++) {
            Map<io.clientbase.schema.Field, io.clientbase.schema.FieldValues.TypedValue> values = new java.util.LinkedHashMap<>();
            for (int f = random.nextInt(6); f > 0; f--) {
                io.clientbase.schema.Field field = new io.clientbase.schema.Field();
                field.id = (long) random.nextInt(100_000);
                values.put(field, random.nextInt(4) == 0
                        ? new io.clientbase.schema.FieldValues.TypedValue(null, null, null, null, random.nextBoolean())
                        : new io.clientbase.schema.FieldValues.TypedValue(text(random, alphabet), null, null, null, null));
            }
            String document = ValueDocument.with(null, values);
            if (document == null) {
                continue;
            }
            assertEquals(jacksonEntries(document), entries(document), document);
            scanned += ValueDocument.scan(document, null) ? 1 : 0;
        }
        assertTrue(scanned > 1_000, "documents without an escape are scanned: " + scanned);
    }

    @Test
    void aDocumentOfAnotherShapeIsReadByJacksonAndAMalformedOneIsRefused() throws Exception {
        for (String document : List.of("{ \"11\" : \"x\" }", "{\"11\":\"a\\\"b\"}", "{\"11\":[\"a\"],\"12\":\"b\"}",
                "{\"011\":\"x\",\"11\":null}", "{}", "{\"11\":\"x\",}")) {
            if (document.endsWith(",}")) {
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> entries(document));
                continue;
            }
            assertEquals(jacksonEntries(document), entries(document), document);
        }
        assertEquals(List.of("11=x"), entries("{\"11\":\"x\"}"));
        assertEquals(List.of("11=12.50", "13=false"), entries("{\"11\":12.50,\"13\":false}"), "a number as written");
        org.junit.jupiter.api.Assertions.assertFalse(ValueDocument.scan("{\"11\":\"x\u0001\"}", null));
    }

    @Test
    void aValueCopiedFromTheDocumentIsWrittenExactlyAsTheSameValueReadByJackson() throws Exception {
        VisibleSchema schema = everyType();
        java.util.Random random = new java.util.Random(11);
        String alphabet = "aZ09 ,:{}[]/'<>&é€Ромашка😀\u2028\u007f";
        List<String> numbers = List.of("12.50", "1200.00", "0.0", "-0.000", "1E+3", "1.2E-7", "-12.5", "0.0000010", "7");
        int compared = 0;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder document = new StringBuilder("{");
            for (int f = 10; f < 10 + TYPES.size() + 1; f++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int id = f == 10 + TYPES.size() ? 99 : f;
                FieldType type = id == 99 ? FieldType.TEXT : TYPES.get(id - 10);
                String value = switch (type) {
                    case NUMBER, MONEY -> '"' + numbers.get(random.nextInt(numbers.size())) + '"';
                    case CHECKBOX -> random.nextBoolean() ? "true" : "false";
                    case DATE -> "\"2026-01-31\"";
                    case DATETIME -> random.nextBoolean() ? "\"2026-03-01T10:15:30.250Z\"" : "\"2026-03-01T10:15:30Z\"";
                    case MULTISELECT -> "\"[\\\"a\\\",\\\"b c\\\"]\"";
                    default -> '"' + text(random, alphabet).replace("\"", "'").replace("\\", "/") + '"';
                };
                document.append(document.length() > 1 ? "," : "").append('"').append(id).append("\":")
                        .append(random.nextInt(9) == 0 ? "null" : value);
            }
            String scanned = document.append('}').toString();
            String parsed = "{ " + scanned.substring(1);
            assertEquals(ValueDocument.json(parsed, schema).toString(), ValueDocument.json(scanned, schema).toString(), scanned);
            compared += ValueDocument.scan(scanned, null) && scanned.indexOf('\\') < 0 ? 1 : 0;
        }
        assertTrue(compared > 600, "documents copied from: " + compared);
        assertEquals("{\"f_text\":\"Ромашка 😀\",\"f_number\":1200,\"f_money\":12.5}", ValueDocument.json(
                "{\"11\":\"1200.00\",\"20\":\"12.50\",\"10\":\"Ромашка 😀\",\"99\":\"x\"}", schema).toString());
    }

    private static List<String> entries(String document) {
        List<String> entries = new ArrayList<>();
        ValueDocument.walk(document, (id, value) -> entries.add(id + "=" + value));
        return entries;
    }

    /** The scalar entries as Jackson's tree reads them, in order. */
    private static List<String> jacksonEntries(String document) throws Exception {
        List<String> entries = new ArrayList<>();
        new ObjectMapper().readTree(document).fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode()) {
                entries.add(Long.parseLong(e.getKey()) + "=" + (v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.asText()));
            }
        });
        return entries;
    }

    private static String text(java.util.Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        boolean plain = random.nextBoolean();
        for (int n = random.nextInt(12); n > 0; n--) {
            int at = random.nextInt(plain ? 4 : alphabet.length());
            b.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                    : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : String.valueOf(alphabet.charAt(at)));
        }
        return b.toString();
    }

    private static List<String> items(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }
}
