package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions and ETags, the trash, restore and purge. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientLifecycleTest {

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("clife");
        }
    }

    private long client(String token, String name) {
        return as(token).body(Map.of("name", name)).post("/api/v1/clients").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/clients/"))
                .header("ETag", "\"1\"").body("version", equalTo(1)).extract().jsonPath().getLong("id");
    }

    @Inject
    DataSource dataSource;

    @Test
    void aClientsTimesAreTheInstantsTheDatabaseHoldsToTheMicrosecondOnTheCardInTheListAndInTheTrash() throws Exception {
        long id = client(h.token("a1"), "times");
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE clients SET created_at = '2026-03-29 02:30:00.000001', updated_at = '2028-02-29 23:59:59.5' WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
        as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(200)
                .body("createdAt", equalTo("2026-03-29T02:30:00.000001Z")).body("updatedAt", equalTo("2028-02-29T23:59:59.500Z"));
        as(h.token("a1")).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.createdAt", equalTo("2026-03-29T02:30:00.000001Z"));
        as(h.token("a1")).delete("/api/v1/clients/" + id).then().statusCode(204);
        as(h.token("a1")).queryParam("deleted", true).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.createdAt", equalTo("2026-03-29T02:30:00.000001Z"))
                .body("items.find { it.id == " + id + " }.deletedAt", org.hamcrest.Matchers.endsWith("Z"));
    }

    @Test
    void aWriteWithAStaleIfMatchIs412AndChangesNothing() {
        long id = client(h.token("a1"), "etag");
        String etag = as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(200).extract().header("ETag");
        as(h.token("a1")).header("If-Match", etag).body(Map.of("name", "first")).patch("/api/v1/clients/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        as(h.token("a1")).header("If-Match", etag).body(Map.of("name", "second")).patch("/api/v1/clients/" + id)
                .then().statusCode(412).body("type", equalTo("https://clientbase.io/problems/precondition-failed"));
        as(h.token("a1")).header("If-Match", etag).delete("/api/v1/clients/" + id).then().statusCode(412);
        as(h.token("a1")).get("/api/v1/clients/" + id).then().body("name", equalTo("first"));
        as(h.token("a1")).header("If-Match", "\"2\"").delete("/api/v1/clients/" + id).then().statusCode(204);
    }

    @Test
    void theTrashKeepsADeletedClientForRestore() {
        long id = client(h.token("a1"), "trash me");
        as(h.token("a1")).delete("/api/v1/clients/" + id).then().statusCode(204);
        as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(404);
        as(h.token("a1")).get("/api/v1/clients").then().body("items.id", not(hasItem((int) id)));
        as(h.token("a1")).queryParam("deleted", true).get("/api/v1/clients").then().statusCode(200).body("items.id", hasItem((int) id));
        as(h.token("headA")).queryParam("deleted", true).get("/api/v1/clients").then().body("items.id", hasItem((int) id));
        as(h.token("headB")).queryParam("deleted", true).get("/api/v1/clients").then().body("items.id", not(hasItem((int) id)));
        as(h.token("headB")).post("/api/v1/clients/" + id + "/restore").then().statusCode(404);
        as(h.token("a1")).post("/api/v1/clients/" + id + "/restore").then().statusCode(200).body("name", equalTo("trash me"));
        as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(200);
        as(h.token("a1")).post("/api/v1/clients/" + id + "/restore").then().statusCode(404);
    }

    @Test
    void purgeIsExplicitAndAdminOnly() {
        long id = client(h.token("a1"), "purge me");
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(404);
        as(h.token("a1")).delete("/api/v1/clients/" + id).then().statusCode(204);
        as(h.token("a1")).queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(403);
        as(h.token("headA")).queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(403);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(204);
        asAdmin().post("/api/v1/clients/" + id + "/restore").then().statusCode(404);
        asAdmin().queryParam("deleted", true).get("/api/v1/clients").then().body("items.id", not(hasItem((int) id)));
    }
}
