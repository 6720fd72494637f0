package io.clientbase.clients;

/**
 * One change to one client, as {@link ClientStore} wrote it: the row before (null for a create) and
 * after (null for a purge), both as stored.
 */
public record ClientChange(Kind kind, Client before, Client after) {

    public enum Kind { CREATED, UPDATED, DELETED, RESTORED, OWNER_CHANGED, PURGED }

    /** The row as it is now, or as it was last for a purge. */
    public Client current() {
        return after != null ? after : before;
    }

    public boolean ownerChanged() {
        return before != null && after != null && before.ownerId() != after.ownerId();
    }
}
