package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    private static List<String> items(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }
}
