package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.clientbase.support.Pages.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Api;
import io.clientbase.support.Counters;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Equality filters through both of their plans: in a scope smaller than the table, the scope's range
 * of one value in the value index, owner or head first (ClientSql#equalityAsRange; V19, V24, V28);
 * the value's entries in id order for everyone, for a head his department's entries of the value
 * (ClientSql#readsHeadsValueEntries, V30), or when the scope holds more matches than the range plan
 * reads. Either way a page holds exactly the scope's matches, in id order, for text, a number, a
 * checkbox and a date.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class EqualityPlanTest {

    /**
     * Clients of "free", outside every department, all holding the common values: the table's entries
     * of each, enough that reading them in id order for a page of 2 of a1's costs more than the range
     * plan (ClientSql#readsScopesRange: 3 x 10,000 / 6 against 500 + 4 x 6).
     */
    private static final int COMMON = 10_000;

    private static Hierarchy h;
    /** Client ids by owner, in id order, and their number i in that owner's import. */
    private static final Map<String, List<Long>> IDS = new HashMap<>();

    /** The common values, held by the i-th client of a1, a2 and b1 when the predicate says so, and by all of free's. */
    private static final Map<String, Object> LYON = Map.of("field.eq_city", "Lyon");
    private static final Map<String, Object> FORTY_TWO = Map.of("field.eq_n", 42);
    private static final Map<String, Object> ON = Map.of("field.eq_on", true);
    private static final Map<String, Object> THE_DAY = Map.of("field.eq_day", "2026-02-03");
    private static final Map<Map<String, Object>, IntPredicate> HOLDS = Map.of(LYON, i -> i % 2 == 0, FORTY_TWO, i -> i % 3 == 0,
            ON, i -> i % 4 == 0, THE_DAY, i -> i < 5);

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("ceqplan");
        long section = asAdmin().body(Map.of("name", "Equality " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("eq_city", "TEXT"), List.of("eq_n", "NUMBER"), List.of("eq_on", "CHECKBOX"), List.of("eq_day", "DATE"))) {
            asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201);
        }
        // a1's clients first, then free's many, then a2's and b1's: each scope's matches are spread in id order
        StringBuilder lines = new StringBuilder();
        appendClients(lines, "a1", 12);
        for (int i = 0; i < COMMON; i++) {
            lines.append(String.format("{\"name\":\"free %d\",\"ownerId\":%d,\"fields\":{\"eq_city\":\"Lyon\",\"eq_n\":42,\"eq_on\":true,"
                    + "\"eq_day\":\"2026-02-03\"}}%n", i, h.id("free")));
        }
        // a2's 200 clients hold a rare day (5 of them): more than the range plan costs to scan (ClientSql#scansOwnersEquality)
        appendClients(lines, "a2", 200);
        appendClients(lines, "b1", 8);
        asAdmin().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(220 + COMMON));
        for (String owner : List.of("a1", "a2", "b1")) {
            IDS.put(owner, walk(h.token(owner), "id", 200, Map.of()));
        }
        assertEquals(12, IDS.get("a1").size());
    }

    /** {@code count} clients of {@code owner}: the i-th holds Lyon when i is even (Nice else), 42 when i % 3 == 0, ... */
    private static void appendClients(StringBuilder lines, String owner, int count) {
        for (int i = 0; i < count; i++) {
            lines.append(String.format("{\"name\":\"%s %d\",\"ownerId\":%d,\"fields\":{\"eq_city\":\"%s\",\"eq_n\":%d,\"eq_on\":%b,"
                            + "\"eq_day\":\"2026-02-%02d\"}}%n", owner, i, h.id(owner), i % 2 == 0 ? "Lyon" : "Nice", i % 3 == 0 ? 42 : i,
                    i % 4 == 0, i < 5 ? 3 : 10 + i % 18));
        }
    }

    /** The ids, in id order, of the owners' clients holding {@code filter}'s value. */
    private static List<Long> holding(Map<String, Object> filter, String... owners) {
        List<Long> ids = new ArrayList<>();
        for (String owner : owners) {
            List<Long> own = IDS.get(owner);
            for (int i = 0; i < own.size(); i++) {
                if (HOLDS.get(filter).test(i)) {
                    ids.add(own.get(i));
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> down = new ArrayList<>(ids);
        Collections.reverse(down);
        return down;
    }

    private static double rangePlans(String plan) {
        return Counters.read("clientbase_client_list_range_plans_total", "plan", plan);
    }

    @Test
    void anEmployeeFilteringOnAValueThousandsOfClientsHoldReadsHisOwnClientsAndListsExactlyHisMatchesBothWays() {
        double scans = rangePlans("scan");
        for (var filter : HOLDS.keySet()) {
            List<Long> expected = holding(filter, "a1");
            assertTrue(expected.size() >= 3, filter + " " + expected);
            assertEquals(expected, walk(h.token("a1"), "id", 2, filter), filter.toString());
            assertEquals(reversed(expected), walk(h.token("a1"), "-id", 2, filter), filter.toString());
        }
        assertTrue(rangePlans("scan") >= scans + HOLDS.size() * 2 * 2,
                "his 12 clients each tested cost less than any range of the value: " + (rangePlans("scan") - scans));
    }

    @Test
    void anEmployeeWithManyClientsReadsHisRangeOfARareValueAndHisClientsForACommonOneWithTheSamePages() {
        double ranges = rangePlans("range");
        assertEquals(holding(THE_DAY, "a2"), walk(h.token("a2"), "id", 5, THE_DAY));
        assertTrue(rangePlans("range") >= ranges + 1, "5 of his 200 clients: his range of the day, not ~127 of his clients tested");
        double scans = rangePlans("scan");
        assertEquals(holding(ON, "a2"), walk(h.token("a2"), "id", 10, ON));
        assertEquals(reversed(holding(ON, "a2")), walk(h.token("a2"), "-id", 10, ON));
        assertTrue(rangePlans("scan") >= scans + 10, "a quarter of them: ~44 of his clients tested for a page, not his department's 53 entries");
    }

    @Test
    void aHeadsDepartmentIsReadAsHisEntriesOfTheValueInIdOrderAndTheOtherDepartmentStaysOut() {
        double ranges = rangePlans("range");
        double byValue = rangePlans("value");
        for (var filter : HOLDS.keySet()) {
            assertEquals(holding(filter, "a1", "a2"), walk(h.token("headA"), "id", 5, filter), filter.toString());
            assertEquals(reversed(holding(filter, "a1", "a2")), walk(h.token("headA"), "-id", 5, filter), filter.toString());
            assertEquals(holding(filter, "b1"), walk(h.token("headB"), "id", 5, filter), filter.toString());
            assertEquals(List.of(), walk(h.token("headC"), "id", 5, filter), "a head without employees: " + filter);
        }
        assertTrue(rangePlans("value") >= byValue + 4 * HOLDS.size(), "each department's entries of the value: " + (rangePlans("value") - byValue));
        assertEquals(ranges, rangePlans("range"), "no head's page counts his matches first");
    }

    @Test
    void aTextLongerThanItsKeyOrTwoValuesOfOneFieldAreDecidedOnTheRows() {
        Map<String, Object> both = new HashMap<>();
        both.put("field.eq_city", List.of("Lyon", "Nice"));
        assertEquals(List.of(), walk(h.token("a1"), "id", 5, both), "no client is in two cities");
        assertEquals(List.of(), walk(h.token("a1"), "id", 5, Map.of("field.eq_city", "L".repeat(300))), "no key holds it: no client has it");
    }

    @Test
    void aValueHeldByMoreOfTheScopesClientsThanTheRangePlanReadsDrivesFromItsEntriesWithTheSamePages() {
        // all of free's 10,000 clients hold 42 and Lyon: his page of one is met at once in id order
        String free = h.token("free");
        List<Long> all = walk(free, "id", 200, Map.of());
        assertEquals(COMMON, all.size());
        double byValue = rangePlans("value");
        assertEquals(all.subList(0, 1), as(free).queryParams(FORTY_TWO).queryParam("limit", 1).get("/api/v1/clients")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class));
        assertEquals(byValue + 1, rangePlans("value"), "left to the value's entries");
        assertEquals(all, walk(free, "id", 200, FORTY_TWO));
        assertEquals(all, walk(free, "id", 200, LYON));
        assertEquals(reversed(all), walk(free, "-id", 200, THE_DAY));
    }

    @Test
    void oneOwnerAskedForIsHisRangeEvenForTheAdminWhoseWholeListReadsTheValuesEntries() {
        double own = rangePlans("range") + rangePlans("scan");
        double byValue = rangePlans("value");
        assertEquals(holding(LYON, "b1"), walk(Api.adminToken(), "id", 2, Map.of("field.eq_city", "Lyon", "ownerId", h.id("b1"))));
        assertEquals(List.of(), walk(h.token("headA"), "id", 2, Map.of("field.eq_city", "Lyon", "ownerId", h.id("b1"))),
                "an owner outside the scope: nothing, as without the filter");
        assertEquals(holding(FORTY_TWO, "a2"), walk(Api.adminToken(), "id", 2, Map.of("field.eq_n", 42, "ownerId", h.id("a2"))));
        assertEquals(List.of(), walk(h.token("headA"), "id", 2, Map.of("field.eq_n", 42, "ownerId", h.id("b1"))));
        assertTrue(rangePlans("range") + rangePlans("scan") >= own + 6, "his range of the value or his clients tested");
        assertEquals(byValue, rangePlans("value"), "never the value's entries of the whole table");
        double notRanged = rangePlans("range") + rangePlans("value") + rangePlans("scan");
        List<Long> everyone = as(Api.adminToken()).queryParams(LYON).queryParam("limit", 200).get("/api/v1/clients")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertEquals(200, everyone.size());
        assertEquals(holding(LYON, "a1"), everyone.subList(0, holding(LYON, "a1").size()), "a1's were imported first");
        assertEquals(notRanged, rangePlans("range") + rangePlans("value") + rangePlans("scan"), "everyone's list: the value's entries alone");
    }

    @Test
    void bothEqualitiesTheTrashAndFreeTextStillDecideOnTheScopesRows() {
        String a1 = h.token("a1");
        Map<String, Object> both = new HashMap<>(LYON);
        both.putAll(FORTY_TWO);
        List<Long> lyonAnd42 = new ArrayList<>(holding(LYON, "a1"));
        lyonAnd42.retainAll(holding(FORTY_TWO, "a1"));
        assertEquals(lyonAnd42, walk(a1, "id", 1, both));
        Map<String, Object> text = new HashMap<>(LYON);
        text.put("q", "a1 1");
        assertEquals(List.of(IDS.get("a1").get(10)), walk(a1, "id", 5, text), "a1 10 alone among a1 0, 2, ..., 10 (a1 1 is in Nice)");
        long trashed = holding(THE_DAY, "a1").get(1);
        as(a1).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        try {
            List<Long> live = new ArrayList<>(holding(THE_DAY, "a1"));
            live.remove(trashed);
            assertEquals(live, walk(a1, "id", 2, THE_DAY));
            Map<String, Object> trash = new HashMap<>(THE_DAY);
            trash.put("deleted", true);
            assertEquals(List.of(trashed), walk(a1, "id", 2, trash));
        } finally {
            as(a1).post("/api/v1/clients/" + trashed + "/restore").then().statusCode(200);
        }
    }
}
