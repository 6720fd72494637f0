package io.clientbase.access;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Counters;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance keeps the callers it has loaded while nothing about users or groups has changed. These
 * changes are made straight in the database, as another instance or an operator's SQL would make
 * them, never through this instance's services: each one applies to the very next request.
 * A page, a client and a card read by a remembered caller carry his check in their own read
 * ({@link CallerCheck}): the same changes apply to them, whichever way the check was made.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class CallerFreshnessTest {

    private static Hierarchy h;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("fresh");
        }
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            st.executeUpdate();
        }
    }

    /** Twice, so that the second answer comes from what the instance remembers of the caller. */
    private static void meTwice(String token) {
        as(token).get("/api/v1/me").then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aUserBlockedInTheDatabaseIsRefusedOnHisNextRequest() throws SQLException {
        refusedOnTheNextRequestAfter("blocked", "UPDATE users SET status = 'BLOCKED' WHERE id = ?");
    }

    @Test
    void aUserDeletedInTheDatabaseIsRefusedOnHisNextRequest() throws SQLException {
        refusedOnTheNextRequestAfter("deleted", "DELETE FROM users WHERE id = ?");
    }

    private void refusedOnTheNextRequestAfter(String name, String change) throws SQLException {
        long id = h.add(name, "EMPLOYEE", null);
        String token = h.token(name);
        meTwice(token);

        sql(change, id);

        as(token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aRightTakenAwayInTheDatabaseAppliesToTheNextRequest() throws SQLException {
        nextReadAfter("viewer", "/api/v1/clients", 200, "UPDATE users SET rights = JSON_SET(rights, '$.clients.view', false) WHERE id = ?", 403);
    }

    /** A new EMPLOYEE reads {@code path} twice (answered {@code before}), then {@code change} is made to his row: his next read answers {@code after}. */
    private void nextReadAfter(String name, String path, int before, String change, int after) throws SQLException {
        long id = h.add(name, "EMPLOYEE", null);
        String token = h.token(name);
        as(token).get(path).then().statusCode(before);
        as(token).get(path).then().statusCode(before);

        sql(change, id);

        as(token).get(path).then().statusCode(after);
    }

    @Test
    void anEmployeeMovedToAnotherManagerInTheDatabaseLeavesTheFormerManagersScopeAtOnce() throws SQLException {
        long mover = h.add("mover", "EMPLOYEE", h.id("headA"));
        long client = as(h.token("mover")).body(Map.of("name", "Moving client " + h.suffix)).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("headA")).get("/api/v1/clients/" + client).then().statusCode(200);
        as(h.token("headA")).get("/api/v1/clients/" + client).then().statusCode(200);
        as(h.token("headB")).get("/api/v1/clients/" + client).then().statusCode(404);

        sql("UPDATE users SET manager_id = ? WHERE id = ?", h.id("headB"), mover);

        as(h.token("headA")).get("/api/v1/clients/" + client).then().statusCode(404);
        as(h.token("headB")).get("/api/v1/clients/" + client).then().statusCode(200);
    }

    @Test
    void groupMembershipChangedInTheDatabaseShowsOnTheNextRequest() throws SQLException {
        long id = h.add("member", "EMPLOYEE", null);
        String token = h.token("member");
        long kept = asAdmin().body(Map.of("name", "Kept group " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long dropped = asAdmin().body(Map.of("name", "Dropped group " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        meTwice(token);

        sql("INSERT INTO group_members (group_id, user_id) VALUES (?, ?), (?, ?)", kept, id, dropped, id);
        assertEquals(List.of(kept, dropped), groupsOf(token));

        // a group's deletion removes its members by cascade, which fires no trigger of group_members
        sql("DELETE FROM user_groups WHERE id = ?", dropped);
        assertEquals(List.of(kept), groupsOf(token));
    }

    private static List<Long> groupsOf(String token) {
        return as(token).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getList("groupIds", Long.class);
    }

    private static double checks(String made) {
        return Counters.read("clientbase_caller_checks_total", "made", made);
    }

    private long clientOf(String name) {
        return as(h.token(name)).body(Map.of("name", "Client of " + name + " " + h.suffix)).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aPageAClientAndACardReadByARememberedCallerCarryHisCheckInTheirOwnRead() {
        h.add("reader", "EMPLOYEE", null);
        long client = clientOf("reader");
        String token = h.token("reader");
        as(token).get("/api/v1/clients").then().statusCode(200);
        double withRead = checks("with-read");
        double ownTrip = checks("own-trip");

        as(token).get("/api/v1/clients").then().statusCode(200).body("items.id", hasItem((int) client));
        as(token).get("/api/v1/clients/" + client).then().statusCode(200);
        as(token).get("/api/v1/clients/" + client + "/card").then().statusCode(200);

        assertTrue(checks("with-read") >= withRead + 3, "each read carried the check");
        assertEquals(ownTrip, checks("own-trip"), "no read needed a round trip of its own");
    }

    @Test
    void aUserBlockedInTheDatabaseIsRefusedOnHisNextPageClientOrCard() throws SQLException {
        for (String read : List.of("", "/{id}", "/{id}/card")) {
            String name = "blocked" + read.length();
            long id = h.add(name, "EMPLOYEE", null);
            long client = clientOf(name);
            String path = "/api/v1/clients" + read.replace("{id}", Long.toString(client));
            as(h.token(name)).get(path).then().statusCode(200);
            as(h.token(name)).get(path).then().statusCode(200);

            sql("UPDATE users SET status = 'BLOCKED' WHERE id = ?", id);

            as(h.token(name)).get(path).then().statusCode(401);
        }
    }

    @Test
    void aReadThatFindsNoRowStillChecksItsCallerBeforeAnswering() throws SQLException {
        nextReadAfter("finder", "/api/v1/clients/999999999", 404, "UPDATE users SET status = 'BLOCKED' WHERE id = ?", 401);
    }

    @Test
    void aRefusalWithoutAReadIsMadeOnlyOnceTheCallerIsChecked() throws SQLException {
        long id = h.add("refused", "EMPLOYEE", null);
        String token = h.token("refused");
        sql("UPDATE users SET rights = JSON_SET(rights, '$.clients.view', false) WHERE id = ?", id);
        as(token).get("/api/v1/clients").then().statusCode(403);
        double ownTrip = checks("own-trip");
        as(token).get("/api/v1/clients").then().statusCode(403);
        assertTrue(checks("own-trip") > ownTrip, "the 403 of a remembered caller waited for a check of its own");

        sql("UPDATE users SET rights = JSON_SET(rights, '$.clients.view', true) WHERE id = ?", id);

        as(token).get("/api/v1/clients").then().statusCode(200);
    }

    @Test
    void aMalformedParameterFromAUserBlockedSinceHisLastReadIsRefusedAsRevoked() throws SQLException {
        long id = h.add("malformed", "EMPLOYEE", null);
        String token = h.token("malformed");
        as(token).get("/api/v1/clients").then().statusCode(200);
        // refused before the endpoint runs: the check is made as the answer leaves
        as(token).get("/api/v1/clients?limit=abc").then().statusCode(400);

        sql("UPDATE users SET status = 'BLOCKED' WHERE id = ?", id);

        as(token).get("/api/v1/clients?limit=abc").then().statusCode(401)
                .contentType("application/problem+json").body("detail", equalTo("This token is no longer valid; log in again"));
    }

    @Test
    void aFieldHiddenFromTheCallerInTheDatabaseLeavesHisNextPageAndCard() throws SQLException {
        long id = h.add("hider", "EMPLOYEE", null);
        long section = asAdmin().body(Map.of("name", "Hidden later " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String key = "hidden_later_" + h.suffix;
        long field = asAdmin().body(new HashMap<>(Map.of("sectionId", section, "key", key, "name", "Hidden later", "type", "TEXT")))
                .post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
        String token = h.token("hider");
        long client = as(token).body(Map.of("name", "Hider's client " + h.suffix, "fields", Map.of(key, "secret")))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        String page = "/api/v1/clients?limit=200&ownerId=" + id;
        as(token).get(page).then().statusCode(200).body("items.find { it.id == " + client + " }.fields." + key, equalTo("secret"));
        as(token).get(page).then().statusCode(200).body("items.find { it.id == " + client + " }.fields." + key, equalTo("secret"));

        sql("UPDATE users SET field_access = JSON_ARRAY(JSON_OBJECT('fieldId', ?, 'access', 'HIDDEN')) WHERE id = ?", field, id);

        as(token).get(page).then().statusCode(200).body("items.find { it.id == " + client + " }.fields." + key, nullValue());
        as(token).get("/api/v1/clients/" + client + "/card").then().statusCode(200)
                .body("sections.flatten().fields.flatten().key", not(hasItem(key)));
    }
}
