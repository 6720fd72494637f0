package io.clientbase.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check a remembered caller owes, without Quarkus: which reads can carry it, and what they find. */
class CallerCheckTest {

    private static final String COUNTERS = ", (SELECT a.version FROM access_state a WHERE a.id = 1) AS caller_access_version"
            + ", (SELECT s.version FROM schema_state s WHERE s.id = 1) AS caller_schema_version";

    @AfterEach
    void unbound() {
        CallerCheck.unbind();
    }

    @Test
    void aReadOfClientsCarriesTheCountersAsItsLastColumns() {
        assertEquals("SELECT c.*" + COUNTERS + " FROM clients c WHERE c.id = ?",
                CallerCheck.carriedBy("SELECT c.* FROM clients c WHERE c.id = ?"));
        assertEquals("SET STATEMENT eq_range_index_dive_limit = 1 FOR SELECT u.*" + COUNTERS + " FROM ((SELECT c.* FROM clients c) UNION ALL (SELECT c.* FROM clients c)) u",
                CallerCheck.carriedBy("SET STATEMENT eq_range_index_dive_limit = 1 FOR SELECT u.* FROM ((SELECT c.* FROM clients c) UNION ALL (SELECT c.* FROM clients c)) u"));
    }

    @Test
    void aStatementOfAnotherShapeCarriesNothing() {
        assertNull(CallerCheck.carriedBy("(SELECT c.* FROM clients c) UNION ALL (SELECT c.* FROM clients c)"));
        assertNull(CallerCheck.carriedBy("SELECT c.id, c.name FROM clients c"));
        assertNull(CallerCheck.carriedBy("SELECT COUNT(*), GROUP_CONCAT(c.id) FROM clients c"));
        assertNull(CallerCheck.carriedBy("SET STATEMENT max_statement_time = 1 FOR UPDATE clients SET name = ?"));
        assertNull(CallerCheck.carriedBy("SELECT clients.* FROM clients"));
    }

    @Test
    void countersWhereTheyStoodPassTheCheckAndSettleIt() {
        CallerCheck check = new CallerCheck(7, 3);
        check.bind();
        assertSame(check, CallerCheck.owedHere());
        check.read(7, 3);
        assertTrue(check.passed());
        assertNull(CallerCheck.owedHere(), "a settled check is not carried again");
    }

    @Test
    void countersThatMovedRefuseTheReadsRows() {
        CallerCheck check = new CallerCheck(7, 3);
        check.bind();
        assertThrows(CallerCheck.Changed.class, () -> check.read(8, 3));
        assertEquals(Boolean.FALSE, check.passed());
        assertThrows(CallerCheck.Changed.class, () -> new CallerCheck(7, 3).read(7, 4));
        assertNull(CallerCheck.owedHere());
    }

    @Test
    void noCheckIsOwedOnAThreadWithoutOne() {
        assertNull(CallerCheck.owedHere());
    }
}
