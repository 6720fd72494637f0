package io.clientbase.clients;

import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.ValueColumn;
import io.clientbase.schema.FieldVisibility.VisibleField;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import io.clientbase.schema.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Visible schemas built in memory for unit tests: one section, the given fields, all writable. */
final class Schemas {

    private Schemas() {
    }

    static Field field(long id, String key, FieldType type) {
        Field f = new Field();
        f.id = id;
        f.sectionId = 1L;
        f.key = key;
        f.name = key;
        f.type = type;
        f.position = (int) id;
        f.options = type.hasOptions() ? List.of("vip", "new") : null;
        return f;
    }

    static VisibleSchema of(Field... fields) {
        Section section = new Section();
        section.id = 1L;
        section.name = "Main";
        Map<String, VisibleField> byKey = new LinkedHashMap<>();
        List<ValueColumn> columns = new ArrayList<>();
        Map<Long, ValueColumn> columnsById = new LinkedHashMap<>();
        List<VisibleField> list = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            VisibleField v = new VisibleField(fields[i], false);
            byKey.put(fields[i].key, v);
            list.add(v);
            ValueColumn column = new ValueColumn(i, fields[i].id, fields[i].key, fields[i].type);
            columns.add(column);
            columnsById.put(fields[i].id, column);
        }
        return new VisibleSchema(List.of(section), Map.of(1L, list), byKey, columns, columnsById);
    }
}
