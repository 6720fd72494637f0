package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueRowsTest {

    private static Object[] row(Object... values) {
        return values;
    }

    @Test
    void numbersDatesDateTimesAndBooleansAreLiteralsAndTextsParametersInTheirOrder() {
        List<Object[]> rows = List.of(
                row(7L, 3L, 2L, 1L, "city '1'", null, null, null, null),
                row(7L, 3L, 2L, 5L, null, new BigDecimal("-12.50"), null, null, null),
                row(8L, 4L, null, 8L, null, null, LocalDate.of(2020, 2, 29), null, null),
                row(8L, 4L, null, 9L, null, null, null, Instant.parse("2026-01-01T03:04:05.000006Z"), null),
                row(9L, 4L, null, 10L, null, null, null, null, true),
                row(9L, 4L, null, 3L, "note\\", null, null, null, null));
        var st = ValueRows.insert("client_id, owner_id, head_id, field_id, v_text, v_number, v_date, v_datetime, v_bool",
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, rows, " ON DUPLICATE KEY UPDATE v_text = VALUES(v_text)");
        assertEquals("INSERT INTO client_values (client_id, owner_id, head_id, field_id, v_text, v_number, v_date, v_datetime, v_bool) VALUES "
                + "(7,3,2,1,?,NULL,NULL,NULL,NULL),(7,3,2,5,NULL,-12.50,NULL,NULL,NULL),(8,4,NULL,8,NULL,NULL,'2020-02-29',NULL,NULL),"
                + "(8,4,NULL,9,NULL,NULL,NULL,'2026-01-01 03:04:05.000006',NULL),(9,4,NULL,10,NULL,NULL,NULL,NULL,TRUE),(9,4,NULL,3,?,NULL,NULL,NULL,NULL)"
                + " ON DUPLICATE KEY UPDATE v_text = VALUES(v_text)", st.sql());
        assertEquals(List.of("city '1'", "note\\"), st.params());
    }

    @Test
    void aTextNeverReachesTheStatementWhateverItHolds() {
        String hostile = "x'),(1,1,1,1,'y'); DROP TABLE clients; -- ";
        var st = ValueRows.insert("client_id, owner_id, head_id, field_id, v_text", new int[] {0, 1, 2, 3, 4},
                List.<Object[]>of(row(1L, 2L, 3L, 4L, hostile)), "");
        assertEquals("INSERT INTO client_values (client_id, owner_id, head_id, field_id, v_text) VALUES (1,2,3,4,?)", st.sql());
        assertEquals(List.of(hostile), st.params());
        assertFalse(st.sql().contains("DROP"));
    }

    @Test
    void onlyTheColumnsAskedForAreWrittenAndAnUnknownTypeIsRefused() {
        var st = ValueRows.insert("client_id, owner_id, head_id, field_id, v_number", new int[] {0, 1, 2, 3, 5},
                List.<Object[]>of(row(1L, 2L, 3L, 4L, null, new BigDecimal("1E+3"), null, null, null)), "");
        assertEquals("INSERT INTO client_values (client_id, owner_id, head_id, field_id, v_number) VALUES (1,2,3,4,1000)", st.sql());
        assertThrows(IllegalArgumentException.class, () -> ValueRows.insert("v", new int[] {0},
                List.<Object[]>of(row(new java.util.Date())), ""));
        assertEquals(List.of(), st.params());
    }
}
