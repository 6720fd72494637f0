package io.clientbase.access;

/** The areas of the client base that rights are given for. */
public enum Area {
    CLIENTS, ACTIVITIES, DEALS, DOCUMENTS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
