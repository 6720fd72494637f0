package io.clientbase.clients;

import io.clientbase.platform.problem.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * What Excel writes and opens: "CSV UTF-8" starts with a byte-order mark, and Excel in a Russian
 * (or German, French …) locale separates with {@code ;}. The import takes the separator from
 * {@code ?delimiter=} or, without it, from the header line (the most frequent of {@code , ; TAB |}
 * outside quotes); the export writes the one asked for, and the mark with {@code ?bom=true}.
 */
public final class CsvDialect {

    static final char BOM = '\uFEFF';
    private static final String CANDIDATES = ",;\t|";
    private static final int HEADER_LOOKAHEAD = 1 << 16;

    private CsvDialect() {
    }

    /** The separator a caller named: one of {@code , ; | TAB} (or the word {@code tab}); null when he named none. */
    static Character named(String delimiter) {
        if (delimiter == null) {
            return null;
        }
        if (delimiter.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (delimiter.length() == 1 && CANDIDATES.indexOf(delimiter.charAt(0)) >= 0) {
            return delimiter.charAt(0);
        }
        throw ApiException.badParameter("delimiter", "must be one of , ; | or tab");
    }

    /** The reader without a leading byte-order mark, able to be looked ahead in (the header line). */
    static BufferedReader withoutBom(Reader reader) {
        BufferedReader buffered = new BufferedReader(reader, HEADER_LOOKAHEAD);
        try {
            buffered.mark(1);
            if (buffered.read() != BOM) {
                buffered.reset();
            }
            return buffered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The separator of the header line ahead in {@code reader}, which is left where it was; ',' when none shows. */
    static char detect(BufferedReader reader) {
        try {
            reader.mark(HEADER_LOOKAHEAD);
            StringBuilder header = new StringBuilder();
            for (int c, n = 0; (c = reader.read()) >= 0 && c != '\n' && n < HEADER_LOOKAHEAD - 1; n++) {
                header.append((char) c);
            }
            reader.reset();
            return separatorOf(header.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static char separatorOf(String header) {
        int[] counts = new int[CANDIDATES.length()];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && CANDIDATES.indexOf(c) >= 0) {
                counts[CANDIDATES.indexOf(c)]++;
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return CANDIDATES.charAt(best);
    }
}
