package io.clientbase.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Client")
public record ClientView(
        @Schema(example = "101", required = true) Long id,
        @Schema(example = "ООО Ромашка", required = true, maxLength = 300) String name,
        @Schema(example = "7", required = true) Long ownerId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(example = "CRM-000417", maxLength = ExternalIds.MAX_LENGTH,
                description = "The client's id in the integrator's system, when it has one") String externalId,
        @Schema(type = SchemaType.OBJECT, implementation = Object.class, additionalProperties = Schema.True.class, required = true,
                description = "Custom values keyed by field key; only fields visible to the caller",
                example = "{\"contract_no\":\"A-17\",\"first_payment\":\"2026-03-01\",\"vip\":true,\"employees\":42}") ValueDocument.VisibleValues fields,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Set while the client is in the trash") Instant deletedAt,
        @Schema(example = "3", required = true) int version) {
}
