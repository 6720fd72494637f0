package io.clientbase.schema;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: sectionId, key, name and type required. Patch: only the members present change; key and type never. */
@Schema(name = "FieldRequest")
public record FieldRequest(
        @Schema(example = "4") Long sectionId,
        @Pattern(regexp = "^[a-z][a-z0-9_]{0,63}$", message = "must be lowercase letters, digits and underscores, starting with a letter (at most 64)")
        @Schema(example = "contract_no", maxLength = 64) String key,
        @Size(min = 1, max = 200) @Schema(example = "Номер договора") String name,
        FieldType type,
        Boolean required,
        @Min(0) Integer position,
        @Size(max = 200) List<@NotBlank @Size(max = 200) String> options,
        @Min(1) @Max(FieldValues.TEXT_MAX) Integer maxLength) {
}
