package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A head's list in id order or sorted by name or updatedAt, his trash and his export read his range
 * of the head indexes (V20, V23, V24): the head kept on each client and value row must follow every
 * change that moves a client into or out of his department, in the same transaction, or his lists
 * would miss clients or show clients he no longer sees. Every assertion compares the whole plain list,
 * walked page by page with cursors in both directions, the lists sorted by name, updatedAt or a
 * custom number, the list filtered by a number range and the export, with what the brief says the
 * head sees.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HeadRangeTest {

    private static final java.util.concurrent.atomic.AtomicInteger COMPANIES = new java.util.concurrent.atomic.AtomicInteger();
    /** A company of its own for each test, so that each head's list holds exactly what the test gave him. */
    private static Hierarchy h;

    /** A NUMBER field of the test's company that every client holds: a head's pages sorted or filtered by it read the head's value index (V24). */
    private static String rank;
    private static final java.util.concurrent.atomic.AtomicInteger RANKS = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void company() {
        h = Hierarchy.create("hrange" + COMPANIES.incrementAndGet());
        rank = "hr_rank_" + h.suffix;
        long section = asAdmin().body(Map.of("name", "Head range " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        rankId = asAdmin().body(Map.of("sectionId", section, "key", rank, "name", rank, "type", "NUMBER")).post("/api/v1/fields")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long rankId;

    /** A client of the test's company; its name holds the company's mark, which its free text searches. */
    private static long create(String who, String name, Long ownerId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", h.suffix + " " + name, "fields", Map.of(rank, RANKS.incrementAndGet() % 7)));
        if (ownerId != null) {
            body.put("ownerId", ownerId);
        }
        return as(h.token(who)).body(body).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The ids a caller's plain list gives, walked with pages of 2 in id order, checked against the same walk backwards. */
    private static Set<Long> listed(String who) {
        List<Long> up = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2), "/api/v1/clients"));
        List<Long> down = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("sort", "-id"), "/api/v1/clients"));
        assertEquals(up.stream().sorted().toList(), up, who + ": pages in id order");
        assertEquals(up.stream().sorted(Comparator.reverseOrder()).toList(), down, who + ": the same clients backwards");
        return new TreeSet<>(up);
    }

    private static Set<Long> trashed(String who) {
        return new TreeSet<>(ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("deleted", true), "/api/v1/clients")));
    }

    private static Set<Long> exported(String who) {
        String csv = as(h.token(who)).get("/api/v1/clients/export").then().statusCode(200).extract().asString();
        return Arrays.stream(csv.split("\r?\n")).skip(1).filter(line -> !line.isBlank())
                .map(line -> Long.parseLong(line.substring(0, line.indexOf(',')))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Long> ids(List<Map<String, Object>> items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(((Number) item.get("id")).longValue()));
        return ids;
    }

    @Inject
    TextIndexer indexer;

    private void sees(String who, Long... expected) {
        Set<Long> want = new TreeSet<>(List.of(expected));
        assertEquals(want, listed(who), who + "'s list");
        assertEquals(want, exported(who), who + "'s export");
        for (String sort : List.of("name", "-updatedAt", "field." + rank, "-field." + rank)) {
            // a head's pages by name or newest change read his range of the head's sort index (V23), by a number his range of the value index (V24)
            List<Long> sorted = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("sort", sort), "/api/v1/clients"));
            assertEquals(want, new TreeSet<>(sorted), who + "'s list by " + sort);
            assertEquals(want.size(), sorted.size(), who + "'s list by " + sort + ": each client once");
        }
        // a range filter reads the head's range of the value index for its candidates (V24)
        List<Long> ranged = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("field." + rank + ".gte", 0),
                "/api/v1/clients"));
        assertEquals(want, new TreeSet<>(ranged), who + "'s list in the range of " + rank);
        // free text reads a head's range of the trigram index (V27), whose head the indexer writes:
        // the same clients whether it has read the last change yet or not
        for (boolean indexed : List.of(false, true)) {
            if (indexed) {
                indexer.catchUp(30);
            }
            List<Long> up = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("q", h.suffix), "/api/v1/clients"));
            List<Long> down = ids(Pages.all(() -> as(h.token(who)).queryParam("limit", 2).queryParam("q", h.suffix).queryParam("sort", "-id"),
                    "/api/v1/clients"));
            assertEquals(List.copyOf(want), up, who + "'s free text, indexed: " + indexed);
            List<Long> backwards = new ArrayList<>(up);
            java.util.Collections.reverse(backwards);
            assertEquals(backwards, down, who + "'s free text backwards, indexed: " + indexed);
        }
        assertEquals(0, count("SELECT COUNT(*) FROM client_trigrams t JOIN clients c ON c.id = t.client_id"
                + " LEFT JOIN client_text_dirty x ON x.client_id = t.client_id WHERE x.client_id IS NULL AND NOT (t.head_id <=> c.head_id)"),
                "entries of the trigram index whose head is not their client's, unless the indexer has yet to read the client");
    }

    private long count(String sql) {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHeadsPlainListAndExportHoldExactlyHisDepartmentThroughEveryChangeOfOwnerOrManager() {
        long mover = h.add("mover", "EMPLOYEE", h.id("headA"));
        long own = create("headA", "own of headA", null);
        long a1s = create("a1", "of a1", null);
        long movers = create("mover", "of mover", null);
        long given = create("headA", "given to a2", h.id("a2"));
        long b1s = create("b1", "of b1", null);
        String csv = "name,ownerId," + rank + "\n" + h.suffix + " imported for a1," + h.id("a1") + ",3\n" + h.suffix + " imported for headA,,5\n";
        as(h.token("headA")).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(2));
        Set<Long> imported = new TreeSet<>(listed("headA"));
        imported.removeAll(Set.of(own, a1s, movers, given));
        assertEquals(2, imported.size(), "the two imported clients, created in the head's range");
        Long[] importedIds = imported.toArray(Long[]::new);

        sees("headA", own, a1s, movers, given, importedIds[0], importedIds[1]);
        sees("headB", b1s);

        // an employee reassigned: all his clients move to the other head's range, at once
        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        sees("headA", own, a1s, given, importedIds[0], importedIds[1]);
        sees("headB", b1s, movers);

        // a client given to another department's employee, then back
        asAdmin().body(Map.of("ownerId", h.id("b1"))).patch("/api/v1/clients/" + a1s).then().statusCode(200);
        sees("headA", own, given, importedIds[0], importedIds[1]);
        sees("headB", b1s, movers, a1s);
        asAdmin().body(Map.of("ownerId", h.id("a1"))).patch("/api/v1/clients/" + a1s).then().statusCode(200);

        // an employee left without a head: his clients leave the head's range; assigned again, they come back
        Map<String, Object> noManager = new HashMap<>();
        noManager.put("managerId", null);
        asAdmin().body(noManager).patch("/api/v1/users/" + mover).then().statusCode(200);
        sees("headB", b1s);
        sees("mover", movers);
        asAdmin().body(Map.of("managerId", h.id("headA"))).patch("/api/v1/users/" + mover).then().statusCode(200);
        sees("headA", own, a1s, movers, given, importedIds[0], importedIds[1]);

        // an employee deleted with his clients handed to another department's employee
        asAdmin().queryParam("reassignTo", h.id("b1")).delete("/api/v1/users/" + mover).then().statusCode(204);
        sees("headA", own, a1s, given, importedIds[0], importedIds[1]);
        sees("headB", b1s, movers);
    }

    @Test
    void aHeadsTrashIsHisRangeToo() {
        long kept = create("a2", "kept", null);
        long binned = create("a2", "binned", null);
        as(h.token("a2")).delete("/api/v1/clients/" + binned).then().statusCode(204);
        assertEquals(true, trashed("headA").contains(binned));
        assertEquals(false, listed("headA").contains(binned));
        assertEquals(true, listed("headA").contains(kept));
        assertEquals(Set.of(), trashed("headB").stream().filter(id -> id == binned || id == kept).collect(Collectors.toSet()));
        as(h.token("headA")).post("/api/v1/clients/" + binned + "/restore").then().statusCode(200);
        assertEquals(true, listed("headA").contains(binned));
    }

    @Test
    void aDeletedHeadsStaffLeaveHisRangeAndFollowTheirNextHead() {
        long head = h.add("gone", "ADMINISTRATION", null);
        long staff = h.add("orphan", "EMPLOYEE", head);
        long headsOwn = create("gone", "of the head who leaves", null);
        long staffs = create("orphan", "of his employee", null);
        sees("gone", headsOwn, staffs);
        asAdmin().queryParam("reassignTo", h.id("headC")).delete("/api/v1/users/" + head).then().statusCode(204);
        asAdmin().get("/api/v1/users/" + staff).then().statusCode(200).body("managerId", org.hamcrest.Matchers.nullValue());
        sees("headC", headsOwn);
        sees("orphan", staffs);
        asAdmin().body(Map.of("managerId", h.id("headC"))).patch("/api/v1/users/" + staff).then().statusCode(200);
        sees("headC", headsOwn, staffs);
    }
    /**
     * An owner's values are his head's range of the value index with the owner tested on each entry
     * (V30): a1 and a2 share headA's range, "free" and a second unassigned employee share the range of
     * no head with the ADMIN's clients. Each one's pages sorted by the number, both ways, and in a
     * range of it, hold his clients alone, in the order of the values; and so does the ADMIN's page of
     * one owner asked for. After a reassignment the entries follow the head and the pages stay whole.
     * So few clients are read whole by the search (ClientSql#sortsOwnersClients, #scansOwnersClients):
     * the statements of his head's range are run here too, each against the sort of his clients.
     */
    @Test
    void anOwnersPagesByANumberHoldHisClientsAloneInValueOrderAmongHisHeadsOrAmongTheHeadlessOnes() {
        long free2 = h.add("free2", "EMPLOYEE", null);
        Map<String, List<Long>> owned = new HashMap<>();
        for (String who : List.of("a1", "a2", "headA", "free", "free2", "admin")) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(create(who, who + " " + i, null));
            }
            owned.put(who, ids);
        }
        for (String who : List.of("a1", "free", "free2")) {
            assertSortedPagesHold(who, null, owned.get(who));
        }
        // the ADMIN's clients share the range of no head with free and free2 (his own list holds every other test's too)
        for (String owner : List.of("a2", "free2")) {
            assertSortedPagesHold("admin", h.id(owner), owned.get(owner));
        }
        asAdmin().body(Map.of("managerId", h.id("headA"))).patch("/api/v1/users/" + free2).then().statusCode(200);
        asAdmin().body(Map.of("managerId", h.id("headB"))).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
        for (String who : List.of("a1", "free2", "free")) {
            assertSortedPagesHold(who, null, owned.get(who));
        }
        assertSortedPagesHold("admin", h.id("free2"), owned.get("free2"));
        // whichever plan the search chose for so few clients, each plan serves them whole: his entries of
        // his head's range in value order and as range candidates (V30), and his clients sorted whole
        for (String who : List.of("a1", "a2", "free", "free2")) {
            assertEveryPlanHolds(h.id(who), owned.get(who));
        }
    }

    @Inject
    ClientStore store;

    private void assertEveryPlanHolds(long owner, List<Long> expected) {
        var schema = Schemas.of(Schemas.field(rankId, rank, io.clientbase.schema.FieldType.NUMBER));
        var scope = io.clientbase.access.OwnerScope.of(Set.of(owner));
        for (String sort : List.of("field." + rank, "-field." + rank)) {
            var query = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, sort, null, null, null, false, Map.of()), schema, 50);
            ClientSql.Statement inValueOrder = ClientSql.valuedFirst(query, scope);
            ClientSql.Statement sortedWhole = ClientSql.build(query, scope, List.of());
            List<Long> fromRange = store.query(inValueOrder.sql(), inValueOrder.params()).stream().map(Client::id).toList();
            List<Long> fromSort = store.query(sortedWhole.sql(), sortedWhole.params()).stream().map(Client::id).toList();
            assertEquals(new TreeSet<>(expected), new TreeSet<>(fromRange), owner + " by " + sort + ", his head's range");
            assertEquals(fromSort, fromRange, owner + " by " + sort + ": both plans in the same order");
        }
        var ranged = ClientListQuery.parse(new ClientListQuery.Parameters(null, null, null, null, null, null, false,
                Map.of("field." + rank + ".gte", List.of("0"))), schema, 50);
        long[] candidates = store.concatenatedIds(ClientSql.rangeCandidates(ranged, scope, ClientSql.rangeDriver(ranged), null, 1000));
        assertEquals(new TreeSet<>(expected), new TreeSet<>(Arrays.stream(candidates).boxed().toList()), owner + "'s range candidates");
    }

    /** {@code who}'s pages of 2 sorted by the number, both ways, and ranged on it: exactly {@code expected}, each in the order of the values, then of the ids. */
    private static void assertSortedPagesHold(String who, Long ownerId, List<Long> expected) {
        for (String sort : List.of("field." + rank, "-field." + rank)) {
            List<Map<String, Object>> items = Pages.all(() -> {
                var request = as(h.token(who)).queryParam("limit", 2).queryParam("sort", sort);
                return ownerId == null ? request : request.queryParam("ownerId", ownerId);
            }, "/api/v1/clients");
            assertEquals(new TreeSet<>(expected), new TreeSet<>(ids(items)), who + " by " + sort + " of " + ownerId);
            assertEquals(expected.size(), items.size(), who + " by " + sort + ": each client once");
            Comparator<Map<String, Object>> byValue = Comparator.comparingInt(item -> rankOf(item));
            Comparator<Map<String, Object>> order = sort.startsWith("-") ? byValue.reversed() : byValue;
            Comparator<Map<String, Object>> thenIds = order.thenComparingLong(item -> (sort.startsWith("-") ? -1 : 1) * ((Number) item.get("id")).longValue());
            assertEquals(items.stream().sorted(thenIds).map(item -> item.get("id")).toList(), items.stream().map(item -> item.get("id")).toList(),
                    who + " by " + sort + ": in the order of the values");
        }
        List<Long> ranged = ids(Pages.all(() -> {
            var request = as(h.token(who)).queryParam("limit", 2).queryParam("field." + rank + ".gte", 0).queryParam("field." + rank + ".lte", 6);
            return ownerId == null ? request : request.queryParam("ownerId", ownerId);
        }, "/api/v1/clients"));
        assertEquals(expected.stream().sorted().toList(), ranged, who + " in the range of " + rank);
    }

    @SuppressWarnings("unchecked")
    private static int rankOf(Map<String, Object> item) {
        return ((Number) ((Map<String, Object>) item.get("fields")).get(rank)).intValue();
    }

    @Inject
    DataSource dataSource;

    /** The writer gives each new value row its client's head (V26): a value a client gains later must carry it too. */
    @Test
    void aValueAClientGainsLaterByAPatchOrAnUpsertImportCarriesItsHeadAsTheClientRowHoldsIt() throws Exception {
        long patched = as(h.token("a1")).body(Map.of("name", h.suffix + " no rank yet")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long moved = as(h.token("a1")).body(Map.of("name", h.suffix + " no rank, moving")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String key = "ext-" + h.suffix;
        long upserted = as(h.token("a1")).body(Map.of("name", h.suffix + " no rank, imported later", "externalId", key)).post("/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("a1")).body(Map.of("fields", Map.of(rank, 4))).patch("/api/v1/clients/" + patched).then().statusCode(200);
        // the owner and the value change in one PATCH: the value takes the new owner's head
        asAdmin().body(Map.of("ownerId", h.id("b1"), "fields", Map.of(rank, 2))).patch("/api/v1/clients/" + moved).then().statusCode(200);
        String ndjson = "{\"externalId\":\"" + key + "\",\"name\":\"" + h.suffix + " no rank, imported later\",\"fields\":{\"" + rank + "\":6}}\n";
        as(h.token("a1")).contentType("application/x-ndjson; charset=UTF-8").queryParam("mode", "upsert")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/clients/import").then().statusCode(200)
                .body("updated", org.hamcrest.Matchers.equalTo(1));

        sees("headA", patched, upserted);
        sees("headB", moved);
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM client_values v JOIN clients c ON c.id = v.client_id WHERE NOT (v.head_id <=> c.head_id)")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "value rows whose head is not their client's, in the whole database");
        }
    }
}
