package io.clientbase.users;

import static io.clientbase.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Caller × target user × GET / PATCH / DELETE, as DESIGN.md §1 and the access-model issue state them. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class UserScopeMatrixTest {

    private static final List<String> PEOPLE = List.of("admin", "headA", "headB", "headC", "a1", "a2", "b1", "free");

    /** Who each caller may see (himself included). */
    private static final Map<String, Set<String>> SEES = Map.of(
            "admin", Set.copyOf(PEOPLE),
            "headA", Set.of("headA", "a1", "a2"),
            "headB", Set.of("headB", "b1"),
            "headC", Set.of("headC"),
            "a1", Set.of("a1"),
            "a2", Set.of("a2"),
            "b1", Set.of("b1"),
            "free", Set.of("free"));

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("matrix");
        }
    }

    @Test
    void everyCallerReadsExactlyTheUsersInHisScopeAndGets404ForTheRest() {
        for (String caller : PEOPLE) {
            for (String target : PEOPLE) {
                int expected = SEES.get(caller).contains(target) ? 200 : 404;
                int actual = as(h.token(caller)).get("/api/v1/users/" + h.id(target)).statusCode();
                assertEquals(expected, actual, caller + " GET " + target);
            }
        }
    }

    @Test
    void onlyAdminChangesUsersOthersGet403InScopeAnd404Outside() {
        for (String caller : PEOPLE) {
            for (String target : PEOPLE) {
                int expected = "admin".equals(caller) ? 200 : SEES.get(caller).contains(target) ? 403 : 404;
                int actual = as(h.token(caller)).body(Map.of("email", target + "@example.com"))
                        .patch("/api/v1/users/" + h.id(target)).statusCode();
                assertEquals(expected, actual, caller + " PATCH " + target);
            }
        }
    }

    @Test
    void onlyAdminDeletesUsersOthersGet403InScopeAnd404Outside() {
        for (String caller : PEOPLE) {
            if ("admin".equals(caller)) {
                continue;
            }
            for (String target : PEOPLE) {
                int expected = SEES.get(caller).contains(target) ? 403 : 404;
                int actual = as(h.token(caller)).delete("/api/v1/users/" + h.id(target)).statusCode();
                assertEquals(expected, actual, caller + " DELETE " + target);
            }
        }
        long temp = h.add("temp", "EMPLOYEE", h.id("headA"));
        as(h.token("admin")).delete("/api/v1/users/" + temp).then().statusCode(204);
        as(h.token("admin")).get("/api/v1/users/" + temp).then().statusCode(404);
    }

    @Test
    void anAdministrationUserListsHimselfAndHisEmployeesOnly() {
        as(h.token("headA")).get("/api/v1/users").then().statusCode(200)
                .body("items.login", containsInAnyOrder(h.login("headA"), h.login("a1"), h.login("a2")))
                .body("nextCursor", equalTo(null));
        as(h.token("b1")).get("/api/v1/users").then().statusCode(200)
                .body("items.login", containsInAnyOrder(h.login("b1")));
    }

    @Test
    void reassigningAnEmployeeMovesHisVisibilityWithHim() {
        long moving = h.add("moving", "EMPLOYEE", h.id("headA"));
        as(h.token("headA")).get("/api/v1/users/" + moving).then().statusCode(200);
        as(h.token("admin")).body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + moving).then().statusCode(200);
        as(h.token("headA")).get("/api/v1/users/" + moving).then().statusCode(404);
        as(h.token("headB")).get("/api/v1/users/" + moving).then().statusCode(200);
    }

    @Test
    void theAdminListPagesWithAnOpaqueCursor() {
        var first = as(h.token("admin")).queryParam("limit", 3).get("/api/v1/users").then().statusCode(200).extract().jsonPath();
        List<Long> firstIds = first.getList("items.id", Long.class);
        assertEquals(3, firstIds.size());
        String cursor = first.getString("nextCursor");
        List<Long> secondIds = as(h.token("admin")).queryParam("limit", 3).queryParam("cursor", cursor)
                .get("/api/v1/users").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertEquals(true, secondIds.get(0) > firstIds.get(2));
        as(h.token("admin")).queryParam("limit", 500).get("/api/v1/users").then().statusCode(422);
        as(h.token("admin")).queryParam("cursor", "%%%").get("/api/v1/users").then().statusCode(422);
    }
}
