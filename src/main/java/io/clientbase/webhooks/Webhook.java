package io.clientbase.webhooks;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint as the webhooks table holds it. */
public record Webhook(long id, long ownerId, String url, List<String> events, String description, boolean active,
                      String disabledReason, String secret, String previousSecret, Instant previousExpiresAt,
                      Instant failingSince, Instant createdAt, Instant updatedAt, int version) {

    /** The secrets that sign a message sent at {@code now}: the current one, and the previous while it lasts. */
    List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousExpiresAt != null && previousExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    boolean wants(String eventType) {
        return active && events.contains(eventType);
    }
}
