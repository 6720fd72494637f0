package io.clientbase.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details; `type` ends in a stable kind name")
public record Problem(
        @Schema(example = "https://clientbase.io/problems/validation", required = true) String type,
        @Schema(example = "Validation failed", required = true) String title,
        @Schema(example = "422", required = true) int status,
        @Schema(example = "name: must not be blank") String detail,
        @Schema(example = "/api/v1/clients") String instance,
        @Schema(description = "The offending members, for validation problems") List<FieldError> errors,
        @Schema(description = "Also in the X-Request-Id response header; quote it when reporting a problem",
                example = "3f1c2a9e-8d0b-4a57-9a0e-1b2c3d4e5f60") String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "name", required = true) String field,
            @Schema(example = "must not be blank", required = true) String message) {
    }
}
