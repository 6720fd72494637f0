package io.clientbase.contract;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/openapi.json: the contract with the client's fields typed as the caller sees them, and nothing he may not see. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class CompanyContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Hierarchy h;
    private static long section;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("contract");
        section = asAdmin().body(Map.of("name", "Договор " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        field("oc_text", "TEXT", "maxLength", 40);
        field("oc_number", "NUMBER");
        field("oc_money", "MONEY");
        field("oc_date", "DATE");
        field("oc_datetime", "DATETIME");
        field("oc_check", "CHECKBOX");
        field("oc_select", "SELECT", "options", List.of("lead", "client"));
        field("oc_multi", "MULTISELECT", "options", List.of("red", "green"));
        field("oc_email", "EMAIL");
        field("oc_phone", "PHONE");
        field("oc_url", "URL");
        long hidden = field("oc_salary_secret", "NUMBER");
        long locked = field("oc_locked", "TEXT");
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("fieldId", hidden, "access", "HIDDEN"),
                Map.of("fieldId", locked, "access", "READ_ONLY")))).patch("/api/v1/users/" + h.id("headA")).then().statusCode(200);
    }

    @Test
    void everyFieldTypeBecomesItsJsonSchemaType() throws Exception {
        JsonNode fields = document(asAdmin().get("/api/v1/openapi.json")).at("/components/schemas/ClientFields/properties");
        assertEquals("string", fields.at("/oc_text/type").asText());
        assertEquals(40, fields.at("/oc_text/maxLength").asInt());
        assertEquals("number", fields.at("/oc_number/type").asText());
        assertEquals("number", fields.at("/oc_money/type").asText());
        assertEquals("date", fields.at("/oc_date/format").asText());
        assertEquals("date-time", fields.at("/oc_datetime/format").asText());
        assertEquals("boolean", fields.at("/oc_check/type").asText());
        assertEquals(List.of("lead", "client"), JSON.convertValue(fields.at("/oc_select/enum"), List.class));
        assertEquals("array", fields.at("/oc_multi/type").asText());
        assertEquals(List.of("red", "green"), JSON.convertValue(fields.at("/oc_multi/items/enum"), List.class));
        assertEquals("email", fields.at("/oc_email/format").asText());
        assertTrue(fields.at("/oc_phone/pattern").isTextual());
        assertEquals("uri", fields.at("/oc_url/format").asText());
        assertEquals("Поле oc_text", fields.at("/oc_text/title").asText());
    }

    @Test
    void theClientAndItsRequestReferToTheTypedFields() throws Exception {
        JsonNode doc = document(asAdmin().get("/api/v1/openapi.json"));
        assertEquals("#/components/schemas/ClientFields", doc.at("/components/schemas/Client/properties/fields/$ref").asText());
        assertEquals("#/components/schemas/ClientFieldsInput", doc.at("/components/schemas/ClientRequest/properties/fields/$ref").asText());
        assertFalse(doc.at("/components/schemas/ClientFields/additionalProperties").asBoolean(true));
    }

    @Test
    void aHeadsContractHasNoTraceOfHisHiddenFieldAndMarksHisReadOnlyOne() throws Exception {
        Response answer = as(h.token("headA")).get("/api/v1/openapi.json");
        assertFalse(answer.asString().contains("oc_salary_secret"), "the hidden key leaks");
        JsonNode doc = document(answer);
        assertTrue(doc.at("/components/schemas/ClientFields/properties/oc_locked/readOnly").asBoolean());
        assertTrue(doc.at("/components/schemas/ClientFieldsInput/properties/oc_locked").isMissingNode(),
                "a read-only field may not be sent");
        assertTrue(doc.at("/components/schemas/ClientFieldsInput/properties/oc_text").isObject());
        assertTrue(document(asAdmin().get("/api/v1/openapi.json")).at("/components/schemas/ClientFields/properties/oc_salary_secret").isObject());
    }

    @Test
    void theDocumentIsAValidOpenApiDocument() throws Exception {
        String body = as(h.token("a1")).get("/api/v1/openapi.json").then().statusCode(200).extract().asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(body);
        // swagger-parser 2.1 misreads the headers of any OpenAPI 3.1 document ("style is not of type
        // simple"), the static contract's too: the company's document may say nothing more than that one
        List<String> known = new OpenAPIV3Parser().readContents(java.nio.file.Files.readString(java.nio.file.Path.of("openapi/openapi.yaml")))
                .getMessages();
        List<String> more = parsed.getMessages().stream().filter(m -> !known.contains(m)).toList();
        assertTrue(more.isEmpty(), "the parser says of the company's document, beyond the static one: " + more);
        assertEquals("getCompanyContract", parsed.getOpenAPI().getPaths().get("/api/v1/openapi.json").getGet().getOperationId());
    }

    @Test
    void itsETagChangesWithTheSchemaAndAnUnchangedOneAnswers304() {
        String token = h.token("a2");
        String etag = as(token).get("/api/v1/openapi.json").then().statusCode(200).extract().header("ETag");
        as(token).header("If-None-Match", etag).get("/api/v1/openapi.json").then().statusCode(304);
        field("oc_added_later", "CHECKBOX");
        String changed = as(token).get("/api/v1/openapi.json").then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, changed);
    }

    @Test
    void anonymousCallersGetNoContractOfACompany() {
        io.restassured.RestAssured.given().get("/api/v1/openapi.json").then().statusCode(401);
    }

    private static JsonNode document(Response answer) throws Exception {
        answer.then().statusCode(200);
        return JSON.readTree(answer.asByteArray());
    }

    private static long field(String key, String type, Object... extra) {
        Map<String, Object> body = new HashMap<>(Map.of("sectionId", section, "key", key, "name", "Поле " + key, "type", type));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return asAdmin().body(body).post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
