package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.clientbase.support.SyncPoints.pauseUntilStable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delta sync misses nothing when clients change scope without changing themselves (V35): what enters a
 * caller's scope comes in his list's updatedSince, what leaves it comes in his tombstones as LEFT_SCOPE
 * for as long as it stays outside.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ScopeChangeSyncTest {

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("scopesync");
        }
    }

    @Test
    void anEmployeeGivenAnotherManagerTakesHisClientsLiveAndTrashedIntoTheNewHeadsSyncAndOutOfTheOldHeads() {
        long mover = h.add("mover1", "EMPLOYEE", h.id("headA"));
        List<Long> clients = createClients("mover1", 3);
        as(h.token("mover1")).delete("/api/v1/clients/" + clients.get(2)).then().statusCode(204);
        String since = stablePoint();
        assertTrue(synced("headB", since).isEmpty(), "nothing of headB's changed yet");

        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        pauseUntilStable();

        assertEquals(Set.copyOf(clients), Set.copyOf(synced("headB", since)), "the new head's app receives all three, the trashed one too");
        assertEquals(Map.of(clients.get(0), "LEFT_SCOPE", clients.get(1), "LEFT_SCOPE", clients.get(2), "LEFT_SCOPE"),
                tombstones("headA", since), "the old head's app learns they are gone from his view");
        assertTrue(tombstones("headB", since).isEmpty(), "nothing left the new head's scope");
        assertTrue(tombstones("mover1", since).isEmpty(), "nothing left the employee's own scope");
        assertTrue(tombstones("admin", since).isEmpty(), "everyone's scope loses a client only by a purge");
        as(h.token("headA")).get("/api/v1/clients/" + clients.get(0)).then().statusCode(404);
        as(h.token("mover1")).get("/api/v1/clients/" + clients.get(0)).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aClientGivenToAnotherHeadsEmployeeLeavesItsFormerOwnersAndHeadsViewAndEntersTheNewOnes() {
        long client = createClients("a1", 1).get(0);
        String since = stablePoint();

        asAdmin().body(Map.of("ownerId", h.id("b1"))).patch("/api/v1/clients/" + client).then().statusCode(200);
        pauseUntilStable();

        assertEquals(Map.of(client, "LEFT_SCOPE"), tombstones("a1", since));
        assertEquals(Map.of(client, "LEFT_SCOPE"), tombstones("headA", since));
        assertEquals(List.of(client), synced("b1", since));
        assertEquals(List.of(client), synced("headB", since));
        assertTrue(tombstones("headB", since).isEmpty());
    }

    @Test
    void aClientGivenToAnotherEmployeeOfTheSameHeadLeavesOnlyItsFormerOwnersView() {
        long client = createClients("a1", 1).get(0);
        String since = stablePoint();

        as(h.token("headA")).body(Map.of("ownerId", h.id("a2"))).patch("/api/v1/clients/" + client).then().statusCode(200);
        pauseUntilStable();

        assertEquals(Map.of(client, "LEFT_SCOPE"), tombstones("a1", since));
        assertTrue(tombstones("headA", since).isEmpty(), "it stayed in the department");
        assertEquals(List.of(client), synced("a2", since));
    }

    @Test
    void anEmployeeWhoCameBackLeavesNoTombstoneAndHisClientsComeAgainInTheSync() {
        long mover = h.add("mover2", "EMPLOYEE", h.id("headA"));
        List<Long> clients = createClients("mover2", 2);
        String since = stablePoint();

        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        asAdmin().body(Map.of("managerId", h.id("headA"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        pauseUntilStable();

        assertTrue(tombstones("headA", since).isEmpty(), "they are in his view again");
        assertEquals(Set.copyOf(clients), Set.copyOf(synced("headA", since)));
        assertEquals(Map.of(clients.get(0), "LEFT_SCOPE", clients.get(1), "LEFT_SCOPE"), tombstones("headB", since),
                "they passed through headB's view and left it");
    }

    @Test
    void aPurgedClientIsStillAPurgedTombstoneAndOneMovedThenPurgedReachesTheScopeItLeft() {
        long purged = createClients("b1", 1).get(0);
        long movedThenPurged = createClients("b1", 1).get(0);
        String since = stablePoint();

        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + movedThenPurged).then().statusCode(200);
        for (long id : List.of(purged, movedThenPurged)) {
            asAdmin().delete("/api/v1/clients/" + id).then().statusCode(204);
            asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(204);
        }
        pauseUntilStable();

        assertEquals(Map.of(purged, "PURGED", movedThenPurged, "LEFT_SCOPE"), tombstones("b1", since));
        assertEquals(Map.of(movedThenPurged, "PURGED"), tombstones("a1", since));
        assertEquals(Map.of(purged, "PURGED", movedThenPurged, "PURGED"), tombstones("admin", since));
    }

    @Test
    void aClientPurgedInTheDepartmentStaysItsTombstoneAfterItsOwnerAnswersToAnotherManager() {
        long mover = h.add("mover4", "EMPLOYEE", h.id("headA"));
        long purged = createClients("mover4", 1).get(0);
        String since = stablePoint();

        asAdmin().delete("/api/v1/clients/" + purged).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + purged).then().statusCode(204);
        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        pauseUntilStable();

        assertEquals(Map.of(purged, "PURGED"), tombstones("headA", since), "it went while in headA's view");
        assertEquals(Map.of(purged, "PURGED"), tombstones("mover4", since));
        assertTrue(tombstones("headB", since).isEmpty(), "headB never saw it");
    }

    @Test
    void tombstonesOfBothKindsArePagedTogetherInTimeOrder() {
        long mover = h.add("mover3", "EMPLOYEE", h.id("headC"));
        List<Long> moved = createClients("mover3", 3);
        long purged = as(h.token("headC")).body(Map.of("name", "scopesync purged")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String since = stablePoint();

        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        asAdmin().delete("/api/v1/clients/" + purged).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + purged).then().statusCode(204);
        pauseUntilStable();

        Map<Long, String> seen = new HashMap<>();
        String next = "/api/v1/clients/tombstones?since=" + since + "&limit=2";
        int pages = 0;
        while (next != null && pages < 10) {
            var answer = as(h.token("headC")).urlEncodingEnabled(false).get(next).then().statusCode(200).extract();
            List<Map<String, Object>> page = answer.jsonPath().getList("$");
            assertTrue(page.size() <= 2);
            page.forEach(t -> assertEquals(null, seen.put(((Number) t.get("id")).longValue(), (String) t.get("reason")), "twice: " + t));
            next = Pages.nextLink(answer.header("Link"));
            pages++;
        }
        assertEquals(Map.of(moved.get(0), "LEFT_SCOPE", moved.get(1), "LEFT_SCOPE", moved.get(2), "LEFT_SCOPE", purged, "PURGED"), seen);
        assertEquals(2, pages);
    }

    private static List<Long> createClients(String owner, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> as(h.token(owner)).body(Map.of("name", "scopesync " + owner + " " + i))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id")).toList();
    }

    /** An instant after every change so far, once they all show in a sync. */
    private static String stablePoint() {
        pauseUntilStable();
        String point = Instant.now().toString();
        pauseFor(20);
        return point;
    }

    private static List<Long> synced(String user, String since) {
        return as(h.token(user)).queryParam("updatedSince", since).queryParam("limit", 200).get("/api/v1/clients").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    private static Map<Long, String> tombstones(String user, String since) {
        List<Map<String, Object>> items = as(h.token(user)).queryParam("since", since).get("/api/v1/clients/tombstones").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return items.stream().collect(Collectors.toMap(t -> ((Number) t.get("id")).longValue(), t -> (String) t.get("reason")));
    }

    private static void pauseFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
