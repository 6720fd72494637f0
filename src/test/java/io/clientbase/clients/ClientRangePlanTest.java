package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.clientbase.support.Pages.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Counters;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Range filters through both of their plans (ClientSql): read from the value index, owner first,
 * when the scope holds few clients in range; scanned in id order when it holds too many to read.
 * Either way a page holds exactly the scope's clients in range, in id order, the trash apart.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientRangePlanTest {

    /** More clients in range than the range plan reads for a page of 200 in any table below ~124,000 clients (ClientSql.rangeBudget). */
    private static final int WIDE = 5_000;

    private static Hierarchy h;
    /** Client id by score, for each owner: headA's scope is a1 and a2 (and himself); b1 is outside it. */
    private static final Map<String, TreeMap<Integer, Long>> BY_OWNER = new java.util.HashMap<>();

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("crange");
        long section = asAdmin().body(Map.of("name", "Range " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("rp_score", "NUMBER"), List.of("rp_due", "DATE"), List.of("rp_at", "DATETIME"))) {
            asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201);
        }
        // a1, a2 and b1 each own clients scored 1..30 (due day = score, at hour = score); free owns WIDE clients scored 7
        StringBuilder lines = new StringBuilder();
        for (String owner : List.of("a1", "a2", "b1")) {
            for (int score = 1; score <= 30; score++) {
                lines.append(String.format("{\"name\":\"%s %d\",\"ownerId\":%d,\"fields\":{\"rp_score\":%d,\"rp_due\":\"2026-01-%02d\","
                        + "\"rp_at\":\"2026-01-01T%02d:00:00Z\"}}%n", owner, score, h.id(owner), score, score, score % 24));
            }
        }
        for (int i = 0; i < WIDE; i++) {
            lines.append(String.format("{\"name\":\"free %d\",\"ownerId\":%d,\"fields\":{\"rp_score\":7}}%n", i, h.id("free")));
        }
        asAdmin().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(90 + WIDE));
        for (String owner : List.of("a1", "a2", "b1")) {
            TreeMap<Integer, Long> byScore = new TreeMap<>();
            for (var item : as(h.token(owner)).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                    .extract().jsonPath().getList("items", Map.class)) {
                byScore.put(((Number) ((Map<?, ?>) item.get("fields")).get("rp_score")).intValue(), ((Number) item.get("id")).longValue());
            }
            assertEquals(30, byScore.size());
            BY_OWNER.put(owner, byScore);
        }
        for (int i = 0; i < 3; i++) {
            UNSCORED.add(as(h.token("a1")).body(Map.of("name", "a1 without score " + i)).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id"));
        }
    }

    /** a1's clients without any value, created last. */
    private static final List<Long> UNSCORED = new ArrayList<>();

    private static List<Long> scored(int from, int to, String... owners) {
        List<Long> ids = new ArrayList<>();
        for (String owner : owners) {
            ids.addAll(BY_OWNER.get(owner).subMap(from, true, to, true).values());
        }
        Collections.sort(ids);
        return ids;
    }

    private static double plans(String plan) {
        return Counters.read("clientbase_client_list_range_plans_total", "plan", plan);
    }

    @Test
    void aHeadsRangeListsExactlyHisScopesClientsInRangeInIdOrderPageAfterPageBothWays() {
        double before = plans("range");
        double scansBefore = plans("scan");
        Map<String, Object> range = Map.of("field.rp_score.gte", 10, "field.rp_score.lte", 20);
        List<Long> expected = scored(10, 20, "a1", "a2");
        assertEquals(22, expected.size());
        assertEquals(expected, walk(h.token("headA"), "id", 5, range));
        List<Long> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, walk(h.token("headA"), "-id", 5, range));
        assertEquals(scored(10, 20, "a1"), walk(h.token("a1"), "id", 4, range), "an employee: his own alone");
        assertEquals(scored(10, 20, "b1"), walk(h.token("headB"), "id", 50, range), "the other head: b1's alone");
        Map<String, Object> a2s = new java.util.HashMap<>(range);
        a2s.put("ownerId", h.id("a2"));
        assertEquals(scored(10, 20, "a2"), walk(h.token("headA"), "id", 50, a2s), "one owner of the scope");
        a2s.put("ownerId", h.id("b1"));
        assertEquals(List.of(), walk(h.token("headA"), "id", 50, a2s), "an owner outside the scope: nothing, as without the range");
        assertTrue(plans("range") >= before + 11, "the heads' pages served by the range plan: " + (plans("range") - before));
        // one owner's few clients are read whole rather than his head's range of the value index (V30)
        assertTrue(plans("scan") >= scansBefore + 5, "the owners' pages served by scanning their clients: " + (plans("scan") - scansBefore));
    }

    @Test
    void dateAndDateTimeRangesReachTheirColumnsInTheSameIndex() {
        assertEquals(scored(28, 30, "a1", "a2"), walk(h.token("headA"), "id", 50, Map.of("field.rp_due.gte", "2026-01-28")));
        List<Long> hours3to5 = new ArrayList<>(scored(3, 5, "a2"));
        hours3to5.addAll(scored(27, 29, "a2")); // the hour is the score mod 24
        assertEquals(hours3to5, walk(h.token("a2"), "id", 2,
                Map.of("field.rp_at.gte", "2026-01-01T03:00:00Z", "field.rp_at.lte", "2026-01-01T05:00:00Z")));
        assertEquals(scored(3, 5, "a1", "a2", "b1"), walk(io.clientbase.support.Api.adminToken(), "id", 4,
                Map.of("field.rp_at.gte", "2026-01-01T03:00:00Z", "field.rp_at.lte", "2026-01-01T05:00:00Z", "field.rp_score.lte", 5)),
                "the ADMIN, through the field's own index; the other range tested on each row");
    }

    @Test
    void otherConditionsTestedOnTheCandidatesStillFillThePageFromLaterCandidates() {
        // a1's clients come first in id order and free text leaves none of them: the first read of
        // candidates' rows (a page and a quarter) holds no client of the page, the next ones fill it
        assertEquals(scored(1, 30, "a2"), walk(h.token("headA"), "id", 5, Map.of("field.rp_score.gte", 1, "q", "a2")));
    }

    @Test
    void aTrashedClientLeavesTheRangeAndComesBackWithItsRestore() {
        String token = h.token("a2");
        long trashed = BY_OWNER.get("a2").get(15);
        as(token).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        List<Long> withoutIt = new ArrayList<>(scored(14, 16, "a2"));
        withoutIt.remove(trashed);
        assertEquals(withoutIt, walk(token, "id", 50, Map.of("field.rp_score.gte", 14, "field.rp_score.lte", 16)));
        assertEquals(List.of(trashed), walk(token, "id", 50, Map.of("field.rp_score.gte", 14, "field.rp_score.lte", 16, "deleted", true)));
        as(token).post("/api/v1/clients/" + trashed + "/restore").then().statusCode(200);
        assertEquals(scored(14, 16, "a2"), walk(token, "id", 50, Map.of("field.rp_score.gte", 14, "field.rp_score.lte", 16)));
    }

    @Test
    void aRangeHeldByMoreClientsOfTheScopeThanThePlanReadsIsScannedAndGivesTheSamePages() {
        String token = h.token("free");
        List<Long> all = walk(token, "id", 200, Map.of());
        assertEquals(WIDE, all.size());
        Map<String, Object> seven = Map.of("field.rp_score.gte", 7, "field.rp_score.lte", 7);
        double scans = plans("scan");
        assertEquals(all.subList(0, 200), as(token).queryParams(seven).queryParam("limit", 200).get("/api/v1/clients")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class));
        assertEquals(scans + 1, plans("scan"), "the first page, scanned");
        // later pages count the matches after their cursor: the last ones are few enough to read
        assertEquals(all, walk(token, "id", 200, seven));
        assertEquals(List.of(), walk(token, "id", 50, Map.of("field.rp_score.gte", 8)), "none in range: the range plan, empty");
    }

    @Test
    void aRangeWhoseOnlyMatchLiesBeyondTheCandidatesThePlanReadsIsStillFoundByTheScan() {
        // 2,400 clients in one department, all scored 7: fewer than three budgets (1,000 for a page of 50), so
        // the range plan counts its candidates without an estimate first; the only one whose name holds
        // "scored 2399" is the newest, after the first 1,001 that the plan would read: a plan that trusted a
        // page left empty by those (one statement for the candidates and their rows, tried on 2026-12-06)
        // would miss it
        Hierarchy department = Hierarchy.create("crangeempty");
        importScored(2_400, i -> department.id("a1"), i -> 7);
        String head = department.token("headA");
        List<Long> all = walk(head, "id", 200, Map.of());
        assertEquals(2_400, all.size());
        long newest = all.get(all.size() - 1);
        double scans = plans("scan");
        assertEquals(List.of(newest), walk(head, "id", 50, Map.of("field.rp_score.gte", 7, "field.rp_score.lte", 7, "q", "scored 2399")));
        assertEquals(scans + 1, plans("scan"), "more candidates than the plan reads: scanned");
        // the same match in the trash: one trashed client, the department's trash read whole (ClientSql.trashed)
        as(head).delete("/api/v1/clients/" + newest).then().statusCode(204);
        double trashed = Counters.read("clientbase_client_list_trash_plans_total", "plan", "trash");
        assertEquals(List.of(newest), walk(head, "id", 50, Map.of("field.rp_score.gte", 7, "field.rp_score.lte", 7, "deleted", true)));
        assertEquals(trashed + 1, Counters.read("clientbase_client_list_trash_plans_total", "plan", "trash"));
        // a few candidates, none of them left out by another condition: the range plan's empty page
        double ranges = plans("range");
        assertEquals(List.of(), walk(h.token("headA"), "id", 50, Map.of("field.rp_score.gte", 1, "q", "no such name")));
        assertEquals(ranges + 1, plans("range"), "headA's empty page served by his candidates");
    }

    /** Imports {@code count} clients, the i-th owned by {@code owner(i)} and scored {@code score(i)}, in that order (ids ascending). */
    private static void importScored(int count, java.util.function.IntToLongFunction owner, java.util.function.IntUnaryOperator score) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(String.format("{\"name\":\"scored %d\",\"ownerId\":%d,\"fields\":{\"rp_score\":%d}}%n", i,
                    owner.applyAsLong(i), score.applyAsInt(i)));
        }
        asAdmin().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(count));
    }

    private static double estimates(String outcome) {
        return Counters.read("clientbase_client_list_range_estimates_total", "outcome", outcome);
    }

    @Test
    void aRangeTheServerEstimatesFarAboveTheBudgetOfALargeDepartmentIsScannedWithoutCountingItsCandidates() {
        // 8,000 clients: a department larger than three budgets (1,000 for a page of 50), so the
        // server's estimate of his range is asked first. Scored 9: every 500th and the one 3 after it
        // (a3's); 8: a quarter (2,000: the scan meets a page within ~200 rows, the count would read 1,000 and give up);
        // 6: an eighth (~1,000, estimated exactly: the scan reads ~410 rows, the count 1,000 and the page's);
        // 7: the rest. a3 owns every 20th client (400), a2 the other odd ones, a1 the even ones.
        Hierarchy large = Hierarchy.create("crangeest");
        large.add("a3", "EMPLOYEE", large.id("headA"));
        java.util.function.IntUnaryOperator score = i -> i % 500 == 0 || i % 500 == 3 ? 9 : i % 4 == 1 ? 8 : i % 8 == 3 ? 6 : 7;
        importScored(8_000, i -> large.id(i % 20 == 3 ? "a3" : i % 2 == 0 ? "a1" : "a2"), score);
        String head = large.token("headA");
        List<Long> all = walk(head, "id", 200, Map.of());
        assertEquals(8_000, all.size());
        for (int kept : List.of(7, 8, 6)) {
            double wide = estimates("scan");
            double scans = plans("scan");
            double ranges = plans("range");
            List<Long> scored = java.util.stream.IntStream.range(0, all.size())
                    .filter(i -> score.applyAsInt(i) == kept).mapToObj(all::get).toList();
            assertEquals(scored.subList(0, 50), as(head).queryParams(Map.of("field.rp_score.gte", kept, "field.rp_score.lte", kept))
                    .queryParam("limit", 50).get("/api/v1/clients").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class));
            assertEquals(wide + 1, estimates("scan"), kept + ": estimated wide");
            assertEquals(scans + 1, plans("scan"), kept + ": and scanned");
            assertEquals(ranges, plans("range"), kept + ": no candidates read");
        }
        // a range of the same department the estimate finds narrow: counted and read from the index, as before
        double narrow = estimates("count");
        double ranges = plans("range");
        List<Long> nines = java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 500 == 0 || i % 500 == 3).mapToObj(all::get).toList();
        assertEquals(nines, walk(head, "id", 50, Map.of("field.rp_score.gte", 9)));
        assertTrue(estimates("count") >= narrow + 1, "estimated narrow");
        assertTrue(plans("range") >= ranges + 1, "served by the candidates");
        // an employee with 400 clients: the department's 32 entries in range, not his 400 clients tested one by one
        ranges = plans("range");
        List<Long> a3s = java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 500 == 3).mapToObj(all::get).toList();
        assertEquals(a3s, walk(large.token("a3"), "id", 50, Map.of("field.rp_score.gte", 9)));
        assertEquals(ranges + 1, plans("range"), "a3's page served by the candidates");
        // and the scope still decides: the other department's head sees none of them
        assertEquals(List.of(), walk(large.token("headB"), "id", 50, Map.of("field.rp_score.gte", 7, "field.rp_score.lte", 7)));
    }

    private static double forms(String form) {
        return Counters.read("clientbase_client_list_range_forms_total", "form", form);
    }

    @Test
    void aNarrowRangeOfALargeDepartmentIsReadInOneStatementAndListsExactlyTheScopesClientsInRangeBothWays() {
        // 8,000 clients: more than three budgets (1,000 for a page of 50), so the server's estimate of the
        // range is asked; every 40th is scored 9 (200, within half the budget): its entries joined to their
        // rows in one statement, every page, with nothing the budget could leave unread
        Hierarchy large = Hierarchy.create("crangejoin");
        importScored(8_000, i -> large.id(i % 2 == 0 ? "a1" : "a2"), i -> i % 40 == 0 ? 9 : 7);
        String head = large.token("headA");
        List<Long> all = walk(head, "id", 200, Map.of());
        assertEquals(8_000, all.size());
        List<Long> nines = java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 40 == 0).mapToObj(all::get).toList();
        Map<String, Object> nine = Map.of("field.rp_score.gte", 9);
        double joined = forms("joined");
        double counted = forms("counted");
        assertEquals(nines, walk(head, "id", 50, nine));
        assertEquals(joined + 4, forms("joined"), "its four pages, each in one statement");
        assertEquals(counted, forms("counted"), "no candidates counted first");
        List<Long> down = new ArrayList<>(nines);
        Collections.reverse(down);
        assertEquals(down, walk(head, "-id", 50, nine));
        // the rows still decide on the rest: another bound of the same field, the owner asked for, the trash
        assertEquals(List.of(), walk(head, "id", 50, Map.of("field.rp_score.gte", 9, "field.rp_score.lte", 8)));
        assertEquals(nines.stream().filter(id -> all.indexOf(id) % 2 == 0).toList(),
                walk(head, "id", 50, Map.of("field.rp_score.gte", 9, "ownerId", large.id("a1"))));
        long gone = nines.get(77);
        as(head).delete("/api/v1/clients/" + gone).then().statusCode(204);
        assertEquals(List.of(gone), walk(head, "id", 50, Map.of("field.rp_score.gte", 9, "deleted", true)));
        assertEquals(nines.stream().filter(id -> id != gone).toList(), walk(head, "id", 50, nine));
        // and the scope decides: the other department's head sees none of them
        assertEquals(List.of(), walk(large.token("headB"), "id", 50, nine));
        assertTrue(forms("joined") >= joined + 12, "served in one statement: " + (forms("joined") - joined));
    }

    @Test
    void aHeadsRangeHeldByMostOfHisOwnClientsIsScannedOnHisRangeEvenInATableWhereItIsRare() {
        // the budget of a head's page follows his 1,100 clients, not the table's: reading all of his
        // 1,100 clients in range costs more than meeting 201 of them in his range of the head index
        Hierarchy wide = Hierarchy.create("crangewide");
        importScored(1_100, i -> wide.id(i % 2 == 0 ? "a1" : "headA"), i -> 7);
        String head = wide.token("headA");
        List<Long> all = walk(head, "id", 200, Map.of());
        assertEquals(1_100, all.size());
        Map<String, Object> seven = Map.of("field.rp_score.gte", 7, "field.rp_score.lte", 7);
        double scans = plans("scan");
        assertEquals(all.subList(0, 200), as(head).queryParams(seven).queryParam("limit", 200).get("/api/v1/clients")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class));
        assertEquals(scans + 1, plans("scan"), "the first page, scanned");
        assertEquals(all, walk(head, "id", 200, seven));
        List<Long> down = new ArrayList<>(all);
        Collections.reverse(down);
        assertEquals(down, walk(head, "-id", 200, seven));
        assertEquals(List.of(), walk(wide.token("headB"), "id", 200, seven), "the other head sees none of them");
    }

    @Test
    void aSortByACustomNumberOrDateWalksTheScopeInValueOrderThenTheClientsWithoutOneBothWays() {
        List<Long> byScore = new ArrayList<>();
        for (int score = 1; score <= 30; score++) { // a1's client of a score was created before a2's: lower id first
            byScore.add(Math.min(BY_OWNER.get("a1").get(score), BY_OWNER.get("a2").get(score)));
            byScore.add(Math.max(BY_OWNER.get("a1").get(score), BY_OWNER.get("a2").get(score)));
        }
        List<Long> ascending = new ArrayList<>(byScore);
        ascending.addAll(UNSCORED);
        String head = h.token("headA");
        assertEquals(ascending, walk(head, "field.rp_score", 7, Map.of()));
        assertEquals(ascending, walk(head, "field.rp_due", 50, Map.of()), "the due day is the score");
        List<Long> descending = new ArrayList<>(byScore);
        Collections.reverse(descending);
        List<Long> unscoredDown = new ArrayList<>(UNSCORED);
        Collections.reverse(unscoredDown);
        descending.addAll(unscoredDown);
        assertEquals(descending, walk(head, "-field.rp_score", 7, Map.of()), "values down, then the clients without one, ids down");
        assertEquals(List.copyOf(BY_OWNER.get("a2").values()), walk(io.clientbase.support.Api.adminToken(), "field.rp_due", 9,
                Map.of("ownerId", h.id("a2"))), "the ADMIN, one owner");
        assertEquals(List.of(), walk(head, "field.rp_score", 9, Map.of("ownerId", h.id("b1"))), "an owner outside the scope");
        List<Long> b1High = new ArrayList<>(BY_OWNER.get("b1").subMap(25, true, 30, true).values());
        Collections.reverse(b1High);
        assertEquals(b1High, walk(h.token("headB"), "-field.rp_score", 2, Map.of("field.rp_score.gte", 25)), "with a range, tested per row");
    }
}
