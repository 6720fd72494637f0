package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Custom values: validation by type, hidden and read-only fields on every path, the card, restored fields. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientFieldsTest {

    private static Hierarchy h;

    @Inject
    DataSource dataSource;

    @Inject
    TextIndexer textIndexer;
    private static long section;
    private static long secretField;
    private static long readOnlyField;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("cfields");
        section = asAdmin().body(Map.of("name", "Карточка " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        field("cf_text", "TEXT", "maxLength", 10);
        field("cf_number", "NUMBER");
        field("cf_money", "MONEY");
        field("cf_date", "DATE");
        field("cf_datetime", "DATETIME");
        field("cf_check", "CHECKBOX");
        field("cf_select", "SELECT", "options", List.of("lead", "client"));
        field("cf_multi", "MULTISELECT", "options", List.of("red", "green"));
        field("cf_email", "EMAIL");
        field("cf_phone", "PHONE");
        field("cf_url", "URL");
        secretField = field("cf_secret", "TEXT");
        readOnlyField = field("cf_locked", "TEXT");
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("fieldId", secretField, "access", "HIDDEN"),
                Map.of("fieldId", readOnlyField, "access", "READ_ONLY")))).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
    }

    static long field(String key, String type, Object... extra) {
        Map<String, Object> body = new HashMap<>(Map.of("sectionId", section, "key", key, "name", "Поле " + key, "type", type));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return asAdmin().body(body).post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long client(String token, Map<String, Object> fields) {
        return as(token).body(Map.of("name", "Клиент " + h.suffix, "fields", fields)).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void validValuesOfEveryTypeRoundTripCyrillicAndEmojiIncluded() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("cf_text", "Привет 👋");
        fields.put("cf_number", 42.5);
        fields.put("cf_money", 1999.99);
        fields.put("cf_date", "2026-03-01");
        fields.put("cf_datetime", "2026-03-01T09:30:00Z");
        fields.put("cf_check", true);
        fields.put("cf_select", "lead");
        fields.put("cf_multi", List.of("red", "green"));
        fields.put("cf_email", "anna@example.com");
        fields.put("cf_phone", "+7 (495) 123-45-67");
        fields.put("cf_url", "https://example.com/crm");
        long id = client(adminToken(), fields);
        asAdmin().get("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields.cf_text", equalTo("Привет 👋"))
                .body("fields.cf_number", equalTo(42.5f))
                .body("fields.cf_money", equalTo(1999.99f))
                .body("fields.cf_date", equalTo("2026-03-01"))
                .body("fields.cf_datetime", equalTo("2026-03-01T09:30:00Z"))
                .body("fields.cf_check", equalTo(true))
                .body("fields.cf_select", equalTo("lead"))
                .body("fields.cf_multi", equalTo(List.of("red", "green")))
                .body("fields.cf_email", equalTo("anna@example.com"))
                .body("fields.cf_phone", equalTo("+7 (495) 123-45-67"))
                .body("fields.cf_url", equalTo("https://example.com/crm"));
    }

    private static String adminToken() {
        return io.clientbase.support.Api.adminToken();
    }

    @Test
    void aValueOfTheWrongTypeIs422NamingTheFieldAndWritesNothing() {
        Map<String, Object> bad = Map.of(
                "cf_number", "42", "cf_date", "2026-02-30", "cf_check", "yes", "cf_select", "vip",
                "cf_text", "longer than ten", "cf_email", "not-an-email", "cf_url", "ftp://x", "cf_money", 1.005,
                "cf_multi", List.of("blue"), "cf_datetime", "2026-03-01 09:30");
        var errors = asAdmin().body(Map.of("name", "bad " + h.suffix, "fields", bad)).post("/api/v1/clients")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://clientbase.io/problems/validation"))
                .extract().jsonPath().getList("errors.field", String.class);
        for (String key : bad.keySet()) {
            assertFalse(!errors.contains("fields." + key), "no error named fields." + key + " in " + errors);
        }
        asAdmin().queryParam("q", "bad " + h.suffix).get("/api/v1/clients").then().body("items", org.hamcrest.Matchers.empty());
        asAdmin().body(Map.of("name", "n", "fields", Map.of("cf_number", 1e19))).post("/api/v1/clients").then().statusCode(422);
        asAdmin().body(Map.of("name", "n", "fields", List.of(1))).post("/api/v1/clients").then().statusCode(400);
    }

    @Test
    void aHiddenFieldIsAbsentEverywhereAndAnswersExactlyAsAnUnknownKey() {
        long id = client(adminToken(), Map.of("cf_secret", "тайна-" + h.suffix, "cf_text", "open"));
        long mine = client(h.token("a1"), Map.of("cf_text", "mine"));
        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + id).then().statusCode(200);

        as(h.token("a1")).get("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields", not(hasKey("cf_secret"))).body(not(containsString("тайна")));
        as(h.token("a1")).get("/api/v1/clients/" + id + "/card").then().statusCode(200)
                .body(not(containsString("cf_secret"))).body(not(containsString("тайна")));
        for (boolean indexed : List.of(false, true)) { // before the text index has read the client, and after
            if (indexed) {
                textIndexer.catchUp(30);
            }
            as(h.token("a1")).queryParam("q", "тайна-" + h.suffix).get("/api/v1/clients").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.empty());
            asAdmin().queryParam("q", "тайна-" + h.suffix).get("/api/v1/clients").then().body("items.id", hasItem((int) id));
        }

        var hiddenFilter = as(h.token("a1")).queryParam("field.cf_secret", "x").get("/api/v1/clients").then().statusCode(422).extract().jsonPath();
        var unknownFilter = as(h.token("a1")).queryParam("field.cf_nothing", "x").get("/api/v1/clients").then().statusCode(422).extract().jsonPath();
        assertEquals(unknownFilter.getString("detail").replace("cf_nothing", "K"), hiddenFilter.getString("detail").replace("cf_secret", "K"));
        var hiddenSort = as(h.token("a1")).queryParam("sort", "field.cf_secret").get("/api/v1/clients").then().statusCode(422).extract().jsonPath();
        var unknownSort = as(h.token("a1")).queryParam("sort", "field.cf_nothing").get("/api/v1/clients").then().statusCode(422).extract().jsonPath();
        assertEquals(unknownSort.getString("detail").replace("cf_nothing", "K"), hiddenSort.getString("detail").replace("cf_secret", "K"));
        var hiddenWrite = as(h.token("a1")).body(Map.of("fields", Map.of("cf_secret", "x"))).patch("/api/v1/clients/" + mine)
                .then().statusCode(422).extract().jsonPath();
        var unknownWrite = as(h.token("a1")).body(Map.of("fields", Map.of("cf_nothing", "x"))).patch("/api/v1/clients/" + mine)
                .then().statusCode(422).extract().jsonPath();
        assertEquals(unknownWrite.getString("detail").replace("cf_nothing", "K"), hiddenWrite.getString("detail").replace("cf_secret", "K"));
        asAdmin().get("/api/v1/clients/" + id).then().body("fields.cf_secret", equalTo("тайна-" + h.suffix));
    }

    @Test
    void aReadOnlyFieldIsShownButCannotBeChangedByThatUser() {
        long id = client(adminToken(), Map.of("cf_locked", "fixed"));
        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + id).then().statusCode(200);
        as(h.token("a1")).get("/api/v1/clients/" + id).then().body("fields.cf_locked", equalTo("fixed"));
        as(h.token("a1")).get("/api/v1/clients/" + id + "/card").then()
                .body("sections.find { it.id == " + section + " }.fields.find { it.key == 'cf_locked' }.readOnly", equalTo(true))
                .body("sections.find { it.id == " + section + " }.fields.find { it.key == 'cf_text' }.readOnly", equalTo(false));
        as(h.token("a1")).body(Map.of("fields", Map.of("cf_locked", "changed"))).patch("/api/v1/clients/" + id)
                .then().statusCode(422).body("errors.field", hasItem("fields.cf_locked"));
        as(h.token("a1")).body(Map.of("fields", Map.of("cf_text", "ok"))).patch("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields.cf_locked", equalTo("fixed"));
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRemovesAValue() {
        long id = client(adminToken(), Map.of("cf_text", "keep", "cf_number", 7, "cf_check", true));
        asAdmin().body(Map.of("fields", Map.of("cf_check", false))).patch("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields.cf_text", equalTo("keep")).body("fields.cf_check", equalTo(false));
        Map<String, Object> remove = new HashMap<>();
        remove.put("cf_number", null);
        asAdmin().body(Map.of("fields", remove)).patch("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields", not(hasKey("cf_number"))).body("fields.cf_text", equalTo("keep"));
        asAdmin().body(Map.of("name", "")).patch("/api/v1/clients/" + id).then().statusCode(422);
        asAdmin().body(Map.of("colour", "red")).patch("/api/v1/clients/" + id).then().statusCode(400);
    }

    @Test
    void theCardListsVisibleSectionsInDisplayOrderWithValues() {
        long id = client(adminToken(), Map.of("cf_text", "card"));
        var card = asAdmin().get("/api/v1/clients/" + id + "/card").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("name", equalTo("Клиент " + h.suffix))
                .body("sections.find { it.id == " + section + " }.fields.find { it.key == 'cf_text' }.value", equalTo("card"))
                .body("sections.find { it.id == " + section + " }.fields.find { it.key == 'cf_number' }.value", nullValue())
                .extract().jsonPath();
        List<Integer> ids = card.getList("sections.id", Integer.class);
        assertFalse(ids.isEmpty());
        for (Map<String, Object> s : card.<Map<String, Object>>getList("sections")) {
            assertFalse(((List<?>) s.get("fields")).isEmpty(), "a section without visible fields is left out");
        }
    }

    @Test
    void aFieldRestoredFromTheTrashBringsItsValuesBack() {
        long f = field("cf_restorable", "NUMBER");
        long id = client(adminToken(), Map.of("cf_restorable", 12345));
        asAdmin().delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().get("/api/v1/clients/" + id).then().body("fields", not(hasKey("cf_restorable")));
        asAdmin().queryParam("field.cf_restorable", 12345).get("/api/v1/clients").then().statusCode(422);
        asAdmin().post("/api/v1/fields/" + f + "/restore").then().statusCode(200);
        asAdmin().get("/api/v1/clients/" + id).then().body("fields.cf_restorable", equalTo(12345));
        asAdmin().delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().get("/api/v1/clients/" + id).then().statusCode(200).body("fields", not(hasKey("cf_restorable")));
    }

    @Test
    void requiredFieldsAreEnforcedForThoseWhoSeeThem() {
        long group = asAdmin().body(Map.of("name", "Required group " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long s = asAdmin().body(Map.of("name", "Required " + h.suffix, "visibleToGroupIds", List.of(group))).post("/api/v1/sections")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long inn = asAdmin().body(Map.of("sectionId", s, "key", "cf_inn", "name", "ИНН", "type", "TEXT", "required", true))
                .post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
        try {
            requiredFor(group, s);
        } finally {
            asAdmin().delete("/api/v1/fields/" + inn).then().statusCode(204); // ADMIN sees every section: keep other tests free of it
        }
    }

    private void requiredFor(long group, long s) {
        asAdmin().body(Map.of("groupIds", List.of(group))).patch("/api/v1/users/" + h.id("b1")).then().statusCode(200);
        as(h.token("b1")).body(Map.of("name", "no inn")).post("/api/v1/clients").then().statusCode(422)
                .body("errors.field", hasItem("fields.cf_inn"));
        long id = as(h.token("b1")).body(Map.of("name", "with inn", "fields", Map.of("cf_inn", "7701234567"))).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> clear = new HashMap<>();
        clear.put("cf_inn", null);
        as(h.token("b1")).body(Map.of("fields", clear)).patch("/api/v1/clients/" + id).then().statusCode(422);
        as(h.token("a2")).body(Map.of("name", "not in the group")).post("/api/v1/clients").then().statusCode(201);
    }

    @Test
    void filtersOnOneFieldMustAllHoldOnItsValue() {
        String token = h.token("a2");
        long both = multiClient(token, "Both colours", List.of("red", "green"), 5);
        long red = multiClient(token, "Red only", List.of("red"), 50);
        long green = multiClient(token, "Green only", List.of("green"), 500);

        assertEquals(List.of(both), idsWhere(token, Map.of("field.cf_multi", List.of("red", "green"))));
        assertEquals(List.of(both, red), idsWhere(token, Map.of("field.cf_multi", List.of("red"))));
        assertEquals(List.of(red), idsWhere(token, Map.of("field.cf_number.gte", List.of(10), "field.cf_number.lte", List.of(100))));
        assertEquals(List.of(), idsWhere(token, Map.of("field.cf_number.gte", List.of(100), "field.cf_number.lte", List.of(10))));
        assertEquals(List.of(green), idsWhere(token, Map.of("field.cf_multi", List.of("green"), "field.cf_number.gte", List.of(10))));
    }

    private static long multiClient(String token, String name, List<String> colours, int number) {
        return as(token).body(Map.of("name", name + " " + h.suffix, "fields", Map.of("cf_multi", colours, "cf_number", number)))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static List<Long> idsWhere(String token, Map<String, List<?>> filters) {
        var request = as(token).queryParam("limit", 100);
        filters.forEach((name, values) -> request.queryParam(name, values.toArray()));
        return request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void theValueDocumentAgreesWithTheTypedRowsAfterEveryKindOfWrite() throws Exception {
        Map<String, Object> all = new HashMap<>();
        all.put("cf_text", "Ёлка \"q\" 🎄");
        all.put("cf_number", 1e6);
        all.put("cf_money", -0.01);
        all.put("cf_date", "2026-12-31");
        all.put("cf_datetime", "2026-03-01T09:30:00.1234567+03:00");
        all.put("cf_check", false);
        all.put("cf_multi", List.of("green"));
        all.put("cf_secret", "only admin");
        long id = asAdmin().body(Map.of("name", "Документ " + h.suffix, "ownerId", h.id("a1"), "fields", all)).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().get("/api/v1/clients/" + id).then().body("fields.cf_datetime", equalTo("2026-03-01T06:30:00.123456Z"));
        Map<String, Object> change = new HashMap<>();
        change.put("cf_number", null);
        change.put("cf_text", "другое");
        as(h.token("a1")).body(Map.of("fields", change)).patch("/api/v1/clients/" + id).then().statusCode(200)
                .body("fields", not(hasKey("cf_secret")));
        asAdmin().get("/api/v1/clients/" + id).then().body("fields.cf_secret", equalTo("only admin"))
                .body("fields", not(hasKey("cf_number"))).body("fields.cf_text", equalTo("другое"));
        io.restassured.RestAssured.given().auth().oauth2(adminToken()).contentType("text/csv; charset=UTF-8")
                .body("name,cf_text,cf_number,cf_date\nИмпорт " + h.suffix + ",csv,12.5,2025-01-02\n")
                .post("/api/v1/clients/import").then().statusCode(200).body("created", equalTo(1));

        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.id, c.field_values, (SELECT CONCAT('{', GROUP_CONCAT(CONCAT('\"', v.field_id, '\":', "
                     + "COALESCE(JSON_QUOTE(v.v_text), CONCAT('\"', v.v_number, '\"'), CONCAT('\"', v.v_date, '\"'), "
                     + "CONCAT('\"', DATE_FORMAT(v.v_datetime, '%Y-%m-%dT%H:%i:%s.%fZ'), '\"'), IF(v.v_bool, 'true', 'false'))) "
                     + "ORDER BY v.field_id SEPARATOR ','), '}') FROM client_values v WHERE v.client_id = c.id) "
                     + "FROM clients c WHERE c.id = " + id + " OR c.name = 'Импорт " + h.suffix + "'")) {
            int checked = 0;
            while (rs.next()) {
                assertEquals(normalized(rs.getString(3)), normalized(rs.getString(2)), "client " + rs.getLong(1));
                checked++;
            }
            assertEquals(2, checked);
        }
    }

    /** Both forms as comparable values: numbers by value, instants by instant. */
    private static Map<String, Object> normalized(String json) throws Exception {
        Map<String, Object> result = new HashMap<>();
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json == null ? "{}" : json);
        tree.fields().forEachRemaining(e -> {
            String text = e.getValue().asText();
            Object value = text;
            if (text.matches("-?\\d+(\\.\\d+)?")) {
                value = new java.math.BigDecimal(text).stripTrailingZeros();
            } else if (text.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
                value = java.time.Instant.parse(text);
            }
            result.put(e.getKey(), value);
        });
        return result;
    }
}
