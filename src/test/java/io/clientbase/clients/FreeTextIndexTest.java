package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Free text through the trigram index: the same answers whether the index has read a client yet
 * or not, after every kind of change, in pages both ways, with the collation's case and accents.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class FreeTextIndexTest {

    private static Hierarchy h;

    @Inject
    TextIndexer indexer;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("ftx");
            long section = asAdmin().body(Map.of("name", "Free text " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            asAdmin().body(Map.of("sectionId", section, "key", "ftx_note", "name", "Ftx note", "type", "TEXT"))
                    .post("/api/v1/fields").then().statusCode(201);
        }
    }

    private long client(String token, String name, String note) {
        return as(token).body(note == null ? Map.of("name", name) : Map.of("name", name, "fields", Map.of("ftx_note", note)))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Every match of a free-text search, pages of 3 in {@code sort} order. */
    private static List<Long> search(String token, String q, String sort) {
        return pages(token, q, sort, 3);
    }

    /** Every page of a caller's list with free text {@code q} (or none), followed cursor after cursor. */
    private static List<Long> pages(String token, String q, String sort, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(token).queryParam("sort", sort).queryParam("limit", limit);
            if (q != null) {
                request.queryParam("q", q);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private boolean waitingForIndex(long clientId) throws Exception {
        return count("SELECT COUNT(*) FROM client_text_dirty WHERE client_id = ?", clientId) > 0;
    }

    private long count(String sql, long clientId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, clientId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A client made for the sorted search: who created it, its name and note (null: none). */
    private record Made(long id, String owner, String name, String note) {
    }

    @Test
    void aSearchSortedByNameCreatedAtOrACustomTextHoldsEveryMatchOfTheScopeInOrderBeforeAndAfterIndexing() throws Exception {
        String word = "srtq" + h.suffix;
        List<Made> made = new ArrayList<>();
        String[][] rows = {{"a1", "Delta " + word, null}, {"a2", "alpha", "see " + word + " here"}, {"headA", "Charlie " + word, "zzz"},
            {"a1", "bravo", word}, {"b1", "Echo " + word, null}, {"a2", "Zulu", "nothing"}, {"headA", "charlie " + word, "a " + word},
            {"a1", "Golf " + word, "b " + word}};
        for (String[] row : rows) {
            made.add(new Made(client(h.token(row[0]), row[1], row[2]), row[0], row[1], row[2]));
        }
        long trashed = client(h.token("a1"), "Foxtrot " + word, null);
        as(h.token("a1")).delete("/api/v1/clients/" + trashed).then().statusCode(204);
        double served = io.clientbase.support.Counters.read("clientbase_client_list_text_sorted_plans_total", "plan", "matches");
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            for (String sort : List.of("name", "-name", "-createdAt", "field.ftx_note", "-field.ftx_note")) {
                assertEquals(sortedMatches(made, word, sort, List.of("a1", "a2", "headA")), pages(h.token("headA"), word, sort, 2),
                        "the head's department by " + sort + (indexed ? ", indexed" : ""));
                assertEquals(sortedMatches(made, word, sort, List.of("a1")), pages(h.token("a1"), word, sort, 2), "a1 by " + sort);
                assertEquals(sortedMatches(made, word, sort, List.of("a1", "a2", "headA", "b1")),
                        pages(io.clientbase.support.Api.adminToken(), word, sort, 3), "everyone by " + sort);
            }
        }
        assertTrue(io.clientbase.support.Counters.read("clientbase_client_list_text_sorted_plans_total", "plan", "matches") > served,
                "served from the text's candidates");
    }

    /** The live clients of these owners whose name or note holds {@code word}, in the API's order for {@code sort}. */
    private static List<Long> sortedMatches(List<Made> made, String word, String sort, List<String> owners) {
        boolean descending = sort.startsWith("-");
        String key = descending ? sort.substring(1) : sort;
        List<Made> matches = made.stream().filter(m -> owners.contains(m.owner())
                && (m.name().contains(word) || (m.note() != null && m.note().contains(word)))).toList();
        Comparator<Made> byId = Comparator.comparing(Made::id);
        Comparator<Made> order = switch (key) {
            case "name" -> Comparator.comparing(Made::name, String.CASE_INSENSITIVE_ORDER).thenComparing(byId);
            case "createdAt" -> byId; // made one after the other
            default -> Comparator.comparing((Made m) -> m.note() == null).thenComparing(m -> m.note() == null ? "" : m.note(),
                    String.CASE_INSENSITIVE_ORDER).thenComparing(byId);
        };
        List<Made> sorted = new ArrayList<>(matches.stream().sorted(order).toList());
        if (descending && key.equals("field.ftx_note")) {
            // a custom sort keeps the clients without a value last, in either direction
            List<Made> valued = new ArrayList<>(sorted.stream().filter(m -> m.note() != null).toList());
            List<Made> without = new ArrayList<>(sorted.stream().filter(m -> m.note() == null).toList());
            java.util.Collections.reverse(valued);
            java.util.Collections.reverse(without);
            valued.addAll(without);
            sorted = valued;
        } else if (descending) {
            java.util.Collections.reverse(sorted);
        }
        return sorted.stream().map(Made::id).toList();
    }

    @Test
    void aNewClientIsFoundBeforeAndAfterTheIndexReadsIt() throws Exception {
        String token = h.token("a1");
        long id = client(token, "Северный ветер " + h.suffix, "позвонить в понедельник");
        assertEquals(List.of(id), search(token, "ветер " + h.suffix, "id"));
        indexer.catchUp(30);
        assertFalse(waitingForIndex(id));
        assertTrue(count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", id) > 0, "the index holds the client");
        assertEquals(List.of(id), search(token, "ветер " + h.suffix, "id"));
        assertEquals(List.of(id), search(token, "в понедельн", "id").stream().filter(x -> x == id).toList());
    }

    @Test
    void aRenamedClientOrAChangedValueIsFoundByTheNewTextOnlyBeforeAndAfterIndexing() {
        String token = h.token("a1");
        long id = client(token, "Старое имя " + h.suffix, "старая заметка " + h.suffix);
        indexer.catchUp(30);
        as(token).body(Map.of("name", "Новое имя " + h.suffix, "fields", Map.of("ftx_note", "новая заметка " + h.suffix)))
                .patch("/api/v1/clients/" + id).then().statusCode(200);
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(), search(token, "Старое имя " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(), search(token, "старая заметка " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(id), search(token, "Новое имя " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(id), search(token, "новая заметка " + h.suffix, "id"), "indexed: " + indexed);
        }
        java.util.Map<String, Object> removed = new java.util.HashMap<>();
        removed.put("ftx_note", null);
        as(token).body(Map.of("fields", removed))
                .patch("/api/v1/clients/" + id).then().statusCode(200);
        indexer.catchUp(30);
        assertEquals(List.of(), search(token, "новая заметка " + h.suffix, "id"), "a removed value is not found");
    }

    @Test
    void pagesInIdOrderBothWaysHoldEveryMatchOnceWhetherIndexedOrNot() {
        String token = h.token("a2");
        String word = "Пагинация-" + h.suffix;
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(client(token, "Клиент " + i, "заметка " + word + " " + i));
        }
        client(token, "Без слова", "заметка");
        indexer.catchUp(30);
        for (int i = 0; i < 4; i++) { // not yet indexed
            expected.add(client(token, word + " новый " + i, null));
        }
        as(token).body(Map.of("name", "Клиент 3 изменён")).patch("/api/v1/clients/" + expected.get(3)).then().statusCode(200);
        List<Long> descending = new ArrayList<>(expected);
        descending.sort(Comparator.reverseOrder());
        for (String caller : List.of(token, h.token("headA"), io.clientbase.support.Api.adminToken())) { // one, several, all owners
            assertEquals(expected, search(caller, word, "id"));
            assertEquals(descending, search(caller, word, "-id"));
        }
        assertEquals(expected, search(token, word.toUpperCase(), "id"));
    }

    @Test
    void caseAndAccentsMatchAsTheCollationSaysAfterIndexing() {
        String token = h.token("b1");
        long cafe = client(token, "Café Ёлка " + h.suffix, null);
        assertEquals(List.of(cafe), search(token, "CAFE ЕЛКА " + h.suffix, "id"));
        indexer.catchUp(30);
        assertEquals(List.of(cafe), search(token, "CAFE ЕЛКА " + h.suffix, "id"));
        assertEquals(List.of(cafe), search(token, "FE ёЛ", "id").stream().filter(x -> x == cafe).toList());
    }

    @Test
    void charactersOutsideTheBasicPlaneAndLikeWildcardsAreSearchedAsTyped() {
        String token = h.token("b1");
        long party = client(token, "Праздник 🎉🎈 " + h.suffix, "скидка 100%_off");
        client(token, "Праздник без скидки " + h.suffix, "скидка 1000 off");
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(party), search(token, "к 🎉🎈 " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(party), search(token, "100%_o", "id"), "indexed: " + indexed);
        }
    }

    @Test
    void theIndexFollowsScopeAsTheListDoesWhenAClientOrAllOfAUsersClientsChangeOwner() {
        String text = "Чужой клиент " + h.suffix;
        long theirs = client(h.token("b1"), text, null);
        indexer.catchUp(30);
        assertEquals(List.of(), search(h.token("headA"), text, "id"));
        assertEquals(List.of(theirs), search(h.token("headB"), text, "id"));

        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + theirs).then().statusCode(200);
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(theirs), search(h.token("headA"), text, "id"), "indexed: " + indexed);
            assertEquals(List.of(), search(h.token("headB"), text, "id"), "indexed: " + indexed);
        }

        long leaving = h.add("leaving", "EMPLOYEE", h.id("headB"));
        long handedOver = client(h.token("leaving"), "Наследство " + h.suffix, null);
        indexer.catchUp(30);
        asAdmin().delete("/api/v1/users/" + leaving + "?reassignTo=" + h.id("a2")).then().statusCode(204);
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(handedOver), search(h.token("headA"), "Наследство " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(), search(h.token("headB"), "Наследство " + h.suffix, "id"), "indexed: " + indexed);
        }
    }

    /** Every page of a caller's list with free text {@code q} (or none), 200 at a time in id order. */
    private static List<Long> walk(String token, String q) {
        return pages(token, q, "id", 200);
    }

    private static double textPlans(String plan) {
        return io.clientbase.support.Counters.read("clientbase_client_list_text_plans_total", "plan", plan);
    }

    @Test
    void aHeadAndAnEmployeeReadTheirOwnRangeOfTheTrigramIndexInIdOrderHoweverManyEntriesItHolds() {
        // a department of its own whose head and employee hold 1,100 clients with one word: more
        // than the first windows of candidates, half of them each
        Hierarchy wide = Hierarchy.create("ftxwide");
        String word = "Широта" + wide.suffix;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_100; i++) {
            lines.append(String.format("{\"name\":\"%s %d\",\"ownerId\":%d}%n", word, i, wide.id(i % 2 == 0 ? "a1" : "headA")));
        }
        // REST Assured would declare ISO-8859-1 for this type, which the server honours
        asAdmin().contentType("application/x-ndjson; charset=UTF-8").body(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200);
        indexer.catchUp(60);
        List<Long> all = walk(wide.token("headA"), null);
        assertEquals(1_100, all.size());
        List<Long> a1s = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            a1s.add(all.get(i)); // imported in order: every other client is a1's
        }
        double ordered = textPlans("ordered");
        double list = textPlans("list");
        assertEquals(a1s, walk(wide.token("a1"), word), "his 550 through his own range");
        assertEquals(all, walk(wide.token("headA"), word), "the head's 1,100 through his department's range");
        List<Long> rarer = new ArrayList<>(List.of(all.get(14)));
        rarer.addAll(all.subList(140, 150));
        assertEquals(rarer, walk(wide.token("headA"), word + " 14"), "a rarer text of his scope: 14 and 140-149");
        List<Long> backwards = new ArrayList<>(all);
        java.util.Collections.reverse(backwards);
        assertEquals(backwards, pages(wide.token("headA"), word, "-id", 200), "the head's 1,100 backwards");
        assertTrue(textPlans("ordered") >= ordered + 3 + 6 + 1 + 6, "every page read a range in order: " + (textPlans("ordered") - ordered));
        assertEquals(list, textPlans("list"), "none fell back to the trigram's whole list");
        assertEquals(List.of(), search(wide.token("headB"), word, "id"), "the other department: none");
    }

    @Inject
    TextIndex textIndex;

    @Test
    void aTextsTrigramsRankByTheirEntriesInTheHeadsDepartmentNotInTheWholeIndex() {
        // "ξψζ": one client in headA's department, 400 in headB's; "жщъ": 60 in headA's, none elsewhere
        Hierarchy skew = Hierarchy.create("ftxskew");
        StringBuilder lines = new StringBuilder(String.format("{\"name\":\"ξψζ\",\"ownerId\":%d}%n", skew.id("a1")));
        for (int i = 0; i < 400; i++) {
            lines.append(String.format("{\"name\":\"ξψζ %d\",\"ownerId\":%d}%n", i, skew.id("b1")));
        }
        for (int i = 0; i < 60; i++) {
            lines.append(String.format("{\"name\":\"жщъ %d\",\"ownerId\":%d}%n", i, skew.id("a1")));
        }
        asAdmin().contentType("application/x-ndjson; charset=UTF-8").body(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200);
        indexer.catchUp(60);

        List<String> both = List.of("ξψζ", "жщъ");
        long[] department = textIndex.estimatedEntries(both, new ClientSql.TrigramRange("ix_trigrams_head", "head_id", skew.id("headA")));
        assertTrue(department[0] < 10 && department[1] >= 30, "headA's: ξψζ rare, жщъ common: " + java.util.Arrays.toString(department));
        long[] list = textIndex.estimatedEntries(both, ClientSql.TrigramRange.LIST);
        assertTrue(list[0] >= 200 && list[1] < 200, "the whole index: the other way round: " + java.util.Arrays.toString(list));
        long[] absent = textIndex.estimatedEntries(List.of("ъщж"), ClientSql.TrigramRange.LIST);
        assertTrue(absent[0] <= 1, "a trigram no client holds: " + absent[0]);
        assertEquals(List.of("ξψζ", "жщъ"), TextIndex.rarestFirst(both, department));
        assertEquals(1, search(skew.token("headA"), "ξψζ", "id").size(), "and the page: the one client of his department");
    }

    @Test
    void aPageWhoseFirstCandidatesAreAllInTheTrashReadsTheNextWindowsFromWhereTheLastOneEndedBothWays() {
        // the index holds the trash too: a head's and an employee's first windows of candidates are
        // refused by their rows, and the page goes on from the window's last entry
        Hierarchy trash = Hierarchy.create("ftxtrash");
        String word = "Корзина" + trash.suffix;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(client(trash.token("a1"), word + " " + i, null));
        }
        for (int i = 0; i < 60; i++) {
            if (i < 25 || i >= 35) {
                as(trash.token("a1")).delete("/api/v1/clients/" + ids.get(i)).then().statusCode(204);
            }
        }
        indexer.catchUp(30);
        List<Long> live = ids.subList(25, 35);
        List<Long> backwards = new ArrayList<>(live);
        java.util.Collections.reverse(backwards);
        double ordered = textPlans("ordered");
        for (String who : List.of("headA", "a1")) {
            assertEquals(live, pages(trash.token(who), word, "id", 3), who);
            assertEquals(backwards, pages(trash.token(who), word, "-id", 3), who + " backwards");
        }
        assertTrue(textPlans("ordered") >= ordered + 16, "every page read a range in order");
    }

    @Test
    void anEmployeeMovedToAnotherHeadTakesHisClientsFreeTextWithHimBeforeAndAfterTheIndexReadsThem() {
        long mover = h.add("textmover", "EMPLOYEE", h.id("headA"));
        String text = "Переезд " + h.suffix;
        long his = client(h.token("textmover"), text, null);
        indexer.catchUp(30);
        assertEquals(List.of(his), search(h.token("headA"), text, "id"));
        assertEquals(List.of(), search(h.token("headB"), text, "id"));
        // his client's owner stays: only the head on its row changes (V20), which marks it for the indexer (V27)
        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(), search(h.token("headA"), text, "id"), "indexed: " + indexed);
            assertEquals(List.of(his), search(h.token("headB"), text, "id"), "indexed: " + indexed);
        }
    }

    @Inject
    TrigramHeads trigramHeads;

    @Test
    void entriesWrittenBeforeTheHeadWasOnTheIndexGetItInBatchesAndAHeadFindsTheSameClientsBeforeAndAfter() {
        String text = "Старожил " + h.suffix;
        long a1s = client(h.token("a1"), text, null);
        long headAs = client(h.token("headA"), text + " второй", null);
        client(h.token("b1"), text + " чужой", null);
        indexer.catchUp(30);
        // this instance's indexer would run the pass in the background: held back as during an import
        indexer.duringImport(() -> {
            passFromTheStart(text, a1s, headAs);
            return null;
        });
    }

    private void passFromTheStart(String text, long a1s, long headAs) {
        // the index as an upgrade to V27 finds it: entries without heads, no index on them, a pass yet to run
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE client_trigrams SET head_id = NULL");
            st.executeUpdate("ALTER TABLE client_trigrams DROP INDEX ix_trigrams_head");
            st.executeUpdate("UPDATE trigram_heads_pass SET after_trigram = NULL, after_client = NULL, done = FALSE WHERE id = 1");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        trigramHeads.reload();
        double list = textPlans("list");
        assertEquals(List.of(a1s, headAs), search(h.token("headA"), text, "id"), "before the pass: the trigram's list");
        assertTrue(textPlans("list") > list, "a head's search read the trigram's list until the pass is done");

        int steps = 0;
        try (Connection c = dataSource.getConnection()) {
            while (trigramHeads.step(c, 500)) {
                steps++;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(steps > 1, "the pass took several batches, each resuming where the last stopped: " + steps);
        assertTrue(trigramHeads.done());
        assertEquals(1, countAll("SELECT COUNT(DISTINCT index_name) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " AND table_name = 'client_trigrams' AND index_name = 'ix_trigrams_head'"), "the head's index, built after the last entry");
        assertEquals(0, countAll("SELECT COUNT(*) FROM client_trigrams t JOIN clients c ON c.id = t.client_id WHERE NOT (t.head_id <=> c.head_id)"),
                "every entry carries its client's head");
        double ordered = textPlans("ordered");
        assertEquals(List.of(a1s, headAs), search(h.token("headA"), text, "id"), "after the pass: his range of the index");
        assertTrue(textPlans("ordered") > ordered);
    }

    private long countAll(String sql) {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientChangedByHandInSqlIsMarkedByThatStatementAndFoundByItsNewTextBeforeAndAfterIndexing() throws Exception {
        String token = h.token("a1");
        long id = client(token, "Cafe Renee " + h.suffix, null);
        indexer.catchUp(30);
        assertFalse(waitingForIndex(id));
        // equal in the column's collation, not in the index: an accent alone is a change of text
        executeWithText("UPDATE clients SET name = ? WHERE id = ?", "Café Renée " + h.suffix, id);
        assertTrue(waitingForIndex(id), "marked by the UPDATE itself");
        indexer.catchUp(30);
        executeWithText("UPDATE clients SET name = ? WHERE id = ?", "Кофейня " + h.suffix, id);
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            assertEquals(List.of(), search(token, "Renée " + h.suffix, "id"), "indexed: " + indexed);
            assertEquals(List.of(id), search(token, "Кофейня " + h.suffix, "id"), "indexed: " + indexed);
        }
    }

    @Test
    void aChangeThatLeavesNameValuesAndOwnerAsTheyWereMarksNothing() throws Exception {
        String token = h.token("a1");
        long id = client(token, "Неизменный " + h.suffix, "заметка");
        indexer.catchUp(30);
        as(token).delete("/api/v1/clients/" + id).then().statusCode(204);
        execute("UPDATE clients SET version = version + 1 WHERE id = ?", id);
        assertFalse(waitingForIndex(id), "the trash and a new version change no text");
    }

    @Test
    void aClientDeletedByHandInSqlLeavesTheIndex() throws Exception {
        String token = h.token("a1");
        long id = client(token, "Удалённый вручную " + h.suffix, null);
        indexer.catchUp(30);
        assertTrue(count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", id) > 0);
        execute("DELETE FROM clients WHERE id = ?", id);
        assertTrue(waitingForIndex(id), "marked by the DELETE itself");
        indexer.catchUp(30);
        assertEquals(0, count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", id));
        assertEquals(0, count("SELECT COUNT(*) FROM client_text_indexed WHERE client_id = ?", id));
    }

    @Test
    void aPurgedClientLeavesTheIndex() throws Exception {
        String admin = io.clientbase.support.Api.adminToken();
        long id = client(admin, "Уходящий " + h.suffix, "до свидания");
        indexer.catchUp(30);
        assertTrue(count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", id) > 0);
        as(admin).delete("/api/v1/clients/" + id).then().statusCode(204);
        as(admin).delete("/api/v1/clients/" + id + "?purge=true").then().statusCode(204);
        indexer.catchUp(30);
        assertEquals(0, count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", id));
        assertEquals(0, count("SELECT COUNT(*) FROM client_text_indexed WHERE client_id = ?", id));
        assertEquals(List.of(), search(admin, "Уходящий " + h.suffix, "id"));
    }

    @Test
    void aValueDocumentTheIndexerCannotReadDoesNotHoldUpTheOthers() throws Exception {
        String token = h.token("a1");
        long broken = client(token, "Сломанный " + h.suffix, "заметка");
        long fine = client(token, "Исправный " + h.suffix, "заметка");
        indexer.catchUp(30);
        String document = documentOf(broken);
        try {
            execute("UPDATE clients SET field_values = '{\"not-a-field-id\":\"x\"}' WHERE id = ?", broken);
            assertTrue(waitingForIndex(broken), "the update marked it");
            as(token).body(Map.of("name", "Исправный снова " + h.suffix)).patch("/api/v1/clients/" + fine).then().statusCode(200);
            indexer.catchUp(30);
            assertFalse(waitingForIndex(broken));
            assertFalse(waitingForIndex(fine));
            assertTrue(count("SELECT COUNT(*) FROM client_trigrams WHERE client_id = ?", broken) > 0, "indexed by its name");
        } finally {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("UPDATE clients SET field_values = ? WHERE id = ?")) {
                st.setString(1, document);
                st.setLong(2, broken);
                st.executeUpdate();
            }
        }
        assertEquals(List.of(fine), search(token, "Исправный снова " + h.suffix, "id"));
    }

    private void executeWithText(String sql, String text, long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, text);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    private void execute(String sql, long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }

    private String documentOf(long clientId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT field_values FROM clients WHERE id = ?")) {
            st.setLong(1, clientId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
