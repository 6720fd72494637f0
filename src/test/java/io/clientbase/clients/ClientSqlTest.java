package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The statement each plan produces, with its parameters: no database, no Quarkus. */
@Tag("unit")
class ClientSqlTest {

    private static final VisibleSchema SCHEMA = Schemas.of(
            Schemas.field(1, "contract_no", FieldType.TEXT),
            Schemas.field(2, "employees", FieldType.NUMBER),
            Schemas.field(3, "first_payment", FieldType.DATE),
            Schemas.field(4, "tags", FieldType.MULTISELECT),
            Schemas.field(5, "active", FieldType.CHECKBOX));
    private static final OwnerScope ADMIN = OwnerScope.all();
    private static final OwnerScope HEAD = OwnerScope.of(Set.of(3L, 7L, 9L));
    private static final OwnerScope EMPLOYEE = OwnerScope.of(Set.of(7L));
    private static final String PER_ROW = "SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR ";
    /** The same owners as HEAD, known as the department of head 3 (V20's head index). */
    private static final OwnerScope DEPARTMENT = OwnerScope.department(3L, Set.of(7L, 9L));

    /** An owner's entries of the head's value index (V30): his head's range, the head read by V20's rule in the statement, tested for him. */
    private static String ownersEntries(long owner) {
        return "d.head_id <=> (SELECT CASE u.type WHEN 'ADMINISTRATION' THEN u.id WHEN 'EMPLOYEE' THEN u.manager_id END FROM users u WHERE u.id = "
                + owner + ") AND d.owner_id = " + owner;
    }

    private static ClientListQuery query(String sort, String q, Map<String, List<String>> params) {
        return ClientListQuery.parse(new ClientListQuery.Parameters(null, null, sort, q, null, null, false, params), SCHEMA, 50);
    }

    private static ClientSql.Statement build(ClientListQuery query, OwnerScope scope) {
        return ClientSql.build(query, scope, List.of());
    }

    @Test
    void anAdminsFirstPageScansInIdOrderWithoutAScopeCondition() {
        var st = build(query(null, null, Map.of()), ADMIN);
        assertEquals("SELECT c.* FROM clients c WHERE 1 = 1 AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51", st.sql());
        assertEquals(List.of(), st.params());
    }

    @Test
    void externalIdsNameTheirClientsByTheUniqueKeyAndNoValueIndexDrivesThePage() {
        var st = build(query(null, "ромашка", Map.of("externalId", List.of("A-1", "a-1"), "field.contract_no", List.of("A-17"))), HEAD);
        assertFalse(st.sql().contains("STRAIGHT_JOIN"), st.sql());
        assertFalse(ClientSql.wantsTrigrams(query(null, "ромашка", Map.of("externalId", List.of("A-1")))));
        assertTrue(st.sql().contains(" AND c.external_id IN (?,?)"), st.sql());
        assertEquals(List.of("A-1", "a-1"), st.params().subList(0, 2));
    }

    @Test
    void anExternalIdFilterIsCheckedLikeTheMemberAndBounded() {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.clientbase.platform.problem.ApiException.class,
                () -> query(null, null, Map.of("externalId", List.of("ok", " padded"))));
        assertEquals("externalId", refused.errors().get(0).field());
        List<String> many = java.util.stream.IntStream.range(0, ClientListQuery.MAX_EXTERNAL_IDS + 1).mapToObj(i -> "e" + i).toList();
        org.junit.jupiter.api.Assertions.assertThrows(io.clientbase.platform.problem.ApiException.class,
                () -> query(null, null, Map.of("externalId", many)));
    }

    @Test
    void aHeadsScopeIsHisOwnersInTheWhereAndAnEmployeesIsHimselfAlone() {
        assertEquals("SELECT c.* FROM clients c WHERE c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51",
                build(query(null, null, Map.of()), HEAD).sql());
        assertEquals("SELECT c.* FROM clients c WHERE c.owner_id IN (7) AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51",
                build(query(null, null, Map.of()), EMPLOYEE).sql());
    }

    @Test
    void aHeadsPageInIdOrderReadsHisRangeOfTheHeadIndexAndStillTestsTheOwners() {
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.id ASC LIMIT 51", build(query(null, null, Map.of()), DEPARTMENT).sql());
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "-id", null, null, null, true, Map.of()), SCHEMA, 50);
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NOT NULL ORDER BY c.id DESC LIMIT 51", build(next, DEPARTMENT).sql());
    }

    @Test
    void theHeadIndexServesNoPageThatAnotherIndexNarrowsFurtherNorAnotherOrder() {
        // one owner: his own index
        var one = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, 7L, null, false, Map.of()), SCHEMA, 50);
        assertFalse(build(one, DEPARTMENT).sql().contains("head_id"), build(one, DEPARTMENT).sql());
        // an equality filter: its value's entries (his range of the head's value index, below)
        assertFalse(build(query(null, null, Map.of("field.contract_no", List.of("A-17"))), DEPARTMENT).sql().contains("ix_clients_head"));
        // another order, a sync, external ids
        assertFalse(build(query("name", null, Map.of()), DEPARTMENT).sql().contains("head_id"));
        assertFalse(build(query(null, null, Map.of("externalId", List.of("A-1"))), DEPARTMENT).sql().contains("head_id"));
        var sync = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, Instant.parse("2026-01-01T00:00:00Z"),
                false, Map.of()), SCHEMA, 50);
        assertFalse(build(sync, DEPARTMENT).sql().contains("head_id"));
        // a scope of owners not known as a department (an employee's, or built by hand) reads as before
        assertFalse(build(query(null, null, Map.of()), HEAD).sql().contains("head_id"));
    }

    @Test
    void aHeadsRangeTooWideForTheValueIndexIsScannedInHisHeadRangeNotTheTable() {
        var st = build(query(null, null, Map.of("field.employees.gte", List.of("10"))), DEPARTMENT);
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head) STRAIGHT_JOIN client_values jv2 FORCE INDEX (PRIMARY)"
                + " ON jv2.client_id = c.id AND jv2.field_id = 2 WHERE c.head_id = 3 AND c.owner_id IN (3,7,9) AND c.deleted_at IS NULL"
                + " AND jv2.v_number >= ? ORDER BY c.id ASC LIMIT 51", st.sql());
        assertEquals(List.of(new BigDecimal("10")), st.params());
    }

    @Test
    void aTextEqualityDrivesFromTheValueKeyIndexWithTheOwnerInTheIndexEntry() {
        var st = build(query(null, null, Map.of("field.contract_no", List.of("A-17"))), HEAD);
        assertEquals("SET STATEMENT eq_range_index_dive_limit = 1 FOR SELECT c.* FROM client_values d FORCE INDEX (ix_values_value)"
                + " STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 1 AND d.v_text_key = ? AND d.v_number IS NULL"
                + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.owner_id IN (3,7,9) AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY d.client_id ASC LIMIT 51", st.sql());
        assertEquals(List.of("A-17"), st.params());
    }

    @Test
    void aNumberRangeScannedJoinsTheFieldsValueRowOnceForBothBoundsAfterTheClient() {
        var st = build(query(null, null, Map.of("field.employees.gte", List.of("10"), "field.employees.lte", List.of("50"))), EMPLOYEE);
        assertTrue(st.sql().contains("SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner) STRAIGHT_JOIN client_values jv2 FORCE INDEX (PRIMARY)"
                + " ON jv2.client_id = c.id AND jv2.field_id = 2 WHERE c.owner_id = 7 AND c.owner_id IN (7) AND c.deleted_at IS NULL AND jv2.v_number "), st.sql());
        assertEquals(1, st.sql().split("client_values", -1).length - 1, "one lookup for both bounds");
        assertFalse(st.sql().contains("EXISTS"), st.sql());
        assertTrue(st.params().containsAll(List.of(new BigDecimal("10"), new BigDecimal("50"))), st.params().toString());
    }

    @Test
    void aNumberEqualityAlsoDrivesWithTheOwnerInTheIndexEntry() {
        var st = build(query(null, null, Map.of("field.employees", List.of("42"))), HEAD);
        assertTrue(st.sql().contains("FROM client_values d FORCE INDEX (ix_values_value) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id"
                + " WHERE d.field_id = 2 AND d.v_number = ? AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL"
                + " AND d.v_text_key IS NULL AND d.owner_id IN (3,7,9) AND c.owner_id IN (3,7,9)"), st.sql());
        assertEquals(List.of(new BigDecimal("42")), st.params());
    }

    @Test
    void aDateOrACheckboxEqualityNamesTheTypedColumnsAheadOfItsOwnSoThatItsMatchesComeInIdOrder() {
        var date = build(query(null, null, Map.of("field.first_payment", List.of("2026-03-01"))), EMPLOYEE);
        assertTrue(date.sql().contains("FORCE INDEX (ix_values_value) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 3"
                + " AND d.v_date = ? AND d.v_number IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NULL"
                + " AND d.owner_id IN (7) AND c.owner_id IN (7)"), date.sql());
        assertTrue(date.sql().endsWith("ORDER BY d.client_id ASC LIMIT 51"), date.sql());
        var checkbox = build(query(null, null, Map.of("field.active", List.of("true"))), EMPLOYEE);
        assertTrue(checkbox.sql().contains("WHERE d.field_id = 5 AND d.v_bool = ? AND d.v_number IS NULL AND d.v_date IS NULL"
                + " AND d.v_datetime IS NULL AND d.v_text_key IS NULL AND d.owner_id IN (7) AND c.owner_id IN (7)"), checkbox.sql());
    }

    @Test
    void aHeadsEqualityReadsHisEntriesOfTheValueInIdOrderFromHisRangeAPageOfThem() {
        var text = build(query(null, null, Map.of("field.contract_no", List.of("A-17"))), DEPARTMENT);
        assertTrue(text.sql().contains("FROM client_values d FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY)"
                + " ON c.id = d.client_id WHERE d.field_id = 1 AND d.head_id = 3 AND d.v_text_key = ? AND d.v_number IS NULL"
                + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.owner_id IN (3,7,9) AND c.owner_id IN (3,7,9)"),
                text.sql());
        assertTrue(text.sql().endsWith(" ORDER BY d.client_id ASC LIMIT 51"), text.sql());
        var number = build(query("-id", null, Map.of("field.employees", List.of("42"))), DEPARTMENT);
        assertTrue(number.sql().contains("FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY)"
                + " ON c.id = d.client_id WHERE d.field_id = 2 AND d.head_id = 3 AND d.v_number = ? AND d.v_date IS NULL"), number.sql());
        assertTrue(number.sql().endsWith(" ORDER BY d.client_id DESC LIMIT 51"), number.sql());
        assertFalse(build(query(null, null, Map.of("field.employees", List.of("42"))), HEAD).sql().contains("d.head_id"),
                "owners without their head named: the value's entries of the table");
        assertFalse(build(query(null, null, Map.of("field.employees", List.of("42"))), ADMIN).sql().contains("d.head_id"));
    }

    @Test
    void anEqualityInAScopeSmallerThanTheTableIsFirstReadAsARangeOfOneValueInTheScopesRange() {
        var number = query(null, null, Map.of("field.employees", List.of("42")));
        assertEquals(2L, ClientSql.equalityAsRange(number, EMPLOYEE).id);
        assertEquals(3L, ClientSql.equalityAsRange(query(null, null, Map.of("field.first_payment", List.of("2026-03-01"))), HEAD).id);
        assertEquals(1L, ClientSql.equalityAsRange(query(null, null, Map.of("field.contract_no", List.of("A-17"))), EMPLOYEE).id);
        assertEquals(null, ClientSql.equalityAsRange(query(null, null, Map.of("field.active", List.of("true"))), DEPARTMENT),
                "a head's whole list: his entries of the value in id order, a page of them");
        assertEquals(null, ClientSql.equalityAsRange(number, ADMIN), "everyone's scope is the table: the value's entries");
        var oneOwner = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, 9L, null, false,
                Map.of("field.employees", List.of("42"))), SCHEMA, 50);
        assertEquals(2L, ClientSql.equalityAsRange(oneOwner, ADMIN).id, "one owner asked for by the ADMIN");
        assertEquals(2L, ClientSql.equalityAsRange(oneOwner, DEPARTMENT).id, "one owner asked for by his head");
        assertEquals(null, ClientSql.equalityAsRange(query("name", null, Map.of("field.employees", List.of("42"))), EMPLOYEE));
        assertEquals(null, ClientSql.equalityAsRange(query(null, null, Map.of("field.tags", List.of("vip"))), EMPLOYEE),
                "a multiselect is no one value");
        assertEquals(null, ClientSql.equalityAsRange(query(null, null, Map.of("field.employees", List.of("42"), "externalId", List.of("e"))), EMPLOYEE));
        assertTrue(build(number, EMPLOYEE).sql().contains("FROM client_values d FORCE INDEX (ix_values_value)"),
                "more matches than that plan reads: the value's entries in id order, as before");
    }

    @Test
    void theScopesRangeOfAValueIsReadWhenItCostsLessThanTheValuesEntriesInIdOrderByTheirEstimates() {
        var text = ClientSql.driver(query(null, null, Map.of("field.contract_no", List.of("city42"))));
        var number = ClientSql.driver(query(null, null, Map.of("field.employees", List.of("42"))));
        assertFalse(ClientSql.readsScopesRange(50, 476, 10_013), "a head's 476 of 10,013: ~1,073 entries in id order are cheaper");
        assertTrue(ClientSql.readsScopesRange(50, 0, 10_013), "an employee holding none reads none, not all 10,013");
        assertTrue(ClientSql.readsScopesRange(50, 0, 1_013), "the new department's head holding none: his empty range, not 1,013 entries");
        assertTrue(ClientSql.readsScopesRange(50, 100, 2_013), "a head's 100 of 2,013: his range costs less than ~1,027 entries in id order");
        assertFalse(ClientSql.readsScopesRange(50, 300, 2_013), "a head's 300 of 2,013: ~342 entries");
        assertFalse(ClientSql.readsScopesRange(50, 25_000, 500_000), "half the table, a quarter of it in the scope");
        assertFalse(ClientSql.readsScopesRange(50, 3, 10), "a value ten clients hold: ten entries");
        assertTrue(ClientSql.readsScopesRange(50, 14, 200_000), "14 in the scope of 200,000 in the table");
        // one owner's range is his head's (V30): it reads the department's matches and keeps his share
        long employeesMatches = ClientSql.ownersShare(10_013, 2_381, 1_000_000);
        assertEquals(24, employeesMatches, "an employee's 2,381 of 1,000,000 clients: his share of city42's 10,013");
        assertTrue(ClientSql.readsScopesRange(50, 476, employeesMatches, 10_013),
                "his department's 476 read to keep his ~24, not the 10,013 entries in id order that hold too few of his for a page");
        assertFalse(ClientSql.readsScopesRange(50, 476, 476, 10_013), "the head's own 476: ~1,073 in id order, as above");
        assertFalse(ClientSql.readsScopesRange(50, 5_000, 2, 5_000), "all 5,000 of the value in his department, 2 of them his: its list in id order costs less");
        var estimate = ClientSql.valueEntriesEstimate(text);
        assertEquals("EXPLAIN SELECT 1 FROM client_values d FORCE INDEX (ix_values_value) WHERE d.field_id = 1 AND d.v_text_key = ?"
                + " AND d.v_number IS NULL AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL", estimate.sql());
        assertEquals(List.of("city42"), estimate.params());
        assertEquals("EXPLAIN SELECT 1 FROM client_values d FORCE INDEX (ix_values_value) WHERE d.field_id = 2 AND d.v_number = ?"
                + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NULL", ClientSql.valueEntriesEstimate(number).sql());
    }

    @Test
    void aNumberACheckboxOrATextIsOneRangeOfTheScopesValueIndexTheTypedColumnsAheadOfItNamedNull() {
        var number = query(null, null, Map.of("field.employees", List.of("42")));
        assertTrue(ClientSql.rangeCandidates(number, EMPLOYEE, ClientSql.equalityAsRange(number, EMPLOYEE), null, 1000).sql()
                .contains("FORCE INDEX (ix_values_head_range) WHERE d.field_id = 2 AND (" + ownersEntries(7) + ") AND d.v_number = ? LIMIT 1001"));
        var checkbox = query(null, null, Map.of("field.active", List.of("true")));
        assertTrue(ClientSql.rangeCandidates(checkbox, DEPARTMENT, ClientSql.driver(checkbox).field(), null, 1000).sql()
                .contains("FORCE INDEX (ix_values_head_range) WHERE d.field_id = 5 AND d.head_id = 3 AND d.v_number IS NULL"
                        + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool = ? LIMIT 1001"));
        var text = query(null, null, Map.of("field.contract_no", List.of("A-17")));
        var st = ClientSql.rangeCandidates(text, EMPLOYEE, ClientSql.equalityAsRange(text, EMPLOYEE), 900L, 1000);
        assertTrue(st.sql().contains("FORCE INDEX (ix_values_head_range) WHERE d.field_id = 1 AND (" + ownersEntries(7) + ") AND d.v_number IS NULL"
                + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key = ? AND d.client_id > ? LIMIT 1001"), st.sql());
        assertEquals(List.of("A-17", 900L), st.params());
        var candidates = ClientSql.pageAmong(text, EMPLOYEE, List.of(901L), 51);
        assertTrue(candidates.sql().contains("jv1.field_id = 1 WHERE") && candidates.sql().contains("AND jv1.v_text = ?"),
                "the rows decide on the whole text: " + candidates.sql());
    }

    @Test
    void aDateFilterBindsALocalDateAndAMultiselectTestsJsonContainment() {
        var st = build(query("name", null, Map.of("field.first_payment.gte", List.of("2026-03-01"), "field.tags", List.of("vip"))), ADMIN);
        assertTrue(st.sql().contains("fv.v_date >= ?"), st.sql());
        assertTrue(st.sql().contains("JSON_CONTAINS(fv.v_text, JSON_QUOTE(?))"), st.sql());
        assertTrue(st.params().contains(LocalDate.parse("2026-03-01")));
        assertTrue(st.params().contains("vip"));
    }

    @Test
    void aSortOnACustomFieldJoinsItsValueRowAndPutsMissingValuesLast() {
        var st = build(query("-field.employees", null, Map.of()), ADMIN);
        assertEquals("SELECT c.* FROM (SELECT c.id AS id, sv.v_number AS sort_value FROM clients c LEFT JOIN client_values sv"
                + " ON sv.client_id = c.id AND sv.field_id = 2 WHERE 1 = 1 AND c.deleted_at IS NULL"
                + " ORDER BY (sv.v_number IS NULL), sv.v_number DESC, c.id DESC LIMIT 51)"
                + " top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id"
                + " ORDER BY (top.sort_value IS NULL), top.sort_value DESC, top.id DESC", st.sql());
    }

    @Test
    void theNextPageOfANameSortContinuesAfterTheLastNameAndId() {
        Client last = new Client(17, "ООО Ромашка", 7, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"),
                null, 1, null, null);
        String cursor = ClientListQuery.cursorAfter(query("name", null, Map.of()).sort(), last, Map.of());
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, cursor, "name", null, null, null, false, Map.of()),
                SCHEMA, 50);
        var st = build(next, EMPLOYEE);
        assertTrue(st.sql().endsWith(" AND (c.name > ? OR (c.name = ? AND c.id > ?)) ORDER BY c.name ASC, c.id ASC LIMIT 51"), st.sql());
        assertEquals(List.of("ООО Ромашка", "ООО Ромашка", 17L), st.params());
    }

    @Test
    void theNextPageOfACustomSortAfterAMissingValueStaysAmongTheMissing() {
        Client last = new Client(5, "x", 7, Instant.EPOCH, Instant.EPOCH, null, 1, null, null);
        var sort = query("field.employees", null, Map.of()).sort();
        String cursor = ClientListQuery.cursorAfter(sort, last, Map.of());
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, cursor, "field.employees", null, null, null, false,
                Map.of()), SCHEMA, 50);
        var st = build(next, ADMIN);
        assertTrue(st.sql().contains(" AND (sv.v_number IS NULL AND c.id > ?)"), st.sql());
        assertEquals(List.of(5L), st.params());
    }

    @Test
    void freeTextWithTrigramsReadsTheTrigramIndexAndTheClientsItHasNotReadYet() {
        var q = query(null, "ромашка", Map.of());
        assertTrue(ClientSql.wantsTrigrams(q));
        var st = ClientSql.build(q, HEAD, List.of("маш", "ром"));
        assertTrue(st.sql().startsWith("SET STATEMENT eq_range_index_dive_limit = 1 FOR SELECT u.* FROM ((SELECT c.* FROM "
                + "client_trigrams t0 STRAIGHT_JOIN client_trigrams t1 ON t1.trigram = ? AND t1.client_id = t0.client_id"), st.sql());
        assertTrue(st.sql().contains("WHERE t0.trigram = ? AND t0.owner_id IN (3,7,9)"), st.sql());
        assertTrue(st.sql().contains("UNION ALL (SELECT c.* FROM client_text_dirty x STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = x.client_id"
                + " WHERE x.owner_id IN (3,7,9)"), st.sql());
        assertEquals("ром", st.params().get(0));
        assertEquals("маш", st.params().get(1));
        assertTrue(st.params().contains("%ромашка%"));
    }

    @Test
    void aHeadsFreeTextReadsHisRangeOfTheTrigramIndexInIdOrderAWindowAtATimeWithTheMarkedClientsOfHisOwners() {
        var q = query(null, "ромашка", Map.of());
        var st = ClientSql.textWindow(q, DEPARTMENT, List.of("маш", "ром"), 42L, 204, ClientSql.TEXT_BUDGET);
        assertEquals("SET STATEMENT group_concat_max_len = 48240, eq_range_index_dive_limit = 1 FOR"
                + " SELECT COUNT(*), GROUP_CONCAT(x.id), SUM(x.indexed), MAX(IF(x.indexed = 1, x.id, NULL))"
                + " FROM ((SELECT t0.client_id AS id, 1 AS indexed FROM client_trigrams t0 FORCE INDEX (ix_trigrams_head)"
                + " STRAIGHT_JOIN client_trigrams t1 ON t1.trigram = ? AND t1.client_id = t0.client_id"
                + " WHERE t0.trigram = ? AND t0.head_id = ? AND t0.client_id > ? ORDER BY t0.client_id ASC LIMIT 205)"
                + " UNION ALL (SELECT x.client_id, 0 FROM client_text_dirty x WHERE x.owner_id IN (3,7,9) AND x.client_id > ? LIMIT 1001)) x",
                st.sql());
        assertEquals(List.of("ром", "маш", 3L, 42L, 42L), st.params());
        var backwards = ClientSql.textWindow(query("-id", "ромашка", Map.of()), DEPARTMENT, List.of("маш"), 42L, 10, 5);
        assertTrue(backwards.sql().contains("t0.client_id < ? ORDER BY t0.client_id DESC LIMIT 11"), backwards.sql());
        assertTrue(backwards.sql().contains("MIN(IF(x.indexed = 1, x.id, NULL))"), "the edge of a window backwards is its lowest id");
    }

    @Test
    void anEmployeesFreeTextOrOneOwnerAskedForReadsThatOwnersRangeAndOnlyHisMarks() {
        var employee = ClientSql.textWindow(query(null, "ромашка", Map.of()), EMPLOYEE, List.of("маш"), null, 204, ClientSql.TEXT_BUDGET);
        assertTrue(employee.sql().contains("FORCE INDEX (ix_trigrams_owner) WHERE t0.trigram = ? AND t0.owner_id = ? ORDER BY t0.client_id ASC"),
                employee.sql());
        assertTrue(employee.sql().contains("FROM client_text_dirty x WHERE x.owner_id IN (7) LIMIT 1001"), employee.sql());
        assertEquals(List.of("маш", 7L), employee.params());
        var ofOne = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, "ромашка", 9L, null, false, Map.of()), SCHEMA, 50);
        var asked = ClientSql.textWindow(ofOne, DEPARTMENT, List.of("маш"), null, 204, ClientSql.TEXT_BUDGET);
        assertTrue(asked.sql().contains("ix_trigrams_owner") && asked.sql().contains("x.owner_id IN (9)"), asked.sql());
        assertEquals(List.of("маш", 9L), asked.params());
    }

    @Test
    void aTextsTrigramsAreRankedByTheirEntriesInTheRangeThePageReadsByIndexDivesInOneStatement() {
        var q = query(null, "ромашка", Map.of());
        assertEquals(new ClientSql.TrigramRange("ix_trigrams_head", "head_id", 3L), ClientSql.trigramRange(q, DEPARTMENT, true));
        assertEquals(ClientSql.TrigramRange.LIST, ClientSql.trigramRange(q, DEPARTMENT, false),
                "before every entry carries its head, the page reads the trigram's list: its size ranks");
        assertEquals(new ClientSql.TrigramRange("ix_trigrams_owner", "owner_id", 7L), ClientSql.trigramRange(q, EMPLOYEE, true));
        var ofOne = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, "ромашка", 9L, null, false, Map.of()), SCHEMA, 50);
        assertEquals(new ClientSql.TrigramRange("ix_trigrams_owner", "owner_id", 9L), ClientSql.trigramRange(ofOne, DEPARTMENT, true));
        assertEquals(ClientSql.TrigramRange.LIST, ClientSql.trigramRange(q, ADMIN, true));

        var head = ClientSql.trigramEstimates(List.of("ром", "маш"), ClientSql.trigramRange(q, DEPARTMENT, true));
        assertEquals("EXPLAIN SELECT 1 FROM client_trigrams FORCE INDEX (ix_trigrams_head) WHERE trigram = ? AND head_id = ?"
                + " UNION ALL SELECT 1 FROM client_trigrams FORCE INDEX (ix_trigrams_head) WHERE trigram = ? AND head_id = ?", head.sql());
        assertEquals(List.of("ром", 3L, "маш", 3L), head.params());
        var list = ClientSql.trigramEstimates(List.of("ром"), ClientSql.TrigramRange.LIST);
        assertEquals("EXPLAIN SELECT 1 FROM client_trigrams FORCE INDEX (PRIMARY) WHERE trigram = ?", list.sql());
        assertEquals(List.of("ром"), list.params());
    }

    @Test
    void theRarestTrigramsComeFirstAndTiesKeepTheTextsOrder() {
        List<String> trigrams = List.of("not", "ote", "te ", "e 1", " 12", "123");
        assertEquals(List.of("123", " 12", "e 1"), TextIndex.rarestFirst(trigrams, new long[] {50_000, 50_000, 50_000, 5_600, 1_200, 400}));
        assertEquals(List.of("ote", "te ", "not"), TextIndex.rarestFirst(trigrams, new long[] {9, 1, 1, 9, 9, 9}));
        assertEquals(List.of("ab"), TextIndex.rarestFirst(List.of("ab"), new long[] {3}));
    }

    @Test
    void aFurtherTrigramIsJoinedOnlyWhenHalfTheRangesClientsLackIt() {
        List<String> ranked = List.of("not", "ote", "te ", "e 1");
        long[] entries = {109_000, 108_000, 109_000, 5_600};
        List<String> rarest = TextIndex.rarestFirst(ranked, entries);
        assertEquals(List.of("e 1", "ote", "not"), rarest);
        assertEquals(List.of("e 1"), TextIndex.filtering(rarest, ranked, entries, 50_000), "every client holds 'note': no lookup");
        assertEquals(List.of("e 1", "ote", "not"), TextIndex.filtering(rarest, ranked, entries, 1_000_000), "in a range of 1,000,000 they filter");
        List<String> digits = List.of("123", " 12", "e 1");
        long[] few = {400, 555, 5_600};
        assertEquals(digits, TextIndex.filtering(digits, digits, few, 50_000));
        assertEquals(List.of("123", " 12"), TextIndex.filtering(digits, digits, few, 11_000), "half of 11,000 hold 'e 1'");
    }

    @Test
    void aLongTextRanksAtMost32OfItsTrigramsSpreadOverIt() {
        List<String> many = java.util.stream.IntStream.range(0, 198).mapToObj(i -> String.format("%03d", i)).toList();
        List<String> ranked = TextIndex.spread(many, TextIndex.RANKED_AT_MOST);
        assertEquals(32, ranked.size());
        assertEquals("000", ranked.get(0));
        assertTrue(ranked.get(31).compareTo("190") > 0, "the end of the text too: " + ranked.get(31));
        assertEquals(ranked.stream().sorted().distinct().toList(), ranked, "in the text's order, none twice");
        assertEquals(many.subList(0, 5), TextIndex.spread(many.subList(0, 5), TextIndex.RANKED_AT_MOST));
    }

    @Test
    void freeTextReadsTheTrigramIndexInOrderForAHeadOrOneOwnerOnlyAndNeverForASyncPage() {
        var q = query(null, "ромашка", Map.of());
        assertTrue(ClientSql.readsTrigramsInOrder(q, DEPARTMENT, true));
        assertFalse(ClientSql.readsTrigramsInOrder(q, DEPARTMENT, false), "a head, until every entry of the index carries its head");
        assertTrue(ClientSql.readsTrigramsInOrder(q, EMPLOYEE, false));
        assertFalse(ClientSql.readsTrigramsInOrder(q, ADMIN, true), "everyone: the list in id order stops after a page");
        assertFalse(ClientSql.readsTrigramsInOrder(q, HEAD, true), "several owners without their head: no one range holds them");
        assertFalse(ClientSql.readsTrigramsInOrder(query("name", "ромашка", Map.of()), DEPARTMENT, true), "a page by name");
        assertFalse(ClientSql.readsTrigramsInOrder(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, "ромашка",
                null, Instant.parse("2026-05-01T10:00:00Z"), false, Map.of()), SCHEMA, 50), DEPARTMENT, true), "a sync page");
    }

    @Test
    void aHeadsPageByNameCreatedAtOrUpdatedAtReadsHisRangeOfTheHeadSortIndexAndStillTestsTheOwners() {
        var byName = query("name", null, Map.of());
        assertTrue(ClientSql.sortsByHeadIndex(byName, DEPARTMENT));
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head_name) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 51",
                ClientSql.headSorted(byName, DEPARTMENT).sql());
        Client last = new Client(5, "Acme", 7, Instant.EPOCH, Instant.parse("2026-05-01T10:00:00Z"), null, 1, null, null);
        var sort = query("-updatedAt", null, Map.of()).sort();
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, ClientListQuery.cursorAfter(sort, last, Map.of()),
                "-updatedAt", null, null, null, false, Map.of()), SCHEMA, 50);
        var after = ClientSql.headSorted(next, DEPARTMENT);
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head_updated) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))"
                + " ORDER BY c.updated_at DESC, c.id DESC LIMIT 51", after.sql());
        assertEquals(3, after.params().size());
        assertFalse(ClientSql.sortsByHeadIndex(byName, HEAD), "a scope of owners not known as a department: each owner's index");
        var byCreated = query("-createdAt", null, Map.of());
        assertTrue(ClientSql.sortsByHeadIndex(byCreated, DEPARTMENT), "the creation time does not follow the id: its own index");
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head_created) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT 51",
                ClientSql.headSorted(byCreated, DEPARTMENT).sql());
        assertFalse(ClientSql.sortsByHeadIndex(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "name", null, 7L, null,
                false, Map.of()), SCHEMA, 50), DEPARTMENT), "one owner: his own sort index");
        assertFalse(ClientSql.sortsByHeadIndex(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "name", null, null, null,
                true, Map.of()), SCHEMA, 50), DEPARTMENT), "the trash: deleted_at is a range, not in name order");
    }

    @Test
    void aScopeOfOwnersSortedByNameCreatedAtOrUpdatedAtMergesEachOwnersPageOfHisSortIndex() {
        var byName = query("name", null, Map.of());
        assertTrue(ClientSql.sortsByOwnerIndex(byName, HEAD));
        var st = ClientSql.ownersMerged(byName, HEAD);
        assertEquals(PER_ROW + "SELECT c.* FROM (SELECT u.* FROM ("
                + "(SELECT c.id, c.name AS sort_value FROM clients c FORCE INDEX (ix_clients_owner_name) WHERE c.owner_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 51)"
                + " UNION ALL (SELECT c.id, c.name AS sort_value FROM clients c FORCE INDEX (ix_clients_owner_name) WHERE c.owner_id = 7 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 51)"
                + " UNION ALL (SELECT c.id, c.name AS sort_value FROM clients c FORCE INDEX (ix_clients_owner_name) WHERE c.owner_id = 9 AND"
                + " c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 51))"
                + " u ORDER BY u.sort_value ASC, u.id ASC LIMIT 51) top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id"
                + " ORDER BY top.sort_value ASC, top.id ASC", st.sql());
        Client last = new Client(5, "Acme", 7, Instant.EPOCH, Instant.parse("2026-05-01T10:00:00Z"), null, 1, null, null);
        var sort = query("-updatedAt", null, Map.of()).sort();
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, ClientListQuery.cursorAfter(sort, last, Map.of()),
                "-updatedAt", null, null, null, false, Map.of()), SCHEMA, 50);
        var after = ClientSql.ownersMerged(next, EMPLOYEE);
        assertTrue(after.sql().contains("FORCE INDEX (ix_clients_owner_updated) WHERE c.owner_id = 7 AND c.owner_id IN (7) AND"
                + " c.deleted_at IS NULL AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?)) ORDER BY c.updated_at DESC, c.id DESC"), after.sql());
        assertEquals(3, after.params().size());
        assertTrue(after.sql().startsWith(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner_updated) WHERE"), after.sql());
        assertTrue(after.sql().endsWith(" LIMIT 51"), "one owner's range is in sort order: read whole, no merge: " + after.sql());
        assertFalse(ClientSql.sortsByOwnerIndex(byName, ADMIN), "the ADMIN reads the table's name index in order");
        var byCreated = query("createdAt", null, Map.of());
        assertTrue(ClientSql.sortsByOwnerIndex(byCreated, HEAD), "the creation time does not follow the id: its own index");
        assertTrue(ClientSql.ownersMerged(byCreated, HEAD).sql().contains("(SELECT c.id, c.created_at AS sort_value FROM clients c"
                + " FORCE INDEX (ix_clients_owner_created) WHERE c.owner_id = 9 AND c.owner_id IN (3,7,9) AND c.deleted_at IS NULL"
                + " ORDER BY c.created_at ASC, c.id ASC LIMIT 51)"), ClientSql.ownersMerged(byCreated, HEAD).sql());
        assertFalse(ClientSql.sortsByOwnerIndex(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "name", null, null, null,
                true, Map.of()), SCHEMA, 50), HEAD), "the trash: deleted_at is a range, not in name order");
        java.util.Set<Long> many = new java.util.HashSet<>();
        for (long i = 1; i <= ClientSql.MAX_OWNERS_PER_SORT + 1; i++) {
            many.add(i);
        }
        assertFalse(ClientSql.sortsByOwnerIndex(byName, OwnerScope.of(many)), "too many owners for one statement");
    }

    @Test
    void freeTextEscapesLikeWildcardsAndSearchesOnlyTheVisibleTextFields() {
        var st = build(query("name", "50%_off", Map.of()), ADMIN);
        assertTrue(st.sql().contains("qv.field_id IN (1)"), "text fields only, MULTISELECT and NUMBER left out: " + st.sql());
        assertTrue(st.params().contains("%50\\%\\_off%"), st.params().toString());
        assertFalse(ClientSql.wantsTrigrams(query("name", "x", Map.of())), "the trigram plan serves id order only");
    }

    @Test
    void syncReadsByUpdatedAtTrashIncludedAndTheTrashListOnlyTheTrash() {
        Instant since = Instant.parse("2026-05-01T10:00:00Z");
        var sync = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, since, false, Map.of()), SCHEMA, 50);
        var st = build(sync, EMPLOYEE);
        assertEquals("SELECT c.* FROM clients c WHERE c.owner_id IN (7) AND c.updated_at >= ? ORDER BY c.updated_at ASC, c.id ASC"
                + " LIMIT 51", st.sql());
        assertEquals(List.of(since), st.params());
        var trash = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, null, true, Map.of()), SCHEMA, 50);
        assertTrue(build(trash, EMPLOYEE).sql().contains("c.deleted_at IS NOT NULL"));
    }

    @Test
    void aSyncByUpdatedAtReadsTheScopesChangesInOrderTrashIncludedBoundedAndStillTestsTheScope() {
        Instant since = Instant.parse("2026-05-01T10:00:00Z");
        Instant before = Instant.parse("2026-05-02T10:00:00Z");
        var sync = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, since, false, Map.of()), SCHEMA, 50);
        assertTrue(ClientSql.readsChanges(sync, DEPARTMENT));
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_head_changes) WHERE c.head_id = 3 AND"
                + " c.owner_id IN (3,7,9) AND c.updated_at >= ? AND c.updated_at < ? ORDER BY c.updated_at ASC, c.id ASC LIMIT 51",
                ClientSql.changes(sync, DEPARTMENT, before).sql());
        assertEquals(List.of(since, before), ClientSql.changes(sync, DEPARTMENT, before).params());
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner_changes) WHERE c.owner_id = 7 AND"
                + " c.owner_id IN (7) AND c.updated_at >= ? AND c.updated_at < ? ORDER BY c.updated_at ASC, c.id ASC LIMIT 51",
                ClientSql.changes(sync, EMPLOYEE, before).sql());
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_updated) WHERE 1 = 1 AND c.updated_at >= ?"
                + " AND c.updated_at < ? ORDER BY c.updated_at ASC, c.id ASC LIMIT 51", ClientSql.changes(sync, ADMIN, before).sql());
        Client last = new Client(5, "Acme", 7, Instant.EPOCH, Instant.parse("2026-05-01T11:00:00Z"), null, 1, null, null);
        var sort = query("-updatedAt", null, Map.of()).sort();
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, ClientListQuery.cursorAfter(sort, last, Map.of()),
                "-updatedAt", null, 99L, since, false, Map.of()), SCHEMA, 50);
        var outside = ClientSql.changes(next, DEPARTMENT, before);
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner_changes) WHERE c.owner_id = 99 AND"
                + " c.owner_id IN (3,7,9) AND c.updated_at >= ? AND c.updated_at < ? AND c.owner_id = ?"
                + " AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?)) ORDER BY c.updated_at DESC, c.id DESC LIMIT 51", outside.sql(),
                "one owner asked for, backwards after the cursor: his range, the scope still tested (99 is outside it)");
        assertFalse(ClientSql.readsChanges(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "name", null, null, since,
                false, Map.of()), SCHEMA, 50), DEPARTMENT), "a sync in another order than the changes'");
        assertFalse(ClientSql.readsChanges(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, since,
                false, Map.of("externalId", List.of("A-1"))), SCHEMA, 50), DEPARTMENT), "external ids name their clients by their key");
        assertFalse(ClientSql.readsChanges(query("updatedAt", null, Map.of()), DEPARTMENT), "the live list has its sort indexes");
        assertFalse(ClientSql.readsChanges(sync, HEAD), "several owners that are no department: left to build");
    }

    @Test
    void aTrashPageReadsTheScopesTrashedClientsFromTheirIndexRangeAndSortsThemWhileTheyAreFew() {
        var trash = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "-field.employees", "acme", null, null, true,
                Map.of("field.active", List.of("true"))), SCHEMA, 50);
        assertTrue(ClientSql.readsTrash(trash, DEPARTMENT));
        assertEquals("EXPLAIN SELECT 1 FROM clients c FORCE INDEX (ix_clients_head) WHERE c.head_id = 3 AND c.deleted_at IS NOT NULL",
                ClientSql.trashEstimate(trash, DEPARTMENT).sql());
        var st = ClientSql.trashed(trash, DEPARTMENT);
        assertTrue(st.sql().startsWith(PER_ROW + "SELECT c.* FROM (SELECT c.id, sv.v_number AS sort_value FROM clients c FORCE INDEX (ix_clients_head)"
                + " LEFT JOIN client_values sv ON sv.client_id = c.id AND sv.field_id = 2 WHERE c.head_id = 3 AND c.owner_id IN (3,7,9)"
                + " AND c.deleted_at IS NOT NULL AND "), st.sql());
        assertTrue(st.sql().endsWith(" ORDER BY (sv.v_number IS NULL), sv.v_number DESC, c.id DESC LIMIT 51) top STRAIGHT_JOIN clients c"
                + " FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY (top.sort_value IS NULL), top.sort_value DESC, top.id DESC"), st.sql());
        assertTrue(st.params().contains(true), "the filter tested on each trashed client: " + st.params());
        var everyone = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, null, true, Map.of()), SCHEMA, 50);
        assertEquals(PER_ROW + "SELECT c.* FROM (SELECT c.id, c.id AS sort_value FROM clients c FORCE INDEX (ix_clients_trash) WHERE 1 = 1"
                + " AND c.deleted_at IS NOT NULL ORDER BY c.id ASC LIMIT 51) top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY)"
                + " ON c.id = top.id ORDER BY top.sort_value ASC, top.id ASC", ClientSql.trashed(everyone, ADMIN).sql());
        assertTrue(ClientSql.trashed(everyone, EMPLOYEE).sql().contains("FORCE INDEX (ix_clients_owner) WHERE c.owner_id = 7 AND c.owner_id IN (7)"));
        assertFalse(ClientSql.readsTrash(everyone, HEAD), "several owners that are no department: left to build");
        assertFalse(ClientSql.readsTrash(query(null, null, Map.of()), ADMIN), "the live list");
        assertTrue(ClientSql.sortsTrash(50, ClientSql.TRASH_READ_WHOLE, 10));
        assertTrue(ClientSql.sortsTrash(50, 7_000, 1_000_000), "7,000 of 1,000,000: sorted, not ~7,300 rows read to a page");
        assertFalse(ClientSql.sortsTrash(50, 500_000, 500_000), "half the table trashed: a page in order meets 51 in ~102 rows");
    }

    @Test
    void anOwnerFilterNarrowsInsideTheScopeNeverInsteadOfIt() {
        var q = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, 99L, null, false, Map.of()), SCHEMA, 50);
        var st = build(q, HEAD);
        assertTrue(st.sql().contains("c.owner_id IN (3,7,9) AND c.deleted_at IS NULL AND c.owner_id = ?"), st.sql());
        assertEquals(List.of(99L), st.params());
    }

    // ---- the range plan (V19) ----------------------------------------------------------------

    private static ClientListQuery range(String sort, Map<String, List<String>> params) {
        return query(sort, null, params);
    }

    @Test
    void aRangeInAScopeOfOwnersReadsEachOnesEntriesOfHisHeadsRangeWithoutTheRowsUpToTheBudget() {
        var q = range(null, Map.of("field.employees.gte", List.of("10"), "field.employees.lte", List.of("50")));
        var st = ClientSql.rangeCandidates(q, HEAD, ClientSql.rangeDriver(q), null, 1000);
        assertEquals("SET STATEMENT group_concat_max_len = 20020, eq_range_index_dive_limit = 1 FOR SELECT COUNT(*),"
                + " GROUP_CONCAT(x.client_id) FROM (SELECT d.client_id FROM client_values d FORCE INDEX (ix_values_head_range)"
                + " WHERE d.field_id = 2 AND (" + ownersEntries(3) + " OR " + ownersEntries(7) + " OR " + ownersEntries(9) + ")"
                + " AND d.v_number >= ? AND d.v_number <= ? LIMIT 1001) x",
                sortedBounds(st.sql()));
        assertEquals(Set.of(new BigDecimal("10"), new BigDecimal("50")), Set.copyOf(st.params()));
    }

    /** The two bounds come in the map's order: written gte first for a stable comparison. */
    private static String sortedBounds(String sql) {
        return sql.replace("d.v_number <= ? AND d.v_number >= ?", "d.v_number >= ? AND d.v_number <= ?");
    }

    @Test
    void aDateOrDateTimeRangeNamesTheEmptyColumnsAheadOfItsOwnSoThatTheIndexRangeReachesIt() {
        var q = range(null, Map.of("field.first_payment.gte", List.of("2026-03-01")));
        var st = ClientSql.rangeCandidates(q, EMPLOYEE, ClientSql.rangeDriver(q), null, 1000);
        assertTrue(st.sql().contains("WHERE d.field_id = 3 AND (" + ownersEntries(7) + ") AND d.v_number IS NULL AND d.v_date >= ? LIMIT"), st.sql());
        assertEquals(List.of(LocalDate.parse("2026-03-01")), st.params());
    }

    @Test
    void anOwnerFilterNarrowsTheCandidatesToThatOwnerWhileTheScopeStillDecidesOnTheRows() {
        var q = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, 9L, null, false,
                Map.of("field.employees.gte", List.of("10"))), SCHEMA, 50);
        assertTrue(ClientSql.rangeCandidates(q, ADMIN, ClientSql.rangeDriver(q), null, 1000).sql()
                .contains("FORCE INDEX (ix_values_head_range) WHERE d.field_id = 2 AND (" + ownersEntries(9) + ") AND"));
        assertTrue(ClientSql.pageAmong(q, EMPLOYEE, List.of(1L), 51).sql().contains("c.owner_id IN (7) AND c.deleted_at IS NULL AND c.owner_id = ?"));
    }

    @Test
    void anAdminsRangeReadsTheFieldsRangeOfTheTypedValueIndexWithoutAnOwnerCondition() {
        var q = range(null, Map.of("field.first_payment.lte", List.of("2026-03-01")));
        var st = ClientSql.rangeCandidates(q, ADMIN, ClientSql.rangeDriver(q), null, 5000);
        assertTrue(st.sql().contains("FORCE INDEX (ix_values_value) WHERE d.field_id = 3 AND d.v_number IS NULL AND d.v_date <= ? LIMIT 5001"),
                st.sql());
        assertFalse(st.sql().contains("owner_id"), st.sql());
    }

    @Test
    void theNextPageOfARangeContinuesAfterTheCursorsIdInEitherDirection() {
        var q = range("-id", Map.of("field.employees.gte", List.of("10")));
        var st = ClientSql.rangeCandidates(q, HEAD, ClientSql.rangeDriver(q), 900L, 1000);
        assertTrue(st.sql().endsWith("AND d.v_number >= ? AND d.client_id < ? LIMIT 1001) x"), st.sql());
        assertEquals(List.of(new BigDecimal("10"), 900L), st.params());
    }

    @Test
    void theCandidatesAreReadByPrimaryKeyInThePageOrderWithEveryConditionTheRangeIncluded() {
        var st = ClientSql.pageAmong(range(null, Map.of("field.employees.gte", List.of("10"))), HEAD, List.of(4L, 8L, 15L), 51);
        assertEquals("SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR SELECT c.* FROM clients c FORCE INDEX (PRIMARY)"
                + " STRAIGHT_JOIN client_values jv2 FORCE INDEX (PRIMARY) ON jv2.client_id = c.id AND jv2.field_id = 2"
                + " WHERE c.id IN (4,8,15) AND c.owner_id IN (3,7,9) AND c.deleted_at IS NULL AND jv2.v_number >= ? ORDER BY c.id ASC LIMIT 51", st.sql());
        assertEquals(List.of(new BigDecimal("10")), st.params());
    }

    @Test
    void aRangeEstimatedFewIsReadInOneStatementTheScopesEntriesFirstInIdOrderEachJoinedToItsRowAndTestedForTheRest() {
        var q = range(null, Map.of("field.employees.gte", List.of("10")));
        var st = ClientSql.rangeJoined(q, DEPARTMENT, ClientSql.rangeDriver(q), null, 51);
        assertEquals("SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR SELECT c.*"
                + " FROM client_values d FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id"
                + " WHERE d.field_id = 2 AND d.head_id = 3 AND d.v_number >= ? AND " + DEPARTMENT.sql("c.owner_id")
                + " AND c.deleted_at IS NULL ORDER BY d.client_id ASC LIMIT 51", st.sql());
        assertEquals(List.of(new BigDecimal("10")), st.params(), "the entry answers the range: no second test of it on the row");
    }

    @Test
    void aJoinedRangeOfAnOwnersEntriesContinuesAfterTheCursorInEitherDirection() {
        var q = range("-id", Map.of("field.employees.gte", List.of("10")));
        var st = ClientSql.rangeJoined(q, EMPLOYEE, ClientSql.rangeDriver(q), 900L, 26);
        assertTrue(st.sql().contains("WHERE d.field_id = 2 AND (" + ownersEntries(7) + ") AND d.v_number >= ? AND d.client_id < ? AND c.owner_id IN (7)"),
                st.sql());
        assertTrue(st.sql().endsWith("ORDER BY d.client_id DESC LIMIT 26"), st.sql());
        assertEquals(List.of(new BigDecimal("10"), 900L), st.params());
    }

    @Test
    void aJoinedRangeJoinsAnotherFieldsValueRowAfterTheClientAndTestsItThere() {
        var q = range(null, Map.of("field.employees.gte", List.of("10"), "field.first_payment.lte", List.of("2026-03-01")));
        var st = ClientSql.rangeJoined(q, DEPARTMENT, ClientSql.rangeDriver(q), null, 51);
        var driving = ClientSql.rangeDriver(q).id;
        var other = driving == 2L ? 3L : 2L;
        assertTrue(st.sql().contains("STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id STRAIGHT_JOIN client_values jv" + other
                + " FORCE INDEX (PRIMARY) ON jv" + other + ".client_id = c.id AND jv" + other + ".field_id = " + other + " WHERE d.field_id = " + driving),
                st.sql());
        assertFalse(st.sql().contains("jv" + driving), "the driving range is answered by its entries: " + st.sql());
    }

    @Test
    void aRangeIsJoinedOnlyWhenItsEstimateWasAskedAndReadWholeStaysWithinTheBudgetAtTwiceIt() {
        assertFalse(ClientSql.joinsCandidates(1_596, null), "no estimate asked: counted up to the budget");
        assertTrue(ClientSql.joinsCandidates(1_596, 53L), "h3: a head's 0.1 %");
        assertTrue(ClientSql.joinsCandidates(1_596, 798L));
        assertFalse(ClientSql.joinsCandidates(1_596, 799L), "twice it would pass the budget");
    }

    @Test
    void noRangeDrivesWhenAnEqualityOrExternalIdDrivesOrThePageIsNotInIdOrderOrASyncPage() {
        assertEquals(2L, ClientSql.rangeDriver(range(null, Map.of("field.employees.gte", List.of("10")))).id);
        assertEquals(null, ClientSql.rangeDriver(range(null, Map.of("field.employees.gte", List.of("10"), "field.contract_no", List.of("A")))));
        assertEquals(null, ClientSql.rangeDriver(range(null, Map.of("field.employees.gte", List.of("10"), "externalId", List.of("e")))));
        assertEquals(null, ClientSql.rangeDriver(range("name", Map.of("field.employees.gte", List.of("10")))));
        assertEquals(null, ClientSql.rangeDriver(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "id", null, null,
                Instant.parse("2026-01-01T00:00:00Z"), false, Map.of("field.employees.gte", List.of("10"))), SCHEMA, 50)));
    }

    @Test
    void theRangeBudgetIsWhereReadingTheRangeCostsWhatTheScanWouldWithinAFloorAndACeiling() {
        assertEquals(ClientSql.MIN_RANGE_BUDGET, ClientSql.rangeBudget(50, 100));
        assertEquals(3_193, ClientSql.rangeBudget(50, 200_000));
        assertEquals(7_141, ClientSql.rangeBudget(50, 1_000_000));
        assertEquals(22_583, ClientSql.rangeBudget(50, 10_000_000));
        assertEquals(1_596, ClientSql.rangeBudget(50, 50_000), "a head's 50,000 clients, scanned on his range");
        assertEquals(ClientSql.MAX_RANGE_BUDGET, ClientSql.rangeBudget(1000, 10_000_000));
    }

    @Test
    void aRangeGoesToTheScanUncountedWhenTheScansWorstLossIsNoMoreThanCountingsWorst() {
        assertTrue(ClientSql.scansUncounted(50, 5_000, 885), "19 % of a head's 5,000: ~290 rows scanned, 885 entries counted");
        assertTrue(ClientSql.scansUncounted(50, 10_000, 1_900), "19 % of a head's 10,000: the count 1,000 then the scan");
        assertFalse(ClientSql.scansUncounted(50, 10_000, 1_000), "10 % of 10,000: at 500 the count reads half the scan's 1,020 rows");
        assertTrue(ClientSql.scansUncounted(50, 50_000, 9_500), "19 % of a head's 50,000");
        assertFalse(ClientSql.scansUncounted(50, 50_000, 500), "1 %: 500 entries, where the scan reads ~5,100 rows");
        assertFalse(ClientSql.scansUncounted(50, 1_000_000, 5_000), "0.5 % of everyone: the count serves within its 7,141");
        assertTrue(ClientSql.scansUncounted(50, 1_000_000, 20_000), "past the budget even at half the estimate");
        assertFalse(ClientSql.scansUncounted(1_000, 10_000_000, 100_000),
                "at half its estimate a page of 1,000 scans 200,000 rows, where the count reads 50,000 and serves");
    }

    @Test
    void aRangeTooCommonToReadIsScannedInIdOrderButTheTrashIsLeftToTheOptimizer() {
        var live = build(range(null, Map.of("field.employees.gte", List.of("10"))), ADMIN).sql();
        assertTrue(live.startsWith("SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR SELECT c.* FROM clients c FORCE INDEX (PRIMARY)"), live);
        var trash = build(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, null, true,
                Map.of("field.employees.gte", List.of("10"))), SCHEMA, 50), ADMIN).sql();
        assertTrue(trash.startsWith("SELECT c.* FROM clients c WHERE"), trash);
    }

    @Test
    void oneOwnersRangeScansHisClientsWhenHeHoldsFewOrHisHeadsRangeHoldsMoreEntriesThanHeHasClients() {
        assertEquals(7L, ClientSql.rangeOwner(query(null, null, Map.of()), EMPLOYEE), "an employee's scope is his own clients");
        var asked = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, 9L, null, false, Map.of()), SCHEMA, 50);
        assertEquals(9L, ClientSql.rangeOwner(asked, DEPARTMENT), "the owner asked for");
        assertEquals(null, ClientSql.rangeOwner(query(null, null, Map.of()), DEPARTMENT), "a department is its head's own range");
        assertEquals(null, ClientSql.rangeOwner(query(null, null, Map.of()), ADMIN));
        java.util.function.LongSupplier never = () -> {
            throw new AssertionError("no estimate needed");
        };
        assertTrue(ClientSql.scansOwnersClients(50, 3, never, never), "3 clients: read them, not the department's entries in the range");
        assertTrue(ClientSql.scansOwnersClients(50, ClientSql.RANGE_PLAN_COST / ClientSql.OWNERS_ROW_COST, never, never));
        assertTrue(ClientSql.scansOwnersClients(50, 2_381, () -> 50_000, () -> 25_000), "half his department's values in the range: ~102 of his rows to a page");
        assertFalse(ClientSql.scansOwnersClients(50, 2_381, () -> 50_000, () -> 500), "1 % of his department's: 500 entries for his ~24 matches");
        assertFalse(ClientSql.scansOwnersClients(50, 476, () -> 10_000, () -> 100),
                "1 % of a department of 10,000: its 100 entries, not all his 476 clients tested for ~5 matches");
        assertTrue(ClientSql.scansOwnersClients(50, 476, () -> 10_000, () -> 1_900), "19 %: ~270 of his clients to a page, not 1,900 entries");
        var q = range(null, Map.of("field.employees.gte", List.of("10")));
        assertTrue(build(q, EMPLOYEE).sql().contains("FROM clients c FORCE INDEX (ix_clients_owner) STRAIGHT_JOIN client_values jv2"),
                "his clients in id order from the owner index, never the table's primary key");
        assertTrue(build(q, DEPARTMENT).sql().contains("FROM clients c FORCE INDEX (ix_clients_head)"), "a head's scan stays his range");
    }

    @Test
    void oneOwnersEqualityOfAValueHalfHisDepartmentHoldsReadsHisClientsEachTestedAndARareValueHisRange() {
        assertTrue(ClientSql.scansOwnersEquality(50, 476, 10_000, 5_000, 238, 100_000),
                "a checkbox: ~102 of his clients to a page, not his department's 5,000 entries of it");
        assertFalse(ClientSql.scansOwnersEquality(50, 476, 10_000, 100, 5, 2_000), "a city of 1 %: its 100 entries, not his 476 clients");
        assertTrue(ClientSql.scansOwnersEquality(50, 3, 50_000, 500, 1, 10_000), "3 clients: fewer than the range plan costs");
        assertFalse(ClientSql.scansOwnersEquality(0, 10_000, 10_000, 10_000, 10_000, 10_010),
                "every client of the value his: its entries in id order meet a page at once");
        var flag = query(null, null, Map.of("field.active", List.of("true")));
        var st = ClientSql.ownersClientsInIdOrder(flag, EMPLOYEE, 7);
        assertEquals(PER_ROW + "SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner) STRAIGHT_JOIN client_values jv5 FORCE INDEX (PRIMARY)"
                + " ON jv5.client_id = c.id AND jv5.field_id = 5 WHERE c.owner_id = 7 AND c.owner_id IN (7) AND c.deleted_at IS NULL"
                + " AND jv5.v_bool = ? ORDER BY c.id ASC LIMIT 51", st.sql());
        assertEquals(List.of(true), st.params());
    }

    @Test
    void oneOwnersPageByAValueSortsHisClientsWhenHeHoldsFewOfHisHeadsRange() {
        assertTrue(ClientSql.sortsOwnersClients(50, 3, 50_000), "3 of 50,000: the sort reads ~15 entries, his range all 50,000");
        assertFalse(ClientSql.sortsOwnersClients(50, 2_381, 50_000), "1 in 21: a page reads ~1,071 entries of his range, the sort ~11,900");
        assertFalse(ClientSql.sortsOwnersClients(50, 238, 5_000), "1 in 21 of 5,000: ~1,071 entries of his range, the sort ~1,190");
        assertTrue(ClientSql.sortsOwnersClients(50, 500, 50_000), "1 in 100: 5,100 entries against ~2,500");
        assertFalse(ClientSql.sortsOwnersClients(50, 40_000, 50_000), "most of the department");
        var sorted = query("-field.employees", null, Map.of());
        String sql = build(sorted, EMPLOYEE).sql();
        assertTrue(sql.startsWith("SELECT c.* FROM (SELECT c.id AS id, sv.v_number AS sort_value FROM clients c FORCE INDEX (ix_clients_owner)"
                + " LEFT JOIN client_values sv ON sv.client_id = c.id AND sv.field_id = 2 WHERE c.owner_id IN (7) AND c.deleted_at IS NULL"), sql);
        assertTrue(sql.endsWith(" ORDER BY (sv.v_number IS NULL), sv.v_number DESC, c.id DESC LIMIT 51) top STRAIGHT_JOIN clients c"
                + " FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY (top.sort_value IS NULL), top.sort_value DESC, top.id DESC"),
                "his ids and values are sorted, and only the page's rows read again: " + sql);
        assertFalse(build(sorted, DEPARTMENT).sql().contains("ix_clients_owner"), "a department is no one owner");
    }

    // ---- sorts by a custom number or date, from the value index --------------------------------

    @Test
    void aScopeOfOwnersSortedByANumberReadsEachOnesEntriesOfHisHeadsRangeInOrderAPageEachAndMergesThem() {
        var q = query("field.employees", null, Map.of());
        assertTrue(ClientSql.sortsByValueIndex(q, HEAD));
        String sql = ClientSql.valuedFirst(q, HEAD).sql();
        assertEquals(3, sql.split("FORCE INDEX \\(ix_values_head_range\\)", -1).length - 1, sql);
        assertTrue(sql.contains("WHERE d.field_id = 2 AND " + ownersEntries(7) + " AND d.v_date IS NULL AND d.v_datetime IS NULL"
                + " AND d.v_bool IS NULL AND d.v_text_key IS NULL AND d.v_number IS NOT NULL AND c.owner_id IN (3,7,9) AND c.deleted_at IS NULL"
                + " ORDER BY d.v_number ASC, d.client_id ASC LIMIT 51)"), sql);
        assertTrue(sql.contains("(SELECT d.client_id AS id, d.v_number AS sort_value FROM client_values d"), sql);
        assertTrue(sql.endsWith(") u ORDER BY u.sort_value ASC, u.id ASC LIMIT 51) top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id"
                + " ORDER BY top.sort_value ASC, top.id ASC"), sql);
    }

    @Test
    void aDepartmentsSortByANumberReadsItsOneRangeOfTheHeadsValueIndexAndStillTestsTheOwners() {
        var q = query("field.employees", null, Map.of());
        assertTrue(ClientSql.sortsByValueIndex(q, DEPARTMENT));
        String sql = ClientSql.valuedFirst(q, DEPARTMENT).sql();
        assertEquals(PER_ROW + "SELECT c.* FROM client_values d"
                + " FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 2 AND d.head_id = 3"
                + " AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NULL AND d.v_number IS NOT NULL"
                + " AND c.owner_id IN (3,7,9) AND c.deleted_at IS NULL ORDER BY d.v_number ASC, d.client_id ASC LIMIT 51", sql,
                "one range is in sort order (every other value column named NULL, V28): read whole, no merge");
        var one = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "field.employees", null, 9L, null, false,
                Map.of()), SCHEMA, 50);
        assertTrue(ClientSql.valuedFirst(one, DEPARTMENT).sql().contains("FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c"
                + " FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 2 AND " + ownersEntries(9) + " AND"),
                "one owner asked for: his entries of his head's range");
    }

    @Test
    void aWideScopeAsksTheServersEstimateOfItsOneRangeBeforeCountingTheCandidates() {
        var q = range(null, Map.of("field.employees.gte", List.of("10")));
        var st = ClientSql.rangeEstimate(q, DEPARTMENT, ClientSql.rangeDriver(q));
        assertEquals("EXPLAIN SELECT d.client_id FROM client_values d FORCE INDEX (ix_values_head_range) WHERE d.field_id = 2"
                + " AND d.head_id = 3 AND d.v_number >= ?", st.sql());
        assertEquals(List.of(new BigDecimal("10")), st.params());
        int budget = 1_600;
        assertTrue(ClientSql.estimatesRange(q, DEPARTMENT, () -> 50_000, budget), "a head of 50,000 clients");
        assertTrue(ClientSql.estimatesRange(q, ADMIN, () -> 1_000_000, budget), "everyone");
        assertFalse(ClientSql.estimatesRange(q, DEPARTMENT, () -> 3 * budget, budget), "a scope that cannot hold three budgets: count");
        assertFalse(ClientSql.estimatesRange(q, HEAD, () -> { throw new AssertionError("not counted"); }, budget),
                "several owners' ranges: counted as before, and no owner counted for nothing");
    }

    @Test
    void aRangeInADepartmentReadsItsOneRangeOfTheHeadsValueIndex() {
        var q = range(null, Map.of("field.first_payment.gte", List.of("2026-03-01")));
        var st = ClientSql.rangeCandidates(q, DEPARTMENT, ClientSql.rangeDriver(q), null, 1000);
        assertTrue(st.sql().contains("FROM client_values d FORCE INDEX (ix_values_head_range) WHERE d.field_id = 3 AND d.head_id = 3"
                + " AND d.v_number IS NULL AND d.v_date >= ? LIMIT 1001"), st.sql());
        assertFalse(st.sql().contains("owner_id"), "the rows decide on the owners (pageAmong): " + st.sql());
    }

    @Test
    void anAdminsSortByADateReadsTheFieldsRangeOfTheTypedValueIndexOnceAndTheNextPageContinuesAfterValueAndId() {
        var first = query("-field.first_payment", null, Map.of());
        var next = new ClientListQuery(50, first.sort(), new ClientListQuery.Keyset(40, LocalDate.parse("2026-03-01")), null,
                List.of(), null, null, false, List.of(), List.of());
        var st = ClientSql.valuedFirst(next, ADMIN);
        assertTrue(st.sql().contains("FORCE INDEX (ix_values_value) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 3"
                + " AND d.v_number IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NULL AND d.v_date IS NOT NULL AND (d.v_date < ? OR (d.v_date = ? AND d.client_id < ?)) AND 1 = 1"), st.sql());
        assertEquals(List.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), 40L), st.params());
    }

    @Test
    void theClientsWithoutAValueComeLastInIdOrderAfterTheCursorWhenItIsAmongThem() {
        var first = query("field.employees", null, Map.of());
        var amongThem = new ClientListQuery(50, first.sort(), new ClientListQuery.Keyset(40, null), null,
                List.of(), null, null, false, List.of(), List.of());
        var st = ClientSql.withoutValue(amongThem, EMPLOYEE, 20);
        assertTrue(st.sql().endsWith("SELECT c.* FROM clients c WHERE c.owner_id IN (7) AND c.deleted_at IS NULL AND NOT EXISTS"
                + " (SELECT 1 FROM client_values sv WHERE sv.client_id = c.id AND sv.field_id = 2 AND sv.v_number IS NOT NULL)"
                + " AND c.id > ? ORDER BY c.id ASC LIMIT 20"), st.sql());
        assertEquals(List.of(40L), st.params());
    }

    @Test
    void aTextSortReadsEachRangesKeysInOrderAndMergesInItsTextsTooLongForAKey() {
        var byText = query("-field.contract_no", null, Map.of());
        assertTrue(ClientSql.sortsByValueIndex(byText, DEPARTMENT));
        assertEquals("v_text_key", ClientSql.indexedColumn(FieldType.TEXT));
        assertEquals("v_bool", ClientSql.indexedColumn(FieldType.CHECKBOX));
        String sql = ClientSql.valuedFirst(byText, DEPARTMENT).sql();
        assertTrue(sql.contains("(SELECT d.client_id AS id, d.v_text_key AS sort_value FROM client_values d FORCE INDEX (ix_values_head_range)"
                + " STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 1 AND d.head_id = 3"
                + " AND d.v_number IS NULL AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NOT NULL"
                + " AND " + DEPARTMENT.sql("c.owner_id") + " AND c.deleted_at IS NULL ORDER BY d.v_text_key DESC, d.client_id DESC LIMIT 51)"), sql);
        assertTrue(sql.contains(" UNION ALL (SELECT d.client_id AS id, lv.v_text AS sort_value FROM client_values d FORCE INDEX (ix_values_head_range)"
                + " STRAIGHT_JOIN client_values lv FORCE INDEX (PRIMARY) ON lv.client_id = d.client_id AND lv.field_id = d.field_id"
                + " STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = 1 AND d.head_id = 3"
                + " AND d.v_number IS NULL AND d.v_date IS NULL AND d.v_datetime IS NULL AND d.v_bool IS NULL AND d.v_text_key IS NULL"
                + " AND lv.v_text IS NOT NULL AND " + DEPARTMENT.sql("c.owner_id") + " AND c.deleted_at IS NULL"
                + " ORDER BY lv.v_text DESC, d.client_id DESC LIMIT 51)"), sql);
        assertTrue(sql.endsWith(") u ORDER BY u.sort_value DESC, u.id DESC LIMIT 51) top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY)"
                + " ON c.id = top.id ORDER BY top.sort_value DESC, top.id DESC"), "one range's two pages merged: " + sql);
        Client last = new Client(5, "Acme", 7, Instant.EPOCH, Instant.EPOCH, null, 1, "{\"1\":\"A-17\"}", null);
        var next = ClientListQuery.parse(new ClientListQuery.Parameters(null, ClientListQuery.cursorAfter(byText.sort(), last,
                Map.of(1L, new io.clientbase.schema.FieldValues.TypedValue("A-17", null, null, null, null))), "-field.contract_no", null, null, null, false, Map.of()), SCHEMA, 50);
        var after = ClientSql.valuedFirst(next, DEPARTMENT);
        assertTrue(after.sql().contains("AND (d.v_text_key < ? OR (d.v_text_key = ? AND d.client_id < ?))"), after.sql());
        assertTrue(after.sql().contains("AND (lv.v_text < ? OR (lv.v_text = ? AND d.client_id < ?))"), after.sql());
        assertEquals(List.of("A-17", "A-17", 5L, "A-17", "A-17", 5L), after.params());
    }

    @Test
    void freeTextSortedOtherwiseThanByIdTakesItsCandidatesFromTheScopesRangeOfTheTrigramIndex() {
        var byName = query("name", "ромашка", Map.of());
        assertEquals(new ClientSql.TrigramRange("ix_trigrams_head", "head_id", 3L), ClientSql.sortedTextRange(byName, DEPARTMENT, true));
        assertEquals(null, ClientSql.sortedTextRange(byName, DEPARTMENT, false), "a head before every entry carries its head");
        assertEquals(new ClientSql.TrigramRange("ix_trigrams_owner", "owner_id", 7L), ClientSql.sortedTextRange(byName, EMPLOYEE, true));
        assertEquals(ClientSql.TrigramRange.LIST, ClientSql.sortedTextRange(byName, ADMIN, true));
        assertEquals(null, ClientSql.sortedTextRange(byName, HEAD, true), "several owners not known as a department");
        assertEquals(null, ClientSql.sortedTextRange(query(null, "ромашка", Map.of()), ADMIN, true), "id order reads the trigram in order");
        assertEquals(null, ClientSql.sortedTextRange(query("name", null, Map.of()), ADMIN, true), "no text");
        var everyone = ClientSql.textWindow(byName, ADMIN, ClientSql.TrigramRange.LIST, List.of("ром"), null, 5000, 1000);
        assertTrue(everyone.sql().contains("FROM client_trigrams t0 FORCE INDEX (PRIMARY) WHERE t0.trigram = ? ORDER BY t0.client_id ASC LIMIT 5001)"
                + " UNION ALL (SELECT x.client_id, 0 FROM client_text_dirty x WHERE 1 = 1 LIMIT 1001)"), everyone.sql());
        assertEquals(List.of("ром"), everyone.params());

        var st = ClientSql.textMatchesSorted(query("-field.employees", "ромашка", Map.of()), DEPARTMENT, new long[] {9, 4, 9, 12});
        assertTrue(st.sql().startsWith(PER_ROW + "SELECT c.* FROM (SELECT c.id AS id, sv.v_number AS sort_value FROM clients c FORCE INDEX (PRIMARY)"
                + " LEFT JOIN client_values sv FORCE INDEX (PRIMARY) ON sv.client_id = c.id AND sv.field_id = 2 WHERE c.id IN (4,9,12) AND "), st.sql());
        assertTrue(st.sql().contains("LIKE"), "the text decides on the row: " + st.sql());
        assertTrue(st.sql().endsWith(" ORDER BY (sv.v_number IS NULL), sv.v_number DESC, c.id DESC LIMIT 51) top STRAIGHT_JOIN clients c"
                + " FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY (top.sort_value IS NULL), top.sort_value DESC, top.id DESC"), st.sql());
    }

    @Test
    void aCheckboxSortReadsTheValueIndexForAHeadOrEveryoneAndSortsAnOwnersFewClients() {
        VisibleSchema withFlag = Schemas.of(Schemas.field(4, "vip", FieldType.CHECKBOX));
        var byFlag = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "field.vip", null, null, null, false, Map.of()), withFlag, 50);
        assertTrue(ClientSql.sortsByValueIndex(byFlag, DEPARTMENT));
        assertTrue(ClientSql.sortsByValueIndex(byFlag, ADMIN));
        assertTrue(ClientSql.valuedFirst(byFlag, DEPARTMENT).sql().contains("d.v_bool IS NOT NULL"), ClientSql.valuedFirst(byFlag, DEPARTMENT).sql());
        assertFalse(ClientSql.sortsByValueIndex(byFlag, EMPLOYEE), "an owner's entries come where his ids are: his clients sorted");
        assertFalse(ClientSql.sortsByValueIndex(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "field.vip", null, 7L, null,
                false, Map.of()), withFlag, 50), DEPARTMENT), "one owner asked for: his clients sorted");
    }

    @Test
    void anOwnerOutsideTheScopeOrAVeryLargeScopeKeepThePlainSort() {
        var withOwner = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "field.employees", null, 9L, null, false,
                Map.of()), SCHEMA, 50);
        assertTrue(ClientSql.sortsByValueIndex(withOwner, HEAD));
        assertEquals(1, ClientSql.valuedFirst(withOwner, HEAD).sql().split("UNION ALL|FORCE INDEX \\(ix_values_head_range", -1).length - 1,
                "only the owner asked for");
        assertFalse(ClientSql.sortsByValueIndex(withOwner, EMPLOYEE));
        var many = OwnerScope.of(java.util.stream.LongStream.rangeClosed(1, ClientSql.MAX_OWNERS_PER_SORT + 1).boxed()
                .collect(java.util.stream.Collectors.toSet()));
        assertFalse(ClientSql.sortsByValueIndex(query("field.employees", null, Map.of()), many));
    }
    @Test
    void aPageByNameOfAFewMatchesReadsTheScopesEntriesOfTheFilterAndSortsTheirIdsAndNamesThenReadsThePagesRows() {
        var q = range("name", new java.util.TreeMap<>(Map.of("field.employees.gte", List.of("10"), "field.employees.lte", List.of("20"))));
        var field = ClientSql.sortedMatchesField(q, DEPARTMENT);
        assertEquals(2L, field.id);
        var st = ClientSql.matchesSorted(q, DEPARTMENT, field);
        assertEquals(PER_ROW + "SELECT c.* FROM (SELECT c.id AS id, c.name AS sort_value"
                + " FROM client_values d FORCE INDEX (ix_values_head_range) STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id"
                + " WHERE d.field_id = 2 AND d.head_id = 3 AND d.v_number >= ? AND d.v_number <= ? AND " + DEPARTMENT.sql("c.owner_id")
                + " AND c.deleted_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 51)"
                + " top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY top.sort_value ASC, top.id ASC", st.sql());
        assertEquals(List.of(new BigDecimal("10"), new BigDecimal("20")), st.params(), "the entries answer the range: not tested again");
    }

    @Test
    void aPageByACustomFieldOfAFewMatchesSortsTheEntriesByTheirValuesBeforeReadingAnyRowThenTestsTheRowsInThatOrder() {
        var first = query("-field.first_payment", null, Map.of("field.contract_no", List.of("A-17"), "field.employees.gte", List.of("10")));
        var next = new ClientListQuery(50, first.sort(), new ClientListQuery.Keyset(40, LocalDate.parse("2026-03-01")), null,
                List.of(), null, null, false, first.filters(), List.of());
        var field = ClientSql.sortedMatchesField(next, EMPLOYEE);
        assertEquals(1L, field.id, "the equality before the range");
        var st = ClientSql.matchesSorted(next, EMPLOYEE, field);
        assertEquals("SET STATEMENT optimizer_switch = 'exists_to_in=off,derived_merge=off', eq_range_index_dive_limit = 1 FOR "
                + "SELECT c.* FROM (SELECT d.client_id AS id, sv.v_date AS sort_value FROM client_values d FORCE INDEX (ix_values_head_range)"
                + " LEFT JOIN client_values sv FORCE INDEX (PRIMARY) ON sv.client_id = d.client_id AND sv.field_id = 3"
                + " WHERE d.field_id = 1 AND (" + ownersEntries(7) + ") AND d.v_number IS NULL AND d.v_date IS NULL AND d.v_datetime IS NULL"
                + " AND d.v_bool IS NULL AND d.v_text_key = ?"
                + " AND (sv.v_date IS NULL OR sv.v_date < ? OR (sv.v_date = ? AND d.client_id < ?)))"
                + " top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id"
                + " STRAIGHT_JOIN client_values jv2 FORCE INDEX (PRIMARY) ON jv2.client_id = c.id AND jv2.field_id = 2"
                + " WHERE c.owner_id IN (7) AND c.deleted_at IS NULL AND jv2.v_number >= ?"
                + " ORDER BY (top.sort_value IS NULL), top.sort_value DESC, top.id DESC LIMIT 51", st.sql());
        assertEquals(List.of("A-17", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), 40L, new BigDecimal("10")), st.params(),
                "the entries' key and the cursor on the entries and their values, the rest on the rows");
    }

    @Test
    void noFilterIsReadFirstForAPageInIdOrderOfExternalIdsOfASyncOrOfAScopeOfManyOwners() {
        Map<String, List<String>> range = Map.of("field.employees.gte", List.of("10"));
        assertEquals(null, ClientSql.sortedMatchesField(range(null, range), DEPARTMENT), "id order: the range plans");
        assertEquals(null, ClientSql.sortedMatchesField(range("name", Map.of("field.employees.gte", List.of("10"), "externalId", List.of("e"))),
                DEPARTMENT));
        assertEquals(null, ClientSql.sortedMatchesField(ClientListQuery.parse(new ClientListQuery.Parameters(null, null, "updatedAt", null, null,
                Instant.parse("2026-01-01T00:00:00Z"), false, range), SCHEMA, 50), DEPARTMENT), "a sync");
        assertEquals(null, ClientSql.sortedMatchesField(range("name", range), HEAD), "three owners: three ranges");
        assertEquals(null, ClientSql.sortedMatchesField(range("name", Map.of("field.tags", List.of("vip"))), ADMIN), "a multiselect's key is not its value");
        assertEquals(2L, ClientSql.sortedMatchesField(range("-updatedAt", range), ADMIN).id);
        assertEquals(2L, ClientSql.sortedMatchesField(range("name", range), EMPLOYEE).id);
    }

    @Test
    void aPageInAnotherOrderReadsTheMatchesUpToFourTimesWhatReadingTheScopeInItsOrderWouldCost() {
        assertTrue(ClientSql.sortsMatches(50, 50_000, null, () -> 53), "a head's 0.1 %: 53 matches against ~48,000 rows in name order");
        assertTrue(ClientSql.sortsMatches(50, 50_000, null, () -> 476), "a head's city: 476 against ~5,400");
        assertTrue(ClientSql.sortsMatches(50, 50_000, null, () -> 3_687));
        assertFalse(ClientSql.sortsMatches(50, 50_000, null, () -> 3_688), "beyond it the order meets a page sooner");
        assertTrue(ClientSql.sortsMatches(50, 500_013, null, () -> 9_128),
                "a head's city on 10,000,000 clients, 4,762 estimated at 9,128: read in his sort's order it took 64,697 rows");
        assertFalse(ClientSql.sortsMatches(50, 1_000_000, null, () -> 100_000), "everyone's 10 %: ~510 rows in name order");
        assertTrue(ClientSql.sortsMatches(50, 23_810, () -> 500_013, () -> 9_964),
                "an employee's 1 % range: his department's 9,964 entries (estimated) for his ~236, not ~5,100 of his clients by -updatedAt");
        assertFalse(ClientSql.sortsMatches(50, 3, () -> 500_013, () -> 250_000), "3 clients: read them, not half his department's entries");
        assertFalse(ClientSql.sortsMatches(50, 2_000, null, () -> 2_000), "a scope all of whose clients match: a page in its order");
        assertTrue(ClientSql.sortsMatches(50, 272, null, () -> {
            throw new AssertionError("a scope that costs no more than a page in its order: no estimate asked");
        }));
        assertThrows(AssertionError.class, () -> ClientSql.sortsMatches(50, 3, () -> 500_013, () -> {
            throw new AssertionError("an owner's matches are read from his department's entries: their estimate is asked");
        }));
    }

    @Test
    void aPageSentToTheSortsOrderMayExamineTheClientsThatCostWhatItsMatchesWouldTwoRowsEach() {
        assertEquals(2L * (1_800 + 5 * 1_800) / 8, ClientSql.sortOrderRowsExamined(50, 10_017, null, 1_800),
                "a head's 1,800 of 10,017: 1,350 clients cost what the 1,800 matches do");
        assertEquals(2L * (5_000 + 5 * 5_000) / 8, ClientSql.sortOrderRowsExamined(50, 50_000, null, 5_000));
        assertEquals(2L * 51, ClientSql.sortOrderRowsExamined(50, 20, null, 20), "at least a page's clients");
        assertEquals((long) Math.ceil(2 * (50_000 + 5 * 2_500) / 8.0), ClientSql.sortOrderRowsExamined(50, 25_000, () -> 500_000, 50_000),
                "an employee: his department's 50,000 entries and his 2,500 matches among them");
    }

    @Test
    void aStatementStopsAtItsBoundOfRowsExaminedWhetherOrNotItsOwnLimitEndsIt() {
        assertEquals("SELECT c.* FROM clients c ORDER BY c.name LIMIT 51 ROWS EXAMINED 6120",
                ClientSql.examiningAtMost("SELECT c.* FROM clients c ORDER BY c.name LIMIT 51", 6_120L));
        assertEquals("SELECT c.* FROM clients c LIMIT 51", ClientSql.examiningAtMost("SELECT c.* FROM clients c LIMIT 51", null), "no bound asked");
        String derived = "SELECT c.* FROM (SELECT id FROM clients LIMIT 51) top JOIN clients c ON c.id = top.id ORDER BY top.id";
        assertEquals(derived + " LIMIT ROWS EXAMINED 6120", ClientSql.examiningAtMost(derived, 6_120L),
                "a LIMIT of a derived table is not the statement's: the bound alone");
    }
}
