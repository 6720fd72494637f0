package io.clientbase.platform;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the embedded database's shutdown hook wait until the application has stopped serving, so
 * that SIGTERM or Ctrl-C stop the API first and the database after it.
 */
@Singleton
public class ShutdownLatch {

    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    void onStop(@Observes ShutdownEvent event) {
        STOPPED.countDown();
    }

    static void awaitApplicationStopped() {
        try {
            // beyond quarkus.shutdown.timeout (30 s by default), in which requests in flight finish
            STOPPED.await(120, TimeUnit.SECONDS);
            Thread.sleep(500); // let the connection pool close its sockets
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
