package io.clientbase.schema;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: name required. Patch: only the members present change. */
@Schema(name = "SectionRequest")
public record SectionRequest(
        @Size(min = 1, max = 200) @Schema(example = "Договор") String name,
        @Min(0) @Schema(example = "3", description = "Display order; defaults to after the last section") Integer position,
        @Size(max = 1000) @Schema(example = "[2]") List<@NotNull Long> visibleToGroupIds) {
}
