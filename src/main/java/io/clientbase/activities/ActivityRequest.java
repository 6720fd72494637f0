package io.clientbase.activities;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: clientId, type and subject required; ownerId defaults to the caller. Patch: members present change. */
@Schema(name = "ActivityRequest")
public record ActivityRequest(
        @Schema(example = "101") Long clientId,
        @Schema(example = "7") Long ownerId,
        Activity.Type type,
        @Size(min = 1, max = 500) @Schema(example = "Позвонить по договору") String subject,
        @Size(max = 5000) String notes,
        @Schema(example = "2026-03-01T09:30:00Z") Instant dueAt,
        Boolean done) {
}
