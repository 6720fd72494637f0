package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.clientbase.support.SyncPoints.pauseUntilStable;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters on custom fields, sorts, free text and keyset pages, as one EMPLOYEE sees his own clients. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ClientListTest {

    private static Hierarchy h;
    private static String token;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("clist");
        long section = asAdmin().body(Map.of("name", "List " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("cl_employees", "NUMBER"), List.of("cl_since", "DATE"), List.of("cl_vip", "CHECKBOX"),
                List.of("cl_city", "TEXT"))) {
            asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201);
        }
        asAdmin().body(Map.of("sectionId", section, "key", "cl_stage", "name", "cl_stage", "type", "SELECT",
                "options", List.of("lead", "client"))).post("/api/v1/fields").then().statusCode(201);
        token = h.token("free");
        for (int i = 1; i <= 12; i++) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("cl_employees", i * 10);
            fields.put("cl_since", String.format("2026-01-%02d", i));
            fields.put("cl_vip", i % 3 == 0);
            fields.put("cl_city", i % 2 == 0 ? "Москва" : "Казань");
            fields.put("cl_stage", i <= 4 ? "lead" : "client");
            if (i == 12) {
                fields.remove("cl_employees");
            }
            as(token).body(Map.of("name", String.format("Фирма %02d", 13 - i), "fields", fields)).post("/api/v1/clients")
                    .then().statusCode(201);
        }
    }

    private static List<String> names(Map<String, Object> query) {
        return as(token).queryParams(query).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                .extract().jsonPath().getList("items.name", String.class);
    }

    @Test
    void numberAndDateRangesEqualityCheckboxAndSelectFilter() {
        assertEquals(Set.of("Фирма 10", "Фирма 09", "Фирма 08"),
                Set.copyOf(names(Map.of("field.cl_employees.gte", 30, "field.cl_employees.lte", 50))));
        assertEquals(Set.of("Фирма 12", "Фирма 11"), Set.copyOf(names(Map.of("field.cl_since.lte", "2026-01-02"))));
        assertEquals(Set.of("Фирма 10", "Фирма 07", "Фирма 04", "Фирма 01"), Set.copyOf(names(Map.of("field.cl_vip", "true"))));
        assertEquals(4, names(Map.of("field.cl_stage", "lead")).size());
        assertEquals(6, names(Map.of("field.cl_city", "москва")).size());
        assertEquals(2, names(Map.of("field.cl_city", "Москва", "field.cl_employees.gte", 80)).size());
    }

    @Test
    void anEqualityFilterPagesInIdOrderBothWaysWithoutLosingOrRepeatingAClient() {
        List<Long> all = ids(Map.of("field.cl_city", "Москва", "limit", 200, "sort", "id"));
        assertEquals(6, all.size());
        assertEquals(all.stream().sorted().toList(), all);
        for (String sort : List.of("id", "-id")) {
            List<Long> paged = new java.util.ArrayList<>();
            String cursor = null;
            do {
                var page = as(token).queryParam("field.cl_city", "Москва").queryParam("limit", 4).queryParam("sort", sort)
                        .queryParam("field.cl_employees.gte", 0)
                        .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                        .get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
                paged.addAll(page.getList("items.id", Long.class));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            List<Long> expected = new java.util.ArrayList<>(all.subList(0, 5)); // the sixth has no cl_employees
            if (sort.equals("-id")) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, paged, "sort " + sort);
        }
    }

    @Test
    void textEqualityHoldsForValuesAtAndBeyondTheIndexedLengthAndIgnoresTrailingSpaces() {
        String fits = "Ж".repeat(191);
        String longer = "Ж".repeat(192);
        long a = as(token).body(Map.of("name", "Длинный 1", "fields", Map.of("cl_city", fits))).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long b = as(token).body(Map.of("name", "Длинный 2", "fields", Map.of("cl_city", longer))).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long c = as(token).body(Map.of("name", "Длинный 3", "fields", Map.of("cl_city", fits + "   "))).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(List.of(a, c), ids(Map.of("field.cl_city", fits, "limit", 200)));
        assertEquals(List.of(b), ids(Map.of("field.cl_city", longer, "limit", 200)));
        assertEquals(List.of(a, c), ids(Map.of("field.cl_city", fits + " ", "limit", 200)));
        as(token).delete("/api/v1/clients/" + c).then().statusCode(204);
        assertEquals(List.of(a), ids(Map.of("field.cl_city", fits, "limit", 200)));
        as(token).delete("/api/v1/clients/" + a).then().statusCode(204);
        as(token).delete("/api/v1/clients/" + b).then().statusCode(204);
    }

    private static List<Long> ids(Map<String, Object> query) {
        return as(token).queryParams(query).get("/api/v1/clients").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void badFiltersAre4xxNamingTheParameter() {
        as(token).queryParam("field.cl_employees.gte", "many").get("/api/v1/clients").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("field.cl_employees.gte"));
        as(token).queryParam("field.cl_city.gte", "A").get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("field.cl_since", "2026-13-01").get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("field.cl_stage", "vip").get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("colour", "red").get("/api/v1/clients").then().statusCode(400);
        as(token).queryParam("sort", "colour").get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("updatedSince", "yesterday").get("/api/v1/clients").then().statusCode(422);
    }

    @Test
    void sortsByNameAndByACustomFieldWithEmptyValuesLast() {
        List<String> byName = names(Map.of("sort", "name"));
        List<String> sorted = new ArrayList<>(byName);
        sorted.sort(String::compareTo);
        assertEquals(sorted, byName);
        List<String> byEmployeesDesc = names(Map.of("sort", "-field.cl_employees"));
        assertEquals("Фирма 02", byEmployeesDesc.get(0));
        assertTrue(byEmployeesDesc.indexOf("Фирма 01") > byEmployeesDesc.indexOf("Фирма 12"), "no value sorts last");
        List<String> byEmployees = names(Map.of("sort", "field.cl_employees"));
        assertEquals("Фирма 12", byEmployees.get(0));
        assertTrue(byEmployees.indexOf("Фирма 01") > byEmployees.indexOf("Фирма 02"), "no value sorts last");
    }

    @Test
    void freeTextSearchesTheNameAndTextFields() {
        assertEquals(6, names(Map.of("q", "казань")).size());
        assertEquals(List.of("Фирма 05"), names(Map.of("q", "Фирма 05")));
        assertEquals(0, names(Map.of("q", "100%_")).size());
    }

    @Test
    void freeTextFindsQuotesBackslashesAndControlCharactersAsTyped() {
        long id = as(token).body(Map.of("name", "Кавычки", "fields", Map.of("cl_city", "Say \"hi\" C:\\dir\tend")))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(List.of(id), ids(Map.of("q", "\"hi\"")));
        assertEquals(List.of(id), ids(Map.of("q", "C:\\dir")));
        assertEquals(List.of(id), ids(Map.of("q", "dir\tend")));
        assertEquals(List.of(id), ids(Map.of("q", "SAY")));
        as(token).delete("/api/v1/clients/" + id).then().statusCode(204);
    }

    @Test
    void keysetPagesAreStableUnderConcurrentInsertsForEverySort() {
        for (String sort : List.of("id", "-id", "name", "-updatedAt", "field.cl_employees", "-field.cl_employees", "field.cl_since")) {
            Set<String> before = new HashSet<>(names(Map.of("sort", sort)));
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = as(token).queryParam("sort", sort).queryParam("limit", 5);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                var page = request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.name", String.class));
                cursor = page.getString("nextCursor");
                if (pages == 0) {
                    as(token).body(Map.of("name", "Вставка " + sort, "fields", Map.of("cl_employees", 55))).post("/api/v1/clients")
                            .then().statusCode(201);
                    as(token).body(Map.of("name", "Aaa " + sort)).post("/api/v1/clients").then().statusCode(201);
                }
                pages++;
            } while (cursor != null && pages < 50);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": a client appeared twice: " + seen);
            assertTrue(seen.containsAll(before), sort + ": a client that existed before was skipped");
        }
        as(token).queryParam("sort", "name").queryParam("cursor", "eyJzIjoiaWQiLCJpZCI6MX0").get("/api/v1/clients").then().statusCode(422);
    }

    @Test
    void updatedSinceCarriesTrashedClientsAndTombstonesCarryPurgedOnes() {
        String since = java.time.Instant.now().minusSeconds(1).toString();
        long a = as(token).body(Map.of("name", "sync a")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        long b = as(token).body(Map.of("name", "sync b")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        as(token).delete("/api/v1/clients/" + b).then().statusCode(204);
        pauseUntilStable();
        as(token).queryParam("updatedSince", since).queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200)
                .body("items.find { it.id == " + a + " }.deletedAt", equalTo(null))
                .body("items.find { it.id == " + b + " }.deletedAt", org.hamcrest.Matchers.notNullValue());
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + b).then().statusCode(204);
        pauseUntilStable();
        as(token).queryParam("since", since).get("/api/v1/clients/tombstones").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) b));
        as(h.token("a1")).queryParam("since", since).get("/api/v1/clients/tombstones").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) b)));
    }

    @Test
    void theLimitIsBounded() {
        as(token).queryParam("limit", 201).get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("limit", 0).get("/api/v1/clients").then().statusCode(422);
        as(token).queryParam("limit", 3).get("/api/v1/clients").then().statusCode(200).body("items.size()", equalTo(3));
    }
}
