package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import io.clientbase.support.Counters;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trash page reads its scope's trashed clients whole from their index range and sorts them
 * (ClientSql.trashed; a head's of the head index, an owner's of the owner index, everyone's of the
 * trash index, V34) while the server estimates them few. Walked page by page both ways, in id order,
 * by name and by a custom number, it must hold exactly the scope's trashed clients matching the
 * page's text and filters, in order, ties and missing values included.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TrashPlanTest {

    private static Hierarchy h;
    /** Every trashed test client, as the API gives it. */
    private static final List<Map<String, Object>> TRASHED = new ArrayList<>();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("trplan");
        long section = asAdmin().body(Map.of("name", "Trash " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("sectionId", section, "key", "tr_n", "name", "tr_n", "type", "NUMBER")).post("/api/v1/fields")
                .then().statusCode(201);
        List<String> creators = List.of("a1", "a2", "headA", "b1");
        for (int i = 0; i < 20; i++) {
            String owner = creators.get(i % 4);
            Map<String, Object> body = new HashMap<>();
            // three names and three numbers, some clients without one: ties within and across owners
            body.put("name", "trplan " + (i * 7) % 3);
            if (i % 5 != 0) {
                body.put("fields", Map.of("tr_n", i % 3));
            }
            long id = as(h.token(owner)).body(body).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
            if (i % 6 != 1) {
                as(h.token(owner)).delete("/api/v1/clients/" + id).then().statusCode(204);
                Map<String, Object> trashed = new HashMap<>(body);
                trashed.put("id", id);
                trashed.put("ownerId", h.id(owner));
                TRASHED.add(trashed);
            }
        }
        assertEquals(16, TRASHED.size());
    }

    private static long id(Map<String, Object> client) {
        return ((Number) client.get("id")).longValue();
    }

    private static Integer number(Map<String, Object> client) {
        Object fields = client.get("fields");
        Object n = fields instanceof Map<?, ?> m ? m.get("tr_n") : null;
        return n == null ? null : ((Number) n).intValue();
    }

    /** The trashed clients of these owners in the order of a sort (id, name or tr_n, descending with -), missing numbers last. */
    private static List<Long> expected(String sort, List<String> owners) {
        boolean down = sort.startsWith("-");
        String key = down ? sort.substring(1) : sort;
        Comparator<Map<String, Object>> byId = Comparator.comparing(TrashPlanTest::id);
        Comparator<Map<String, Object>> order = switch (key) {
            case "id" -> byId;
            case "name" -> Comparator.comparing((Map<String, Object> c) -> (String) c.get("name")).thenComparing(byId);
            default -> Comparator.comparing(TrashPlanTest::number, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byId);
        };
        if (down) {
            Comparator<Map<String, Object>> reversed = order.reversed();
            // missing values come last either way
            order = key.equals("field.tr_n") ? Comparator.comparing((Map<String, Object> c) -> number(c) == null).thenComparing(reversed) : reversed;
        }
        List<Long> ownerIds = owners.stream().map(h::id).toList();
        return TRASHED.stream().filter(c -> ownerIds.contains(((Number) c.get("ownerId")).longValue())).sorted(order).map(TrashPlanTest::id).toList();
    }

    private static List<Long> trash(String who, String sort, Map<String, Object> more) {
        Map<String, Object> params = new HashMap<>(more);
        params.put("deleted", true);
        return Pages.walk(h.token(who), sort, 2, params);
    }

    private static double plans(String plan) {
        return Counters.read("clientbase_client_list_trash_plans_total", "plan", plan);
    }

    @Test
    void aHeadsAnEmployeesAndOneOwnersTrashHoldTheirTrashedClientsInEachOrderBothWays() {
        double read = plans("trash");
        for (String sort : List.of("id", "-id", "name", "-name", "field.tr_n", "-field.tr_n")) {
            assertEquals(expected(sort, List.of("headA", "a1", "a2")), trash("headA", sort, Map.of()), sort);
            assertEquals(expected(sort, List.of("a1")), trash("a1", sort, Map.of()), sort);
            assertEquals(List.of(), trash("headA", sort, Map.of("ownerId", h.id("b1"))), "an owner outside the scope: nothing");
            assertEquals(expected(sort, List.of("b1")), trash("headB", sort, Map.of()), sort);
        }
        assertTrue(plans("trash") >= read + 6 * 4, "each a read of the scope's trash: " + (plans("trash") - read));
    }

    @Test
    void everyonesTrashIsReadFromTheTrashIndexWithTheTextAndFiltersTestedOnEachRow() throws Exception {
        List<String> all = List.of("headA", "a1", "a2", "b1");
        for (String sort : List.of("id", "-id", "name", "-field.tr_n")) {
            assertEquals(expected(sort, all), trash("admin", sort, Map.of("q", "trplan")), sort);
        }
        List<Long> holdingTwo = TRASHED.stream().filter(c -> Integer.valueOf(2).equals(number(c))).map(TrashPlanTest::id).sorted().toList();
        assertFalse(holdingTwo.isEmpty());
        assertEquals(holdingTwo, trash("admin", "id", Map.of("q", "trplan", "field.tr_n", 2)));
        assertEquals(expected("name", List.of("a2")), trash("admin", "name", Map.of("ownerId", h.id("a2"))));
        var byName = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "name", null, null, null, true, Map.of()), Schemas.of(), 50);
        String plan = ServerPlans.explain(dataSource, ClientSql.trashed(byName, OwnerScope.all()));
        assertTrue(plan.contains("\"key\": \"ix_clients_trash\""), plan);
    }
}
