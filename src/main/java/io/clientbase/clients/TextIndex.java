package io.clientbase.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.schema.FieldType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The trigram index behind free text (V9): what it holds and which of a text's trigrams narrow a
 * search best. The database marks a changed client for it in the change's own statement (V31's
 * triggers on clients), and {@link TextIndexer} brings it up to date from the marks.
 * The index only narrows a search: the LIKE on the caller's visible values decides (ClientSearch).
 */
@ApplicationScoped
public class TextIndex {

    /** Field types whose values free text searches, besides the client's name. */
    public static final Set<FieldType> SEARCHABLE = Set.of(FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE,
            FieldType.URL, FieldType.SELECT);

    /** How many of a text's trigrams a search joins: the rarest one drives, the next ones filter. */
    static final int TRIGRAMS_PER_SEARCH = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    /**
     * The server's estimate of a trigram's entries in a range, by trigram and range; only the order
     * of a search's joins depends on them. They were counted up to 20,000 each: a new text's first
     * page counted ~100,000 entries of its common trigrams, and past the bound every trigram ranked
     * alike, so that on 10,000,000 clients the rarest of "note 123" ranked with "not".
     */
    private final PlanEstimates<Postings> estimates = new PlanEstimates<>(50_000);

    private record Postings(String trigram, ClientSql.TrigramRange range) {
    }

    /** The distinct trigrams (three consecutive code points) of a text, added to {@code into}. */
    static Set<String> trigrams(String text, Set<String> into) {
        if (text == null) {
            return into;
        }
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            into.add(new String(cps, i, 3));
        }
        return into;
    }

    /**
     * The trigrams of a searched text with the fewest entries in the range a page reads, rarest first:
     * the rarest, then of the next {@link #TRIGRAMS_PER_SEARCH} - 1 those that leave out candidates
     * ({@link #filtering}); empty if the text is shorter than three characters.
     */
    List<String> narrowest(String text, ClientSql.TrigramRange range, LongSupplier rangeClients) {
        List<String> ranked = spread(List.copyOf(trigrams(text, new LinkedHashSet<>())), RANKED_AT_MOST);
        long[] entries = estimatedEntries(ranked, range);
        List<String> rarest = rarestFirst(ranked, entries);
        return rarest.size() < 2 ? rarest : filtering(rarest, ranked, entries, rangeClients.getAsLong());
    }

    /**
     * The rarest trigram and those of the next ones that at least half of the range's clients lack:
     * a further trigram is a lookup per candidate, worth it only when it leaves out more candidates
     * than it costs. "note 1" joined "not" and "ote" to its "e 1", held by every client of the
     * head's 50,000: 525 rows read for a page where the lookups left out none.
     */
    static List<String> filtering(List<String> rarest, List<String> ranked, long[] entries, long rangeClients) {
        List<String> kept = new ArrayList<>(rarest.subList(0, 1));
        for (String further : rarest.subList(1, rarest.size())) {
            if (2 * entries[ranked.indexOf(further)] < rangeClients) {
                kept.add(further);
            }
        }
        return kept;
    }

    /**
     * How many of a text's trigrams are ranked at most: any of them narrows the search (the LIKE
     * decides), and each costs an index dive. A text of 200 characters (the most q takes) has up to
     * 198: their estimate took ~10 ms of a first page.
     */
    static final int RANKED_AT_MOST = 32;

    /** At most {@code most} of {@code trigrams}, evenly spread over the text, in its order. */
    static List<String> spread(List<String> trigrams, int most) {
        if (trigrams.size() <= most) {
            return trigrams;
        }
        List<String> spread = new ArrayList<>(most);
        for (int i = 0; i < most; i++) {
            spread.add(trigrams.get((int) ((long) i * trigrams.size() / most)));
        }
        return spread;
    }

    /** {@code trigrams} by their entries (in the same order), fewest first, at most {@link #TRIGRAMS_PER_SEARCH}; ties keep the text's order. */
    static List<String> rarestFirst(List<String> trigrams, long[] entries) {
        Map<String, Long> byTrigram = new HashMap<>();
        for (int i = 0; i < trigrams.size(); i++) {
            byTrigram.put(trigrams.get(i), entries[i]);
        }
        return trigrams.stream().sorted(Comparator.comparing(byTrigram::get)).limit(TRIGRAMS_PER_SEARCH).toList();
    }

    /** Each trigram's estimated entries in the range: those not kept from the last minute, in one round trip. */
    long[] estimatedEntries(List<String> trigrams, ClientSql.TrigramRange range) {
        long[] entries = new long[trigrams.size()];
        List<String> missing = new ArrayList<>();
        for (String trigram : trigrams) {
            if (!estimates.has(new Postings(trigram, range))) {
                missing.add(trigram);
            }
        }
        Map<String, Long> read = missing.isEmpty() ? Map.of() : estimate(missing, range);
        for (int i = 0; i < entries.length; i++) {
            String trigram = trigrams.get(i);
            // one kept a moment ago may have aged since: then it is read alone
            entries[i] = estimates.get(new Postings(trigram, range),
                    () -> read.containsKey(trigram) ? read.get(trigram) : estimate(List.of(trigram), range).getOrDefault(trigram, 0L));
        }
        return entries;
    }

    private Map<String, Long> estimate(List<String> trigrams, ClientSql.TrigramRange range) {
        ClientSql.Statement explain = ClientSql.trigramEstimates(trigrams, range);
        Map<String, Long> read = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = ClientStore.prepare(c, explain.sql(), explain.params())) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int select = rs.getInt("id"); // 1 for the first trigram; the UNION's own row has none
                    if (!rs.wasNull() && select >= 1 && select <= trigrams.size()) {
                        read.put(trigrams.get(select - 1), rs.getLong("rows"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("trigram estimate failed", e);
        }
        return read;
    }

    /** What the index holds for a client: the trigrams of its name and of its values of searchable fields (in the trash too). */
    static Set<String> indexed(String name, String valueDocument, Set<Long> searchableFieldIds) {
        Set<String> trigrams = trigrams(name, new HashSet<>());
        for (String text : ValueDocument.texts(valueDocument, searchableFieldIds)) {
            trigrams(text, trigrams);
        }
        return trigrams;
    }

    static String toJson(Set<String> trigrams) {
        try {
            return JSON.writeValueAsString(trigrams);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fromJson(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("stored trigrams cannot be read", e);
        }
    }

    static String searchableTypes() {
        return SEARCHABLE.stream().map(t -> "'" + t.name() + "'").sorted().collect(Collectors.joining(","));
    }

    static List<Long> ids(ResultSet rs) throws SQLException {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        return ids;
    }
}
