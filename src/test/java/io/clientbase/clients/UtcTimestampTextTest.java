package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A TIMESTAMP read as the text the server sends in a UTC session, and nothing else taken for one. */
@Tag("unit")
class UtcTimestampTextTest {

    @Test
    void theServersTextOfATimestampIsTheUtcInstantItNames() {
        assertEquals(Instant.parse("2026-03-29T02:30:00.123456Z"), ClientStore.instantOfUtcText("2026-03-29 02:30:00.123456"));
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), ClientStore.instantOfUtcText("2026-12-05 00:00:00.000000"));
        assertEquals(Instant.parse("1970-01-01T00:00:01Z"), ClientStore.instantOfUtcText("1970-01-01 00:00:01"));
        assertEquals(Instant.parse("2038-01-19T03:14:07.500Z"), ClientStore.instantOfUtcText("2038-01-19 03:14:07.5"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"), ClientStore.instantOfUtcText("2024-02-29 23:59:59.999999999"));
    }

    @Test
    void anyOtherTextIsRefusedRatherThanGuessed() {
        for (String text : new String[] {"2026-03-29T02:30:00", "2026-03-29 02:30:00.", "2026-03-29 02:30", "2026-3-29 02:30:00",
                "2026-03-29 02:30:00,5", "2026-03-29 02:30:0x", "2026-13-01 00:00:00", "2026-03-29 02:30:00.1234567890"}) {
            assertThrows(RuntimeException.class, () -> ClientStore.instantOfUtcText(text), text);
        }
    }
}
