package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fast instant writer writes exactly what ISO_INSTANT writes, and its text what Instant.toString gives, digit for digit. */
@Tag("unit")
class IsoInstantSerializerTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new IsoInstantSerializer()));

    private void assertSameText(Instant instant) throws Exception {
        assertEquals("\"" + DateTimeFormatter.ISO_INSTANT.format(instant) + "\"", mapper.writeValueAsString(instant), instant::toString);
        assertEquals(instant.toString(), IsoInstantSerializer.text(instant), instant::toString);
    }

    @Test
    void fractionsOfNoneThreeSixAndNineDigitsAndTheEdgesOfTheCalendar() throws Exception {
        for (Instant instant : List.of(Instant.EPOCH, Instant.parse("2026-03-01T09:30:00Z"), Instant.parse("2026-03-01T09:30:00.120Z"),
                Instant.parse("2026-11-27T03:44:01.373500Z"), Instant.parse("2024-02-29T23:59:59.000000001Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T00:00:00Z"))) {
            assertSameText(instant);
        }
    }

    @Test
    void aHundredThousandRandomInstantsOfFourDigitYears() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(-62167219200L, 253402300800L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            assertSameText(Instant.ofEpochSecond(second, nano));
        }
    }
}
