package io.clientbase.history;

/** The kinds of record whose changes are kept; {@link #key} names them in the API and in event types. */
public enum RecordType {
    CLIENT("client"), ACTIVITY("activity"), DEAL("deal"), DOCUMENT("document"), USER("user");

    public final String key;

    RecordType(String key) {
        this.key = key;
    }

    public static RecordType fromKey(String key) {
        for (RecordType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
