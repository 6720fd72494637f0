package io.clientbase.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Set the moment the JVM is asked to stop (SIGTERM, Ctrl-C), before Quarkus stops taking requests
 * and waits for those in flight (quarkus.shutdown.timeout): long work, a bulk import, ends at its
 * next safe point and answers what it did instead of being cut without an answer.
 */
@Singleton
public class ShutdownSignal {

    private static volatile boolean stopping;

    void register(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "clientbase-shutdown-signal"));
    }

    public static boolean stopping() {
        return stopping;
    }
}
