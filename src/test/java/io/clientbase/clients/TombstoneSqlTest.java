package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.access.OwnerScope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tombstones each scope reads (TombstoneSql), without a database. */
class TombstoneSqlTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void everyoneLosesAClientOnlyByAPurge() {
        var st = TombstoneSql.tombstones(OwnerScope.all(), SINCE, 0, BEFORE, 11);
        assertEquals("(SELECT client_id, purged_at AS gone_at, 'PURGED' AS reason FROM client_tombstones WHERE 1 = 1 AND"
                + " (purged_at > ? OR (purged_at = ? AND client_id > ?)) AND purged_at < ? ORDER BY purged_at, client_id LIMIT 11)", st.sql());
        assertEquals(List.of(SINCE, SINCE, 0L, BEFORE), st.params());
    }

    @Test
    void aDepartmentReadsWhatLeftItsHeadAndIsNotHisNowWhoeverTheOwnerAnswersTo() {
        var st = TombstoneSql.tombstones(OwnerScope.department(3, Set.of(7L, 9L)), SINCE, 42, BEFORE, 11);
        assertTrue(st.sql().contains("FROM client_tombstones WHERE (head_id = 3 OR (head_id IS NULL AND owner_id IN (3,7,9))) AND"), st.sql());
        assertTrue(st.sql().contains(" UNION ALL (SELECT e.client_id, e.left_at, 'LEFT_SCOPE' FROM client_scope_exits e"
                + " FORCE INDEX (ix_scope_exits_head) LEFT JOIN clients c FORCE INDEX (PRIMARY) ON c.id = e.client_id"
                + " WHERE e.head_id = 3 AND NOT (c.head_id <=> 3) AND (e.left_at > ? OR (e.left_at = ? AND e.client_id > ?))"
                + " AND e.left_at < ? ORDER BY e.left_at, e.client_id LIMIT 11)"), st.sql());
        assertTrue(st.sql().endsWith(" ORDER BY gone_at, client_id LIMIT 11"), st.sql());
        assertEquals(List.of(SINCE, SINCE, 42L, BEFORE, SINCE, SINCE, 42L, BEFORE), st.params());
    }

    @Test
    void anEmployeeReadsWhatLeftHimAndIsNotHisNowAPurgedOneIncluded() {
        var st = TombstoneSql.tombstones(OwnerScope.of(Set.of(7L)), SINCE, 0, BEFORE, 5);
        assertTrue(st.sql().contains("FORCE INDEX (ix_scope_exits_owner)"), st.sql());
        assertTrue(st.sql().contains("WHERE e.owner_id IN (7) AND (c.id IS NULL OR c.owner_id NOT IN (7)) AND"), st.sql());
        assertTrue(st.sql().contains("FROM client_tombstones WHERE owner_id IN (7) AND"), st.sql());
        assertFalse(st.sql().contains("head_id"), st.sql());
    }
}
