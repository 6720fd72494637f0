package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync's page by updatedAt reads the scope's changes in their order (V33, ClientSql.changes): a
 * head's range of the head's changes index, one owner's of his, the table's updated index for
 * everyone. Walked page by page both ways it must hold exactly the scope's clients, live and trashed,
 * in (updatedAt, id) order, ties across owners included, whatever the ids' order.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SyncOrderTest {

    private static final String SINCE = "2001-01-01T00:00:00Z";
    private static Hierarchy h;
    /** Each test client's owner, by id. */
    private static final Map<Long, Long> OWNERS = new HashMap<>();
    private static final Set<Long> TRASHED = new HashSet<>();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() throws Exception {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("syncord");
        List<String> creators = List.of("a1", "a2", "headA", "b1");
        for (int i = 0; i < 16; i++) {
            String owner = creators.get(i % 4);
            long id = as(h.token(owner)).body(Map.of("name", "syncord " + i)).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            OWNERS.put(id, h.id(owner));
            if (i % 5 == 0) {
                as(h.token(owner)).delete("/api/v1/clients/" + id).then().statusCode(204);
                TRASHED.add(id);
            }
        }
        assertEquals(4, TRASHED.size());
        // change times out of id order, with ties within an owner and across owners, long before the sync's bound
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            assertEquals(16, st.executeUpdate("UPDATE clients SET updated_at = " + changedAt("id") + " WHERE id IN ("
                    + String.join(",", OWNERS.keySet().stream().map(String::valueOf).toList()) + ")"));
        }
    }

    private static String changedAt(String id) {
        return "TIMESTAMP'2001-03-01 10:00:00' + INTERVAL ((" + id + " * 5) % 7) MINUTE";
    }

    /** The clients of these owners, trash included, in the order of their changes. */
    private static List<Long> changes(List<String> owners) {
        Set<Long> ownerIds = new HashSet<>(owners.stream().map(h::id).toList());
        return OWNERS.entrySet().stream().filter(e -> ownerIds.contains(e.getValue())).map(Map.Entry::getKey)
                .sorted(Comparator.comparing((Long id) -> (id * 5) % 7).thenComparing(id -> id)).toList();
    }

    private static List<Long> sync(String who, String sort, Map<String, Object> more) {
        Map<String, Object> params = new HashMap<>(more);
        params.put("updatedSince", SINCE);
        return Pages.walk(h.token(who), sort, 2, params);
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> down = new ArrayList<>(ids);
        Collections.reverse(down);
        return down;
    }

    @Test
    void aHeadsSyncHoldsHisDepartmentsClientsTrashIncludedInTheOrderOfTheirChangesBothWays() {
        List<Long> department = changes(List.of("headA", "a1", "a2"));
        assertEquals(12, department.size());
        assertTrue(department.stream().anyMatch(TRASHED::contains));
        assertEquals(department, sync("headA", "updatedAt", Map.of()));
        assertEquals(reversed(department), sync("headA", "-updatedAt", Map.of()));
        assertEquals(changes(List.of("b1")), sync("headB", "updatedAt", Map.of()), "the other head: b1's alone");
    }

    @Test
    void anEmployeeOrOneOwnerOfTheScopeSyncsHisOwnAndAnOwnerOutsideTheScopeNothing() {
        assertEquals(changes(List.of("a1")), sync("a1", "updatedAt", Map.of()));
        assertEquals(reversed(changes(List.of("a2"))), sync("headA", "-updatedAt", Map.of("ownerId", h.id("a2"))));
        assertEquals(List.of(), sync("headA", "updatedAt", Map.of("ownerId", h.id("b1"))));
        assertEquals(changes(List.of("b1")), sync("admin", "updatedAt", Map.of("ownerId", h.id("b1"))));
    }

    @Test
    void everyonesSyncHoldsEveryChangeInOrderAndFreeTextIsStillTested() {
        List<Long> all = changes(List.of("headA", "a1", "a2", "b1"));
        assertEquals(all, sync("admin", "updatedAt", Map.of("q", "syncord")));
        assertEquals(reversed(all), sync("admin", "-updatedAt", Map.of("q", "syncord")));
    }

    @Test
    void theServerReadsEachScopesRangeOfAChangesIndexInItsOrderWithoutASort() throws Exception {
        var sync = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, Instant.parse(SINCE), false, Map.of()),
                Schemas.of(), 50);
        Instant bound = Instant.now().minusSeconds(1);
        var department = OwnerScope.department(h.id("headA"), Set.of(h.id("a1"), h.id("a2")));
        Map<OwnerScope, String> indexes = Map.of(department, "ix_clients_head_changes", OwnerScope.of(Set.of(h.id("a1"))),
                "ix_clients_owner_changes", OwnerScope.all(), "ix_clients_updated");
        for (var scope : indexes.entrySet()) {
            String plan = ServerPlans.explain(dataSource, ClientSql.changes(sync, scope.getKey(), bound));
            assertTrue(plan.contains("\"key\": \"" + scope.getValue() + "\""), plan);
            assertFalse(plan.contains("filesort"), "read in the index's order: " + plan);
        }
    }
}
