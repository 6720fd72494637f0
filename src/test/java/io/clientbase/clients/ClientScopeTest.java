package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scope matrix on every client path: one client owned by each user, every caller, every path. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientScopeTest {

    private static final List<String> PEOPLE = List.of("admin", "headA", "headB", "headC", "a1", "a2", "b1", "free");
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
    private static final Map<String, Long> clientOf = new HashMap<>();

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("cscope");
            for (String owner : PEOPLE) {
                clientOf.put(owner, create(h.token(owner), "Клиент " + owner + " " + h.suffix, null));
            }
        }
    }

    static long create(String token, String name, Long ownerId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name));
        if (ownerId != null) {
            body.put("ownerId", ownerId);
        }
        return as(token).body(body).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void readingAndTheCardAnswer404OutsideTheScopeExactlyAsForAMissingId() {
        for (String caller : PEOPLE) {
            for (String owner : PEOPLE) {
                int expected = SEES.get(caller).contains(owner) ? 200 : 404;
                long id = clientOf.get(owner);
                assertEquals(expected, as(h.token(caller)).get("/api/v1/clients/" + id).statusCode(), caller + " GET " + owner);
                assertEquals(expected, as(h.token(caller)).get("/api/v1/clients/" + id + "/card").statusCode(), caller + " card " + owner);
            }
            var missing = as(h.token(caller)).get("/api/v1/clients/987654321").then().statusCode(404).extract().jsonPath();
            var hidden = as(h.token("b1")).get("/api/v1/clients/" + clientOf.get("a1")).then().statusCode(404).extract().jsonPath();
            assertEquals(missing.getString("detail"), hidden.getString("detail"));
            assertEquals(missing.getString("type"), hidden.getString("type"));
        }
    }

    @Test
    void changingAndDeletingAnswer404OutsideTheScope() {
        for (String caller : PEOPLE) {
            for (String owner : PEOPLE) {
                if (SEES.get(caller).contains(owner)) {
                    continue;
                }
                long id = clientOf.get(owner);
                assertEquals(404, as(h.token(caller)).body(Map.of("name", "x")).patch("/api/v1/clients/" + id).statusCode(), caller + " PATCH " + owner);
                assertEquals(404, as(h.token(caller)).delete("/api/v1/clients/" + id).statusCode(), caller + " DELETE " + owner);
                assertEquals(404, as(h.token(caller)).post("/api/v1/clients/" + id + "/restore").statusCode(), caller + " restore " + owner);
            }
        }
        for (String caller : PEOPLE) {
            long mine = create(h.token(caller), "own " + caller, null);
            as(h.token(caller)).body(Map.of("name", "renamed " + caller)).patch("/api/v1/clients/" + mine).then().statusCode(200);
            as(h.token(caller)).delete("/api/v1/clients/" + mine).then().statusCode(204);
        }
    }

    @Test
    void listsAndSearchShowExactlyTheScope() {
        for (String caller : PEOPLE) {
            List<String> expected = SEES.get(caller).stream().map(o -> "Клиент " + o + " " + h.suffix).toList();
            as(h.token(caller)).queryParam("q", h.suffix).queryParam("limit", 200).get("/api/v1/clients")
                    .then().statusCode(200).body("items.name", containsInAnyOrder(expected.toArray()));
        }
        as(h.token("headA")).queryParam("ownerId", h.id("b1")).get("/api/v1/clients").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aCallerMayGiveAClientOnlyToAUserInsideHisScope() {
        create(h.token("headA"), "for a2", h.id("a2"));
        as(h.token("headA")).body(Map.of("name", "for b1", "ownerId", h.id("b1"))).post("/api/v1/clients")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("ownerId"));
        as(h.token("a1")).body(Map.of("name", "for a2", "ownerId", h.id("a2"))).post("/api/v1/clients").then().statusCode(422);
        long c = create(h.token("a1"), "transfer", null);
        as(h.token("a1")).body(Map.of("ownerId", h.id("headA"))).patch("/api/v1/clients/" + c).then().statusCode(422);
        as(h.token("headA")).body(Map.of("ownerId", h.id("a2"))).patch("/api/v1/clients/" + c).then().statusCode(200);
        as(h.token("a1")).get("/api/v1/clients/" + c).then().statusCode(404);
        as(h.token("a2")).get("/api/v1/clients/" + c).then().statusCode(200);
    }

    @Test
    void reassigningAnEmployeeMovesTheVisibilityOfHisClientsRightAway() {
        long mover = h.add("cmover", "EMPLOYEE", h.id("headA"));
        long c = create(h.token("cmover"), "moving client " + h.suffix, null);
        as(h.token("headA")).get("/api/v1/clients/" + c).then().statusCode(200);
        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        as(h.token("headA")).get("/api/v1/clients/" + c).then().statusCode(404);
        as(h.token("headA")).queryParam("q", "moving client").get("/api/v1/clients").then().body("items", org.hamcrest.Matchers.empty());
        as(h.token("headB")).get("/api/v1/clients/" + c).then().statusCode(200);
        as(h.token("headB")).queryParam("q", "moving client").get("/api/v1/clients").then().body("items.id", org.hamcrest.Matchers.hasItem((int) c));
    }

    @Test
    void rightsApplyOnTopOfScope() {
        long limited = h.add("climited", "EMPLOYEE", null);
        long c = create(h.token("climited"), "limited", null);
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("delete", false, "edit", false)))).patch("/api/v1/users/" + limited)
                .then().statusCode(200);
        as(h.token("climited")).get("/api/v1/clients/" + c).then().statusCode(200);
        as(h.token("climited")).body(Map.of("name", "no")).patch("/api/v1/clients/" + c).then().statusCode(403);
        as(h.token("climited")).delete("/api/v1/clients/" + c).then().statusCode(403);
        as(h.token("climited")).queryParam("deleted", true).get("/api/v1/clients").then().statusCode(403);
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("view", false)))).patch("/api/v1/users/" + limited).then().statusCode(200);
        as(h.token("climited")).get("/api/v1/clients").then().statusCode(403);
        as(h.token("climited")).get("/api/v1/clients/" + c).then().statusCode(403);
        as(h.token("climited")).body(Map.of("name", "new")).post("/api/v1/clients").then().statusCode(403);
    }

    @Test
    void aUserWhoOwnsClientsIsDeletedOnlyByHandingThemOver() {
        long leaver = h.add("cleaver", "EMPLOYEE", h.id("headA"));
        long c = create(h.token("cleaver"), "inherited", null);
        asAdmin().delete("/api/v1/users/" + leaver).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("reassignTo"));
        asAdmin().queryParam("reassignTo", h.id("a2")).delete("/api/v1/users/" + leaver).then().statusCode(204);
        as(h.token("a2")).get("/api/v1/clients/" + c).then().statusCode(200).body("ownerId", org.hamcrest.Matchers.equalTo((int) h.id("a2")));
    }

    @Test
    void anEqualityFilterFollowsAClientToItsNewOwnerAndAUsersClientsToHisHeir() {
        long section = asAdmin().body(Map.of("name", "Scope filter " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("sectionId", section, "key", "cs_code", "name", "cs_code", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(201);
        long leaver = h.add("cfilter", "EMPLOYEE", h.id("headB"));
        long moved = as(h.token("b1")).body(Map.of("name", "moved", "fields", Map.of("cs_code", "K-" + h.suffix)))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        long inherited = as(h.token("cfilter")).body(Map.of("name", "inherited", "fields", Map.of("cs_code", "K-" + h.suffix)))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("headA")).queryParam("field.cs_code", "K-" + h.suffix).get("/api/v1/clients").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());

        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + moved).then().statusCode(200);
        asAdmin().queryParam("reassignTo", h.id("a2")).delete("/api/v1/users/" + leaver).then().statusCode(204);

        as(h.token("headA")).queryParam("field.cs_code", "K-" + h.suffix).get("/api/v1/clients").then().statusCode(200)
                .body("items.id", containsInAnyOrder((int) moved, (int) inherited));
        as(h.token("headB")).queryParam("field.cs_code", "K-" + h.suffix).get("/api/v1/clients").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }
}
