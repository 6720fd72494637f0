package io.clientbase.webhooks;

import io.clientbase.history.HistoryAction;
import io.clientbase.history.RecordType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event types a webhook may ask for: {@code <record>.<action>}; user.* only for an ADMIN's webhook. */
public final class WebhookEvents {

    public static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        for (RecordType type : RecordType.values()) {
            for (HistoryAction action : HistoryAction.values()) {
                if (type != RecordType.USER || action == HistoryAction.CREATED || action == HistoryAction.UPDATED
                        || action == HistoryAction.DELETED) {
                    all.add(type.key + "." + action.key);
                }
            }
        }
        ALL = Collections.unmodifiableSet(all);
    }

    private WebhookEvents() {
    }

    public static String of(RecordType type, HistoryAction action) {
        return type.key + "." + action.key;
    }

    /** The unknown names among {@code events}. */
    static List<String> unknown(List<String> events) {
        List<String> unknown = new ArrayList<>();
        for (String e : events) {
            if (e == null || !ALL.contains(e)) {
                unknown.add(String.valueOf(e));
            }
        }
        return unknown;
    }
}
