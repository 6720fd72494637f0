package io.clientbase.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Values are validated by the field's type on every write: no database, no Quarkus. */
@Tag("unit")
class FieldValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Field field(FieldType type) {
        Field f = new Field();
        f.id = 1L;
        f.key = "k";
        f.type = type;
        f.options = type.hasOptions() ? List.of("A", "B") : null;
        return f;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aRoundNumberIsShownPlainNeverInExponentForm() {
        assertEquals("1200", FieldValues.shown(new BigDecimal("1200.00")).toString());
        assertEquals("1200", FieldValues.toJson(field(FieldType.NUMBER),
                new FieldValues.TypedValue(null, new BigDecimal("1200"), null, null, null)).toString());
        assertEquals("0.5", FieldValues.shown(new BigDecimal("0.500")).toString());
        assertEquals("0", FieldValues.shown(new BigDecimal("0.000")).toString());
    }

    @Test
    void aStoredNumberAlreadyShownIsWrittenAsStoredAndEveryOtherGoesThroughBigDecimal() {
        List<String> stored = new java.util.ArrayList<>(List.of("0", "-0", "0.0", "-0.000", "1200", "1200.00", "1E+3", "1.2E-7", "12.5",
                "12.50", "-12.5", "007", "0.5", ".5", "5.", "+5", "-", "", "0.000001", "0.0000001", "-0.000001", "0.0000010",
                "999999999999999999.999999", "-999999999999999999", "1 2", "1.2.3", "0x10", "١٢"));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal n = BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(9));
            stored.add(random.nextBoolean() ? n.toPlainString() : n.toString());
        }
        for (String text : stored) {
            String expected = parses(text) ? FieldValues.shown(new BigDecimal(text)).toString() : null;
            if (FieldValues.isShown(text)) {
                assertEquals(expected, text, text);
                assertEquals(FieldValues.shown(new BigDecimal(text)).toPlainString(), FieldValues.shownText(text), text);
            } else if (expected != null) {
                assertEquals(FieldValues.shown(new BigDecimal(text)).toPlainString(), FieldValues.shownText(text), text);
            }
        }
        assertEquals(List.of(true, true, true, true, false, false), List.of("0", "-12.5", "1200", "0.000001", "1200.00", "-0")
                .stream().map(FieldValues::isShown).toList());
    }

    @Test
    void aStoredNumberWhoseFractionEndsInZerosIsShownAsItsTextCutBeforeThemWhereverItLies() {
        List<String> stored = new java.util.ArrayList<>(List.of("0", "-0", "0.0", "-0.000", "1200", "1200.00", "1E+3", "1.2E-7", "12.5",
                "12.50", "-12.50", "007", "0.5", ".5", "5.", "+5", "-", "", "0.000001", "0.0000001", "-0.000001", "0.0000010",
                "0.00000010", "1.0E+30", "100", "-100.0", "1.2.30", "999999999999999999.999999", "-999999999999999999", "1 2", "0x10"));
        java.util.Random random = new java.util.Random(43);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal n = BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(9));
            stored.add(random.nextBoolean() ? n.toPlainString() : n.toString());
        }
        for (String text : stored) {
            String within = "{\"9\":\"1.5\",\"11\":\"" + text + "\"}";
            int from = within.indexOf(text, 16);
            int end = FieldValues.shownEnd(within, from, from + text.length());
            if (!parses(text)) {
                assertEquals(-1, end, text);
            } else if (end >= 0) {
                assertEquals(FieldValues.shown(new BigDecimal(text)).toString(), within.substring(from, end), text);
                assertEquals(FieldValues.shownText(text), within.substring(from, end), text);
            } else if (text.equals(new BigDecimal(text).toPlainString()) && !text.startsWith("-0") && !text.startsWith("0.000000")) {
                throw new AssertionError("a plain decimal as the server stores it is cut, not parsed: " + text);
            }
        }
        assertEquals(List.of(4, 4, 1, -1, -1), List.of("12.50", "1200.00", "0.0", "-0.0", "1E+3").stream()
                .map(text -> FieldValues.shownEnd(text, 0, text.length())).toList());
    }

    private static boolean parses(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Test
    void aNumberIsAJsonNumberADateIsoAndACheckboxABoolean() throws Exception {
        assertEquals(new BigDecimal("42"), FieldValues.parse(field(FieldType.NUMBER), json("42")).number().stripTrailingZeros());
        assertEquals(LocalDate.parse("2026-03-01"), FieldValues.parse(field(FieldType.DATE), json("\"2026-03-01\"")).date());
        assertEquals(Boolean.TRUE, FieldValues.parse(field(FieldType.CHECKBOX), json("true")).bool());
        assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.NUMBER), json("\"42\"")));
        assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.DATE), json("\"01.03.2026\"")));
        assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.CHECKBOX), json("\"yes\"")));
    }

    @Test
    void aDateIsADayTheCalendarHoldsWrittenYyyyMmDdAndNothingElse() throws Exception {
        assertEquals(LocalDate.of(2024, 2, 29), FieldValues.parse(field(FieldType.DATE), json("\"2024-02-29\"")).date());
        assertEquals(LocalDate.of(1, 1, 1), FieldValues.parse(field(FieldType.DATE), json("\"0001-01-01\"")).date());
        for (String refused : new String[] {"2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-3-01", "+2026-03-01",
                "2026-03-01T00:00", "2026-03-01 ", "２０２６-03-01"}) {
            assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.DATE), json("\"" + refused + "\"")), refused);
        }
    }

    @Test
    void textIsBoundedAndUnicodeRoundTrips() throws Exception {
        String text = "ООО Ромашка 🌼";
        assertEquals(text, FieldValues.parse(field(FieldType.TEXT), JSON.valueToTree(text)).text());
        assertThrows(FieldValues.InvalidValue.class,
                () -> FieldValues.parse(field(FieldType.TEXT), JSON.valueToTree("x".repeat(FieldValues.TEXT_MAX + 1))));
    }

    @Test
    void aSelectTakesOnlyItsOptionsAndANumberStaysWithinItsLimit() throws Exception {
        assertEquals("A", FieldValues.parse(field(FieldType.SELECT), json("\"A\"")).text());
        assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.SELECT), json("\"C\"")));
        assertThrows(FieldValues.InvalidValue.class, () -> FieldValues.parse(field(FieldType.NUMBER), json("1e30")));
    }
}
