package io.clientbase.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A section or a single field that is HIDDEN or READ_ONLY for one user. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FieldAccess", description = "Names either sectionId or fieldId")
public record FieldAccessRule(
        @Schema(example = "4") Long sectionId,
        @Schema(example = "9") Long fieldId,
        @Schema(required = true) Access access) {

    public enum Access { HIDDEN, READ_ONLY }
}
