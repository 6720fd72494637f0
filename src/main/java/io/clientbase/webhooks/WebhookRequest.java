package io.clientbase.webhooks;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Size(max = 2000) @Schema(example = "https://hooks.example.com/crm", description = "http(s); must resolve to a public address") String url,
        @Size(max = 64) @Schema(example = "[\"client.created\",\"client.updated\"]",
                description = "client|activity|deal|document . created|updated|deleted|restored|purged|owner_changed; "
                        + "user.created|updated|deleted for an ADMIN") List<@Size(max = 40) String> events,
        @Size(max = 500) @Schema(example = "ERP sync") String description,
        @Schema(description = "Default true; setting true again clears a disabledReason") Boolean active) {
}
