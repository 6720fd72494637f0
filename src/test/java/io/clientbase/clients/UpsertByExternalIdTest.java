package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients keyed by the integrator's id: PUT by external id, the list filter and the import's upsert. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class UpsertByExternalIdTest {

    private static Hierarchy h;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("upsert");
        long section = asAdmin().body(Map.of("name", "Upsert " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("up_staff", "NUMBER"), List.of("up_note", "TEXT"))) {
            asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201);
        }
    }

    private static String externalId(String name) {
        return name + "-" + System.nanoTime();
    }

    private static Response put(String token, String externalId, Map<String, Object> body) {
        return as(token).body(body).put("/api/v1/clients/by-external-id/{externalId}", externalId);
    }

    private static JsonPath listed(String token, String... externalIds) {
        var request = as(token);
        for (String id : externalIds) {
            request = request.queryParam("externalId", id);
        }
        return request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPutByExternalIdCreatesTheClientOnceAndThenUpdatesTheSameOne() {
        String key = externalId("ERP/1 Ромашка");
        Response created = put(h.token("a1"), key, Map.of("name", "ООО Ромашка", "fields", Map.of("up_staff", 12, "up_note", "первая")));
        created.then().statusCode(201).header("Location", containsString("/api/v1/clients/")).header("ETag", "\"1\"")
                .body("externalId", equalTo(key)).body("ownerId", equalTo((int) h.id("a1")));
        long id = created.jsonPath().getLong("id");

        put(h.token("a1"), key, Map.of("fields", Map.of("up_staff", 13))).then().statusCode(200)
                .body("id", equalTo((int) id)).body("version", equalTo(2)).body("name", equalTo("ООО Ромашка"))
                .body("fields.up_staff", equalTo(13)).body("fields.up_note", equalTo("первая"));

        as(h.token("a1")).get("/api/v1/clients/by-external-id/{externalId}", key).then().statusCode(200)
                .body("id", equalTo((int) id)).header("ETag", "\"2\"");
        JsonPath list = listed(h.token("a1"), key, "no-such-" + key);
        assertEquals(List.of((int) id), list.getList("items.id"));
        as(h.token("a1")).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items[0].action", equalTo("updated"))
                .body("items[0].changes.find { it.field == 'fields.up_staff' }.from", equalTo(12))
                .body("items[0].changes.find { it.field == 'fields.up_staff' }.to", equalTo(13))
                .body("items[1].changes.find { it.field == 'externalId' }.to", equalTo(key));
    }

    @Test
    void anUpsertThatChangesNothingLeavesTheClientAsItIs() {
        String key = externalId("same");
        Map<String, Object> body = Map.of("name", "Без перемен", "fields", Map.of("up_staff", 5));
        long id = put(h.token("a1"), key, body).then().statusCode(201).extract().jsonPath().getLong("id");
        put(h.token("a1"), key, body).then().statusCode(200).body("version", equalTo(1));
        as(h.token("a1")).get("/api/v1/clients/" + id + "/history").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void theUpsertKeepsTheRulesOfCreateAndPatch() {
        String key = externalId("rules");
        put(h.token("a1"), key, Map.of("fields", Map.of("up_staff", 1))).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        put(h.token("a1"), key, Map.of("name", "Чужому", "ownerId", h.id("b1"))).then().statusCode(422)
                .body("errors.field", hasItem("ownerId"));
        put(h.token("a1"), key, Map.of("name", "Не тот", "externalId", "other")).then().statusCode(422)
                .body("errors.field", hasItem("externalId"));
        put(h.token("a1"), key, Map.of("name", "Лишнее", "version", 3)).then().statusCode(400);
        put(h.token("a1"), key, Map.of("name", "Правильно", "externalId", key)).then().statusCode(201);
        put(h.token("a1"), key, Map.of("fields", Map.of("up_staff", "много"))).then().statusCode(422)
                .body("errors.field", hasItem("fields.up_staff"));
        put(h.token("a1"), key, Map.of("name", " ")).then().statusCode(422).body("errors.field", hasItem("name"));
    }

    @Test
    void ifNoneMatchStarOnlyCreatesAndIfMatchOnlyUpdatesThatVersion() {
        String key = externalId("pre");
        as(h.token("a1")).header("If-Match", "\"1\"").body(Map.of("name", "Нет такого")).put("/api/v1/clients/by-external-id/{e}", key)
                .then().statusCode(412).contentType("application/problem+json");
        as(h.token("a1")).header("If-None-Match", "*").body(Map.of("name", "Новый")).put("/api/v1/clients/by-external-id/{e}", key)
                .then().statusCode(201);
        as(h.token("a1")).header("If-None-Match", "*").body(Map.of("name", "Снова")).put("/api/v1/clients/by-external-id/{e}", key)
                .then().statusCode(412);
        as(h.token("a1")).header("If-Match", "\"7\"").body(Map.of("name", "Устарел")).put("/api/v1/clients/by-external-id/{e}", key)
                .then().statusCode(412);
        as(h.token("a1")).header("If-Match", "\"1\"").body(Map.of("name", "Вовремя")).put("/api/v1/clients/by-external-id/{e}", key)
                .then().statusCode(200).body("version", equalTo(2)).body("name", equalTo("Вовремя"));
    }

    @Test
    void anExternalIdHeldOutsideTheScopeIsAConflictThatShowsNothingOfItsClient() {
        String key = externalId("foreign");
        long theirs = put(h.token("b1"), key, Map.of("name", "Секрет Б", "fields", Map.of("up_note", "тайна"))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        JsonPath problem = put(h.token("a1"), key, Map.of("name", "Перехват")).then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("externalId")).extract().jsonPath();
        String answer = problem.getString("detail") + problem.getList("errors");
        assertEquals(-1, answer.indexOf(Long.toString(theirs)), answer);
        assertEquals(-1, answer.indexOf("Секрет"), answer);
        as(h.token("a1")).body(Map.of("name", "Тоже перехват", "externalId", key)).post("/api/v1/clients").then().statusCode(409)
                .body("errors.field", hasItem("externalId"));
        as(h.token("a1")).get("/api/v1/clients/by-external-id/{e}", key).then().statusCode(404);
        assertEquals(List.of(), listed(h.token("a1"), key).getList("items"));
        as(h.token("b1")).get("/api/v1/clients/" + theirs).then().statusCode(200).body("name", equalTo("Секрет Б"));
    }

    @Test
    void aTrashedClientKeepsItsExternalIdUntilItIsRestoredOrPurged() {
        String key = externalId("trash");
        long id = put(h.token("headA"), key, Map.of("name", "В корзину")).then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("headA")).delete("/api/v1/clients/" + id).then().statusCode(204);
        put(h.token("headA"), key, Map.of("name", "Воскрешение")).then().statusCode(409).body("detail", containsString("trash"));
        as(h.token("headA")).get("/api/v1/clients/by-external-id/{e}", key).then().statusCode(404);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(204);
        put(h.token("headA"), key, Map.of("name", "Заново")).then().statusCode(201).body("id", not(equalTo((int) id)));
    }

    @Test
    void aCallerWithoutTheEditRightMayCreateByExternalIdButNotUpdate() {
        long head = h.add("upsert_noedit_" + System.nanoTime() % 100000, "ADMINISTRATION", null);
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("edit", false)))).patch("/api/v1/users/" + head).then().statusCode(200);
        String token = io.clientbase.support.Api.login(asAdmin().get("/api/v1/users/" + head).then().extract().path("login"),
                Hierarchy.PASSWORD);
        String key = externalId("noedit");
        put(token, key, Map.of("name", "Только создать")).then().statusCode(201);
        put(token, key, Map.of("name", "Изменить")).then().statusCode(403).contentType("application/problem+json");
        as(token).contentType("application/x-ndjson").body(("{\"name\":\"x\",\"externalId\":\"" + key + "\"}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(403);
    }

    @Test
    void externalIdsAreCaseSensitiveAndFollowOneRule() {
        String key = externalId("CaSe");
        long upper = put(h.token("a1"), key.toUpperCase(), Map.of("name", "Большие")).then().statusCode(201).extract().jsonPath().getLong("id");
        long lower = put(h.token("a1"), key.toLowerCase(), Map.of("name", "Маленькие")).then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(List.of((int) upper), listed(h.token("a1"), key.toUpperCase()).getList("items.id"));
        assertEquals(List.of((int) lower), listed(h.token("a1"), key.toLowerCase()).getList("items.id"));
        for (String bad : List.of(" " + key, key + " ", "a\u0001b", "x".repeat(256))) {
            put(h.token("a1"), bad, Map.of("name", "Плохой ключ")).then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("externalId"));
            as(h.token("a1")).body(Map.of("name", "Плохой ключ", "externalId", bad)).post("/api/v1/clients").then().statusCode(422);
        }
        as(h.token("a1")).queryParam("externalId", " lead").get("/api/v1/clients").then().statusCode(422);
    }

    @Test
    void aPatchSetsChangesAndRemovesTheExternalIdAndATakenOneIs409() {
        long id = as(h.token("a1")).body(Map.of("name", "Патч ключа")).post("/api/v1/clients").then().statusCode(201)
                .body("externalId", nullValue()).extract().jsonPath().getLong("id");
        String key = externalId("patch");
        as(h.token("a1")).body(Map.of("externalId", key)).patch("/api/v1/clients/" + id).then().statusCode(200)
                .body("externalId", equalTo(key));
        String other = externalId("taken");
        put(h.token("a2"), other, Map.of("name", "Занял")).then().statusCode(201);
        as(h.token("a1")).body(Map.of("externalId", other)).patch("/api/v1/clients/" + id).then().statusCode(409);
        Map<String, Object> remove = new HashMap<>();
        remove.put("externalId", null);
        as(h.token("a1")).body(remove).patch("/api/v1/clients/" + id).then().statusCode(200).body("externalId", nullValue());
        as(h.token("a1")).get("/api/v1/clients/by-external-id/{e}", key).then().statusCode(404);
    }

    @Test
    void twoUpsertsOfOneNewExternalIdAtOnceMakeOneClient() throws Exception {
        String key = externalId("race");
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return put(h.token("a1"), key, Map.of("name", "Гонка", "fields", Map.of("up_staff", n))).statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> a : answers) {
                codes.add(a.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(callers - 1, codes.stream().filter(c -> c == 200).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, listed(h.token("a1"), key).getList("items").size());
    }

    @Test
    void anUpsertImportUpdatesTheClientsHoldingItsExternalIdsAndCreatesTheRest() {
        String held = externalId("imp-held");
        String fresh = externalId("imp-new");
        String foreign = externalId("imp-foreign");
        long heldId = put(h.token("a1"), held, Map.of("name", "Был", "fields", Map.of("up_staff", 1, "up_note", "старая")))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        put(h.token("b1"), foreign, Map.of("name", "Чужой")).then().statusCode(201);
        String csv = "externalId,name,up_staff,up_note\n"
                + held + ",Стал,2,\n"              // line 2: updates; the empty cell removes the note
                + fresh + ",Новый,3,первая\n"      // line 3: creates
                + fresh + ",Новый,4,вторая\n"      // line 4: updates the client of line 3
                + ",Без ключа,5,\n"                // line 5: creates
                + foreign + ",Перехват,6,\n"       // line 6: held outside the scope: refused
                + held + ",Стал,2,\n";             // line 7: changes nothing
        as(h.token("a1")).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(2)).body("unchanged", equalTo(1)).body("failed", equalTo(1))
                .body("errors.line", equalTo(List.of(6))).body("errors[0].errors.field", hasItem("externalId"));
        as(h.token("a1")).get("/api/v1/clients/" + heldId).then().statusCode(200).body("name", equalTo("Стал"))
                .body("fields.up_staff", equalTo(2)).body("fields.up_note", nullValue()).body("version", equalTo(2));
        JsonPath created = listed(h.token("a1"), fresh);
        assertEquals(1, created.getList("items").size());
        assertEquals(4, created.getInt("items[0].fields.up_staff"));
        assertEquals("вторая", created.getString("items[0].fields.up_note"));
        as(h.token("b1")).get("/api/v1/clients/by-external-id/{e}", foreign).then().statusCode(200).body("name", equalTo("Чужой"));
        String export = as(h.token("a1")).queryParam("externalId", held).get("/api/v1/clients/export").then().statusCode(200)
                .extract().asString();
        String[] lines = export.split("\r?\n");
        assertEquals(2, lines.length, export);
        List<String> header = List.of(lines[0].split(","));
        assertEquals(held, lines[1].split(",")[header.indexOf("externalId")]);
    }

    @Test
    void twoUpsertImportsChangingTheSameClientsInOppositeOrdersAtOnceBothFinish() throws Exception {
        // each import locks the clients it updates in its own order: the database kills one of two
        // crossed transactions as a deadlock's victim, and its batch must be written again, not answered 503
        String prefix = externalId("crossed");
        int clients = 300;
        StringBuilder seed = new StringBuilder("externalId,name,up_staff\n");
        for (int i = 0; i < clients; i++) {
            seed.append(prefix).append('-').append(i).append(",Перекрёсток ").append(i).append(",0\n");
        }
        as(h.token("a1")).contentType("text/csv").body(seed.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(200).body("created", equalTo(clients));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 4; round++) {
                List<Future<Response>> answers = new ArrayList<>();
                for (boolean reversed : new boolean[] {false, true}) {
                    StringBuilder csv = new StringBuilder("externalId,name,up_staff\n");
                    for (int k = 0; k < clients; k++) {
                        int i = reversed ? clients - 1 - k : k;
                        csv.append(prefix).append('-').append(i).append(",Перекрёсток ").append(i).append(',').append(round * 10 + (reversed ? 2 : 1)).append('\n');
                    }
                    byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
                    answers.add(pool.submit(() -> as(h.token("a1")).contentType("text/csv").body(body)
                            .post("/api/v1/clients/import?mode=upsert")));
                }
                for (Future<Response> answer : answers) {
                    answer.get().then().log().ifValidationFails().statusCode(200).body("updated", equalTo(clients)).body("failed", equalTo(0));
                }
                int last = as(h.token("a1")).get("/api/v1/clients/by-external-id/{e}", prefix + "-0").then().statusCode(200)
                        .extract().jsonPath().getInt("fields.up_staff");
                // whichever import committed last wrote all the clients: both ran whole, one after the other
                for (int i : new int[] {1, clients / 2, clients - 1}) {
                    as(h.token("a1")).get("/api/v1/clients/by-external-id/{e}", prefix + "-" + i).then().statusCode(200)
                            .body("fields.up_staff", equalTo(last));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImportBatchChosenAsADeadlocksVictimIsWrittenAgainAndTheImportAnswers200() throws Exception {
        String key = externalId("victim");
        String token = h.token("a1");
        StringBuilder seed = new StringBuilder("externalId,name,up_staff\n");
        for (int i = 0; i < 200; i++) {
            seed.append(key).append('-').append(i).append(",Жертва ").append(i).append(",0\n");
        }
        as(token).contentType("text/csv").body(seed.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(200).body("created", equalTo(200));
        long first = as(token).get("/api/v1/clients/by-external-id/{e}", key + "-0").then().extract().jsonPath().getLong("id");
        long second = as(token).get("/api/v1/clients/by-external-id/{e}", key + "-1").then().extract().jsonPath().getLong("id");
        long last = as(token).get("/api/v1/clients/by-external-id/{e}", key + "-199").then().extract().jsonPath().getLong("id");
        double retriedBefore = conflictsRetried();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            // another transaction, heavier than the import's (198 rows changed), holds the second client
            // (a range of the primary key, named: a scan of the table would lock the two clients too)
            st.executeUpdate("UPDATE clients FORCE INDEX (PRIMARY) SET version = version + 1 WHERE id > " + second + " AND id <= " + last);
            st.executeQuery("SELECT id FROM clients WHERE id = " + second + " FOR UPDATE").close();
            String csv = "externalId,name,up_staff\n" + key + "-0,Жертва 0,5\n" + key + "-1,Жертва 1,6\n";
            Future<Response> imported = pool.submit(() -> as(token).contentType("text/csv")
                    .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/clients/import?mode=upsert"));
            awaitALockWait();
            // the import holds the first client and waits for the second: asking for the first closes the
            // cycle, and InnoDB rolls back the lighter transaction, the import's
            st.executeQuery("SELECT id FROM clients WHERE id = " + first + " FOR UPDATE").close();
            other.rollback();
            imported.get().then().log().ifValidationFails().statusCode(200).body("updated", equalTo(2)).body("failed", equalTo(0));
        } finally {
            pool.shutdownNow();
        }
        assertTrue(conflictsRetried() > retriedBefore, "the import's batch was not the deadlock's victim: nothing was tested");
        as(token).get("/api/v1/clients/" + first).then().body("fields.up_staff", equalTo(5)).body("version", equalTo(2));
        as(token).get("/api/v1/clients/" + second).then().body("fields.up_staff", equalTo(6)).body("version", equalTo(2));
    }

    private void awaitALockWait() throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                // the import's statement that locks its clients in id order, still running (seen without the PROCESS privilege: same user)
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE 'SELECT c.* FROM clients c FORCE INDEX (PRIMARY) WHERE c.id IN (%FOR UPDATE'")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the import never waited for the client held by the other transaction");
    }

    private static double conflictsRetried() {
        return io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("clientbase_transactions_retried_total{reason=\"conflict\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anExternalIdRepeatedInALaterBatchUpdatesTheClientTheEarlierBatchCreated() {
        String prefix = externalId("batches");
        StringBuilder csv = new StringBuilder("externalId,name,up_staff\n");
        for (int i = 0; i < 1500; i++) {
            // row 1201 (second batch, written beside the first) repeats the key of row 1
            String key = i == 1200 ? prefix + "-0" : prefix + "-" + i;
            csv.append(key).append(",Партия ").append(i).append(',').append(i).append('\n');
        }
        as(h.token("a1")).contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(200)
                .body("created", equalTo(1499)).body("updated", equalTo(1)).body("failed", equalTo(0));
        as(h.token("a1")).get("/api/v1/clients/by-external-id/{e}", prefix + "-0").then().statusCode(200)
                .body("name", equalTo("Партия 1200")).body("fields.up_staff", equalTo(1200)).body("version", equalTo(2));
    }

    @Test
    void aJsonLinesUpsertIsAMergePatchOfTheMembersGiven() {
        String key = externalId("jsonl");
        long id = put(h.token("a1"), key, Map.of("name", "Джейсон", "fields", Map.of("up_staff", 7, "up_note", "есть")))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String lines = "{\"externalId\":\"" + key + "\",\"fields\":{\"up_note\":null}}\n";
        as(h.token("a1")).contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import?mode=upsert").then().statusCode(200).body("updated", equalTo(1)).body("created", equalTo(0));
        as(h.token("a1")).get("/api/v1/clients/" + id).then().body("name", equalTo("Джейсон")).body("fields.up_staff", equalTo(7))
                .body("fields.up_note", nullValue());
    }

    @Test
    void aCreateImportReportsARowWhoseExternalIdIsTakenAndRecordsWhoImported() {
        String taken = externalId("imp-taken");
        String twice = externalId("imp-twice");
        put(h.token("a1"), taken, Map.of("name", "Занят")).then().statusCode(201);
        String csv = "name,externalId\nПервый," + taken + "\nВторой," + twice + "\nТретий," + twice + "\n";
        as(h.token("a2")).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/clients/import").then()
                .statusCode(200).body("created", equalTo(1)).body("failed", equalTo(2)).body("errors.line", equalTo(List.of(2, 4)));
        long id = listed(h.token("a2"), twice).getLong("items[0].id");
        as(h.token("a2")).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items[0].action", equalTo("created")).body("items[0].actor.login", equalTo(h.login("a2")));
        as(h.token("a2")).contentType("text/csv").body("name\nx\n").post("/api/v1/clients/import?mode=merge").then().statusCode(422)
                .body("errors.field", hasItem("mode"));
    }
}
