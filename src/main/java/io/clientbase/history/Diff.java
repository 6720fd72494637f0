package io.clientbase.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The members that differ between two states of a record, both as whole documents (never as the
 * patch that was sent), so that every change carries its true old value. The members of the
 * nested {@code fields} object are compared one by one and named {@code f:<key>}.
 */
public final class Diff {

    public static final String CUSTOM_PREFIX = "f:";

    /** Bookkeeping members that every change moves; they are the entry's own time, not a change. */
    private static final Set<String> IGNORED = Set.of("id", "version", "createdAt", "updatedAt", "deletedAt");

    private Diff() {
    }

    /** What changed from {@code before} (null for a create) to {@code after} (null for a purge). */
    public static List<FieldChange> between(ObjectNode before, ObjectNode after) {
        List<FieldChange> changes = new ArrayList<>();
        for (String member : members(before, after)) {
            if (IGNORED.contains(member)) {
                continue;
            }
            JsonNode from = value(before, member);
            JsonNode to = value(after, member);
            if (member.equals("fields") && (from.isObject() || to.isObject())) {
                for (String key : members(from.isObject() ? (ObjectNode) from : null, to.isObject() ? (ObjectNode) to : null)) {
                    add(changes, CUSTOM_PREFIX + key, value(from, key), value(to, key));
                }
            } else {
                add(changes, member, from, to);
            }
        }
        return changes;
    }

    private static void add(List<FieldChange> changes, String field, JsonNode from, JsonNode to) {
        if (!from.equals(to)) {
            changes.add(new FieldChange(field, from.isNull() ? null : from, to.isNull() ? null : to));
        }
    }

    private static Set<String> members(ObjectNode a, ObjectNode b) {
        Set<String> names = new LinkedHashSet<>();
        for (ObjectNode node : new ObjectNode[] {a, b}) {
            if (node != null) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
            }
        }
        return names;
    }

    private static JsonNode value(JsonNode node, String member) {
        if (node == null || !node.has(member)) {
            return NullNode.instance;
        }
        return node.get(member);
    }
}
