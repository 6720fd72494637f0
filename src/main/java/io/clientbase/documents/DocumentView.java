package io.clientbase.documents;

import io.clientbase.clients.RecordResponses;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Document")
public record DocumentView(
        @Schema(example = "77", required = true) Long id,
        @Schema(example = "101", required = true) Long clientId,
        @Schema(example = "7", required = true) Long ownerId,
        @Schema(example = "Договор №17.pdf", required = true, maxLength = 255) String fileName,
        @Schema(example = "application/pdf", required = true, maxLength = 255) String contentType,
        @Schema(example = "48213", required = true) long size,
        @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", minLength = 64, maxLength = 64, pattern = "^[0-9a-f]{64}$") String sha256,
        Instant createdAt,
        Instant updatedAt,
        @Schema(example = "1") int version) implements RecordResponses.Versioned {

    static DocumentView of(Document d) {
        return new DocumentView(d.id, d.clientId, d.ownerId, d.fileName, d.contentType, d.size, d.sha256, d.createdAt,
                d.updatedAt, d.version);
    }
}
