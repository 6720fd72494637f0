package io.clientbase.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void theSeparatorIsTheMostFrequentOfTheHeaderLineOutsideQuotes() {
        assertEquals(';', CsvDialect.separatorOf("name;ownerId;\"a,b,c\""));
        assertEquals(',', CsvDialect.separatorOf("name,ownerId,city"));
        assertEquals('\t', CsvDialect.separatorOf("name\townerId"));
        assertEquals(',', CsvDialect.separatorOf("name"), "one column: the default");
    }

    @Test
    void aByteOrderMarkIsSkippedAndTheHeaderIsLeftToBeRead() throws Exception {
        BufferedReader reader = CsvDialect.withoutBom(new StringReader("\uFEFFname;city\nА;Б\n"));
        assertEquals(';', CsvDialect.detect(reader));
        assertEquals("name;city", reader.readLine());
        BufferedReader plain = CsvDialect.withoutBom(new StringReader("name\n"));
        assertEquals("name", plain.readLine());
    }

    @Test
    void aNamedSeparatorIsOneOfFour() {
        assertEquals(';', CsvDialect.named(";"));
        assertEquals('\t', CsvDialect.named("tab"));
        assertEquals(null, CsvDialect.named(null));
        assertThrows(io.clientbase.platform.problem.ApiException.class, () -> CsvDialect.named("::"));
    }
}
