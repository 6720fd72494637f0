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
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The trigram index behind free text (V9): what it holds, how a change marks a client for it, and
 * which of a text's trigrams narrow a search best. {@link TextIndexer} keeps it up to date.
 * The index only narrows a search: the LIKE on the caller's visible values decides (ClientSearch).
 */
@ApplicationScoped
public class TextIndex implements ClientChangeListener {

    /** Field types whose values free text searches, besides the client's name. */
    public static final Set<FieldType> SEARCHABLE = Set.of(FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE,
            FieldType.URL, FieldType.SELECT);

    /** How many of a text's trigrams a search joins: the rarest one drives, the next ones filter. */
    static final int TRIGRAMS_PER_SEARCH = 3;

    /** Postings are counted up to this bound: beyond it, a trigram is common and ranks last. */
    private static final int COUNT_BOUND = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    /** Posting counts (bounded) by trigram; only the order of a search's joins depends on them. */
    private final PlanEstimates<String> counts = new PlanEstimates<>(50_000);

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

    /** The trigrams of a searched text, rarest first, at most {@link #TRIGRAMS_PER_SEARCH}; empty if it is shorter than three characters. */
    List<String> narrowest(String text) {
        Set<String> all = trigrams(text, new LinkedHashSet<>());
        if (all.isEmpty()) {
            return List.of();
        }
        Map<String, Long> postings = new HashMap<>();
        for (String trigram : all) {
            postings.put(trigram, postings(trigram));
        }
        return all.stream().sorted(Comparator.comparing(postings::get)).limit(TRIGRAMS_PER_SEARCH).toList();
    }

    /** How many clients hold a trigram, counted up to a bound and cached for a minute. */
    long postings(String trigram) {
        return counts.get(trigram, () -> countPostings(trigram));
    }

    private long countPostings(String trigram) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT COUNT(*) FROM (SELECT 1 FROM client_trigrams WHERE trigram = ? LIMIT " + COUNT_BOUND + ") p")) {
            st.setString(1, trigram);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("trigram count failed", e);
        }
    }

    /**
     * Marks the clients whose name, values or owner a change touches, in its transaction, with the
     * owner they have after it (searches leave out marks outside the caller's scope); a purged
     * client is marked without owner, so the indexer finds it gone and no search reaches it. New
     * clients get a plain INSERT, as their ids are new: an upsert's gap locks would make two import
     * batches written at once deadlock.
     */
    @Override
    public void changed(List<ClientChange> changes) {
        List<long[]> marks = new ArrayList<>();
        boolean created = false;
        for (ClientChange change : changes) {
            created |= change.kind() == ClientChange.Kind.CREATED;
            if (change.kind() == ClientChange.Kind.PURGED) {
                marks.add(new long[] {change.before().id(), -1});
            } else if (touchesText(change)) {
                marks.add(new long[] {change.after().id(), change.after().ownerId()});
            }
        }
        try (Connection c = dataSource.getConnection()) {
            mark(c, marks, !created);
        } catch (SQLException e) {
            throw new IllegalStateException("text index mark failed", e);
        }
    }

    private static boolean touchesText(ClientChange change) {
        Client before = change.before();
        Client after = change.after();
        return before == null || change.ownerChanged() || !before.name().equals(after.name())
                || !java.util.Objects.equals(before.fieldValues(), after.fieldValues());
    }

    private static void mark(Connection c, List<long[]> marks, boolean upsert) throws SQLException {
        for (int from = 0; from < marks.size(); from += 5000) {
            int to = Math.min(marks.size(), from + 5000);
            StringBuilder sql = new StringBuilder("INSERT INTO client_text_dirty (client_id, mark, owner_id) VALUES ");
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ",").append("(?,1,?)");
            }
            if (upsert) {
                sql.append(" ON DUPLICATE KEY UPDATE mark = mark + 1, owner_id = VALUES(owner_id)");
            }
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                for (int i = from; i < to; i++) {
                    long[] m = marks.get(i);
                    st.setLong(2 * (i - from) + 1, m[0]);
                    if (m[1] < 0) {
                        st.setNull(2 * (i - from) + 2, java.sql.Types.BIGINT);
                    } else {
                        st.setLong(2 * (i - from) + 2, m[1]);
                    }
                }
                st.executeUpdate();
            }
        }
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
