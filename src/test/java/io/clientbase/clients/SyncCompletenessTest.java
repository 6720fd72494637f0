package io.clientbase.clients;

import static io.clientbase.support.Api.adminToken;
import static io.clientbase.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * order: a sync page stops before any commit still in flight could land (ClientStore.stablePoint).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SyncCompletenessTest {

    private static final long WRITING_MILLIS = 4_000;

    @Test
    void aReaderKeepingTheNewestUpdatedAtSeesEveryChangeAtLeastOnceBesideConcurrentWriters() throws Exception {
        String token = adminToken();
        String prefix = "sync-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
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
        missed.removeAll(seen);
        assertTrue(passes > 3, "the reader synced while the writers wrote (" + passes + " passes)");
        assertEquals(0, missed.size(), "the syncing reader never saw " + missed.size() + " of " + stored.size()
                + " clients, for example " + missed.stream().sorted().limit(10).toList());
    }

    /** One sync as an app does it: from the newest updatedAt seen, following nextCursor to the end. */
    private static void syncPass(String token, String prefix, AtomicReference<String> newest, Set<Long> seen) {
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
                    seen.add(((Number) item.get("id")).longValue());
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
