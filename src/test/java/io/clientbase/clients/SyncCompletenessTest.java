package io.clientbase.clients;

import static io.clientbase.support.Api.adminToken;
import static io.clientbase.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.clientbase.support.Counters;
import io.clientbase.support.SyncPoints;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A syncing app that keeps the newest updatedAt it has seen and asks for what changed since then
 * misses nothing, while imports (1,000-row transactions) and single creates commit beside it in any
 * order: a sync page stops before any commit still in flight could land (SyncBound).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SyncCompletenessTest {

    private static final long WRITING_MILLIS = 4_000;

    @Inject
    DataSource dataSource;

    @Test
    void aReaderKeepingTheNewestUpdatedAtSeesEveryChangeAtLeastOnceBesideConcurrentWriters() throws Exception {
        String token = adminToken();
        String prefix = "sync-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        AtomicReference<String> newest = new AtomicReference<>(start.toString());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Long>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(pool.submit(() -> importUntil(token, prefix + "i" + writer + "-", writing)));
            writers.add(pool.submit(() -> createUntil(token, prefix + "c" + writer + "-", writing)));
        }
        Future<Integer> reader = pool.submit(() -> {
            int passes = 0;
            while (writing.get()) {
                syncPass(token, prefix, newest, seen);
                passes++;
            }
            return passes;
        });
        Thread.sleep(WRITING_MILLIS);
        writing.set(false);
        long acknowledged = 0;
        for (Future<Long> w : writers) {
            acknowledged += w.get(120, TimeUnit.SECONDS);
        }
        int passes = reader.get(60, TimeUnit.SECONDS);
        Thread.sleep(1_200); // every write has returned; a second later none can precede the bound
        syncPass(token, prefix, newest, seen);
        pool.shutdown();

        Set<Long> stored = allWithPrefix(token, prefix);
        assertEquals(acknowledged, stored.size(), "every acknowledged create is stored, once");
        Set<Long> missed = new HashSet<>(stored);
        missed.removeAll(seen.keySet());
        assertTrue(passes > 3, "the reader synced while the writers wrote (" + passes + " passes)");
        assertEquals(0, missed.size(), "the syncing reader never saw " + missed.size() + " of " + stored.size()
                + " clients, for example " + missed.stream().sorted().limit(10).toList());
    }

    /**
     * The CI run that found it: the reader, one sync page after another, kept InnoDB from ever
     * refilling its list of running transactions (it does only after 100 ms without a read), so
     * the bound ignored a transaction started after that and passed its timestamp.
     */
    @Test
    void anAppSyncingFasterThanInnoDbRefillsItsListStillWaitsForAnOlderChangeNotYetCommitted() throws Exception {
        String token = adminToken();
        String prefix = "held-" + System.nanoTime() + "-";
        long held = as(token).body(Map.of("name", prefix + "held")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        AtomicBoolean syncing = new AtomicBoolean(true);
        AtomicReference<String> newest = new AtomicReference<>(Instant.now().minusSeconds(2).toString());
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> reader = pool.submit(() -> {
            int passes = 0;
            while (syncing.get()) {
                syncPass(token, prefix, newest, seen);
                passes++;
            }
            return passes;
        });
        Future<Long> writer = pool.submit(() -> createUntil(token, prefix + "c-", syncing));
        Thread.sleep(300);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE clients SET name = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6) WHERE id = ?")) {
                st.setString(1, prefix + "changed while others commit");
                st.setLong(2, held);
                st.executeUpdate();
            }
            Thread.sleep(2_500); // the writer commits newer changes, and the reader sees them, meanwhile
            c.commit();
        }
        Thread.sleep(1_500);
        syncing.set(false);
        writer.get(60, TimeUnit.SECONDS);
        int passes = reader.get(60, TimeUnit.SECONDS);
        SyncPoints.pauseUntilStable();
        syncPass(token, prefix, newest, seen);
        pool.shutdown();

        assertTrue(passes > 20, "the reader synced continuously (" + passes + " passes)");
        assertTrue(seen.size() > 10, "the reader saw the newer creates (" + seen.size() + ")");
        assertEquals(2L, seen.get(held), "the change committed after newer ones was seen");
    }

    /**
     * Another program reading InnoDB's list of transactions more often than every 100 ms keeps it from
     * being refilled for everyone: the bound cannot be trusted then, and a sync page stops the fallback
     * window (60 s) before now instead of risking a miss; it moves on once the list is refilled again.
     */
    @Test
    void whileAnotherProgramKeepsInnoDbsListOfTransactionsStaleASyncPageStopsTheFallbackWindowBeforeNow() throws Exception {
        String token = adminToken();
        String since = Instant.now().minusSeconds(1).toString();
        double fallbacks = Counters.read("clientbase_sync_bounds_total", "source", "fallback");
        AtomicBoolean polling = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> poller = pool.submit(() -> {
            int reads = 0;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM information_schema.INNODB_TRX")) {
                while (polling.get()) {
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                    }
                    reads++;
                    Thread.sleep(20);
                }
            }
            return reads;
        });
        Thread.sleep(300);
        long id = as(token).body(Map.of("name", "while polled " + System.nanoTime())).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Thread.sleep(1_500);
        List<Long> whilePolled = syncIds(token, since);
        polling.set(false);
        int reads = poller.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        Thread.sleep(300);
        List<Long> after = syncIds(token, since);

        assertTrue(reads > 50, reads + " reads of INNODB_TRX");
        assertTrue(!whilePolled.contains(id), "a sync page trusted a list of transactions that was not refilled");
        assertTrue(Counters.read("clientbase_sync_bounds_total", "source", "fallback") > fallbacks, "the fallback bound was counted");
        assertTrue(after.contains(id), "the client shows once the list is refilled: " + after);
    }

    private static List<Long> syncIds(String token, String since) {
        return as(token).queryParam("updatedSince", since).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }

    /** One sync as an app does it: from the newest updatedAt seen, following nextCursor to the end. */
    private static void syncPass(String token, String prefix, AtomicReference<String> newest, Map<Long, Long> seen) {
        String since = newest.get();
        String cursor = null;
        do {
            var request = as(token).queryParam("updatedSince", since).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                if (((String) item.get("name")).startsWith(prefix)) {
                    seen.merge(((Number) item.get("id")).longValue(), ((Number) item.get("version")).longValue(), Math::max);
                }
                String updated = (String) item.get("updatedAt");
                newest.accumulateAndGet(updated, (a, b) -> Instant.parse(a).isAfter(Instant.parse(b)) ? a : b);
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
    }

    private static long importUntil(String token, String prefix, AtomicBoolean writing) {
        long created = 0;
        for (int batch = 0; writing.get(); batch++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                body.append("{\"name\":\"").append(prefix).append(batch).append('-').append(i).append("\"}\n");
            }
            created += as(token).contentType("application/x-ndjson; charset=UTF-8").body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import")
                    .then().statusCode(200).extract().jsonPath().getLong("created");
        }
        return created;
    }

    private static long createUntil(String token, String prefix, AtomicBoolean writing) {
        long created = 0;
        for (int i = 0; writing.get(); i++) {
            as(token).body(Map.of("name", prefix + i)).post("/api/v1/clients").then().statusCode(201);
            created++;
        }
        return created;
    }

    private static Set<Long> allWithPrefix(String token, String prefix) {
        Set<Long> ids = new HashSet<>();
        for (Map<String, Object> item : Pages.all(() -> as(token).queryParam("limit", 200), "/api/v1/clients")) {
            if (((String) item.get("name")).startsWith(prefix)) {
                ids.add(((Number) item.get("id")).longValue());
            }
        }
        return ids;
    }
}
