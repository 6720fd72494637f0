package io.clientbase.schema;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Section")
public record SectionView(
        @Schema(example = "4", required = true) Long id,
        @Schema(example = "Contract", required = true, maxLength = 200) String name,
        @Schema(example = "3", required = true) int position,
        @Schema(required = true) boolean builtIn,
        @Schema(example = "[2]", description = "Groups that may work with the section; empty means everyone", maxItems = 1000) List<Long> visibleToGroupIds,
        @Schema(example = "1") int version) {
}
