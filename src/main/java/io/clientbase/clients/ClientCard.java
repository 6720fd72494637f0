package io.clientbase.clients;

import jakarta.validation.constraints.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.schema.FieldType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The client card: what one screen needs, in display order, only what the caller may see. */
@Schema(name = "ClientCard")
public record ClientCard(
        @Schema(example = "101", required = true) Long id,
        @Schema(example = "ООО Ромашка", required = true, maxLength = 300) String name,
        @Schema(example = "7", required = true) Long ownerId,
        @Schema(example = "3", required = true) int version,
        @Schema(required = true, maxItems = 200) List<CardSection> sections) {

    @Schema(name = "CardSection")
    public record CardSection(
            @Schema(example = "4") Long id,
            @Schema(example = "Contract", maxLength = 200) String name,
            @Schema(maxItems = 1000) List<CardField> fields) {
    }

    @Schema(name = "CardField")
    public record CardField(
            @Schema(example = "contract_no", maxLength = 64) String key,
            @Schema(example = "Contract no.", maxLength = 200) String name,
            FieldType type,
            @Schema(ref = "CardValue") JsonNode value,
            boolean readOnly,
            boolean required,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(maxItems = 200) List<@Size(max = 200) String> options) {
    }
}
