package io.clientbase.schema;

import io.clientbase.access.Caller;
import io.clientbase.access.FieldAccessRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one component that computes which sections and fields a caller may see and which of them
 * he may write: section visibility by group (empty = everyone; ADMIN sees all) combined with the
 * user's fieldAccess (HIDDEN / READ_ONLY per section or field). Computed on every call from the
 * caller as read for this request and the schema at least as recent as that read
 * ({@link SchemaCatalog}), so a change applies on the next request.
 */
@ApplicationScoped
public class FieldVisibility {

    @Inject
    SchemaCatalog catalog;

    /** A visible field and whether the caller may only read it. */
    public record VisibleField(Field field, boolean readOnly) {
    }

    /** What one caller sees of the card schema, sections in display order, fields in display order. */
    /**
     * What reading a value needs of a visible field, as plain values: the entities' enhanced
     * accessors cost too much when called for every value of every client of a page (profile).
     */
    public record ValueColumn(int index, long id, String key, FieldType type) {
    }

    public record VisibleSchema(List<Section> sections, Map<Long, List<VisibleField>> fieldsBySection,
                                Map<String, VisibleField> fieldsByKey, List<ValueColumn> columns, Map<Long, ValueColumn> columnsById,
                                ValueColumn[] columnsBySmallId) {

        /** Ids below this are looked up in an array: a field id is a small number in any real schema. */
        private static final int SMALL_IDS = 4096;

        public VisibleSchema(List<Section> sections, Map<Long, List<VisibleField>> fieldsBySection,
                             Map<String, VisibleField> fieldsByKey, List<ValueColumn> columns, Map<Long, ValueColumn> columnsById) {
            this(sections, fieldsBySection, fieldsByKey, columns, columnsById, bySmallId(columns));
        }

        private static ValueColumn[] bySmallId(List<ValueColumn> columns) {
            long highest = columns.stream().mapToLong(ValueColumn::id).filter(id -> id >= 0 && id < SMALL_IDS).max().orElse(-1);
            ValueColumn[] byId = new ValueColumn[(int) highest + 1];
            columns.stream().filter(c -> c.id() >= 0 && c.id() <= highest).forEach(c -> byId[(int) c.id()] = c);
            return byId;
        }

        /**
         * The visible field with this id as a value column, or null. Asked for every value of every
         * client a page shows: the map's lookup of a boxed id was 2.4 % of a page's CPU (profile).
         */
        public ValueColumn column(long id) {
            return id >= 0 && id < columnsBySmallId.length ? columnsBySmallId[(int) id] : columnsById.get(id);
        }

        public Optional<VisibleField> field(String key) {
            return Optional.ofNullable(fieldsByKey.get(key));
        }

        public boolean sees(Section section) {
            return sections.stream().anyMatch(s -> s.id.equals(section.id));
        }

        public Collection<VisibleField> fields() {
            return fieldsByKey.values();
        }
    }

    public VisibleSchema of(Caller caller) {
        SchemaCatalog.Snapshot schema = catalog.atLeast(caller.schemaVersion());
        List<Section> sections = schema.sections();
        List<Field> fields = schema.fields();
        Map<Long, Set<Long>> sectionGroups = schema.sectionGroups();
        Set<Long> myGroups = new HashSet<>(caller.groupIds());
        Rules rules = caller.isAdmin() ? Rules.NONE : Rules.of(caller.fieldAccess());

        List<Section> visibleSections = new ArrayList<>();
        Map<Long, List<VisibleField>> bySection = new LinkedHashMap<>();
        for (Section section : sections) {
            Set<Long> allowed = sectionGroups.getOrDefault(section.id, Set.of());
            boolean groupAllows = caller.isAdmin() || allowed.isEmpty() || allowed.stream().anyMatch(myGroups::contains);
            if (groupAllows && !rules.hiddenSections.contains(section.id)) {
                visibleSections.add(section);
                bySection.put(section.id, new ArrayList<>());
            }
        }
        Map<String, VisibleField> byKey = new LinkedHashMap<>();
        List<ValueColumn> columns = new ArrayList<>();
        Map<Long, ValueColumn> byId = new HashMap<>();
        for (Field field : fields) {
            List<VisibleField> list = bySection.get(field.sectionId);
            if (list == null || rules.hiddenFields.contains(field.id)) {
                continue;
            }
            boolean readOnly = rules.readOnlySections.contains(field.sectionId) || rules.readOnlyFields.contains(field.id);
            VisibleField visible = new VisibleField(field, readOnly);
            list.add(visible);
            byKey.put(field.key, visible);
            ValueColumn column = new ValueColumn(columns.size(), field.id, field.key, field.type);
            columns.add(column);
            byId.put(field.id, column);
        }
        return new VisibleSchema(visibleSections, bySection, byKey, List.copyOf(columns), byId);
    }

    private record Rules(Set<Long> hiddenSections, Set<Long> hiddenFields, Set<Long> readOnlySections, Set<Long> readOnlyFields) {
        static final Rules NONE = new Rules(Set.of(), Set.of(), Set.of(), Set.of());

        static Rules of(List<FieldAccessRule> access) {
            Rules r = new Rules(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            if (access == null) {
                return r;
            }
            for (FieldAccessRule rule : access) {
                boolean hidden = rule.access() == FieldAccessRule.Access.HIDDEN;
                if (rule.sectionId() != null) {
                    (hidden ? r.hiddenSections : r.readOnlySections).add(rule.sectionId());
                } else if (rule.fieldId() != null) {
                    (hidden ? r.hiddenFields : r.readOnlyFields).add(rule.fieldId());
                }
            }
            return r;
        }
    }
}
