package io.clientbase.scim;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM 2.0 through /scim/v2 as a provider (Okta, Entra ID) drives it, on the users of /api/v1/users. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ScimProvisioningTest {

    static final String SCIM = "application/scim+json";
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String EXT = "urn:clientbase:params:scim:schemas:extension:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("scim");
        }
    }

    private static RequestSpecification scim() {
        return asAdmin().contentType(SCIM + "; charset=UTF-8").accept(SCIM);
    }

    @Test
    void theDiscoveryEndpointsDescribeTheServiceAndTheClientbaseExtension() {
        scim().get("/scim/v2/ServiceProviderConfig").then().statusCode(200).contentType(SCIM)
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true)).body("etag.supported", equalTo(true));
        scim().get("/scim/v2/ResourceTypes").then().statusCode(200).body("Resources.name", hasItem("User"));
        scim().get("/scim/v2/Schemas/" + EXT).then().statusCode(200).body("attributes.name", hasItem("type"));
    }

    @Test
    void aProvidersUsualSequenceWorks() {
        String login = "okta.user." + System.nanoTime() % 100000 + "@example.com";
        String body = "{\"schemas\":[\"" + CORE + "\"],\"userName\":\"" + login + "\",\"externalId\":\"00u" + System.nanoTime()
                + "\",\"name\":{\"givenName\":\"Анна\",\"familyName\":\"Петрова\"},\"emails\":[{\"value\":\"" + login
                + "\",\"type\":\"work\",\"primary\":true}],\"active\":true,\"password\":\"Passw0rd-Scim\"}";
        String id = scim().body(body).post("/scim/v2/Users").then().statusCode(201).contentType(SCIM)
                .body("userName", equalTo(login)).body("displayName", equalTo("Анна Петрова"))
                .body("'" + EXT + "'.type", equalTo("EMPLOYEE")).extract().path("id");
        scim().queryParam("filter", "userName eq \"" + login + "\"").get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        String deactivate = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}]}";
        scim().body(deactivate).patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("'" + EXT + "'.status", equalTo("BLOCKED"));
        asAdmin().get("/api/v1/users/" + id).then().statusCode(200).body("status", equalTo("BLOCKED"));
        scim().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM).body("status", equalTo("404"));
    }

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static String patch(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    private static String newUser(String login, String extra) {
        return "{\"schemas\":[\"" + CORE + "\"],\"userName\":\"" + login + "\",\"displayName\":\"" + login + "\","
                + "\"emails\":[{\"value\":\"" + login + "@example.com\",\"type\":\"work\",\"primary\":true}]" + extra + "}";
    }

    private static String create(String login, String extra) {
        return scim().body(newUser(login, extra)).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    private static String unique(String prefix) {
        return prefix + System.nanoTime() % 1_000_000;
    }

    @Test
    void patchAsTheBigProvidersSendItValueFiltersPathlessValuesAndStringBooleans() {
        String login = unique("patcher");
        String id = create(login, ",\"password\":\"Passw0rd-Scim\"");
        String token = io.clientbase.support.Api.login(login, "Passw0rd-Scim");
        as(token).get("/api/v1/me").then().statusCode(200);
        scim().body(patch("{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new." + login + "@example.com\"}",
                        "{\"op\":\"replace\",\"value\":{\"displayName\":\"Новое Имя\"}}"))
                .patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("emails[0].value", equalTo("new." + login + "@example.com")).body("displayName", equalTo("Новое Имя"));
        asAdmin().get("/api/v1/users/" + id).then().body("email", equalTo("new." + login + "@example.com"))
                .body("name", equalTo("Новое Имя"));
        // deactivation: his live token stops at once; reactivation lets him log in again
        scim().body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).patch("/scim/v2/Users/" + id).then()
                .statusCode(200).body("active", equalTo(false));
        as(token).get("/api/v1/me").then().statusCode(401);
        scim().body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":true}")).patch("/scim/v2/Users/" + id).then()
                .statusCode(200).body("active", equalTo(true)).body("'" + EXT + "'.status", equalTo("ACTIVE"));
        as(io.clientbase.support.Api.login(login, "Passw0rd-Scim")).get("/api/v1/me").then().statusCode(200);
        scim().body(patch("{\"op\":\"Remove\",\"path\":\"emails\"}")).patch("/scim/v2/Users/" + id).then().statusCode(200);
        asAdmin().get("/api/v1/users/" + id).then().body("email", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theBriefsRulesHoldThroughScimAsThroughTheRestApi() {
        String employee = create(unique("ruled"), "");
        // a manager must be an ADMINISTRATION user: an EMPLOYEE is refused
        scim().body(patch("{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":manager.value\",\"value\":\"" + h.id("a2") + "\"}"))
                .patch("/scim/v2/Users/" + employee).then().statusCode(400).contentType(SCIM)
                .body("scimType", equalTo("invalidValue")).body("status", equalTo("400"));
        scim().body(patch("{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":manager.value\",\"value\":\"" + h.id("headA") + "\"}"))
                .patch("/scim/v2/Users/" + employee).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(Long.toString(h.id("headA"))));
        asAdmin().get("/api/v1/users/" + employee).then().body("managerId", equalTo((int) h.id("headA")));
        // the type never changes
        scim().body(patch("{\"op\":\"replace\",\"path\":\"" + EXT + ":type\",\"value\":\"ADMIN\"}"))
                .patch("/scim/v2/Users/" + employee).then().statusCode(400).body("scimType", equalTo("mutability"));
        // an ADMINISTRATION user has no manager; rights as area:action
        String head = create(unique("head"), ",\"" + EXT + "\":{\"type\":\"ADMINISTRATION\",\"rights\":[\"clients:view\",\"settings\"]}");
        asAdmin().get("/api/v1/users/" + head).then().body("type", equalTo("ADMINISTRATION"))
                .body("rights.clients.view", equalTo(true)).body("rights.clients.edit", equalTo(false))
                .body("rights.settings", equalTo(true));
        scim().body(newUser(unique("bad"), ",\"" + EXT + "\":{\"rights\":[\"clients:fly\"]}")).post("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidValue"));
        // a login is unique
        String taken = unique("taken");
        create(taken, "");
        scim().body(newUser(taken.toUpperCase(), "")).post("/scim/v2/Users").then().statusCode(409).body("scimType", equalTo("uniqueness"));
        // a stale version: 412
        scim().header("If-Match", "W/\"999\"").body(patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}"))
                .patch("/scim/v2/Users/" + employee).then().statusCode(412);
        // a user who owns records is not deleted: deactivation is the path
        String owner = create(unique("owner"), ",\"password\":\"Passw0rd-Scim\"");
        as(io.clientbase.support.Api.login(asAdmin().get("/api/v1/users/" + owner).then().extract().path("login"), "Passw0rd-Scim"))
                .body(Map.of("name", "Его клиент")).post("/api/v1/clients").then().statusCode(201);
        scim().delete("/scim/v2/Users/" + owner).then().statusCode(409).contentType(SCIM);
    }

    @Test
    void scimIsForAnAdminsTokenAndAnswersItsOwnErrors() {
        as(h.token("headA")).accept(SCIM).get("/scim/v2/Users").then().statusCode(403).contentType(SCIM).body("status", equalTo("403"));
        as(h.token("a1")).accept(SCIM).get("/scim/v2/Groups").then().statusCode(403);
        given().accept(SCIM).get("/scim/v2/Users").then().statusCode(401);
        scim().queryParam("filter", "userName eq").get("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        scim().get("/scim/v2/Users/not-a-user").then().statusCode(404).body("status", equalTo("404"));
        scim().body("{\"schemas\":[").post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
    }

    @Test
    void filtersPagingSortingAndAttributesOverTheUsers() {
        String prefix = unique("flt");
        for (int i = 0; i < 5; i++) {
            create(prefix + "u" + i, i % 2 == 0 ? "" : ",\"active\":false");
        }
        scim().queryParam("filter", "userName sw \"" + prefix + "\" and active eq true").get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(3));
        scim().queryParam("filter", "userName sw \"" + prefix + "\" and not (active eq true)").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(2));
        scim().queryParam("filter", "(userName eq \"" + prefix + "u1\" or userName eq \"" + prefix + "u2\") and emails.value co \"@example.com\"")
                .get("/scim/v2/Users").then().body("totalResults", equalTo(2));
        scim().queryParam("filter", "userName sw \"" + prefix + "\" and meta.lastModified gt \"2020-01-01T00:00:00Z\" and displayName pr")
                .get("/scim/v2/Users").then().body("totalResults", equalTo(5));
        scim().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("sortBy", "userName").queryParam("sortOrder", "descending")
                .queryParam("startIndex", 2).queryParam("count", 2).queryParam("attributes", "userName")
                .get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(2)).body("startIndex", equalTo(2))
                .body("Resources.userName", equalTo(List.of(prefix + "u3", prefix + "u2")))
                .body("Resources[0].emails", org.hamcrest.Matchers.nullValue());
        scim().queryParam("filter", "userName eq \"" + prefix + "u0\"").queryParam("excludedAttributes", "emails")
                .get("/scim/v2/Users").then().body("Resources[0].emails", org.hamcrest.Matchers.nullValue())
                .body("Resources[0].password", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void groupsAreTheGroupsOfTheRestApiWithTheirMembers() {
        String one = create(unique("member"), "");
        String two = create(unique("member"), "");
        String group = scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + unique("Отдел ")
                        + "\",\"members\":[{\"value\":\"" + one + "\"}]}")
                .post("/scim/v2/Groups").then().statusCode(201).body("members.value", equalTo(List.of(one))).extract().path("id");
        scim().body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + two + "\"}]}"))
                .patch("/scim/v2/Groups/" + group).then().statusCode(200);
        asAdmin().get("/api/v1/groups/" + group).then().statusCode(200)
                .body("memberIds", equalTo(List.of(Integer.valueOf(one), Integer.valueOf(two))));
        asAdmin().get("/api/v1/users/" + two).then().body("groupIds", hasItem(Integer.valueOf(group)));
        asAdmin().get("/api/v1/users/" + two + "/history").then().statusCode(200).body("items[0].action", equalTo("updated"))
                .body("items[0].changes.find { it.field == 'groupIds' }.to", hasItem(Integer.valueOf(group)));
        scim().body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + one + "\\\"]\"}"))
                .patch("/scim/v2/Groups/" + group).then().statusCode(200).body("members.value", equalTo(List.of(two)));
        scim().get("/scim/v2/Users/" + two).then().body("groups.value", hasItem(group));
        scim().delete("/scim/v2/Groups/" + group).then().statusCode(204);
        asAdmin().get("/api/v1/groups/" + group).then().statusCode(404);
    }

    @Test
    void aUserCreatedWithoutAPasswordCannotLogInUntilOneIsSet() {
        String login = unique("nopass");
        String id = create(login, "");
        given().contentType("application/json").body(Map.of("login", login, "password", "anything-at-all"))
                .post("/api/v1/auth/login").then().statusCode(401);
        scim().body(patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"Passw0rd-Later\"}")).patch("/scim/v2/Users/" + id)
                .then().statusCode(200).body("password", org.hamcrest.Matchers.nullValue());
        io.clientbase.support.Api.login(login, "Passw0rd-Later");
    }

    @Test
    void aReplaceSetsTheCoreAttributesAndKeepsWhatALeftOutExtensionHolds() {
        String login = unique("replaced");
        String id = create(login, ",\"" + EXT + "\":{\"type\":\"ADMINISTRATION\",\"rights\":[\"clients:view\",\"deals:view\"],"
                + "\"status\":\"IP_RESTRICTED\"}");
        asAdmin().get("/api/v1/users/" + id).then().body("status", equalTo("IP_RESTRICTED"));
        String version = scim().get("/scim/v2/Users/" + id).then().statusCode(200).extract().path("meta.version");
        // as Okta sends it: the core attributes it maps, no extension
        scim().header("If-Match", version).body("{\"schemas\":[\"" + CORE + "\"],\"id\":\"" + id + "\",\"userName\":\"" + login
                        + "\",\"displayName\":\"Заменён\",\"active\":true}")
                .put("/scim/v2/Users/" + id).then().statusCode(200).body("displayName", equalTo("Заменён"))
                .body("emails", org.hamcrest.Matchers.nullValue());
        asAdmin().get("/api/v1/users/" + id).then().body("name", equalTo("Заменён")).body("email", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo("IP_RESTRICTED")).body("rights.deals.view", equalTo(true)).body("type", equalTo("ADMINISTRATION"));
        scim().header("If-Match", version).body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"" + login + "\"}")
                .put("/scim/v2/Users/" + id).then().statusCode(412);
    }

    @Test
    void aGroupIsReplacedWithItsNameAndMembers() {
        String one = create(unique("gm"), "");
        String two = create(unique("gm"), "");
        String group = scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + unique("Группа ")
                + "\",\"members\":[{\"value\":\"" + one + "\"}]}").post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        String renamed = unique("Переименована ");
        scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + renamed
                        + "\",\"members\":[{\"value\":\"" + two + "\"}]}")
                .put("/scim/v2/Groups/" + group).then().statusCode(200).body("displayName", equalTo(renamed))
                .body("members.value", equalTo(List.of(two)));
        asAdmin().get("/api/v1/groups/" + group).then().body("name", equalTo(renamed)).body("memberIds", equalTo(List.of(Integer.valueOf(two))));
        scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"x\",\"members\":[{\"value\":\"999999\"}]}")
                .put("/scim/v2/Groups/" + group).then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void fieldAccessIsSetThroughTheExtensionAndAppliesToTheClientCard() {
        long section = asAdmin().body(Map.of("name", unique("SCIM section "))).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String key = unique("scim_secret_");
        long field = asAdmin().body(Map.of("sectionId", section, "key", key, "name", key, "type", "TEXT")).post("/api/v1/fields")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String login = unique("hidden");
        String id = create(login, ",\"password\":\"Passw0rd-Scim\",\"" + EXT + "\":{\"fieldAccess\":[{\"fieldId\":" + field
                + ",\"access\":\"HIDDEN\"}]}");
        scim().get("/scim/v2/Users/" + id).then().body("'" + EXT + "'.fieldAccess[0].fieldId", equalTo((int) field))
                .body("'" + EXT + "'.fieldAccess[0].access", equalTo("HIDDEN"));
        String token = io.clientbase.support.Api.login(login, "Passw0rd-Scim");
        long client = as(token).body(Map.of("name", "С полем")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(token).get("/api/v1/clients/" + client + "/card").then().statusCode(200)
                .body("sections.fields.flatten().key", org.hamcrest.Matchers.not(hasItem(key)));
        scim().body(patch("{\"op\":\"remove\",\"path\":\"" + EXT + ":fieldAccess\"}")).patch("/scim/v2/Users/" + id).then().statusCode(200);
        asAdmin().get("/api/v1/users/" + id).then().body("fieldAccess", equalTo(List.of()));
    }
}
