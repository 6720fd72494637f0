package io.clientbase.contract;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clientbase.support.Api;
import io.clientbase.support.Pages;
import io.clientbase.support.SyncPoints;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every bound the contract states is one the server applies: a value beyond it is refused with a 400 or 422 naming it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ContractBoundsTest {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Test
    void everyIdInAPathBelowOneIsRefusedWith400NamingIt() throws Exception {
        String token = Api.adminToken();
        int checked = 0;
        for (Operation op : operations()) {
            if (!op.path.contains("{")) {
                continue;
            }
            Response answer = send(Api.as(token), op, op.path.replaceAll("\\{[^}]+}", "0"));
            assertEquals(400, answer.statusCode(), op + " with ids 0: " + answer.asString());
            String named = answer.jsonPath().getString("errors[0].field");
            assertTrue(pathParameters(op.path).contains(named), op + " named " + named);
            checked++;
        }
        assertTrue(checked > 30, "only " + checked + " operations with a path id");
    }

    @Test
    void everyQueryAndHeaderParameterBeyondItsMaxLengthIsRefusedWith400NamingIt() throws Exception {
        String token = Api.adminToken();
        int checked = 0;
        for (Operation op : operations()) {
            for (JsonNode parameter : op.node.path("parameters")) {
                int maxLength = parameter.path("schema").path("maxLength").asInt(0);
                String in = parameter.path("in").asText();
                if (maxLength == 0 || in.equals("path")) {
                    continue;
                }
                String name = parameter.path("name").asText();
                String tooLong = "7".repeat(maxLength + 1);
                RequestSpecification request = Api.as(token);
                request = in.equals("query") ? request.queryParam(name, tooLong) : request.header(name, tooLong);
                Response answer = send(request, op, op.path.replaceAll("\\{[^}]+}", "1"));
                assertEquals(400, answer.statusCode(), op + " with " + name + " of " + (maxLength + 1) + ": " + answer.asString());
                assertEquals(name, answer.jsonPath().getString("errors[0].field"), op.toString());
                checked++;
            }
        }
        assertTrue(checked > 20, "only " + checked + " bounded parameters");
    }

    @Test
    void everyOperationDeclaresTheFailuresAnyCallMayGet() throws Exception {
        for (Operation op : operations()) {
            for (String status : List.of("400", "406", "429", "500", "503")) {
                assertTrue(op.node.path("responses").has(status), op + " does not declare " + status);
            }
        }
    }

    @Test
    void requestMembersBeyondTheirBoundsAre422() {
        String token = Api.adminToken();
        Api.as(token).body(Map.of("name", "Я".repeat(301))).post("/api/v1/clients")
                .then().statusCode(422).body("errors.field", hasItem("name"));
        Api.as(token).body(Map.of("name", "Below zero", "position", -1)).post("/api/v1/sections")
                .then().statusCode(422).body("errors.field", hasItem("position"));
        List<Long> tooManyGroups = new ArrayList<>();
        for (long i = 1; i <= 1001; i++) {
            tooManyGroups.add(i);
        }
        Api.as(token).body(Map.of("login", "toomany", "password", "Passw0rd-Long", "name", "Too Many", "type", "ADMIN",
                        "groupIds", tooManyGroups)).post("/api/v1/users")
                .then().statusCode(422).body("errors.field", hasItem("groupIds"));
        Api.as(token).body(Map.of("title", "Big deal", "clientId", 1, "amount", new java.math.BigDecimal("1e30"))).post("/api/v1/deals")
                .then().statusCode(422).body("errors.field", hasItem("amount"));
    }

    @Test
    void aCompanyHasAtMost200SectionsAndTheListSaysSo() throws Exception {
        String token = Api.adminToken();
        int existing = Api.as(token).get("/api/v1/sections").then().statusCode(200).extract().jsonPath().getList("$").size();
        assertEquals(200, contract().at("/paths/~1api~1v1~1sections/get/responses/200/content/application~1json/schema/maxItems").asInt());
        List<Long> created = new ArrayList<>();
        try {
            for (int i = existing; i < 200; i++) {
                created.add(Api.as(token).body(Map.of("name", "Bound " + i)).post("/api/v1/sections")
                        .then().statusCode(201).extract().jsonPath().getLong("id"));
            }
            Api.as(token).body(Map.of("name", "One too many")).post("/api/v1/sections")
                    .then().statusCode(422).body("errors[0].field", equalTo("sections"));
        } finally {
            created.forEach(id -> Api.as(token).delete("/api/v1/sections/" + id));
        }
    }

    @Test
    void tombstonesComeInBoundedPagesLinkedToTheNextOneWithoutLosingTies() throws Exception {
        String token = Api.adminToken();
        String since = java.time.Instant.now().minusSeconds(1).toString();
        Set<Long> purged = new LinkedHashSet<>();
        for (int i = 0; i < 5; i++) {
            long id = Api.as(token).body(Map.of("name", "Tomb " + i)).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            Api.as(token).delete("/api/v1/clients/" + id).then().statusCode(204);
            Api.as(token).queryParam("purge", true).delete("/api/v1/clients/" + id).then().statusCode(204);
            purged.add(id);
        }
        SyncPoints.pauseUntilStable();
        List<Long> seen = new ArrayList<>();
        String next = "/api/v1/clients/tombstones?since=" + since + "&limit=2";
        int pages = 0;
        while (next != null && pages < 10) {
            Response page = Api.as(token).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            List<Long> ids = page.jsonPath().getList("id", Long.class);
            assertTrue(ids.size() <= 2, "a page of " + ids.size());
            seen.addAll(ids);
            next = Pages.nextLink(page.header("Link"));
            pages++;
        }
        assertEquals(List.copyOf(purged), seen.stream().filter(purged::contains).toList());
        assertEquals(seen.size(), new LinkedHashSet<>(seen).size(), "a tombstone came twice: " + seen);
        assertTrue(pages >= 3, pages + " pages");
        Api.as(token).queryParam("limit", 10_001).get("/api/v1/clients/tombstones").then().statusCode(422);
    }

    private static Response send(RequestSpecification request, Operation op, String path) {
        JsonNode content = op.node.path("requestBody").path("content");
        if (content.has("application/json")) {
            request = request.contentType("application/json").body("{}");
        } else if (content.has("text/csv")) {
            request = request.contentType("text/csv").body("name\n");
        } else if (content.has("multipart/form-data")) {
            request = request.multiPart("clientId", "1");
        }
        return request.request(op.method, path);
    }

    private static Set<String> pathParameters(String path) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static JsonNode contract() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
    }

    /** The operations of /api: their path ids and parameter bounds are this class's. */
    static List<Operation> operations() throws Exception {
        return operations(false);
    }

    /** With those of /scim/v2 too, whose ids are opaque strings and whose errors are SCIM's (RFC 7644). */
    static List<Operation> operations(boolean withScim) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!path.getKey().startsWith("/api/") && !(withScim && path.getKey().startsWith("/scim/"))) {
                    continue;
                }
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }
        assertFalse(operations.isEmpty());
        return operations;
    }
}
