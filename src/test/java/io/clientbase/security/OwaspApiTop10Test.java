package io.clientbase.security;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OWASP API Security Top 10 (2023), one test each, against the running application. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class OwaspApiTop10Test {

    private static Hierarchy h;
    private static long clientOfA1;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("owasp");
        clientOfA1 = as(h.token("a1")).body(Map.of("name", "Client of a1")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void api1BrokenObjectLevelAuthorizationAnotherUsersRecordIsA404LikeAMissingOne() {
        Response foreign = as(h.token("b1")).get("/api/v1/clients/" + clientOfA1);
        Response missing = as(h.token("b1")).get("/api/v1/clients/987654321");
        assertEquals(404, foreign.statusCode());
        assertEquals(missing.jsonPath().getString("type"), foreign.jsonPath().getString("type"));
        as(h.token("b1")).body(Map.of("name", "taken over")).header("If-Match", "\"1\"").patch("/api/v1/clients/" + clientOfA1)
                .then().statusCode(404);
        as(h.token("b1")).header("If-Match", "\"1\"").delete("/api/v1/clients/" + clientOfA1).then().statusCode(404);
        as(h.token("a2")).get("/api/v1/clients/" + clientOfA1 + "/card").then().statusCode(404);
    }

    @Test
    void api2BrokenAuthenticationNoForgedOrUnsignedTokenIsAccepted() {
        given().get("/api/v1/clients").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        String real = h.token("a1");
        String[] parts = real.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"1\"").getBytes(StandardCharsets.UTF_8));
        for (String forged : List.of(none + "." + parts[1] + ".", parts[0] + "." + promoted + "." + parts[2],
                real.substring(0, real.length() - 4) + "AAAA", "cbt_not-a-real-api-token", "garbage")) {
            given().header("Authorization", "Bearer " + forged).get("/api/v1/me").then().statusCode(401);
        }
    }

    @Test
    void api3BrokenObjectPropertyLevelAuthorizationAnEmployeeCannotRaiseHimselfOrTouchAnother() {
        String token = h.token("a2");
        long self = h.id("a2");
        List<Map<String, Object>> raises = List.of(Map.of("type", "ADMIN"), Map.of("managerId", h.id("headB")),
                Map.of("status", "ACTIVE"), Map.of("rights", Map.of("users", Map.of("edit", true))), Map.of("fieldAccess", List.of()));
        for (Map<String, Object> raise : raises) {
            int status = as(token).body(raise).patch("/api/v1/users/" + self).statusCode();
            assertTrue(status == 403 || status == 404, raise + " answered " + status);
        }
        as(token).body(Map.of("name", "Renamed by a2")).patch("/api/v1/users/" + h.id("a1")).then().statusCode(not(equalTo(200)));
        asAdmin().get("/api/v1/users/" + self).then().statusCode(200).body("type", equalTo("EMPLOYEE"));
        for (String readOnly : List.of("id", "version", "createdAt", "updatedAt", "deletedAt")) {
            as(h.token("a1")).body(Map.of(readOnly, readOnly.equals("id") || readOnly.equals("version") ? 1 : "2020-01-01T00:00:00Z"))
                    .patch("/api/v1/clients/" + clientOfA1).then().statusCode(400)
                    .body("type", equalTo("https://clientbase.io/problems/unknown-member"));
        }
    }

    @Test
    void api4UnrestrictedResourceConsumptionEveryRequestIsBounded() {
        String token = h.token("a1");
        as(token).queryParam("limit", 201).get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("q", "x".repeat(201)).get("/api/v1/clients").then().statusCode(400);
        as(token).queryParam("q", "x".repeat(21_000)).get("/api/v1/clients").then().statusCode(414);
        as(token).body("{\"name\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}").post("/api/v1/clients").then().statusCode(413);
        as(token).body("{\"name\":" + "[".repeat(3000) + "]".repeat(3000) + "}").post("/api/v1/clients").then().statusCode(400);
    }

    @Test
    void api5BrokenFunctionLevelAuthorizationEveryAdminOperationRefusesEveryOtherType() {
        long someone = h.id("free");
        List<Object[]> adminOnly = List.of(
                new Object[] {"POST", "/api/v1/users", Map.of("login", "x-owasp", "password", "Passw0rd-Owasp", "name", "X", "type", "EMPLOYEE")},
                new Object[] {"PATCH", "/api/v1/users/" + someone, Map.of("name", "renamed")},
                new Object[] {"DELETE", "/api/v1/users/" + someone, null},
                new Object[] {"POST", "/api/v1/groups", Map.of("name", "owasp group")},
                new Object[] {"GET", "/api/v1/ip-ranges", null},
                new Object[] {"POST", "/api/v1/ip-ranges", Map.of("cidr", "10.9.0.0/16")},
                new Object[] {"GET", "/api/v1/security-events", null},
                new Object[] {"GET", "/api/v1/audit", null},
                new Object[] {"GET", "/api/v1/users/" + someone + "/history", null},
                new Object[] {"GET", "/api/v1/users/" + someone + "/api-tokens", null},
                new Object[] {"POST", "/api/v1/users/" + someone + "/api-tokens", Map.of("name", "stolen")});
        for (String who : List.of("headA", "a1")) {
            for (Object[] call : adminOnly) {
                RequestSpecification request = as(h.token(who));
                if (call[2] != null) {
                    request = request.body(call[2]);
                }
                int status = request.request((String) call[0], (String) call[1]).statusCode();
                assertTrue(status == 403 || (status == 404 && !"GET".equals(call[0]) && ((String) call[1]).contains("/users/")),
                        who + " " + call[0] + " " + call[1] + " answered " + status);
            }
        }
        asAdmin().get("/api/v1/users/" + someone).then().statusCode(200).body("name", not(equalTo("renamed")));
    }

    @Test
    void api6SensitiveBusinessFlowsTheBulkExportGivesOnlyWhatTheCallerMaySee() {
        String export = as(h.token("b1")).get("/api/v1/clients/export").then().statusCode(200).extract().asString();
        assertFalse(export.contains("Client of a1"), "b1's export holds a1's client");
        assertTrue(as(h.token("a1")).get("/api/v1/clients/export").then().statusCode(200).extract().asString().contains("Client of a1"));
    }

    @Test
    void api7ServerSideRequestForgeryAUrlValueIsDataAndAWebhookCallsOnlyPublicAddresses() {
        long section = asAdmin().body(Map.of("name", "Ссылки owasp")).post("/api/v1/sections").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("sectionId", section, "key", "ow_site", "name", "Site", "type", "URL")).post("/api/v1/fields").then().statusCode(201);
        String metadata = "http://169.254.169.254/latest/meta-data/iam";
        long id = as(h.token("a1")).body(Map.of("name", "SSRF probe", "fields", Map.of("ow_site", metadata))).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(200).body("fields.ow_site", equalTo(metadata));
        as(h.token("a1")).body(Map.of("name", "SSRF file", "fields", Map.of("ow_site", "file:///etc/passwd"))).post("/api/v1/clients")
                .then().statusCode(422);
        // the one thing that fetches a URL, a webhook, refuses every address that is not public (and a create 403 without the right)
        for (String url : List.of(metadata, "http://127.0.0.2:8080/", "http://[::1]/", "http://10.1.2.3/", "http://172.16.0.1/",
                "http://192.168.0.1/", "http://100.64.0.1/", "http://0.0.0.0/", "file:///etc/passwd", "gopher://example.com/")) {
            asAdmin().body(Map.of("url", url, "events", List.of("client.created"))).post("/api/v1/webhooks").then().statusCode(422)
                    .contentType("application/problem+json");
        }
        as(h.token("a1")).body(Map.of("url", "https://example.com/", "events", List.of("client.created"))).post("/api/v1/webhooks")
                .then().statusCode(403);
    }

    @Test
    void api8SecurityMisconfigurationNoVersionNoStackTraceSecurityHeadersEverywhere() {
        for (Response answer : List.of(given().get("/test-only/failure"), given().get("/api/v1/nothing-here"),
                as(h.token("a1")).delete("/api/v1/me"), given().contentType("application/json").body("{").post("/api/v1/auth/login"))) {
            assertNull(answer.header("Server"));
            assertNull(answer.header("X-Powered-By"));
            assertEquals("nosniff", answer.header("X-Content-Type-Options"));
            String body = answer.asString();
            assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("hunter2"), body);
            assertTrue(answer.getContentType().startsWith("application/problem+json"), answer.getContentType());
        }
    }

    @Test
    void api9ImproperInventoryEveryRouteTheServerAnswersIsInTheContractAndNoMore() throws Exception {
        Set<String> served = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clientbase")) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = type.getAnnotationOfType(Path.class).value();
            for (JavaMethod method : type.getMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    String sub = method.isAnnotatedWith(Path.class) ? method.getAnnotationOfType(Path.class).value() : "";
                    // a template with a pattern ({externalId: .+}) is the contract's plain {externalId}
                    served.add(verb + " " + join(base, sub).replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("openapi/openapi.yaml").toFile());
        Set<String> declared = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> declared.add(m.toUpperCase() + " " + path.getKey()));
        }
        assertEquals(declared, served, "the routes the server answers and the contract's operations differ");
    }

    @Test
    void api10UnsafeConsumptionImportedRowsAreValidatedExactlyAsSingleCreates() {
        String single = as(h.token("a1")).body(Map.of("name", " ")).post("/api/v1/clients").then().statusCode(422)
                .extract().jsonPath().getString("errors[0].message");
        Response report = as(h.token("a1")).contentType("text/csv; charset=UTF-8").body("name\n\" \"\nImported fine\n")
                .post("/api/v1/clients/import");
        report.then().statusCode(200).body("created", equalTo(1)).body("failed", equalTo(1));
        assertEquals(single, report.jsonPath().getString("errors[0].errors[0].message"));
        as(h.token("a1")).contentType("text/csv; charset=UTF-8").body("name,ownerId\nStolen,1\n").post("/api/v1/clients/import")
                .then().statusCode(200).body("created", equalTo(0)).body("errors[0].errors[0].field", containsString("ownerId"));
    }

    private static String verb(JavaMethod method) {
        if (method.isAnnotatedWith(GET.class)) {
            return "GET";
        }
        if (method.isAnnotatedWith(POST.class)) {
            return "POST";
        }
        if (method.isAnnotatedWith(PATCH.class)) {
            return "PATCH";
        }
        if (method.isAnnotatedWith(PUT.class)) {
            return "PUT";
        }
        return method.isAnnotatedWith(DELETE.class) ? "DELETE" : null;
    }

    private static String join(String base, String sub) {
        String path = (base.startsWith("/") ? base : "/" + base) + (sub.isEmpty() || sub.startsWith("/") ? sub : "/" + sub);
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
