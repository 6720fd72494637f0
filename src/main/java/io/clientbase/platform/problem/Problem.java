package io.clientbase.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body. Its texts are bounded (what a caller sent may be echoed in
 * them, and a 100 kB member name must not come back as a 100 kB problem): longer ones are cut.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details; `type` ends in a stable kind name")
public record Problem(
        @Schema(example = "https://clientbase.io/problems/validation", required = true, maxLength = 200) String type,
        @Schema(example = "Validation failed", required = true, maxLength = MAX_TEXT) String title,
        @Schema(example = "422", required = true, minimum = "400", maximum = "599") int status,
        @Schema(example = "name: must not be blank", maxLength = MAX_DETAIL) String detail,
        @Schema(example = "/api/v1/clients", maxLength = MAX_DETAIL) String instance,
        @Schema(description = "The offending members, for validation problems", maxItems = MAX_ERRORS) List<FieldError> errors,
        @Schema(description = "Also in the X-Request-Id response header; quote it when reporting a problem",
                example = "3f1c2a9e-8d0b-4a57-9a0e-1b2c3d4e5f60", maxLength = 64) String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final int MAX_TEXT = 200;
    public static final int MAX_DETAIL = 4000;
    public static final int MAX_ERRORS = 1000;

    public Problem {
        title = cut(title, MAX_TEXT);
        detail = cut(detail, MAX_DETAIL);
        instance = cut(instance, MAX_DETAIL);
        errors = errors == null || errors.size() <= MAX_ERRORS ? errors : List.copyOf(errors.subList(0, MAX_ERRORS));
    }

    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "name", required = true, maxLength = MAX_TEXT) String field,
            @Schema(example = "must not be blank", required = true, maxLength = 1000) String message) {

        public FieldError {
            field = cut(field, MAX_TEXT);
            message = cut(message, 1000);
        }
    }
}
