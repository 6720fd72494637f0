package io.clientbase.clients;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Delta sync (updatedSince, tombstones). */
@ConfigMapping(prefix = "clientbase.sync")
public interface SyncConfig {

    /**
     * How far behind now a sync page stops when the database will not show its running
     * transactions (an external server's user without the PROCESS privilege).
     */
    @WithDefault("PT60S")
    Duration fallbackWindow();
}
