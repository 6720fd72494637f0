package io.clientbase.history;

import io.clientbase.platform.JobLeases;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.smallrye.config.ConfigMapping;
import org.jboss.logging.Logger;

/**
 * Removes history entries older than {@code CLIENTBASE_HISTORY_RETENTION} (a duration such as
 * {@code 365d}; unset: keep everything), hourly, in bounded deletes, on the instance that holds
 * the job's lease (each delete would also be safe beside another: it removes what is old).
 */
@ApplicationScoped
public class HistoryRetention {

    static final String JOB = "history-retention";

    @Inject
    JobLeases leases;


    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);
    private static final int BATCH = 5000;

    @ConfigMapping(prefix = "clientbase.history")
    public interface HistoryConfig {
        /** Entries older than this go; empty keeps everything. */
        Optional<Duration> retention();
    }

    @Inject
    HistoryConfig config;

    @Inject
    HistoryStore store;

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOld() {
        if (config.retention().isEmpty() || !leases.hold(JOB)) {
            return; // nothing to remove, or another instance of the cluster removes it
        }
        try {
            purgeOlderThan(Instant.now().minus(config.retention().get()));
        } finally {
            leases.release(JOB);
        }
    }

    /** How many entries went. */
    int purgeOlderThan(Instant cutoff) {
        int removed = 0;
        for (int n = BATCH; n == BATCH; removed += n) {
            n = store.purgeOlderThan(cutoff, BATCH);
        }
        if (removed > 0) {
            LOG.infof("History retention: removed %d entries older than %s", removed, cutoff);
        }
        return removed;
    }
}
