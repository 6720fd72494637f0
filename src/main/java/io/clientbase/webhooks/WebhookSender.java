package io.clientbase.webhooks;

import io.clientbase.history.RecordType;
import io.clientbase.platform.problem.DatabaseFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends the messages that are due: claimed with a lease (SKIP LOCKED, so one instance sends each),
 * the owner's sight of the record and the URL's address checked again at every attempt, signed
 * with Standard Webhooks, redirects not followed. Only a 2xx is a success; 410 disables the
 * endpoint; anything else is retried by the schedule, or later when the endpoint's Retry-After
 * asks for longer.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int BATCH = 32;
    private static final int MAX_ERROR = 300;

    @Inject
    WebhookStore store;

    @Inject
    WebhooksConfig config;

    @Inject
    AddressGuard guard;

    @Inject
    WebhookDispatcher dispatcher;

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    // its own executor: a blocking send on one of the pool's threads waits for work the client
    // does on its executor, so sharing the pool deadlocks once every thread sends
    private HttpClient http;
    private volatile RetrySchedule schedule;

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Made at the first send, not with the bean, which the dispatcher's first round creates right after every
     * start: its TLS context (the JDK's trust store) took 225 ms there, on an instance that may send nothing,
     * and a stop in those 225 ms logged a failed injection.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    private RetrySchedule schedule() {
        if (schedule == null) {
            schedule = RetrySchedule.parse(config.retrySchedule());
        }
        return schedule;
    }

    /** One round: the due messages, sent at once, their outcomes written. */
    void sendDue() {
        Instant leaseUntil = Instant.now().plus(config.timeout()).plusSeconds(30);
        List<Delivery> due = QuarkusTransaction.requiringNew().call(() -> store.claimDue(BATCH, leaseUntil));
        if (due.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Delivery d : due) {
            sends.add(CompletableFuture.runAsync(() -> attempt(d), pool));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(config.timeout().toSeconds() + 10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("Webhook round: %s (the leases let another round take the messages)", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(Delivery d) {
        try {
            Webhook w = store.byId(d.webhookId(), false);
            if (w == null || !w.active()) {
                return;
            }
            RecordType type = RecordType.fromKey(d.recordKey().substring(0, d.recordKey().indexOf(':')));
            boolean stillSees = dispatcher.reader(w.ownerId()).map(r -> dispatcher.sees(r.caller(), type, d.ownerId())).orElse(false);
            if (!stillSees) {
                write(() -> store.recordAttempt(d.id(), Delivery.State.SKIPPED, d.attempts(), null,
                        "the owner no longer sees the record", 0, null));
                return;
            }
            Optional<String> refusal = guard.refusal(w.url());
            if (refusal.isPresent()) {
                failed(w, d, null, "url " + refusal.get(), 0, null);
                return;
            }
            send(w, d);
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery %d: %s (%s)", d.id(), e.toString(), String.valueOf(e.getCause()));
        }
    }

    private void send(Webhook w, Delivery d) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(w.url())).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "clientbase-webhooks")
                .header("webhook-id", d.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.header(w.signingSecrets(Instant.now()), d.messageId(), timestamp, d.body()))
                .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
        long start = System.nanoTime();
        HttpResponse<Void> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            failed(w, d, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), millis(start), null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = response.statusCode();
        int duration = millis(start);
        if (status >= 200 && status < 300) {
            write(() -> store.recordAttempt(d.id(), Delivery.State.DELIVERED, d.attempts() + 1, status, null, duration, null));
            if (w.failingSince() != null) {
                write(() -> store.succeeded(w.id()));
            }
        } else if (status == 410) {
            write(() -> store.recordAttempt(d.id(), Delivery.State.FAILED, d.attempts() + 1, status, "410 Gone: the endpoint was disabled",
                    duration, null));
            write(() -> store.disable(w.id(), "the endpoint answered 410 Gone"));
        } else {
            failed(w, d, status, "answered " + status, duration, retryAfter(response));
        }
    }

    private void failed(Webhook w, Delivery d, Integer status, String error, int duration, Duration retryAfter) {
        int attempts = d.attempts() + 1;
        Duration wait = schedule().after(attempts, retryAfter);
        String shortError = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        write(() -> store.recordAttempt(d.id(), wait == null ? Delivery.State.FAILED : Delivery.State.PENDING, attempts, status, shortError,
                duration, wait == null ? null : Instant.now().plus(wait)));
        write(() -> store.failed(w.id(), Instant.now().minus(config.disableAfter())));
    }

    /**
     * One small write of an outcome in its own transaction, the message and its endpoint apart
     * (together they deadlocked with the dispatcher's inserts, measured in CI), tried again when
     * the database chose it as a deadlock's victim: a lost outcome would hold the message, and the
     * later ones of its record, until its lease runs out.
     */
    private static void write(Runnable change) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(change);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !DatabaseFailures.conflictsWithAnotherRequest(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(Instant.now(), at).isNegative() ? Duration.ZERO : Duration.between(Instant.now(), at);
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static int millis(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }
}
