package io.clientbase.history;

import com.fasterxml.jackson.databind.JsonNode;

import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.Page;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.schema.FieldVisibility;
import io.clientbase.schema.FieldVisibility.ValueColumn;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the history for a reader: the record's own service has already decided that he sees the
 * record (404 otherwise); here each entry keeps only the custom fields his schema shows, named by
 * their current key. The audit list is the ADMIN's.
 */
@ApplicationScoped
public class HistoryService {

    @Inject
    HistoryStore store;

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    FieldVisibility visibility;

    /** The history of a record the caller has been found to see, newest first. */
    public Page<HistoryView> ofRecord(RecordType type, long recordId, String cursor, Integer limit) {
        int size = Cursors.limit(limit);
        List<HistoryEntry> entries = store.ofRecord(type, recordId, Cursors.decodeId(cursor), size + 1);
        return page(entries, size, visibility.of(current.get()));
    }

    public Page<HistoryView> audit(Long actorId, String recordType, Instant since, String cursor, Integer limit) {
        Caller caller = current.get();
        rights.requireAdmin(caller);
        RecordType type = null;
        if (recordType != null) {
            try {
                type = RecordType.fromKey(recordType);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("recordType", "must be one of client, activity, deal, document, user");
            }
        }
        int size = Cursors.limit(limit);
        return page(store.audit(actorId, type, since, Cursors.decodeId(cursor), size + 1), size, visibility.of(caller));
    }

    private static Page<HistoryView> page(List<HistoryEntry> entries, int size, VisibleSchema schema) {
        boolean more = entries.size() > size;
        List<HistoryEntry> shown = more ? entries.subList(0, size) : entries;
        List<HistoryView> items = shown.stream().map(e -> view(e, schema)).toList();
        return new Page<>(items, more ? Cursors.encode(String.valueOf(shown.get(shown.size() - 1).id())) : null);
    }

    public static HistoryView view(HistoryEntry e, VisibleSchema schema) {
        return new HistoryView(e.id(), e.at(), new HistoryView.Actor(e.actorId(), e.actorLogin()), e.type().key, e.recordId(),
                e.action().key, visible(e.changes(), schema));
    }

    /** The changes a reader with this schema may see; custom fields named fields.<key>, hidden ones left out. */
    public static List<HistoryView.Change> visible(List<FieldChange> changes, VisibleSchema schema) {
        List<HistoryView.Change> shown = new ArrayList<>(changes.size());
        for (FieldChange change : changes) {
            String field = change.field();
            if (field.startsWith(Diff.CUSTOM_PREFIX)) {
                ValueColumn column = customColumn(field, schema);
                if (column == null) {
                    continue;
                }
                field = "fields." + column.key();
                shown.add(new HistoryView.Change(field, asShown(column, change.from()), asShown(column, change.to())));
                continue;
            }
            shown.add(new HistoryView.Change(field, change.from(), change.to()));
        }
        return shown;
    }

    /** A stored custom value as the record shows it: numbers are kept as exact decimal text and shown as JSON numbers. */
    private static JsonNode asShown(ValueColumn column, JsonNode stored) {
        boolean numeric = column.type() == io.clientbase.schema.FieldType.NUMBER || column.type() == io.clientbase.schema.FieldType.MONEY;
        if (numeric && stored != null && stored.isTextual()) {
            try {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(io.clientbase.schema.FieldValues.shown(new java.math.BigDecimal(stored.textValue())));
            } catch (NumberFormatException e) {
                return stored;
            }
        }
        return stored;
    }

    private static ValueColumn customColumn(String field, VisibleSchema schema) {
        try {
            return schema.column(Long.parseLong(field.substring(Diff.CUSTOM_PREFIX.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
