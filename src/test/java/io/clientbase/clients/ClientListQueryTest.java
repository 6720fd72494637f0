package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.schema.FieldType;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The list's parameters become typed criteria or a 400/422 naming the parameter: no database, no Quarkus. */
@Tag("unit")
class ClientListQueryTest {

    private static final VisibleSchema SCHEMA = Schemas.of(
            Schemas.field(1, "contract_no", FieldType.TEXT),
            Schemas.field(2, "employees", FieldType.NUMBER),
            Schemas.field(3, "first_payment", FieldType.DATE));

    private static ClientListQuery parse(String sort, String cursor, Map<String, List<String>> query) {
        return ClientListQuery.parse(new ClientListQuery.Parameters(null, cursor, sort, null, null, null, false, query), SCHEMA, 50);
    }

    private static ApiException refused(String sort, String cursor, Map<String, List<String>> query) {
        return assertThrows(ApiException.class, () -> parse(sort, cursor, query));
    }

    @Test
    void operandsAreTypedByTheFieldsType() {
        var q = parse(null, null, Map.of("field.employees.gte", List.of("10"), "field.first_payment", List.of("2026-03-01")));
        var byOp = q.filters().stream().collect(java.util.stream.Collectors.toMap(f -> f.field().key + f.op(), f -> f.value()));
        assertEquals(new BigDecimal("10"), byOp.get("employees>="));
        assertEquals(LocalDate.parse("2026-03-01"), byOp.get("first_payment="));
    }

    @Test
    void anUnknownParameterIsA400NamingIt() {
        ApiException e = refused(null, null, Map.of("colour", List.of("red")));
        assertEquals(ProblemKind.BAD_REQUEST, e.kind());
        assertEquals("colour", e.errors().get(0).field());
    }

    @Test
    void anUnknownOrHiddenFieldIsA422AndSoIsARangeOnText() {
        assertEquals("field.secret", refused(null, null, Map.of("field.secret", List.of("x"))).errors().get(0).field());
        assertEquals("field.contract_no.gte", refused(null, null, Map.of("field.contract_no.gte", List.of("x"))).errors().get(0).field());
        assertEquals("field.employees", refused(null, null, Map.of("field.employees", List.of("many"))).errors().get(0).field());
    }

    @Test
    void aSortIsOneOfTheColumnsOrAVisibleField() {
        assertEquals("sort", refused("colour", null, Map.of()).errors().get(0).field());
        assertEquals("sort", refused("field.secret", null, Map.of()).errors().get(0).field());
        assertEquals("sv.v_number", parse("-field.employees", null, Map.of()).sort().column());
    }

    @Test
    void aCursorFromAnotherSortOrNotOursIsRefused() {
        String byName = ClientListQuery.cursorAfter(parse("name", null, Map.of()).sort(),
                new Client(3, "A", 1, java.time.Instant.EPOCH, java.time.Instant.EPOCH, null, 1, null, null), Map.of());
        assertEquals("cursor", refused("id", byName, Map.of()).errors().get(0).field());
        assertEquals("cursor", refused(null, "not-a-cursor!", Map.of()).errors().get(0).field());
        assertEquals("cursor", refused(null, "e30", Map.of()).errors().get(0).field()); // "{}"
    }

    @Test
    void syncSortsByUpdatedAtAndBlankTextIsNoText() {
        var q = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, "   ", null, java.time.Instant.EPOCH, false,
                Map.of()), SCHEMA, 50);
        assertEquals("c.updated_at", q.sort().column());
        assertNull(q.q());
    }
}
