package io.clientbase.activities;

import io.clientbase.clients.RecordResponses;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Activity")
public record ActivityView(
        @Schema(example = "501", required = true) Long id,
        @Schema(example = "101", required = true) Long clientId,
        @Schema(example = "7", required = true) Long ownerId,
        @Schema(required = true) Activity.Type type,
        @Schema(example = "Позвонить по договору", required = true, maxLength = 500) String subject,
        @Schema(example = "Обсудить сроки оплаты", maxLength = 5000) String notes,
        @Schema(example = "2026-03-01T09:30:00Z") Instant dueAt,
        @Schema(required = true) boolean done,
        Instant createdAt,
        Instant updatedAt,
        @Schema(example = "1") int version) implements RecordResponses.Versioned {

    static ActivityView of(Activity a) {
        return new ActivityView(a.id, a.clientId, a.ownerId, a.type, a.subject, a.notes, a.dueAt, a.done, a.createdAt,
                a.updatedAt, a.version);
    }
}
