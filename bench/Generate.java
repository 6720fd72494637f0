import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the benchmark dataset through the public API: 20 ADMINISTRATION users with 20 EMPLOYEEs
 * each, 10 custom fields (4 TEXT, 3 NUMBER, 2 DATE, 1 CHECKBOX) and N clients (default 1,000,000)
 * with deterministic values, client i owned by user (i mod 420), streamed to the bulk import.
 *
 *   java bench/Generate.java [--url http://localhost:8080] [--password ADMIN_PASSWORD] [--clients N]
 *
 * Safe to run again: users are created only if missing (and with Idempotency-Keys), fields only if missing.
 */
public class Generate {

    static final String USER_PASSWORD = "Bench-Passw0rd";
    static final String[] FIELDS = {"b_text1:TEXT", "b_text2:TEXT", "b_text3:TEXT", "b_text4:TEXT",
            "b_num1:NUMBER", "b_num2:NUMBER", "b_num3:NUMBER", "b_date1:DATE", "b_date2:DATE", "b_flag:CHECKBOX"};

    static String url = "http://localhost:8080";
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        String password = System.getenv().getOrDefault("CLIENTBASE_ADMIN_PASSWORD", "");
        long clients = 1_000_000;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--password" -> password = args[i + 1];
                case "--clients" -> clients = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String admin = login("admin", password);
        long t0 = System.nanoTime();
        List<Long> owners = users(admin);
        System.out.printf("users: %d in %.1f s%n", owners.size(), (System.nanoTime() - t0) / 1e9);
        fields(admin);
        long t1 = System.nanoTime();
        String report = importClients(admin, owners, clients);
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("clients: %d imported in %.1f s (%.0f/s)%n", clients, seconds, clients / seconds);
        System.out.println("report: " + report.substring(0, Math.min(300, report.length())));
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    /** The 420 owners in a fixed order: head h is index h, employee e of head h is 20 + h * 20 + e. */
    static List<Long> users(String admin) throws Exception {
        java.util.Map<String, Long> existing = existingUsers(admin);
        List<Long> heads = new ArrayList<>();
        for (int h = 0; h < 20; h++) {
            heads.add(user(admin, existing, "bench_head" + h, "ADMINISTRATION", null).join());
        }
        List<CompletableFuture<Long>> employees = new ArrayList<>();
        for (int h = 0; h < 20; h++) {
            for (int e = 0; e < 20; e++) {
                employees.add(user(admin, existing, "bench_emp" + h + "_" + e, "EMPLOYEE", heads.get(h)));
            }
        }
        List<Long> owners = new ArrayList<>(heads);
        for (CompletableFuture<Long> f : employees) {
            owners.add(f.join());
        }
        return owners;
    }

    /** The users already there, by login: a second run creates only the missing ones (each create hashes a password, ~0.2 s). */
    static java.util.Map<String, Long> existingUsers(String admin) throws Exception {
        java.util.Map<String, Long> byLogin = new java.util.HashMap<>();
        Pattern user = Pattern.compile("\\{\"id\":(\\d+),\"login\":\"([^\"]+)\"");
        String cursor = null;
        do {
            String page = send(admin, "GET", "/api/v1/users?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), null).body();
            Matcher m = user.matcher(page);
            while (m.find()) {
                byLogin.put(m.group(2), Long.parseLong(m.group(1)));
            }
            Matcher next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(page);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return byLogin;
    }

    static CompletableFuture<Long> user(String admin, java.util.Map<String, Long> existing, String login, String type, Long manager) {
        return existing.containsKey(login) ? CompletableFuture.completedFuture(existing.get(login)) : createUser(admin, login, type, manager);
    }

    /** At most 4 creates in flight: the server hashes each password, and this machine has 2 cores. */
    static final java.util.concurrent.Semaphore IN_FLIGHT = new java.util.concurrent.Semaphore(4);

    static CompletableFuture<Long> createUser(String admin, String login, String type, Long manager) {
        IN_FLIGHT.acquireUninterruptibly();
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + USER_PASSWORD + "\",\"name\":\"" + login
                + "\",\"type\":\"" + type + "\"" + (manager == null ? "" : ",\"managerId\":" + manager) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + login)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> IN_FLIGHT.release()).thenApply(r -> {
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("create " + login + ": " + r.statusCode() + " " + r.body());
            }
            return Long.parseLong(first(r.body(), "\"id\":(\\d+)"));
        });
    }

    static void fields(String admin) throws Exception {
        String existing = send(admin, "GET", "/api/v1/fields", null).body();
        if (existing.contains("\"b_flag\"")) {
            return;
        }
        String sections = send(admin, "GET", "/api/v1/sections", null).body();
        String section = sections.contains("\"Benchmark\"") ? first(sections, "\"id\":(\\d+),\"name\":\"Benchmark\"")
                : first(send(admin, "POST", "/api/v1/sections", "{\"name\":\"Benchmark\"}").body(), "\"id\":(\\d+)");
        for (String f : FIELDS) {
            String[] kt = f.split(":");
            if (!existing.contains("\"" + kt[0] + "\"")) {
                var r = send(admin, "POST", "/api/v1/fields", "{\"sectionId\":" + section + ",\"key\":\"" + kt[0]
                        + "\",\"name\":\"" + kt[0] + "\",\"type\":\"" + kt[1] + "\"}");
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("field " + kt[0] + ": " + r.body());
                }
            }
        }
    }

    static String importClients(String admin, List<Long> owners, long count) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> writeCsv(out, owners, count), "csv-writer");
        writer.start();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/clients/import"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        writer.join();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Deterministic: the same i always gives the same client. */
    static void writeCsv(OutputStream out, List<Long> owners, long count) {
        LocalDate base = LocalDate.of(2020, 1, 1);
        StringBuilder sb = new StringBuilder(1 << 16);
        try (out) {
            sb.append("name,ownerId,b_text1,b_text2,b_text3,b_text4,b_num1,b_num2,b_num3,b_date1,b_date2,b_flag\n");
            for (long i = 0; i < count; i++) {
                sb.append("Client ").append(i).append(',').append(owners.get((int) (i % owners.size()))).append(',')
                        .append("city").append(i % 100).append(',').append("segment").append(i % 7).append(',')
                        .append("note ").append(i).append(',').append("tag").append(i % 1000).append(',')
                        .append(i % 1000).append(',').append((i * 7) % 100000).append(',').append(i % 50).append('.').append(i % 100).append(',')
                        .append(base.plusDays(i % 3650)).append(',').append(base.plusDays((i * 13) % 3650)).append(',')
                        .append(i % 2 == 0).append('\n');
                if (sb.length() > 60_000) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static String login(String login, String password) throws Exception {
        var r = send(null, "POST", "/api/v1/auth/login", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login " + login + ": " + r.statusCode() + " " + r.body());
        }
        return first(r.body(), "\"accessToken\":\"([^\"]+)\"");
    }

    static HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }
}
