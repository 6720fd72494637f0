package io.clientbase.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the embedded database's shutdown hook wait until the application has stopped serving, so
 * that SIGTERM or Ctrl-C stop the API first and the database after it. An application that never
 * started (its start failed: a migration, or the embedded server that started beside it) has nothing
 * to wait for: the process ends at once with the reason, not 120 s later.
 */
@Singleton
public class ShutdownLatch {

    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        STOPPED.countDown();
    }

    static void awaitApplicationStopped() {
        if (!started) {
            return;
        }
        try {
            // beyond quarkus.shutdown.timeout (30 s by default), in which requests in flight finish
            STOPPED.await(120, TimeUnit.SECONDS);
            Thread.sleep(500); // let the connection pool close its sockets
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
