package io.clientbase.clients;

import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one index of a field's values (V29, after V25 and V8) serves what five single-column indexes
 * did: the plans ClientSql pins on it, explained by the real server, read it as one range or one
 * list of equal values in client id order, with no sort; and the pages they serve hold the right clients.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TypedValueIndexTest {

    private static final int CLIENTS = 300;
    private static VisibleSchema schema;
    private static long seenField;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clientsWithEveryTypedValue() {
        if (schema != null) {
            return;
        }
        String tag = "typed" + System.nanoTime();
        long section = asAdmin().body(Map.of("name", "Typed " + tag)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long staff = field(section, "ti_staff", "NUMBER");
        long since = field(section, "ti_since", "DATE");
        long seen = field(section, "ti_seen", "DATETIME");
        seenField = seen;
        long active = field(section, "ti_active", "CHECKBOX");
        long city = field(section, "ti_city", "TEXT");
        StringBuilder csv = new StringBuilder("name,ti_staff,ti_since,ti_seen,ti_active,ti_city\n");
        for (int i = 0; i < CLIENTS; i++) {
            csv.append(tag).append(' ').append(i).append(',').append(i % 10).append(",2026-01-").append(String.format("%02d", 1 + i % 28))
                    .append(",2026-02-01T10:").append(String.format("%02d", i % 60)).append(":00Z,").append(i % 3 == 0).append(",city").append(i % 10).append('\n');
        }
        asAdmin().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/clients/import").then()
                .statusCode(200).body("created", equalTo(CLIENTS));
        schema = Schemas.of(Schemas.field(staff, "ti_staff", FieldType.NUMBER), Schemas.field(since, "ti_since", FieldType.DATE),
                Schemas.field(seen, "ti_seen", FieldType.DATETIME), Schemas.field(active, "ti_active", FieldType.CHECKBOX),
                Schemas.field(city, "ti_city", FieldType.TEXT));
    }

    private static long field(long section, String key, String type) {
        return asAdmin().body(Map.of("sectionId", section, "key", key, "name", key, "type", type)).post("/api/v1/fields").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ClientListQuery query(String sort, Map<String, List<String>> params) {
        return ClientListQuery.parse(new ClientListQuery.Parameters(null, null, sort, null, null, null, false, params), schema, 50);
    }

    @Test
    void anEqualityOnANumberADateACheckboxOrATextReadsItsMatchesFromTheValueIndexInIdOrderWithoutASort() throws Exception {
        for (var filter : List.of(Map.of("field.ti_staff", List.of("7")), Map.of("field.ti_since", List.of("2026-01-05")),
                Map.of("field.ti_active", List.of("true")), Map.of("field.ti_city", List.of("city3")))) {
            String plan = explain(ClientSql.build(query(null, filter), OwnerScope.all(), List.of()));
            assertTrue(plan.contains("\"key\": \"ix_values_value\""), filter + ": " + plan);
            assertTrue(plan.contains("\"access_type\": \"ref\""), filter + " is one list of equal values: " + plan);
            assertFalse(plan.contains("filesort"), filter + " comes in id order: " + plan);
            String department = explain(ClientSql.build(query(null, filter), OwnerScope.department(7L, java.util.Set.of(7L, 8L)), List.of()));
            // a head's list: his department's entries of the value, one list in id order (V30) with no sort
            assertTrue(department.contains("\"key\": \"ix_values_head_range\"") && department.contains("\"access_type\": \"ref\""),
                    filter + ": " + department);
            assertFalse(department.contains("filesort"), filter + " comes in id order from the head's entries: " + department);
            // his owners tested on the entry, before a client row is read (the index covers d)
            assertTrue(department.contains("d.owner_id in (7,8)") && department.contains("\"using_index\": true"), filter + ": " + department);
            // and each entry's client by its id (ClientSql pins it): never the owner's clients joined in a buffer and sorted
            assertTrue(department.matches("(?s).*\"table_name\": \"c\",\\s*\"access_type\": \"eq_ref\".*"), filter + ": " + department);
        }
        // and the page holds exactly the clients with that value, in id order
        List<Integer> sevens = asAdmin().queryParam("field.ti_staff", "7").queryParam("limit", 100)
                .get("/api/v1/clients").then().statusCode(200).extract().jsonPath().getList("items.fields.ti_staff");
        assertEquals(CLIENTS / 10, sevens.size());
        assertTrue(sevens.stream().allMatch(v -> v == 7), sevens.toString());
    }

    @Test
    void everyonesRangeOfADatetimeIsOneRangeOfTheTypedIndexWithTheColumnsAheadNamedNull() throws Exception {
        var q = query(null, Map.of("field.ti_seen.gte", List.of("2026-02-01T10:10:00Z"), "field.ti_seen.lte", List.of("2026-02-01T10:14:00Z")));
        ClientSql.Statement candidates = ClientSql.rangeCandidates(q, OwnerScope.all(), ClientSql.rangeDriver(q), null, 1000);
        assertTrue(candidates.sql().contains("d.field_id = " + seenField + " AND d.v_number IS NULL AND d.v_date IS NULL AND d.v_datetime "), candidates.sql());
        String plan = explain(candidates);
        assertTrue(plan.contains("\"key\": \"ix_values_value\""), plan);
        assertTrue(plan.contains("\"access_type\": \"range\""), plan);
        asAdmin().queryParam("field.ti_seen.gte", "2026-02-01T10:10:00Z").queryParam("field.ti_seen.lte", "2026-02-01T10:14:00Z")
                .queryParam("limit", 100).get("/api/v1/clients").then().statusCode(200)
                .body("items.size()", equalTo(CLIENTS / 60 * 5));
    }

    @Test
    void everyonesPageSortedByANumberReadsTheTypedIndexInValueOrderWithoutASort() throws Exception {
        for (String sort : List.of("field.ti_staff", "-field.ti_staff")) {
            String plan = explain(ClientSql.valuedFirst(query(sort, Map.of()), OwnerScope.all()));
            assertTrue(plan.contains("\"key\": \"ix_values_value\""), sort + ": " + plan);
            assertFalse(plan.contains("filesort"), sort + " is read in the index's order: " + plan);
        }
        List<Integer> staff = asAdmin().queryParam("sort", "-field.ti_staff").queryParam("limit", 40).get("/api/v1/clients").then()
                .statusCode(200).extract().jsonPath().getList("items.fields.ti_staff");
        assertEquals(List.of(9, 9, 9, 9, 9, 9, 9, 9, 9, 9), staff.subList(0, 10), staff.toString());
    }

    @Test
    void aHeadsAndAnOwnersPageSortedByANumberOrADateReadTheirRangeInValueOrderWithoutASort() throws Exception {
        for (OwnerScope scope : List.of(OwnerScope.department(7L, java.util.Set.of(7L, 8L, 9L)), OwnerScope.of(java.util.Set.of(8L)))) {
            for (String sort : List.of("field.ti_staff", "-field.ti_since")) {
                String plan = explain(ClientSql.valuedFirst(query(sort, Map.of()), scope));
                // an owner's entries are his head's range, tested for him (V30)
                assertTrue(plan.contains("\"key\": \"ix_values_head_range\""), sort + ": " + plan);
                // a sort would read the whole range for a page: a department's 50,000 entries in the benchmark
                assertFalse(plan.contains("filesort"), scope + " " + sort + " is read in the index's order: " + plan);
            }
        }
    }

    @Test
    void everyonesPageOfATextOrAFilterReadInItsOrderTestsEachRowsValuesByTheirKeyInsteadOfReadingEveryValueFirst() throws Exception {
        for (var params : List.of(new ClientListQuery.Parameters(null, null, null, "ty", null, null, false, Map.of()),
                new ClientListQuery.Parameters(null, null, "-updatedAt", "ty", null, null, false, Map.of()),
                new ClientListQuery.Parameters(null, null, "name", "typed", null, null, false, Map.of()),
                new ClientListQuery.Parameters(null, null, "name", null, null, null, false, Map.of("field.ti_city", List.of("city3"))))) {
            ClientSql.Statement page = ClientSql.build(ClientListQuery.parse(params, schema, 50), OwnerScope.all(), List.of());
            String plan = explain(page);
            // materialized, the subquery read every value of the table (2,757,998 on 200,000 clients) before the first row
            assertFalse(plan.contains("\"access_type\": \"ALL\""), params + ": " + page.sql() + " " + plan);
            assertFalse(plan.contains("\"materialized\""), params + ": " + plan);
        }
    }

    private String explain(ClientSql.Statement st) throws Exception {
        return ServerPlans.explain(dataSource, st);
    }

}
