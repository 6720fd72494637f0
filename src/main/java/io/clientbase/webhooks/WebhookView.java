package io.clientbase.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Webhook")
public record WebhookView(
        @Schema(example = "3", required = true) long id,
        @Schema(example = "https://hooks.example.com/crm", required = true, maxLength = 2000) String url,
        @Schema(required = true, maxItems = 64, example = "[\"client.created\",\"client.updated\"]") List<@jakarta.validation.constraints.Size(max = 40) String> events,
        @Schema(example = "ERP sync", maxLength = 500) String description,
        @Schema(required = true, description = "false when turned off, or disabled by failures (disabledReason says why)") boolean active,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(maxLength = 300, example = "the endpoint answered 410 Gone") String disabledReason,
        @Schema(example = "7", required = true, description = "Whose view of the data the webhook delivers") long ownerId,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(example = "1", required = true) int version,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(maxLength = 100, example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                description = "Only in the answer to the create and to a rotation: keep it, it is not shown again") String secret) {

    static WebhookView of(Webhook w, String secret) {
        return new WebhookView(w.id(), w.url(), w.events(), w.description(), w.active(), w.disabledReason(), w.ownerId(), w.createdAt(),
                w.updatedAt(), w.version(), secret);
    }
}
