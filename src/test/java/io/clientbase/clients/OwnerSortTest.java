package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A head's page sorted by name, createdAt or updatedAt reads his range of the head's sort index (V23,
 * V32, ClientSql.headSorted), an employee's or one owner's page his own sort index (V22, V32,
 * ClientSql.ownersMerged): walked page by page both ways it must hold exactly the scope's live
 * clients in (value, id) order, ties across owners included.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class OwnerSortTest {

    private static Hierarchy h;
    /** Every client of headA's department and of b1, as the API gives them. */
    private static final List<Map<String, Object>> CLIENTS = new ArrayList<>();
    private static final List<String> SORTS = List.of("name", "createdAt", "updatedAt");

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() throws Exception {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("osort");
        List<String> creators = List.of("a1", "a2", "headA", "b1");
        for (int i = 0; i < 16; i++) {
            // five names for 16 clients: ties within an owner and across owners
            as(h.token(creators.get(i % 4))).body(Map.of("name", String.format("os-%02d", (i * 7) % 5))).post("/api/v1/clients")
                    .then().statusCode(201);
        }
        long trashed = as(h.token("a1")).body(Map.of("name", "os-00")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(h.token("a1")).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        createdOutOfIdOrder();
        for (String who : List.of("headA", "headB")) {
            List<Map<String, Object>> items = Pages.all(() -> as(h.token(who)).queryParam("limit", 50), "/api/v1/clients");
            // rename the first half, newest id first, so that updatedAt is not the order of ids
            for (int i = items.size() / 2 - 1; i >= 0; i--) {
                Object id = items.get(i).get("id");
                as(h.token(who)).body(Map.of("name", items.get(i).get("name") + "z")).patch("/api/v1/clients/" + id).then().statusCode(200);
            }
            CLIENTS.addAll(Pages.all(() -> as(h.token(who)).queryParam("limit", 50), "/api/v1/clients"));
        }
        assertEquals(16, CLIENTS.size());
    }

    /**
     * Creation times that do not follow the ids, with ties, as two nodes of a cluster or two creates at
     * once give them: a plan that read createdAt in id order would fail here.
     */
    private void createdOutOfIdOrder() throws Exception {
        String owners = String.join(",", List.of("a1", "a2", "headA", "b1").stream().map(u -> String.valueOf(h.id(u))).toList());
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            assertEquals(17, st.executeUpdate("UPDATE clients SET created_at = TIMESTAMP'2026-03-01 10:00:00' + INTERVAL ((id * 5) % 7) MINUTE"
                    + " WHERE owner_id IN (" + owners + ")"));
        }
    }

    private static long id(Map<String, Object> client) {
        return ((Number) client.get("id")).longValue();
    }

    private static List<Long> expected(String key, List<String> owners) {
        List<Long> ownerIds = owners.stream().map(h::id).toList();
        Comparator<Map<String, Object>> byValue = key.equals("name") ? Comparator.comparing(c -> (String) c.get("name"))
                : Comparator.comparing(c -> Instant.parse((String) c.get(key)));
        return CLIENTS.stream().filter(c -> ownerIds.contains(((Number) c.get("ownerId")).longValue()))
                .sorted(byValue.thenComparing(OwnerSortTest::id)).map(OwnerSortTest::id).toList();
    }

    private static List<Long> walk(String who, String sort, Map<String, Object> filters) {
        return Pages.all(() -> as(h.token(who)).queryParams(filters).queryParam("sort", sort).queryParam("limit", 2), "/api/v1/clients")
                .stream().map(OwnerSortTest::id).toList();
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> down = new ArrayList<>(ids);
        java.util.Collections.reverse(down);
        return down;
    }

    @Test
    void aHeadsPagesByNameCreatedAtOrUpdatedAtHoldHisDepartmentsLiveClientsInOrderBothWays() {
        for (String key : SORTS) {
            List<Long> department = expected(key, List.of("headA", "a1", "a2"));
            assertEquals(12, department.size());
            assertEquals(department, walk("headA", key, Map.of()), key);
            assertEquals(reversed(department), walk("headA", "-" + key, Map.of()), "-" + key);
        }
    }

    @Test
    void anEmployeeOrOneOwnerOfTheScopeGetsHisOwnInOrder() {
        for (String key : SORTS) {
            assertEquals(expected(key, List.of("a1")), walk("a1", key, Map.of()), key);
            assertEquals(expected(key, List.of("a2")), walk("headA", key, Map.of("ownerId", h.id("a2"))), key);
            assertEquals(List.of(), walk("headA", key, Map.of("ownerId", h.id("b1"))), "an owner outside the scope: nothing");
            assertEquals(reversed(expected(key, List.of("b1"))), walk("headB", "-" + key, Map.of()), "the other head: b1's alone");
        }
    }
}
