package io.clientbase.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "clientbase.webhooks")
public interface WebhooksConfig {

    /** The waits between attempts, as Svix's: 5s,5m,30m,2h,5h,10h,10h (CLIENTBASE_WEBHOOKS_RETRY_SCHEDULE). */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    String retrySchedule();

    /** How long an endpoint has to answer one attempt. */
    @WithDefault("15s")
    Duration timeout();

    /** Hosts or CIDR blocks that may be private or loopback (CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS, comma-separated). */
    Optional<String> allowedHosts();

    /** An endpoint that has failed for this long without one success is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** How often an instance looks for new events and due messages. */
    @WithDefault("1s")
    Duration poll();

    /** How long a rotated-out secret still signs beside the new one. */
    @WithDefault("24h")
    Duration previousSecretFor();
}
