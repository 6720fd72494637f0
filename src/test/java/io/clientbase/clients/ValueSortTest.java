package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page sorted by a custom text or checkbox reads the value index in value order, as one by a
 * number does (ClientSql.valuedFirst): a text by its key (V8), the texts too long for a key read
 * apart, sorted and merged in. Walked page by page both ways, a head's, an employee's, one owner's
 * and everyone's pages hold their clients with a value first in (value, id) order, long texts in
 * their place and ties across owners included, then those without one in id order.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ValueSortTest {

    private static final String LONG_A = "a".repeat(195) + "b";
    private static final String LONG_C = "c".repeat(250);
    private static final String LONG_M = "m".repeat(192);
    /** Texts (null: none) for 22 clients: short ties, a short prefix of a long one, long ties, and none. */
    private static final List<String> TEXTS = java.util.Arrays.asList("m", "bz", LONG_C, "a", null, "aaaa", LONG_A, "m", "d", LONG_M,
            "c", null, "zz", LONG_C, "a", "mm", null, "b", LONG_A, "cc", "m", "ca");
    private static final List<String> CREATORS = List.of("a1", "a2", "headA", "b1");

    private static Hierarchy h;
    private static final Map<Long, String> TEXT_OF = new HashMap<>();
    private static final Map<Long, Boolean> FLAG_OF = new HashMap<>();
    private static final Map<Long, String> OWNER_OF = new HashMap<>();
    private static long textField;
    private static long flagField;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("vsort");
        long section = asAdmin().body(Map.of("name", "Value sort")).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        textField = field(section, "vs_note", "TEXT");
        flagField = field(section, "vs_flag", "CHECKBOX");
        for (int i = 0; i < TEXTS.size(); i++) {
            String creator = CREATORS.get(i % CREATORS.size());
            Map<String, Object> fields = new HashMap<>();
            if (TEXTS.get(i) != null) {
                fields.put("vs_note", TEXTS.get(i));
            }
            Boolean flag = i % 3 == 0 ? null : i % 3 == 1;
            if (flag != null) {
                fields.put("vs_flag", flag);
            }
            long id = as(h.token(creator)).body(Map.of("name", "vs-" + i, "fields", fields)).post("/api/v1/clients").then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            TEXT_OF.put(id, TEXTS.get(i));
            FLAG_OF.put(id, flag);
            OWNER_OF.put(id, creator);
        }
    }

    private static long field(long section, String key, String type) {
        return asAdmin().body(Map.of("sectionId", section, "key", key, "name", key, "type", type)).post("/api/v1/fields").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The clients of these creators in the API's order for a custom sort: valued by (value, id), then the rest by id, both reversed for descending. */
    private static <T extends Comparable<T>> List<Long> expected(Map<Long, T> values, List<String> owners, boolean descending) {
        List<Long> ids = OWNER_OF.entrySet().stream().filter(e -> owners.contains(e.getValue())).map(Map.Entry::getKey).sorted().toList();
        List<Long> valued = new ArrayList<>(ids.stream().filter(id -> values.get(id) != null)
                .sorted(Comparator.comparing((Long id) -> values.get(id)).thenComparing(id -> id)).toList());
        List<Long> without = new ArrayList<>(ids.stream().filter(id -> values.get(id) == null).toList());
        if (descending) {
            Collections.reverse(valued);
            Collections.reverse(without);
        }
        valued.addAll(without);
        return valued;
    }

    private static Map<String, Map<Long, ? extends Comparable<?>>> sorts() {
        return Map.of("vs_note", TEXT_OF, "vs_flag", FLAG_OF);
    }

    @Test
    void aHeadsAnEmployeesAndOneOwnersPagesByATextOrACheckboxHoldTheirClientsInValueOrderBothWays() {
        for (String key : List.of("vs_note", "vs_flag")) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<Long, Comparable> values = (Map) sorts().get(key);
            for (boolean descending : List.of(false, true)) {
                String sort = (descending ? "-" : "") + "field." + key;
                assertEquals(expected(values, List.of("a1", "a2", "headA"), descending), Pages.walk(h.token("headA"), sort, 2, Map.of()),
                        "the head's department by " + sort);
                assertEquals(expected(values, List.of("a1"), descending), Pages.walk(h.token("a1"), sort, 2, Map.of()), "a1 by " + sort);
                assertEquals(expected(values, List.of("a2"), descending),
                        Pages.walk(h.token("headA"), sort, 3, Map.of("ownerId", h.id("a2"))), "a2 of the head's scope by " + sort);
                assertEquals(List.of(), Pages.walk(h.token("headA"), sort, 3, Map.of("ownerId", h.id("b1"))), "b1 is outside: nothing");
            }
        }
    }

    @Test
    void everyonesPageByATextHasTheValuedClientsFirstWithTheLongTextsInTheirPlace() {
        for (boolean descending : List.of(false, true)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Long> all = expected((Map) TEXT_OF, CREATORS, descending);
            List<Long> valued = all.subList(0, (int) TEXT_OF.values().stream().filter(v -> v != null).count());
            // no other test's client holds this new field: the first pages are exactly these
            assertEquals(valued, firstOfWalk((descending ? "-" : "") + "field.vs_note", valued.size()));
        }
    }

    private static List<Long> firstOfWalk(String sort, int wanted) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        while (ids.size() < wanted) {
            var page = asAdmin().queryParam("limit", 4).queryParam("sort", sort).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        }
        return ids.subList(0, wanted);
    }

    @Test
    void theTextsKeysAreReadFromTheHeadsRangeOfTheValueIndexInTheirOrderAndOnlyTheLongTextsAreSorted() throws Exception {
        VisibleSchema schema = Schemas.of(Schemas.field(textField, "vs_note", FieldType.TEXT), Schemas.field(flagField, "vs_flag", FieldType.CHECKBOX));
        var byText = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "-field.vs_note", null, null, null, false, Map.of()), schema, 50);
        OwnerScope department = OwnerScope.department(h.id("headA"), Set.of(h.id("headA"), h.id("a1"), h.id("a2")));
        assertTrue(ClientSql.sortsByValueIndex(byText, department));
        String plan = explain(ClientSql.valuedFirst(byText, department));
        assertTrue(plan.contains("\"key\": \"ix_values_head_range\""), plan);
        // the page's order after its rows, the merge of the two pages and the long texts' sort: the keys' page is read in the index's order
        assertEquals(3, plan.split("\"filesort\"", -1).length - 1, plan);
        assertTrue(plan.contains("\"sort_key\": \"lv.v_text desc, d.client_id desc\""), plan);
        var byFlag = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "field.vs_flag", null, null, null, false, Map.of()), schema, 50);
        String flagPlan = explain(ClientSql.valuedFirst(byFlag, department));
        assertTrue(flagPlan.contains("\"key\": \"ix_values_head_range\""), flagPlan);
        assertTrue(!flagPlan.contains("filesort"), "a checkbox is read in the index's order: " + flagPlan);
    }

    private String explain(ClientSql.Statement st) throws Exception {
        return ServerPlans.explain(dataSource, st);
    }

}
