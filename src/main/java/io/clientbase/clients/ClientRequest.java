package io.clientbase.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: name required, ownerId defaults to the caller, externalId optional. Patch (merge): members present change; a null custom value removes it. */
@Schema(name = "ClientRequest")
public record ClientRequest(
        @Size(min = 1, max = 300) @Schema(example = "ООО Ромашка") String name,
        @Schema(example = "7", description = "A user inside the caller's scope") Long ownerId,
        @Schema(type = SchemaType.OBJECT, implementation = Object.class, additionalProperties = Schema.True.class,
                description = "Custom values keyed by field key",
                example = "{\"contract_no\":\"A-17\",\"vip\":true}") ObjectNode fields,
        @Size(min = 1, max = ExternalIds.MAX_LENGTH) @Schema(example = "CRM-000417", nullable = true,
                description = "The client's id in the integrator's system: unique, case-sensitive, 1 to 255 characters without "
                        + "control characters or surrounding spaces; null (patch) removes it") String externalId) {
}
