package io.clientbase.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Requests per caller (CLIENTBASE_RATE_LIMIT_PER_SECOND, CLIENTBASE_RATE_LIMIT_BURST; 0 = off).
 * A screen that opens a card fires a dozen requests at once, a sync a few hundred in a minute:
 * the default burst takes a whole screen, the rate a busy user and a script.
 */
@ConfigMapping(prefix = "clientbase.rate-limit")
public interface RateLimitConfig {

    /** Sustained requests per second per caller; 0 turns the limiter off. */
    @WithDefault("50")
    int perSecond();

    /** Requests a caller may send at once before the sustained rate applies. */
    @WithDefault("200")
    int burst();

    default boolean enabled() {
        return perSecond() > 0 && burst() > 0;
    }
}
