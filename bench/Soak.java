import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak: the benchmark's mixed cases (lists as a head and an employee, a client, the range and
 * equality filters, free text, a create, a card), first as fast as 16 callers go to measure the
 * maximum, then at 70% of it, open loop (a request is due at its time whether or not the earlier
 * ones came back; latency counts from then), for the given minutes. Every minute: requests,
 * errors (non-2xx, refused, late beyond 256 in flight), p50/p99 and the application's RSS.
 * API tokens, not 15-minute logins, so that the run can last.
 *   java bench/Soak.java URL ADMIN_PASSWORD APP_PID CLIENT_ID MINUTES [SHARE]   (SHARE of the maximum, default 0.7)
 */
public class Soak {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"(?:accessToken|token)\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    record Call(String method, String path, String token, String body) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String adminPassword = args[1];
        long pid = Long.parseLong(args[2]);
        long client = Long.parseLong(args[3]);
        int minutes = Integer.parseInt(args[4]);
        double share = args.length > 5 ? Double.parseDouble(args[5]) : 0.7;
        String admin = login(base, "admin", adminPassword);
        String head = apiToken(base, admin, "bench_head0");
        String employee = apiToken(base, admin, "bench_emp0_0");
        // the creates go to another department: the scopes the other calls read stay the same size
        String creator = apiToken(base, admin, "bench_emp5_0");
        List<Call> mix = List.of(
                new Call("GET", "/api/v1/clients?limit=50&sort=id", head, null),
                new Call("GET", "/api/v1/clients?limit=50&sort=id", employee, null),
                new Call("GET", "/api/v1/clients/" + client, employee, null),
                new Call("GET", "/api/v1/clients?limit=50&field.b_num2.gte=1000&field.b_num2.lte=20000", head, null),
                new Call("GET", "/api/v1/clients?limit=50&field.b_text1=city42", head, null),
                new Call("GET", "/api/v1/clients?limit=50&q=note%20123", head, null),
                new Call("POST", "/api/v1/clients", creator, "{\"name\":\"Soak client\"}"),
                new Call("GET", "/api/v1/clients/" + client + "/card", employee, null));

        closedLoop(base, mix, 60);
        double max = closedLoop(base, mix, 60);
        double rate = max * share;
        System.out.printf("maximum of the mix: %.0f req/s with 16 callers; soak at %.0f%% of it, %.0f req/s, for %d min%n", max,
                share * 100, rate, minutes);
        openLoop(base, mix, rate, minutes, pid);
    }

    /** 16 callers as fast as they go for {@code seconds}; the rate they reached. */
    static double closedLoop(String base, List<Call> mix, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int offset = c;
            Thread t = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    try {
                        HTTP.send(request(base, mix.get(i % mix.size())), HttpResponse.BodyHandlers.discarding());
                        done.incrementAndGet();
                    } catch (Exception e) {
                        // counted as not done
                    }
                }
            });
            t.start();
            callers.add(t);
        }
        for (Thread t : callers) {
            t.join();
        }
        return done.get() / (double) seconds;
    }

    static void openLoop(String base, List<Call> mix, double rate, int minutes, long pid) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        Semaphore inFlight = new Semaphore(256);
        AtomicInteger next = new AtomicInteger();
        long periodNanos = (long) (1_000_000_000L / rate);
        Minute[] current = {new Minute()};
        long start = System.nanoTime();
        var ticker = clock.scheduleAtFixedRate(() -> {
            long due = System.nanoTime();
            Minute minute = current[0];
            if (!inFlight.tryAcquire()) {
                minute.late.incrementAndGet();
                return;
            }
            int index = next.getAndIncrement() % mix.size();
            Call call = mix.get(index);
            HTTP.sendAsync(request(base, call), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                inFlight.release();
                minute.record(System.nanoTime() - due, failure != null ? -1 : response.statusCode(), index);
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        System.out.println("minute   requests   errors   p50 ms   p99 ms   rss MB   index backlog   steal %   p99 ms of each call   (errors by status,"
                + " -1 = no answer; late = not sent, 256 in flight; steal = CPU time the virtual machine's host gave to others; calls in the"
                + " order: head list, employee list, client, range, equality, free text, create, card)");
        long[] cpu = cpuTimes();
        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(Math.max(0, (start + m * 60_000_000_000L - System.nanoTime()) / 1_000_000));
            Minute finished = current[0];
            current[0] = new Minute();
            long[] now = cpuTimes();
            double steal = now[0] == cpu[0] ? 0 : 100.0 * (now[1] - cpu[1]) / (now[0] - cpu[0]);
            cpu = now;
            Thread.sleep(2_000); // the minute's last requests come back
            System.out.printf("%6d %10d %8d %8.1f %8.1f %8d %15s %9.1f   %s   %s%n", m, finished.count(),
                    finished.errors.get() + finished.late.get(), finished.percentile(50), finished.percentile(99), rssMb(pid),
                    indexBacklog(base), steal, finished.p99ByCall(mix.size()),
                    finished.late.get() == 0 && finished.failures.isEmpty() ? "" : finished.failures + " late " + finished.late.get());
        }
        ticker.cancel(false);
        clock.shutdown();
    }

    static final class Minute {
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicInteger late = new AtomicInteger();
        private final java.util.Map<Integer, Integer> failures = new java.util.TreeMap<>();
        private long[] latencies = new long[1 << 16];
        private int[] calls = new int[1 << 16];
        private int size;

        synchronized void record(long nanos, int status, int call) {
            if (status / 100 != 2) {
                errors.incrementAndGet();
                failures.merge(status, 1, Integer::sum);
            }
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
                calls = Arrays.copyOf(calls, size * 2);
            }
            calls[size] = call;
            latencies[size++] = nanos;
        }

        synchronized int count() {
            return size;
        }

        synchronized double percentile(int p) {
            return percentile(Arrays.copyOf(latencies, size), p);
        }

        /** Each call's p99, so that a minute's slow tail says whether one call or all of them were slow. */
        synchronized String p99ByCall(int kinds) {
            StringBuilder line = new StringBuilder();
            for (int kind = 0; kind < kinds; kind++) {
                int k = kind;
                long[] own = java.util.stream.IntStream.range(0, size).filter(i -> calls[i] == k).mapToLong(i -> latencies[i]).toArray();
                line.append(String.format(" %5.0f", percentile(own, 99)));
            }
            return line.toString().trim();
        }

        private static double percentile(long[] values, int p) {
            if (values.length == 0) {
                return 0;
            }
            Arrays.sort(values);
            return values[Math.min(values.length - 1, (int) Math.ceil(p / 100.0 * values.length) - 1)] / 1e6;
        }
    }

    static HttpRequest request(String base, Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + call.token());
        return call.body() == null ? b.GET().build()
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body())).build();
    }

    /** Clients the free-text index has not read yet: free text searches them directly meanwhile. */
    static String indexBacklog(String base) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^clientbase_text_index_backlog\\S* (\\S+)").matcher(metrics);
            return m.find() ? String.valueOf((long) Double.parseDouble(m.group(1))) : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    /** All CPU time and the stolen part of it, in ticks, from /proc/stat; zeros where there is none. */
    static long[] cpuTimes() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static String login(String base, String login, String password) throws Exception {
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}";
        return find(TOKEN, post(base, "/api/v1/auth/login", null, body));
    }

    /** A long-lived API token for the user with this login, issued by the ADMIN. */
    static String apiToken(String base, String admin, String login) throws Exception {
        String me = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"password\":\"Bench-Passw0rd\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String token = find(TOKEN, me);
        String self = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String id = find(ID, self);
        return find(TOKEN, post(base, "/api/v1/users/" + id + "/api-tokens", admin, "{\"name\":\"soak " + System.nanoTime() + "\"}"));
    }

    static String post(String base, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return m.group(1);
    }
}
