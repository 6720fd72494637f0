package io.clientbase.access;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance keeps the callers it has loaded while nothing about users or groups has changed. These
 * changes are made straight in the database, as another instance or an operator's SQL would make
 * them, never through this instance's services: each one applies to the very next request.
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
        long id = h.add("viewer", "EMPLOYEE", null);
        String token = h.token("viewer");
        as(token).get("/api/v1/clients").then().statusCode(200);
        as(token).get("/api/v1/clients").then().statusCode(200);

        sql("UPDATE users SET rights = JSON_SET(rights, '$.clients.view', false) WHERE id = ?", id);

        as(token).get("/api/v1/clients").then().statusCode(403);
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
}
