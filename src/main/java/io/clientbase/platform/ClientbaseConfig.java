package io.clientbase.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/**
 * The settings every feature shares: the data folder and the HTTP body limits (each feature's own
 * settings are its own mapping). Environment names as in the README (CLIENTBASE_DATA_DIR, …).
 */
@ConfigMapping(prefix = "clientbase")
public interface ClientbaseConfig {

    /** Embedded database, keys, documents and the generated admin password. */
    Path dataDir();

    /**
     * Requests this instance works on at once; beyond them a request is answered 503 with
     * Retry-After at once instead of waiting in a queue without bound.
     */
    @io.smallrye.config.WithDefault("256")
    int maxInFlight();

    /** Largest request body (413 above it). */
    MemorySize maxBodySize();

    /** Origins whose pages may call the API from a browser (CORS); none by default. */
    Cors cors();

    interface Cors {
        java.util.Optional<java.util.List<String>> origins();
    }

    @WithName("import")
    Import importLimits();

    interface Import {
        /** Largest bulk import body. */
        MemorySize maxSize();
    }

    Jobs jobs();

    interface Jobs {
        /**
         * How long an instance holds a background job's lease without renewing it (JobLeases): the
         * longest a cluster waits for another instance to take over from a killed one.
         */
        @io.smallrye.config.WithDefault("10s")
        java.time.Duration lease();
    }
}
