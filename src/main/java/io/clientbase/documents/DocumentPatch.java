package io.clientbase.documents;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DocumentPatch", description = "Rename a document, move it to another client or owner")
public record DocumentPatch(
        @Size(min = 1, max = 255) @Schema(example = "Договор №17 (подписан).pdf") String fileName,
        @Schema(example = "101") Long clientId,
        @Schema(example = "7") Long ownerId) {
}
