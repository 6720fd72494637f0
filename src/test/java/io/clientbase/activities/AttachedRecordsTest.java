package io.clientbase.activities;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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

/** Activities and deals under the scope and rights of their own area, and carried along with their client. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AttachedRecordsTest {

    private static final List<String> PEOPLE = List.of("admin", "headA", "headB", "a1", "b1", "free");
    private static final Map<String, Set<String>> SEES = Map.of(
            "admin", Set.copyOf(PEOPLE), "headA", Set.of("headA", "a1"), "headB", Set.of("headB", "b1"),
            "a1", Set.of("a1"), "b1", Set.of("b1"), "free", Set.of("free"));
    private static Hierarchy h;
    private static final Map<String, Long> clientOf = new HashMap<>();
    private static final Map<String, Long> activityOf = new HashMap<>();
    private static final Map<String, Long> dealOf = new HashMap<>();

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("attached");
        for (String owner : PEOPLE) {
            long client = as(h.token(owner)).body(Map.of("name", "Клиент " + owner)).post("/api/v1/clients")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            clientOf.put(owner, client);
            activityOf.put(owner, activity(h.token(owner), client, "CALL", "Позвонить " + owner));
            dealOf.put(owner, as(h.token(owner)).body(Map.of("clientId", client, "title", "Сделка " + owner, "amount", 1000,
                    "currency", "RUB", "stage", "PROPOSAL")).post("/api/v1/deals").then().statusCode(201)
                    .body("stage", equalTo("PROPOSAL")).extract().jsonPath().getLong("id"));
        }
    }

    static long activity(String token, long clientId, String type, String subject) {
        return as(token).body(Map.of("clientId", clientId, "type", type, "subject", subject, "dueAt", "2026-03-01T09:30:00Z"))
                .post("/api/v1/activities").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void everyCallerReadsExactlyTheActivitiesAndDealsInHisScope() {
        for (String caller : PEOPLE) {
            for (String owner : PEOPLE) {
                int expected = SEES.get(caller).contains(owner) ? 200 : 404;
                assertEquals(expected, as(h.token(caller)).get("/api/v1/activities/" + activityOf.get(owner)).statusCode(), caller + " activity " + owner);
                assertEquals(expected, as(h.token(caller)).get("/api/v1/deals/" + dealOf.get(owner)).statusCode(), caller + " deal " + owner);
                if (expected == 404) {
                    assertEquals(404, as(h.token(caller)).body(Map.of("done", true)).patch("/api/v1/activities/" + activityOf.get(owner)).statusCode());
                    assertEquals(404, as(h.token(caller)).delete("/api/v1/deals/" + dealOf.get(owner)).statusCode());
                }
            }
            List<String> subjects = SEES.get(caller).stream().map(o -> "Позвонить " + o).toList();
            as(h.token(caller)).queryParam("limit", 200).queryParam("type", "CALL").get("/api/v1/activities").then().statusCode(200)
                    .body("items.findAll { it.subject.startsWith('Позвонить') }.subject", containsInAnyOrder(subjects.toArray()));
        }
    }

    @Test
    void anActivityOnAClientOutsideTheScopeIsRefusedAs404() {
        as(h.token("a1")).body(Map.of("clientId", clientOf.get("b1"), "type", "NOTE", "subject", "x")).post("/api/v1/activities")
                .then().statusCode(404).body("type", equalTo("https://clientbase.io/problems/not-found"));
        as(h.token("a1")).body(Map.of("clientId", 987654321, "type", "NOTE", "subject", "x")).post("/api/v1/activities").then().statusCode(404);
        as(h.token("a1")).body(Map.of("clientId", clientOf.get("b1"), "title", "x")).post("/api/v1/deals").then().statusCode(404);
        as(h.token("a1")).body(Map.of("clientId", clientOf.get("a1"))).patch("/api/v1/activities/" + activityOf.get("a1")).then().statusCode(200);
        as(h.token("a1")).body(Map.of("clientId", clientOf.get("b1"))).patch("/api/v1/activities/" + activityOf.get("a1")).then().statusCode(404);
        as(h.token("a1")).body(Map.of("clientId", clientOf.get("a1"), "type", "NOTE", "subject", "x", "ownerId", h.id("b1")))
                .post("/api/v1/activities").then().statusCode(422);
    }

    @Test
    void rightsPerAreaHoldOnEveryPath() {
        long user = h.add("noactdelete", "EMPLOYEE", null);
        String token = h.token("noactdelete");
        long client = as(token).body(Map.of("name", "mine")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        long act = activity(token, client, "TASK", "task");
        asAdmin().body(Map.of("rights", Map.of("activities", Map.of("delete", false), "deals", Map.of("view", false))))
                .patch("/api/v1/users/" + user).then().statusCode(200);
        as(token).delete("/api/v1/activities/" + act).then().statusCode(403);
        as(token).body(Map.of("done", true)).patch("/api/v1/activities/" + act).then().statusCode(200).body("done", equalTo(true));
        as(token).get("/api/v1/deals").then().statusCode(403);
        as(token).body(Map.of("clientId", client, "title", "t")).post("/api/v1/deals").then().statusCode(403);
        as(token).get("/api/v1/activities/" + act).then().statusCode(200);
    }

    @Test
    void listsFilterByClientOwnerTypeStageAndRanges() {
        long client = clientOf.get("free");
        activity(h.token("free"), client, "MEETING", "Встреча");
        as(h.token("free")).queryParam("clientId", client).queryParam("type", "MEETING").get("/api/v1/activities").then().statusCode(200)
                .body("items.subject", equalTo(List.of("Встреча")));
        as(h.token("free")).queryParam("clientId", client).queryParam("dueFrom", "2026-03-01T00:00:00Z").queryParam("dueTo", "2026-03-02T00:00:00Z")
                .get("/api/v1/activities").then().body("items.size()", equalTo(2));
        as(h.token("free")).queryParam("dueFrom", "yesterday").get("/api/v1/activities").then().statusCode(422);
        as(h.token("free")).body(Map.of("clientId", client, "title", "Большая", "amount", 5_000_000, "stage", "WON")).post("/api/v1/deals")
                .then().statusCode(201);
        as(h.token("free")).queryParam("stage", "WON").queryParam("amountFrom", 1_000_000).get("/api/v1/deals").then()
                .body("items.title", equalTo(List.of("Большая")));
        as(h.token("free")).queryParam("stage", "BIG").get("/api/v1/deals").then().statusCode(404);
        as(h.token("free")).body(Map.of("clientId", client, "title", "bad", "amount", -5)).post("/api/v1/deals").then().statusCode(422);
        as(h.token("free")).body(Map.of("clientId", client, "title", "bad", "stage", "MAYBE")).post("/api/v1/deals").then().statusCode(400);
    }

    @Test
    void pagesAndEtagsWorkAsForClients() {
        long client = clientOf.get("a1");
        for (int i = 0; i < 4; i++) {
            activity(h.token("a1"), client, "NOTE", "page " + i);
        }
        var first = as(h.token("a1")).queryParam("clientId", client).queryParam("limit", 2).get("/api/v1/activities").then().extract().jsonPath();
        String cursor = first.getString("nextCursor");
        var second = as(h.token("a1")).queryParam("clientId", client).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/activities").then().extract().jsonPath();
        assertEquals(true, second.getLong("items[0].id") > first.getLong("items[1].id"));
        long id = first.getLong("items[0].id");
        String etag = as(h.token("a1")).get("/api/v1/activities/" + id).then().extract().header("ETag");
        as(h.token("a1")).header("If-Match", etag).body(Map.of("subject", "v2")).patch("/api/v1/activities/" + id).then().statusCode(200);
        as(h.token("a1")).header("If-Match", etag).body(Map.of("subject", "v3")).patch("/api/v1/activities/" + id).then().statusCode(412);
    }

    @Test
    void trashingAndRestoringAClientCarriesItsActivitiesAndDealsAlong() {
        long client = as(h.token("b1")).body(Map.of("name", "carried")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        long act = activity(h.token("b1"), client, "TASK", "carried task");
        long deal = as(h.token("b1")).body(Map.of("clientId", client, "title", "carried deal")).post("/api/v1/deals")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("b1")).delete("/api/v1/clients/" + client).then().statusCode(204);
        as(h.token("b1")).get("/api/v1/activities/" + act).then().statusCode(404);
        as(h.token("b1")).get("/api/v1/deals/" + deal).then().statusCode(404);
        as(h.token("b1")).get("/api/v1/activities").then().body("items.id", not(hasItem((int) act)));
        as(h.token("b1")).post("/api/v1/clients/" + client + "/restore").then().statusCode(200);
        as(h.token("b1")).get("/api/v1/activities/" + act).then().statusCode(200);
        as(h.token("b1")).get("/api/v1/deals/" + deal).then().statusCode(200);
        as(h.token("b1")).delete("/api/v1/clients/" + client).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + client).then().statusCode(204);
        asAdmin().get("/api/v1/activities/" + act).then().statusCode(404);
    }

    @Test
    void reassigningAUsersRecordsIncludesActivitiesAndDeals() {
        long leaver = h.add("attleaver", "EMPLOYEE", null);
        long client = as(h.token("attleaver")).body(Map.of("name", "heritage")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long act = activity(h.token("attleaver"), client, "CALL", "heritage call");
        asAdmin().delete("/api/v1/users/" + leaver).then().statusCode(409);
        asAdmin().queryParam("reassignTo", h.id("free")).delete("/api/v1/users/" + leaver).then().statusCode(204);
        as(h.token("free")).get("/api/v1/activities/" + act).then().statusCode(200).body("ownerId", equalTo((int) h.id("free")));
        for (String path : List.of("/api/v1/clients/" + client, "/api/v1/activities/" + act)) {
            as(h.token("free")).get(path + "/history").then().statusCode(200)
                    .body("items[0].action", equalTo("owner_changed"))
                    .body("items[0].actor.id", equalTo((int) h.admin))
                    .body("items[0].changes.find { it.field == 'ownerId' }.from", equalTo((int) leaver))
                    .body("items[0].changes.find { it.field == 'ownerId' }.to", equalTo((int) h.id("free")));
        }
    }
}
