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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page in another order than id's with a filter (ClientSql.matchesSorted): when the filter holds for
 * few of the scope's clients, its matches are read and sorted instead of the scope in the sort's order.
 * Either way a page holds exactly the scope's matches, in the order the unfiltered list gives them.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SortedFilterPlanTest {

    /** headA's department: more clients than the range plans' floor budget (1,000 for a page of 50), so a wide filter is read in the sort's order. */
    private static final int DEPARTMENT = 3_000;

    private static Hierarchy h;
    /** headA's clients by import index: a1 owns the even ones, a2 the odd ones. */
    private static List<Long> byIndex;

    /** Scored i % 100: [10, 12] holds 3 % of the department. */
    private static int score(int i) {
        return i % 100;
    }

    /** One of 50 cities: 60 clients each. */
    private static String city(int i) {
        return "city" + (i % 50);
    }

    /** Imported in three batches of 1,000: the last one's clients are the department's newest. */
    private static int batch(int i) {
        return i / 1_000;
    }

    /** Every third client has no due date: a sort by it lists them last. */
    private static String due(int i) {
        return i % 3 == 0 ? null : String.format("2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
    }

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("csorted");
        long section = asAdmin().body(Map.of("name", "Sorted " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("sp_score", "NUMBER"), List.of("sp_city", "TEXT"), List.of("sp_due", "DATE"), List.of("sp_batch", "NUMBER"))) {
            asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201);
        }
        importClients(DEPARTMENT, i -> h.id(i % 2 == 0 ? "a1" : "a2"));
        importClients(300, i -> h.id("b1"));
        byIndex = walk(h.token("headA"), "id", 200, Map.of());
        assertEquals(DEPARTMENT, byIndex.size());
    }

    /** Names in another order than the ids (7919 is prime to 1,500), each held by two clients: ties go by id. */
    private static void importClients(int count, java.util.function.IntToLongFunction owner) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String due = due(i);
            lines.append(String.format("{\"name\":\"n%04d\",\"ownerId\":%d,\"fields\":{\"sp_score\":%d,\"sp_city\":\"%s\",\"sp_batch\":%d%s}}%n",
                    (i * 7919) % 1500, owner.applyAsLong(i), score(i), city(i), batch(i), due == null ? "" : ",\"sp_due\":\"" + due + "\""));
        }
        asAdmin().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(count));
    }

    private static double plans(String plan) {
        return Counters.read("clientbase_client_list_sorted_plans_total", "plan", plan);
    }

    /** The ids of headA's clients whose import index {@code matches}. */
    private static Set<Long> matching(IntPredicate matches) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < DEPARTMENT; i++) {
            if (matches.test(i)) {
                ids.add(byIndex.get(i));
            }
        }
        return ids;
    }

    /** What {@code token}'s unfiltered list gives in {@code sort}'s order, kept to {@code matches}. */
    private static List<Long> inListOrder(String token, String sort, Set<Long> matches) {
        List<Long> kept = new ArrayList<>(walk(token, sort, 200, Map.of()));
        kept.retainAll(matches);
        return kept;
    }

    @Test
    void aHeadsPageByNameOfAFewMatchesListsExactlyHisClientsInRangeInNameOrderPageAfterPageBothWays() {
        Map<String, Object> range = Map.of("field.sp_score.gte", 10, "field.sp_score.lte", 12);
        Set<Long> inRange = matching(i -> score(i) >= 10 && score(i) <= 12);
        assertEquals(90, inRange.size());
        String head = h.token("headA");
        List<Long> byName = inListOrder(head, "name", inRange);
        List<Long> byNameDown = new ArrayList<>(byName);
        Collections.reverse(byNameDown);
        double matches = plans("matches");
        assertEquals(byName, walk(head, "name", 7, range));
        assertEquals(byNameDown, walk(head, "-name", 7, range), "ties on the name go by id, the other way round too");
        assertTrue(plans("matches") >= matches + 26, "every page of both walks from the 90 matches: " + (plans("matches") - matches));
        assertEquals(inListOrder(head, "-updatedAt", inRange), walk(head, "-updatedAt", 11, range));
        assertEquals(inListOrder(head, "createdAt", inRange), walk(head, "createdAt", 11, range));
    }

    @Test
    void anEmployeeTheOtherHeadAndOneOwnerAskedForSeeTheirOwnMatchesAlone() {
        Map<String, Object> city = Map.of("field.sp_city", "city8");
        Set<Long> inCity = matching(i -> city(i).equals("city8"));
        assertEquals(60, inCity.size());
        String a1 = h.token("a1");
        Set<Long> a1s = new HashSet<>(walk(a1, "id", 200, Map.of()));
        assertEquals(DEPARTMENT / 2, a1s.size());
        Set<Long> a1sInCity = new HashSet<>(inCity);
        a1sInCity.retainAll(a1s);
        double matches = plans("matches");
        assertEquals(inListOrder(a1, "name", a1sInCity), walk(a1, "name", 8, city), "an employee: his own alone");
        assertEquals(inListOrder(h.token("b1"), "name", new HashSet<>(walk(h.token("b1"), "id", 200, city))),
                walk(h.token("headB"), "name", 8, city), "the other head: b1's alone");
        Map<String, Object> a1Asked = new HashMap<>(city);
        a1Asked.put("ownerId", h.id("a1"));
        assertEquals(inListOrder(a1, "name", a1sInCity), walk(h.token("headA"), "name", 8, a1Asked), "one owner of the scope asked for");
        a1Asked.put("ownerId", h.id("b1"));
        assertEquals(List.of(), walk(h.token("headA"), "name", 8, a1Asked), "an owner outside the scope: nothing, as without the filter");
        assertTrue(plans("matches") >= matches + 4, "served by the matches: " + (plans("matches") - matches));
    }

    @Test
    void aPageByACustomFieldOfAFewMatchesListsTheClientsWithoutItsValueLastInEitherDirection() {
        Map<String, Object> city = Map.of("field.sp_city", "city7");
        Set<Long> inCity = matching(i -> city(i).equals("city7"));
        assertTrue(matching(i -> city(i).equals("city7") && due(i) == null).size() >= 10, "some of them without a due date");
        String head = h.token("headA");
        double matches = plans("matches");
        assertEquals(inListOrder(head, "field.sp_due", inCity), walk(head, "field.sp_due", 6, city));
        assertEquals(inListOrder(head, "-field.sp_due", inCity), walk(head, "-field.sp_due", 6, city));
        assertEquals(inListOrder(head, "field.sp_score", inCity), walk(head, "field.sp_score", 9, city), "sorted by another field's value");
        assertTrue(plans("matches") >= matches + 25, "served by the matches: " + (plans("matches") - matches));
    }

    @Test
    void aPageByACustomFieldSortsTheDepartmentsMatchesAndKeepsOnlyTheCallersUntrashedClientsThatPassEveryFilter() {
        String a2 = h.token("a2");
        Map<String, Object> range = Map.of("field.sp_score.gte", 10, "field.sp_score.lte", 12);
        Set<Long> a2sInRange = matching(i -> i % 2 == 1 && score(i) >= 10 && score(i) <= 12);
        assertEquals(30, a2sInRange.size(), "a third of the department's 90 matches");
        long trashed = inListOrder(a2, "field.sp_due", a2sInRange).get(5);
        double matches = plans("matches");
        as(a2).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        try {
            Set<Long> kept = new HashSet<>(a2sInRange);
            kept.remove(trashed);
            assertEquals(inListOrder(a2, "field.sp_due", kept), walk(a2, "field.sp_due", 4, range), "the trashed one left out (a1's are not his entries)");
            assertEquals(inListOrder(a2, "-field.sp_due", kept), walk(a2, "-field.sp_due", 4, range));
        } finally {
            as(a2).post("/api/v1/clients/" + trashed + "/restore").then().statusCode(200);
        }
        Map<String, Object> cityAndRange = new HashMap<>(range);
        cityAndRange.put("field.sp_city", "city11");
        Set<Long> both = matching(i -> city(i).equals("city11") && score(i) >= 10 && score(i) <= 12);
        assertEquals(30, both.size(), "half of city11's 60");
        String head = h.token("headA");
        assertEquals(inListOrder(head, "-field.sp_due", both), walk(head, "-field.sp_due", 4, cityAndRange), "the range tested on the city's rows");
        assertTrue(plans("matches") >= matches + 24, "served by the matches: " + (plans("matches") - matches));
    }

    @Test
    void aFilterHeldByMoreOfTheScopeThanTheMatchesPlanReadsIsReadInTheSortsOrderAndGivesTheSamePages() {
        Map<String, Object> wide = Map.of("field.sp_score.gte", 0, "field.sp_score.lte", 79);
        Set<Long> inRange = matching(i -> score(i) <= 79);
        String head = h.token("headA");
        double inOrder = plans("sort-order");
        double matches = plans("matches");
        assertEquals(inListOrder(head, "name", inRange), walk(head, "name", 200, wide));
        assertTrue(plans("sort-order") >= inOrder + 12, "2,400 matches among 3,000: the order meets a page first");
        assertEquals(matches, plans("matches"));
    }

    @Test
    void aFilterWhoseMatchesComeLastInTheSortsOrderIsReadFromItsMatchesOnceTheOrderHasExaminedWhatTheyWouldCost() {
        Map<String, Object> newest = Map.of("field.sp_batch.gte", 2);
        Set<Long> lastBatch = matching(i -> batch(i) >= 2);
        assertEquals(1_000, lastBatch.size(), "a third of the department: too many for the matches plan");
        String head = h.token("headA");
        double inOrder = plans("sort-order");
        double afterAll = plans("matches-after-sort-order");
        assertEquals(inListOrder(head, "createdAt", lastBatch), walk(head, "createdAt", 50, newest));
        assertTrue(plans("sort-order") >= inOrder + 20, "every page of the 1,000 is sent to the sort's order first");
        assertTrue(plans("matches-after-sort-order") >= afterAll + 1, "oldest first, 2,000 clients come before the first match");
        afterAll = plans("matches-after-sort-order");
        assertEquals(inListOrder(head, "-createdAt", lastBatch), walk(head, "-createdAt", 50, newest));
        assertEquals(afterAll + 1, plans("matches-after-sort-order"),
                "newest first they come first: the order serves every page but the last, which would read the 2,000 older clients to learn that none follows");
    }

    @Test
    void everyPlanOfTheSortsOrderRunsUnderTheBoundAndGivesTheSamePages() {
        Map<String, Object> newest = Map.of("field.sp_batch.gte", 2);
        Set<Long> lastBatch = matching(i -> batch(i) >= 2);
        String head = h.token("headA");
        double inOrder = plans("sort-order");
        assertEquals(inListOrder(head, "field.sp_due", lastBatch), walk(head, "field.sp_due", 50, newest),
                "by a custom date, clients without one last: the value index's two statements");
        assertEquals(inListOrder(head, "-field.sp_due", lastBatch), walk(head, "-field.sp_due", 50, newest));
        assertTrue(plans("sort-order") >= inOrder + 40, "a third of the department: read in the sort's order");
        Map<String, Object> newer = Map.of("field.sp_batch.gte", 1);
        Set<Long> a1sNewer = matching(i -> batch(i) >= 1 && i % 2 == 0);
        assertEquals(1_000, a1sNewer.size());
        String a1 = h.token("a1");
        inOrder = plans("sort-order");
        assertEquals(inListOrder(a1, "createdAt", a1sNewer), walk(a1, "createdAt", 50, newer), "an employee: his own index");
        assertEquals(inListOrder(a1, "-name", a1sNewer), walk(a1, "-name", 50, newer));
        Map<String, Object> asked = new HashMap<>(newer);
        asked.put("ownerId", h.id("a1"));
        assertEquals(inListOrder(a1, "createdAt", a1sNewer), walk(head, "createdAt", 50, asked), "one owner asked for by his head");
        assertTrue(plans("sort-order") >= inOrder + 60, "two thirds of his clients: read in his order");
    }

    @Test
    void aTrashedClientLeavesTheSortedPageOfItsFilterIsTheTrashsOnlyOneAndComesBackWithItsRestore() {
        String token = h.token("a2");
        Map<String, Object> range = Map.of("field.sp_score.gte", 41, "field.sp_score.lte", 41);
        Set<Long> inRange = matching(i -> i % 2 == 1 && score(i) == 41);
        assertEquals(30, inRange.size());
        long trashed = inListOrder(token, "name", inRange).get(3);
        as(token).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        try {
            Set<Long> withoutIt = new HashSet<>(inRange);
            withoutIt.remove(trashed);
            assertEquals(inListOrder(token, "name", withoutIt), walk(token, "name", 4, range));
            Map<String, Object> inTrash = new HashMap<>(range);
            inTrash.put("deleted", true);
            assertEquals(List.of(trashed), walk(token, "name", 4, inTrash));
        } finally {
            as(token).post("/api/v1/clients/" + trashed + "/restore").then().statusCode(200);
        }
        assertEquals(inListOrder(token, "name", inRange), walk(token, "name", 4, range));
    }
}
