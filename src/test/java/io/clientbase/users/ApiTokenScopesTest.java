package io.clientbase.users;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API tokens limited by scopes: never beyond their user, and 403 beyond their scopes. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ApiTokenScopesTest {

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("scopes");
        }
    }

    private static String token(long userId, List<String> scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "scoped " + System.nanoTime());
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return asAdmin().body(body).post("/api/v1/users/" + userId + "/api-tokens").then().statusCode(201)
                .body("scopes", scopes == null ? org.hamcrest.Matchers.nullValue() : equalTo(scopes.stream().sorted().toList()))
                .extract().path("token");
    }

    @Test
    void aTokenDoesWhatItsScopesAllowAndAnswers403Beyond() {
        String readOnly = token(h.id("a1"), List.of("clients:view"));
        as(readOnly).get("/api/v1/clients").then().statusCode(200);
        as(readOnly).body(Map.of("name", "Не положено")).post("/api/v1/clients").then().statusCode(403)
                .contentType("application/problem+json");
        as(readOnly).get("/api/v1/deals").then().statusCode(403);
        String writer = token(h.id("a1"), List.of("clients:view", "clients:create"));
        as(writer).body(Map.of("name", "Можно")).post("/api/v1/clients").then().statusCode(201);
        // without scopes: all the user may
        as(token(h.id("a1"), null)).get("/api/v1/deals").then().statusCode(200);
    }

    @Test
    void aTokenNeverExceedsItsUsersRightsOrScope() {
        long head = h.add("scopes_norights_" + System.nanoTime() % 100000, "ADMINISTRATION", null);
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("delete", false), "settings", false))).patch("/api/v1/users/" + head)
                .then().statusCode(200);
        String wide = token(head, List.of("clients:view", "clients:create", "clients:delete", "settings", "users"));
        long id = as(wide).body(Map.of("name", "Его")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        as(wide).delete("/api/v1/clients/" + id).then().statusCode(403);
        as(wide).body(Map.of("name", "Раздел")).post("/api/v1/sections").then().statusCode(403);
        as(wide).get("/api/v1/users/" + h.id("a1")).then().statusCode(404);
        as(wide).get("/api/v1/audit").then().statusCode(403);
        long theirs = as(h.token("b1")).body(Map.of("name", "Чужой")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(wide).get("/api/v1/clients/" + theirs).then().statusCode(404);
    }

    @Test
    void scimNeedsTheScimScopeAndTheScimScopeIsNotTheRestApi() {
        String admin = token(h.admin, List.of("scim"));
        as(admin).accept("application/scim+json").get("/scim/v2/Users").then().statusCode(200);
        as(admin).contentType("application/scim+json").accept("application/scim+json")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"scoped" + System.nanoTime() % 100000 + "\"}")
                .post("/scim/v2/Users").then().statusCode(201);
        as(admin).get("/api/v1/users").then().statusCode(403);
        as(admin).get("/api/v1/clients").then().statusCode(403);
        String users = token(h.admin, List.of("users"));
        as(users).get("/api/v1/users").then().statusCode(200);
        as(users).accept("application/scim+json").get("/scim/v2/Users").then().statusCode(403).contentType("application/scim+json");
    }

    @Test
    void webhooksNeedTheWebhooksScope() {
        String hooks = token(h.admin, List.of("webhooks"));
        as(hooks).get("/api/v1/webhooks").then().statusCode(200);
        as(hooks).get("/api/v1/clients").then().statusCode(403);
        as(token(h.admin, List.of("clients:view"))).get("/api/v1/webhooks").then().statusCode(403);
    }

    @Test
    void scopesAreCheckedAndANarrowTokenMintsNoWiderOne() {
        asAdmin().body(Map.of("name", "bad", "scopes", List.of("clients:fly"))).post("/api/v1/users/" + h.id("a1") + "/api-tokens")
                .then().statusCode(422).body("errors.field", hasItem("scopes"));
        asAdmin().body(Map.of("name", "empty", "scopes", List.of())).post("/api/v1/users/" + h.id("a1") + "/api-tokens")
                .then().statusCode(422);
        String narrow = token(h.admin, List.of("users", "clients:view"));
        as(narrow).body(Map.of("name", "wider", "scopes", List.of("users", "clients:delete"))).post("/api/v1/users/" + h.admin + "/api-tokens")
                .then().statusCode(422).body("errors.field", hasItem("scopes"));
        as(narrow).body(Map.of("name", "everything")).post("/api/v1/users/" + h.admin + "/api-tokens").then().statusCode(422);
        as(narrow).body(Map.of("name", "within", "scopes", List.of("clients:view"))).post("/api/v1/users/" + h.admin + "/api-tokens")
                .then().statusCode(201);
    }
}
