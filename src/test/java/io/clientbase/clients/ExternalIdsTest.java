package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one rule of an external id: no database, no Quarkus. */
@Tag("unit")
class ExternalIdsTest {

    @Test
    void anIdOfAnotherSystemIsTakenAsItIsWithCaseSlashesAndCyrillic() {
        for (String id : new String[] {"0015g00000ABCdeAAB", "ERP/2026/17", "Клиент №5", "a b", "x".repeat(255), "😀".repeat(255)}) {
            assertNull(ExternalIds.problem(id), id);
        }
    }

    @Test
    void emptyTooLongPaddedOrControlCharactersAreRefused() {
        assertEquals("must not be empty", ExternalIds.problem(""));
        assertNotNull(ExternalIds.problem("x".repeat(256)));
        assertEquals("must not begin or end with a space", ExternalIds.problem(" A-17"));
        assertEquals("must not begin or end with a space", ExternalIds.problem("A-17 "));
        assertEquals("must not begin or end with a space", ExternalIds.problem("A-17\t"));
        assertEquals("must not hold control characters", ExternalIds.problem("A\u0000B"));
        assertEquals("must not hold control characters", ExternalIds.problem("A\nB"));
    }
}
