package io.clientbase.clients;

import io.clientbase.platform.Cursors;
import io.clientbase.platform.problem.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A purged client, for syncing apps: its id and when it went. */
public record Tombstone(long id, Instant purgedAt) {

    /** Where the next page of tombstones starts: after this one. */
    String cursor() {
        return Cursors.encode(purgedAt + "|" + id);
    }

    static Tombstone fromCursor(String cursor) {
        String[] parts = Cursors.decode(cursor).split("\\|");
        try {
            if (parts.length == 2) {
                return new Tombstone(Long.parseLong(parts[1]), Instant.parse(parts[0]));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // answered below
        }
        throw ApiException.invalid("cursor", "is not a cursor this API issued");
    }
}
