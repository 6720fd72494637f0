package io.clientbase.users;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class UserRulesTest {

    private static final String PROBLEM = "https://clientbase.io/problems/";
    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("rules");
        }
    }

    @Test
    void theTypeIsImmutable() {
        asAdmin().body(Map.of("type", "ADMINISTRATION")).patch("/api/v1/users/" + h.id("a1"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "validation"))
                .body("errors.field", hasItem("type"))
                .body("detail", containsString("immutable"));
        asAdmin().body(Map.of("type", "EMPLOYEE")).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
    }

    @Test
    void managerIdIsOnlyForEmployeesAndMustNameAnAdministrationUser() {
        asAdmin().body(Map.of("managerId", h.id("headA"))).patch("/api/v1/users/" + h.id("headB"))
                .then().statusCode(422).body("errors.field", hasItem("managerId"));
        asAdmin().body(Map.of("managerId", h.id("a1"))).patch("/api/v1/users/" + h.id("a2"))
                .then().statusCode(422).body("detail", containsString("ADMINISTRATION"));
        asAdmin().body(Map.of("managerId", h.admin)).patch("/api/v1/users/" + h.id("a2")).then().statusCode(422);
        asAdmin().body(Map.of("managerId", 999999)).patch("/api/v1/users/" + h.id("a2")).then().statusCode(422);
        asAdmin().body(newUser("bad_admin_mgr", "ADMIN", h.id("headA"))).post("/api/v1/users").then().statusCode(422);
        asAdmin().body(newUser("emp_of_emp", "EMPLOYEE", h.id("a1"))).post("/api/v1/users").then().statusCode(422);
    }

    @Test
    void anEmployeeCanBeUnassignedAndThenAnswersToAdmin() {
        long e = h.add("unassign", "EMPLOYEE", h.id("headC"));
        var patch = new HashMap<String, Object>();
        patch.put("managerId", null);
        asAdmin().body(patch).patch("/api/v1/users/" + e).then().statusCode(200).body("managerId", nullValue());
        as(h.token("headC")).get("/api/v1/users/" + e).then().statusCode(404);
    }

    @Test
    void loginsAreUniqueIgnoringCase() {
        asAdmin().body(newUser(h.login("A1").toUpperCase(), "EMPLOYEE", null)).post("/api/v1/users")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "conflict"));
    }

    @Test
    void theLastActiveAdminCannotBeBlockedRestrictedOrDeleted() {
        asAdmin().body(Map.of("status", "BLOCKED")).patch("/api/v1/users/" + h.admin).then().statusCode(409)
                .body("detail", containsString("last active ADMIN"));
        asAdmin().body(Map.of("status", "IP_RESTRICTED")).patch("/api/v1/users/" + h.admin).then().statusCode(409);
        asAdmin().delete("/api/v1/users/" + h.admin).then().statusCode(409);
        asAdmin().get("/api/v1/me").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void adminRightsCannotBeNarrowedAndEmployeesNeverManageSettings() {
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("delete", false)))).patch("/api/v1/users/" + h.admin)
                .then().statusCode(422).body("errors.field", hasItem("rights"));
        asAdmin().body(Map.of("rights", Map.of("settings", true))).patch("/api/v1/users/" + h.id("a1"))
                .then().statusCode(422).body("errors.field", hasItem("rights.settings"));
    }

    @Test
    void omittedRightsAreAllTrueWithSettingsOnlyForAdministration() {
        asAdmin().get("/api/v1/users/" + h.id("headA")).then().statusCode(200)
                .body("rights.clients.delete", equalTo(true)).body("rights.settings", equalTo(true));
        asAdmin().get("/api/v1/users/" + h.id("a1")).then().statusCode(200)
                .body("rights.documents.view", equalTo(true)).body("rights.settings", equalTo(false));
    }

    @Test
    void aPartialRightsPatchChangesOnlyWhatItNames() {
        long e = h.add("partial", "EMPLOYEE", null);
        asAdmin().body(Map.of("rights", Map.of("documents", Map.of("delete", false)))).patch("/api/v1/users/" + e)
                .then().statusCode(200)
                .body("rights.documents.delete", equalTo(false))
                .body("rights.documents.view", equalTo(true))
                .body("rights.clients.delete", equalTo(true));
    }

    @Test
    void fieldAccessIsStoredAndReturned() {
        long section = 1; // the first built-in section
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("sectionId", section, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("b1")).then().statusCode(200)
                .body("fieldAccess[0].sectionId", equalTo((int) section))
                .body("fieldAccess[0].access", equalTo("HIDDEN"));
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("sectionId", 1, "fieldId", 2, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("b1")).then().statusCode(422);
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("sectionId", 424242, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("b1")).then().statusCode(422);
    }

    @Test
    void deletingAnAdministrationUserLeavesHisEmployeesUnassigned() {
        long head = h.add("leaving_head", "ADMINISTRATION", null);
        long staff = h.add("leaving_staff", "EMPLOYEE", head);
        asAdmin().delete("/api/v1/users/" + head).then().statusCode(204);
        asAdmin().get("/api/v1/users/" + staff).then().statusCode(200).body("managerId", nullValue());
    }

    @Test
    void aStaleIfMatchIs412AndTheCurrentOneWins() {
        long e = h.add("etag", "EMPLOYEE", null);
        String etag = asAdmin().get("/api/v1/users/" + e).then().statusCode(200).extract().header("ETag");
        asAdmin().header("If-Match", etag).body(Map.of("name", "first")).patch("/api/v1/users/" + e).then().statusCode(200);
        asAdmin().header("If-Match", etag).body(Map.of("name", "second")).patch("/api/v1/users/" + e)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "precondition-failed"));
        asAdmin().get("/api/v1/users/" + e).then().body("name", equalTo("first"));
    }

    @Test
    void cyrillicAndEmojiRoundTripUnchanged() {
        String name = "Анна Петрова 👩‍💼 ООО «Ромашка»";
        long e = asAdmin().body(Map.of("login", "анна_" + h.suffix, "password", Hierarchy.PASSWORD, "name", name, "type", "EMPLOYEE"))
                .post("/api/v1/users").then().statusCode(201).body("name", equalTo(name)).extract().jsonPath().getLong("id");
        asAdmin().get("/api/v1/users/" + e).then().body("name", equalTo(name)).body("login", equalTo("анна_" + h.suffix));
    }

    @Test
    void badInputIsAProblemNamingTheMemberAndWritesNothing() {
        asAdmin().body(Map.of("login", "x_" + h.suffix, "password", "short", "name", "", "type", "EMPLOYEE"))
                .post("/api/v1/users").then().statusCode(422)
                .body("errors.field", hasItem("password")).body("errors.field", hasItem("name"));
        asAdmin().body(Map.of("login", "y_" + h.suffix, "password", Hierarchy.PASSWORD, "name", "Y", "type", "BOSS"))
                .post("/api/v1/users").then().statusCode(400);
        asAdmin().body(Map.of("nickname", "z")).patch("/api/v1/users/" + h.id("a1")).then().statusCode(400)
                .body("type", equalTo(PROBLEM + "unknown-member"));
        asAdmin().body(Map.of("status", 5)).patch("/api/v1/users/" + h.id("a1")).then().statusCode(400)
                .body("type", equalTo(PROBLEM + "wrong-type"));
        asAdmin().body(Map.of("email", "a@b.c", "managerId", h.id("b1"))).patch("/api/v1/users/" + h.id("a2"))
                .then().statusCode(422);
        asAdmin().get("/api/v1/users/" + h.id("a2")).then().body("email", nullValue());
    }

    @Test
    void anIdempotencyKeyMakesProvisioningSafeToRetry() {
        Map<String, Object> body = newUser("provisioned_" + h.suffix, "EMPLOYEE", null);
        long first = asAdmin().header("Idempotency-Key", "prov-" + h.suffix).body(body).post("/api/v1/users")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().header("Idempotency-Key", "prov-" + h.suffix).body(body).post("/api/v1/users")
                .then().statusCode(200).body("id", equalTo((int) first));
        Map<String, Object> other = newUser("someone_else_" + h.suffix, "EMPLOYEE", null);
        asAdmin().header("Idempotency-Key", "prov-" + h.suffix).body(other).post("/api/v1/users")
                .then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void groupsAreAdminsToManageAndUsersJoinThemThroughGroupIds() {
        long group = asAdmin().body(Map.of("name", "Продажи " + h.suffix)).post("/api/v1/groups")
                .then().statusCode(201).header("Location", containsString("/api/v1/groups/"))
                .extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("name", "Продажи " + h.suffix)).post("/api/v1/groups").then().statusCode(409);
        as(h.token("headA")).body(Map.of("name", "nope")).post("/api/v1/groups").then().statusCode(403);
        asAdmin().body(Map.of("groupIds", List.of(group))).patch("/api/v1/users/" + h.id("a1"))
                .then().statusCode(200).body("groupIds", equalTo(List.of((int) group)));
        asAdmin().get("/api/v1/groups/" + group).then().statusCode(200).body("memberIds", equalTo(List.of((int) h.id("a1"))));
        asAdmin().body(Map.of("groupIds", List.of(987654))).patch("/api/v1/users/" + h.id("a1")).then().statusCode(422);
        as(h.token("a1")).get("/api/v1/groups").then().statusCode(200);
        asAdmin().delete("/api/v1/groups/" + group).then().statusCode(204);
        asAdmin().get("/api/v1/users/" + h.id("a1")).then().body("groupIds", equalTo(List.of()));
    }

    private Map<String, Object> newUser(String login, String type, Long managerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("login", login);
        body.put("password", Hierarchy.PASSWORD);
        body.put("name", login);
        body.put("type", type);
        if (managerId != null) {
            body.put("managerId", managerId);
        }
        return body;
    }
}
