package io.clientbase.clients;

import java.time.Instant;

/**
 * A client as the clients table holds it. Its custom values are {@code fieldValues}, one JSON
 * document (see {@link ValueDocument}); their typed copies for filters live in client_values. Rows
 * are read and written only by {@link ClientStore}; its version counts every change, custom values
 * included, under a row lock.
 */
public record Client(long id, String name, long ownerId, Instant createdAt, Instant updatedAt, Instant deletedAt,
                     int version, String fieldValues, String externalId) {

    public boolean inTrash() {
        return deletedAt != null;
    }

    Client withName(String newName) {
        return new Client(id, newName, ownerId, createdAt, updatedAt, deletedAt, version, fieldValues, externalId);
    }

    Client withExternalId(String id) {
        return new Client(this.id, name, ownerId, createdAt, updatedAt, deletedAt, version, fieldValues, id);
    }

    Client withOwner(long newOwner) {
        return new Client(id, name, newOwner, createdAt, updatedAt, deletedAt, version, fieldValues, externalId);
    }

    Client withDeletedAt(Instant at) {
        return new Client(id, name, ownerId, createdAt, updatedAt, at, version, fieldValues, externalId);
    }

    Client withFieldValues(String document) {
        return new Client(id, name, ownerId, createdAt, updatedAt, deletedAt, version, document, externalId);
    }

    /** The next version of this row, changed at {@code at}. */
    Client touched(Instant at) {
        return new Client(id, name, ownerId, createdAt, at, deletedAt, version + 1, fieldValues, externalId);
    }
}
