package io.clientbase.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between a message's attempts: after attempt n (1-based) the n-th wait, with up to 10%
 * of jitter so that endpoints that failed together are not retried together; after the last one
 * the message has failed. An endpoint's Retry-After is honoured when it asks for longer.
 */
public record RetrySchedule(List<Duration> waits) {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(24);

    /** "5s,5m,30m,2h" (s, m, h, d); an empty wait list means a single attempt. */
    public static RetrySchedule parse(String text) {
        List<Duration> waits = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            waits.add(duration(p));
        }
        return new RetrySchedule(List.copyOf(waits));
    }

    static Duration duration(String p) {
        char unit = Character.toLowerCase(p.charAt(p.length() - 1));
        long n;
        try {
            n = Long.parseLong(p.substring(0, p.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a wait: " + p + " (use 5s, 5m, 2h or 1d)");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a wait: " + p + " (use 5s, 5m, 2h or 1d)");
        };
    }

    /** The wait after {@code attempts} failed attempts, or null when none is left. */
    public Duration after(int attempts, Duration retryAfter) {
        if (attempts < 1 || attempts > waits.size()) {
            return null;
        }
        Duration wait = waits.get(attempts - 1);
        long jitter = (long) (wait.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble());
        wait = wait.plusMillis(jitter);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        return wait;
    }
}
