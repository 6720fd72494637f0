package io.clientbase.history;

/** What a change did to its record; {@link #key} is its name in the history and in event types. */
public enum HistoryAction {
    CREATED("created"), UPDATED("updated"), DELETED("deleted"), RESTORED("restored"), OWNER_CHANGED("owner_changed"),
    PURGED("purged");

    public final String key;

    HistoryAction(String key) {
        this.key = key;
    }

    public static HistoryAction fromKey(String key) {
        for (HistoryAction a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
