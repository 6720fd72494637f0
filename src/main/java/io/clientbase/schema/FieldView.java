package io.clientbase.schema;

import jakarta.validation.constraints.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Field")
public record FieldView(
        @Schema(example = "9", required = true) Long id,
        @Schema(example = "4", required = true) Long sectionId,
        @Schema(example = "contract_no", required = true, description = "Stable slug used in the API: lowercase letters, digits, underscore", maxLength = 64) String key,
        @Schema(example = "Contract no.", required = true, maxLength = 200) String name,
        @Schema(required = true) FieldType type,
        @Schema(required = true) boolean required,
        @Schema(example = "1", required = true) int position,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The choices of a SELECT or MULTISELECT field", example = "[\"new\", \"active\"]", maxItems = 200) List<@Size(max = 200) String> options,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Longest TEXT value (at most 2000)", example = "100") Integer maxLength,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Set while the field is in the trash") Instant deletedAt,
        @Schema(example = "1") int version) {

    static FieldView of(Field f) {
        return new FieldView(f.id, f.sectionId, f.key, f.name, f.type, f.required, f.position, f.options, f.maxLength,
                f.deletedAt, f.version);
    }
}
