package io.clientbase.webhooks;

import java.time.Instant;

/** One message to one endpoint with the outcome of its attempts, as webhook_deliveries holds it. */
public record Delivery(long id, long webhookId, long changeId, String messageId, String eventType, String recordKey, Long ownerId,
                       String body, State state, int attempts, Integer lastStatus, String lastError, Integer lastDurationMs,
                       Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt) {

    public enum State { PENDING, DELIVERED, FAILED, SKIPPED }
}
