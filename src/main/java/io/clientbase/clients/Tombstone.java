package io.clientbase.clients;

import io.clientbase.platform.Cursors;
import io.clientbase.platform.problem.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client gone from the caller's view, for syncing apps: its id, when it went and why. */
public record Tombstone(
        long id,
        Instant purgedAt,
        @Schema(description = "PURGED: deleted for good, at purgedAt. LEFT_SCOPE: it still exists, but since purgedAt the"
                + " caller no longer sees it"
                + " (given to an owner outside his scope, or its owner now answers to another manager); should it come"
                + " back into his scope, the list's updatedSince carries it again.") Reason reason) {

    /** Why a client is gone from the caller's view. */
    @Schema(name = "TombstoneReason", description = "Why a client is gone from the caller's view")
    public enum Reason { PURGED, LEFT_SCOPE }

    /** Where the next page of tombstones starts: after this one. */
    String cursor() {
        return Cursors.encode(purgedAt + "|" + id);
    }

    static Tombstone fromCursor(String cursor) {
        String[] parts = Cursors.decode(cursor).split("\\|");
        try {
            if (parts.length == 2) {
                return new Tombstone(Long.parseLong(parts[1]), Instant.parse(parts[0]), Reason.PURGED);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // answered below
        }
        throw ApiException.invalid("cursor", "is not a cursor this API issued");
    }
}
