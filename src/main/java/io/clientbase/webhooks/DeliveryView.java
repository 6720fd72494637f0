package io.clientbase.webhooks;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDelivery")
public record DeliveryView(
        @Schema(example = "901", required = true) long id,
        @Schema(example = "msg_5012_3", required = true, maxLength = 40, description = "The webhook-id header: the same on every attempt") String messageId,
        @Schema(example = "client.updated", required = true, maxLength = 40) String eventType,
        @Schema(example = "PENDING", required = true, enumeration = {"PENDING", "DELIVERED", "FAILED", "SKIPPED"}, maxLength = 12,
                description = "SKIPPED: the owner no longer saw the record when it was due") String state,
        @Schema(example = "2", required = true, description = "Attempts made since it was created or redelivered") int attempts,
        @Schema(example = "500", nullable = true) Integer lastStatus,
        @Schema(example = "connection refused", nullable = true, maxLength = 300) String lastError,
        @Schema(example = "35", nullable = true) Integer lastDurationMs,
        @Schema(required = true) Instant createdAt,
        @Schema(nullable = true, maxLength = 64) Instant lastAttemptAt,
        @Schema(nullable = true, maxLength = 64, description = "When the next attempt is due, while PENDING") Instant nextAttemptAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.messageId(), d.eventType(), d.state().name(), d.attempts(), d.lastStatus(), d.lastError(),
                d.lastDurationMs(), d.createdAt(), d.lastAttemptAt(), d.state() == Delivery.State.PENDING ? d.nextAttemptAt() : null);
    }
}
