package io.clientbase.clients;

import io.clientbase.access.OwnerScope;
import io.clientbase.clients.ClientListQuery.Filter;
import io.clientbase.clients.ClientListQuery.Keyset;
import io.clientbase.clients.ClientListQuery.Sort;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ClientListQuery} and the caller's {@link OwnerScope} into the one SQL statement
 * behind a client list: the owner scope in the WHERE, filters and free text as EXISTS on the typed
 * value table, a keyset ORDER BY. One of these plans, chosen here and pinned with STRAIGHT_JOIN or FORCE INDEX:
 * <ul>
 * <li>equality-driven: a page in id order with an equality filter reads that filter's index, whose
 * matches come in client id order (V29, the owner on each entry), and stops after the page - in a
 * scope smaller than the table, unless the scope's own range of the value costs less, by the server's estimates of both
 * ({@link #equalityAsRange}, {@link #readsScopesRange}): then it is read like a range (below);</li>
 * <li>range-driven: a page in id order with a range filter reads the ids of the scope's clients in
 * that range from the value index, head first (V24, an owner's entries tested on each, V30), without their rows - when they are few
 * enough ({@link #rangeBudget}) - and then the rows of the first of them, in id order
 * ({@link #rangeCandidates}, {@link #pageAmong}); in one statement when the server estimates them
 * at few ({@link #rangeJoined});</li>
 * <li>matches sorted: a page in another order with an equality or range filter that holds for few of
 * the scope's clients, by the server's estimate ({@link #sortsMatches}), reads those matches from the
 * value index, joins their rows and sorts them ({@link #matchesSorted});</li>
 * <li>value-sorted: a page sorted by a custom field reads a head's department, or each
 * owner's clients, in the order of the value index and merges them ({@link #valuedFirst}), then the
 * clients without a value; a text by its key, its values too long for a key merged in;</li>
 * <li>text sorted: a page of free text in another order than id's reads every candidate of the text in
 * the scope's range of the trigram index when they are few, and sorts those that match
 * ({@link #textMatchesSorted});</li>
 * <li>text-driven: a page in id order with free text reads the trigram index (V9) for the text's
 * rarest trigrams, plus the clients the index has not read since they changed: for a head's
 * department or one owner, their range of the rarest trigram's entries (V27, V21), in id order,
 * window after window as candidates until the page is full ({@link #textWindow}, {@link #pageAmong});
 * for everyone, the trigram's list in id order;</li>
 * <li>head sorted: a head's page sorted by name, createdAt or updatedAt reads his range of the head's sort
 * index (V23, V32) in that order, every condition tested per row ({@link #headSorted});</li>
 * <li>owners merged: a page of another scope of owners sorted by name, createdAt or updatedAt reads each owner's
 * clients in the order of his sort index (V22, V32) and merges them ({@link #ownersMerged});</li>
 * <li>head range: a head's page in id order reads his clients' range of the head index (V20), the
 * department's clients in id order, every condition tested per row ({@link #readsHeadRange});</li>
 * <li>scan: the clients table in sort order, every condition tested per row; in id order from the
 * primary key when a range filter holds for too many clients of the scope to read them all.</li>
 * </ul>
 * Pure: no database, no CDI; unit-tested with the SQL and parameters each plan produces.
 */
final class ClientSql {

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> params) {
    }

    private ClientSql() {
    }

    /** The equality filter that drives the page, when the page is in id order and has one. */
    static Filter driver(ClientListQuery query) {
        // a few external ids name a few clients: their unique key (V15) beats any driver
        return query.sort().byId() && query.externalIds().isEmpty() ? query.filters().stream().filter(Filter::listsClientsInIdOrder).findFirst().orElse(null) : null;
    }

    /**
     * The field whose range filters drive the page from its value index: the first range filter of
     * a page in id order that no equality filter or external id drives, outside a sync (whose pages
     * the stable point bounds); null when there is none.
     */
    static Field rangeDriver(ClientListQuery query) {
        if (!query.sort().byId() || driver(query) != null || !query.externalIds().isEmpty() || query.updatedSince() != null) {
            return null;
        }
        return query.filters().stream().filter(Filter::isRange).map(Filter::field).findFirst().orElse(null);
    }

    /**
     * The field of the equality that a page reads first as a range of one value in its scope's range
     * of the value index (V19, V24; V28 holds the checkbox and the text key after the other typed
     * columns), as it does a range: the scope's matches alone, index entries like the value's own.
     * The value's entries in id order ({@link #driver}) read the whole table's until a page of the
     * scope's is met, every one for a scope that holds few: an employee with 3 clients filtering on a
     * city of 1 % read its 10,013 entries among 1,000,000 clients. A page in id order that no external
     * id drives, of a scope smaller than the table (not everyone's, unless one owner is asked for),
     * outside a sync. The value's entries drive when their estimates say they cost less
     * ({@link #readsScopesRange}), or when the scope holds more matches than the range plan reads.
     * Not for a head's own list: his department's entries of the value are in id order in his range
     * of the head's value index ({@link #readsHeadsValueEntries}), so a page reads a page of them.
     */
    static Field equalityAsRange(ClientListQuery query, OwnerScope scope) {
        Filter driver = driver(query);
        boolean smallerThanTheTable = !scope.everyone() || query.ownerId() != null;
        boolean headsWholeList = scope.head() != null && query.ownerId() == null;
        return driver != null && smallerThanTheTable && !headsWholeList && query.updatedSince() == null ? driver.field() : null;
    }

    /**
     * Whether an equality's entries are read from the head's range of the head's value index (V30:
     * field, head, the value columns, then the client id) rather than from the value's entries of the
     * whole table (V29): past the head and the one value both lists are in client id order, and his
     * holds his department's alone. On 1,000,000 clients a head's page of city42 read ~1,073 of the
     * table's entries to meet 51 of his, or his 476 matches through the range plan; on 200,000
     * clients it read 359 rows, 114 from his list (bench d2, 1,167-1,292 to 1,917-2,012 req/s).
     */
    static boolean readsHeadsValueEntries(OwnerScope scope, Filter driver) {
        return driver != null && scope.head() != null;
    }

    /**
     * Whether an equality reads the scope's range of its value ({@link #equalityAsRange}), estimated
     * to hold {@code scopeMatches}, rather than the value's {@code valueEntries} in id order: these
     * meet a page after limit / (the scope's share of them) entries, at most all of them, each tested
     * for the scope's owners on the entry (V29). The range plan costs a second statement and the ids'
     * round trip ({@value #RANGE_PLAN_COST} entries' worth), and each match
     * {@value #RANGE_MATCH_COST}: read, sent as text, sorted, and up to a page of them read by id.
     * Measured on 1,000,000 clients: the new department's head, none of whose clients hold
     * b_num1 = 42, answered in 0.88 ms p50 from his empty range and in 1.61 ms from the value's 1,013
     * entries (bench h13); a head's 476 matches of city42 took 3.4 ms p50 against 2.5 for the
     * value's ~1,073 entries (bench d2).
     */
    static boolean readsScopesRange(int limit, long scopeMatches, long valueEntries) {
        return readsScopesRange(limit, scopeMatches, scopeMatches, valueEntries);
    }

    /**
     * The same for a range that holds {@code rangeEntries}, of which the scope's are {@code scopeMatches}:
     * one owner's range is his head's (V30), each entry tested for him, an entry's worth each.
     */
    static boolean readsScopesRange(int limit, long rangeEntries, long scopeMatches, long valueEntries) {
        return scopesRangeCost(rangeEntries, scopeMatches) < valueEntriesInIdOrderCost(limit, scopeMatches, valueEntries);
    }

    /** The range plan's cost: its statements, each entry of the range not the scope's, and each match. */
    private static double scopesRangeCost(long rangeEntries, long scopeMatches) {
        return RANGE_PLAN_COST + Math.max(0, rangeEntries - scopeMatches) + RANGE_MATCH_COST * scopeMatches;
    }

    /** The entries of a value read in id order until a page of the scope's matches is met, at most all of them. */
    private static double valueEntriesInIdOrderCost(int limit, long scopeMatches, long valueEntries) {
        return Math.min(valueEntries, (limit + 1.0) * valueEntries / Math.max(scopeMatches, 1));
    }

    static final int RANGE_PLAN_COST = 500;
    static final int RANGE_MATCH_COST = 4;

    /**
     * Whether one owner's equality reads his live clients in id order, each tested
     * ({@link #ownersClientsInIdOrder}), rather than his head's range of the value ({@code rangeEntries},
     * his {@code scopeMatches} among them) or the value's {@code valueEntries} in id order: the scan
     * meets a match every headRows / rangeEntries of his clients, each {@value #OWNERS_ROW_COST}
     * entries' worth. A checkbox holds half a department's clients: on 200,000 clients an employee's
     * page of b_flag = true read his department's 5,841 entries of it to keep his, where ~102 of his
     * 476 clients make a page; a city of 1 % still reads its few entries of his department.
     */
    static boolean scansOwnersEquality(int limit, long ownerRows, long headRows, long rangeEntries, long scopeMatches, long valueEntries) {
        double scan = OWNERS_ROW_COST * Math.min(ownerRows, (limit + 1.0) * headRows / Math.max(rangeEntries, 1));
        return scan < scopesRangeCost(rangeEntries, scopeMatches) && scan < valueEntriesInIdOrderCost(limit, scopeMatches, valueEntries);
    }

    /**
     * One owner's page in id order read from his live clients of the owner index, every filter tested on
     * each row (its value rows joined), the equality too ({@link #scansOwnersEquality}).
     */
    static Statement ownersClientsInIdOrder(ClientListQuery query, OwnerScope scope, long owner) {
        return ownersClientsInIdOrder(query, scope, owner, null);
    }

    /** The same, for a sync page too ({@link #build(ClientListQuery, OwnerScope, List, java.time.Instant)}). */
    private static Statement ownersClientsInIdOrder(ClientListQuery query, OwnerScope scope, long owner, java.time.Instant syncBefore) {
        Conditions where = conditions(scope, query, filter -> false, syncBefore, true);
        String dir = query.sort().descending() ? " DESC" : " ASC";
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM clients c FORCE INDEX (ix_clients_owner)")
                .append(where.joins()).append(" WHERE c.owner_id = ").append(owner).append(" AND ");
        where.appendTo(sql, params);
        if (query.after() != null) {
            sql.append(" AND c.id").append(query.sort().descending() ? " < ?" : " > ?");
            params.add(query.after().id());
        }
        sql.append(" ORDER BY c.id").append(dir).append(" LIMIT ").append(query.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /**
     * The server's estimate (column {@code rows}) of the entries an equality reads in the whole table
     * in id order ({@link #driver}): its value's list in the value index (V29).
     */
    static Statement valueEntriesEstimate(Filter equality) {
        String column = equality.indexedColumn();
        StringBuilder sql = new StringBuilder("EXPLAIN SELECT 1 FROM client_values d FORCE INDEX (").append(VALUE_INDEX)
                .append(") WHERE d.field_id = ").append(equality.field().id).append(" AND d.").append(column).append(" = ?");
        appendOtherColumnsNull(sql, VALUE_COLUMNS, column);
        return new Statement(sql.toString(), List.of(equality.value()));
    }

    /**
     * How many clients in range a page may read from the value index before the scan in id order is
     * the cheaper plan. Reading m index entries costs about m / {@value #INDEX_ENTRIES_PER_ROW} client
     * rows; the scan walks {@code scannedRows} (the table, or a head's range of the head index) and
     * reads page / (m / scannedRows) of them to meet a page of matches. They cost the same at
     * m = sqrt(page x scannedRows x {@value #INDEX_ENTRIES_PER_ROW}): 3,190 for a page of 50 among
     * 200,000 clients, 7,140 among 1,000,000, 22,600 among 10,000,000; 1,600 for a head's 50,000.
     */
    static int rangeBudget(int limit, long scannedRows) {
        double even = Math.sqrt((limit + 1.0) * Math.max(scannedRows, 1) * INDEX_ENTRIES_PER_ROW);
        return (int) Math.max(MIN_RANGE_BUDGET, Math.min(MAX_RANGE_BUDGET, even));
    }

    /**
     * Index entries read for the cost of one client row the scan reads and tests: measured on the
     * benchmark's 200,000 clients, a head's range read 1,764 entries in 0.8-1.2 ms with their ids
     * collected, and the scan read 1,287 rows and tested 144 of them in 0.8 ms (best of 250 each).
     */
    static final int INDEX_ENTRIES_PER_ROW = 1;
    static final int MIN_RANGE_BUDGET = 1_000;
    static final int MAX_RANGE_BUDGET = 50_000;

    /**
     * How many of the scope's clients have their value of {@code field} in the range, after
     * {@code after} in the page's order, counting at most {@code budget} + 1 (more than the budget:
     * the scan serves the page), and their ids, comma-separated in no order:
     * {@code SELECT matches, ids}. Read from the value index alone: head first for a department, an
     * owner's head's with the owner tested on each entry (V30) for a scope of owners, the field's value index for everyone. The rows decide later ({@link #pageAmong}).
     * One row of text, not a row per id, nor sorted in the statement: 1,764 ids as rows took 1.8 ms,
     * sorted and counted with a window function 1.1 ms, concatenated 0.8 ms.
     */
    static Statement rangeCandidates(ClientListQuery query, OwnerScope scope, Field field, Long after, int budget) {
        Statement entries = rangeEntries(query, scope, field, after);
        // room for every id (up to 19 digits and a comma); no index dives into the owners' ranges
        String sql = "SET STATEMENT group_concat_max_len = " + 20L * (budget + 1) + ", eq_range_index_dive_limit = 1 FOR"
                + " SELECT COUNT(*), GROUP_CONCAT(x.client_id) FROM (" + entries.sql() + " LIMIT " + (budget + 1) + ") x";
        return new Statement(sql, entries.params());
    }

    /**
     * How many entries of the value index {@link #rangeCandidates} would read with no budget, as the
     * server estimates it from the two ends of the range (InnoDB's records_in_range: two dives, no
     * entry read between them). For a head's department (V24) or everyone, the range is the scope's
     * own; the statement's {@code rows} is the estimate.
     */
    static Statement rangeEstimate(ClientListQuery query, OwnerScope scope, Field field) {
        Statement entries = rangeEntries(query, scope, field, null);
        return new Statement("EXPLAIN " + entries.sql(), entries.params());
    }

    /**
     * Whether the range's estimate ({@link #rangeEstimate}) is worth its round trip before counting
     * the candidates: when the scope holds more clients than {@link #RANGE_ESTIMATE_MARGIN} budgets,
     * and is read as one range of the index (a department, everyone, one owner).
     */
    static boolean estimatesRange(ClientListQuery query, OwnerScope scope, java.util.function.LongSupplier scopeRows, int budget) {
        return readsOneRange(query, scope) && scopeRows.getAsLong() > (long) RANGE_ESTIMATE_MARGIN * budget;
    }

    /** Whether the page's entries of the value index are one range of it: a department, everyone's, one owner's (asked for, or the scope's only one). */
    private static boolean readsOneRange(ClientListQuery query, OwnerScope scope) {
        return query.ownerId() != null || scope.everyone() || scope.head() != null || scope.owners().size() == 1;
    }

    /** How many budgets a scope must hold for a range's estimate to be worth its round trip ({@link #estimatesRange}). */
    static final int RANGE_ESTIMATE_MARGIN = 3;

    /**
     * Whether a range the server estimates at {@code estimate} entries goes to the scan without
     * counting its candidates: when the scan's worst loss, should the range hold only
     * 1/{@value #ESTIMATE_ERROR} of its estimate (counting would have served the page), is no more
     * than counting's worst loss, should the estimate be right (the scan would have met a page
     * sooner, or the count would have given up at the budget and scanned after all). Costs as in
     * {@link #rangeBudget}: the count reads its matches up to the budget, the scan (limit + 1) x
     * scannedRows / matches rows. A head's range over 19 % of his 5,000 clients (estimate 885, exact)
     * was counted whole: 1,937 rows a page, where the scan reads ~290 (counting and reading the page
     * among the candidates 1.3 ms against 0.65 ms for the scan, statement by statement).
     */
    static boolean scansUncounted(int limit, long scannedRows, long estimate) {
        double toAPage = (limit + 1.0) * Math.max(scannedRows, 1) * INDEX_ENTRIES_PER_ROW;
        int budget = rangeBudget(limit, scannedRows);
        double fewest = Math.max((double) estimate / ESTIMATE_ERROR, 1);
        double most = Math.max(estimate, 1);
        double scansLoss = fewest > budget ? 0 : toAPage / fewest - fewest;
        double countsLoss = most > budget ? budget : most - toAPage / most;
        return scansLoss <= countsLoss;
    }

    /**
     * How far above the true count InnoDB's estimate of a range may be: it doubles what it
     * extrapolates over a range of many pages, and counts a range of a few pages exactly. On
     * 100,000 clients: a head's range of 885 entries estimated 885, everyone's of 19,004 estimated 37,584.
     */
    static final int ESTIMATE_ERROR = 2;

    /** The entries of the value index in the scope (one owner's when the page asks for one) and in the range, after {@code after}. */
    private static Statement rangeEntries(ClientListQuery query, OwnerScope scope, Field field, Long after) {
        RangeEntries entries = rangeEntriesOf(query, scope, field, after);
        return new Statement("SELECT d.client_id FROM " + entries.table() + " WHERE " + entries.where(), entries.params());
    }

    /**
     * The page of a range whose candidates the server estimates at few ({@link #joinsCandidates}): the
     * scope's entries in the range ({@link #rangeEntries}, all of them: no budget cuts them short, so
     * no page is ever left empty by candidates it did not read), sorted by client id and joined to
     * their rows by primary key in that order, every condition tested per row, stopping after
     * {@code limit}. One statement where counting the candidates and reading the page took two, and
     * the range is not tested again on the row: the entry read in the same statement holds its value.
     * A head's 0.1 % on 1,000,000 clients (bench h3, 53 entries) took 0.42 ms against 0.81 ms for the
     * count and the page (0.60 ms with the range tested again per row; 2,000 runs each, round trip
     * included); through the API h3 and an employee's 1 % (h17) served 42 % more pages, and an
     * employee's page his department's entries leave empty 9 % fewer (h14: the join's planning, where
     * the count alone answered it).
     */
    static Statement rangeJoined(ClientListQuery query, OwnerScope scope, Field field, Long after, int limit) {
        RangeEntries entries = rangeEntriesOf(query, scope, field, after);
        // the entry holds the value its bounds or key select, read in the same statement as the row
        Conditions conditions = conditions(scope, query, filter -> answersExactly(filter, field), null, true);
        List<Object> params = new ArrayList<>(entries.params());
        String dir = query.sort().descending() ? " DESC" : " ASC";
        // the entries first, in the order of their ids, each joined to its row: the optimizer may not
        // start from the rows in id order, the scan this plan exists to avoid
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM ").append(entries.table())
                .append(" STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id").append(conditions.joins())
                .append(" WHERE ").append(entries.where()).append(" AND ");
        conditions.appendTo(sql, params);
        sql.append(" ORDER BY d.client_id").append(dir).append(" LIMIT ").append(limit);
        return new Statement(sql.toString(), params);
    }

    /**
     * Whether a range's page is read in one statement ({@link #rangeJoined}) rather than by counting
     * its candidates up to the budget first: when the server's estimate of the range was asked and
     * holds at most a {@value #ESTIMATE_ERROR}th of the budget, so that the range read whole stays
     * within the budget should the estimate be that far below the truth.
     */
    static boolean joinsCandidates(int budget, Long estimate) {
        return estimate != null && (long) ESTIMATE_ERROR * estimate <= budget;
    }

    /**
     * The field whose filter a page in another order than id's reads first ({@link #matchesSorted}):
     * its first equality whose key holds the whole value, else its first range. None for a page in id
     * order (the range plans' and the equality's), of external ids (their unique key names a few
     * clients), of a sync (read in the order of changes), or of a scope that is not one range of the
     * value index (a department, everyone, one owner): its estimate is then one range too.
     */
    static Field sortedMatchesField(ClientListQuery query, OwnerScope scope) {
        if (query.sort().byId() || !query.externalIds().isEmpty() || query.updatedSince() != null || !readsOneRange(query, scope)) {
            return null;
        }
        return query.filters().stream().filter(Filter::listsClientsInIdOrder).map(Filter::field).findFirst()
                .or(() -> query.filters().stream().filter(Filter::isRange).map(Filter::field).findFirst())
                .orElse(null);
    }

    /**
     * Whether a page in another order reads its filter's matches in the scope and sorts them
     * ({@link #matchesSorted}) rather than read the scope's {@code scopeRows} clients in the sort's order
     * until a page of matches is met. The matches cost the range's {@code entries} (the server's
     * estimate) and, for each of the scope's own, a row or a sort value read by its key
     * ({@value #MATCH_COST} entries' worth): all of them when the range holds the scope's own entries
     * ({@code departmentRows} null), one owner's share of his department's ({@code departmentRows}
     * clients) for his. The order meets a match every scopeRows / matches clients, each a row read and
     * its filter tested ({@value #OWNERS_ROW_COST} entries' worth), up to the whole scope. The matches are
     * read while they cost at most {@value #SORT_ORDER_RISK} times that: their cost is known within the
     * estimate's error, the order's only if the filter and the sort are unrelated. On 10,000,000 clients
     * (2026-12-07) a head's city sorted by a number read 64,697 rows in that order for a page (212 ms)
     * where an even spread meets one in ~5,300, and an employee's 1 % range by -updatedAt 10,080 (55 ms)
     * for his 236 matches, his department's 4,994 entries having been priced as rows. A scope of its own
     * range whose every client costs no more than a page read in its order is sorted whole without
     * asking the estimate.
     */
    static boolean sortsMatches(int limit, long scopeRows, java.util.function.LongSupplier departmentRows,
            java.util.function.LongSupplier entries) {
        double aPageInOrder = (double) OWNERS_ROW_COST * Math.min(scopeRows, limit + 1L);
        if (departmentRows == null && scopeRows * (1.0 + MATCH_COST) <= SORT_ORDER_RISK * aPageInOrder) {
            return true;
        }
        double estimated = Math.max(entries.getAsLong(), 1);
        double matches = scopesMatches(scopeRows, departmentRows, estimated);
        double readingInOrder = OWNERS_ROW_COST * Math.min(scopeRows, (limit + 1.0) * scopeRows / matches);
        return readingMatches(estimated, matches) <= SORT_ORDER_RISK * readingInOrder;
    }

    /** The scope's own of a range's {@code entries}: all when the range is the scope's, one owner's share of his department's. */
    private static double scopesMatches(long scopeRows, java.util.function.LongSupplier departmentRows, double entries) {
        double share = departmentRows == null ? 1.0 : Math.min(1.0, (double) scopeRows / Math.max(departmentRows.getAsLong(), 1));
        return Math.max(entries * share, 1);
    }

    /** What reading the matches costs, in index entries: the range's, and a row or sort value by key for each of the scope's. */
    private static double readingMatches(double entries, double matches) {
        return entries + MATCH_COST * matches;
    }

    /**
     * What a page that {@link #sortsMatches} sent to the sort's order may examine there (the server's
     * {@code LIMIT ... ROWS EXAMINED}: rows read and probed) before it gives up for its filter's matches
     * ({@link #matchesSorted}): the clients that cost what the matches would ({@value #OWNERS_ROW_COST}
     * entries' worth each), {@value #ROWS_EXAMINED_PER_CLIENT} rows examined each (its row, its filter's
     * value), at least a page's. The choice assumed the filter and the sort unrelated; a filter whose matches
     * come last in the sort's order was read through the whole scope: a head's 1,800 clients of 10,017 (on
     * 200,000), the newest, read oldest first examined 16,536 rows (28 ms in the server) where their matches
     * examine 5,604 (4.7 ms). Such a page now costs at most twice what its matches do.
     */
    static long sortOrderRowsExamined(int limit, long scopeRows, java.util.function.LongSupplier departmentRows, long entries) {
        double estimated = Math.max(entries, 1);
        double clients = readingMatches(estimated, scopesMatches(scopeRows, departmentRows, estimated)) / OWNERS_ROW_COST;
        return (long) Math.ceil(ROWS_EXAMINED_PER_CLIENT * Math.max(clients, limit + 1.0));
    }

    /** Rows the server counts as examined for each client the sort's order reads: its row and its filter's value (16,536 for 8,268 clients). */
    static final int ROWS_EXAMINED_PER_CLIENT = 2;

    /**
     * {@code sql} stopped by the server once it has examined {@code rows} rows: its own final LIMIT given
     * {@code ROWS EXAMINED}, or {@code LIMIT ROWS EXAMINED} alone when its last clause is an ORDER BY of rows
     * a derived table already limited; as it is when no bound is asked.
     */
    static String examiningAtMost(String sql, Long rows) {
        if (rows == null) {
            return sql;
        }
        return sql + (FINAL_LIMIT.matcher(sql).find() ? " ROWS EXAMINED " : " LIMIT ROWS EXAMINED ") + rows;
    }

    /** A LIMIT that ends the statement: its top level's (one inside a derived table is followed by its parenthesis). */
    private static final java.util.regex.Pattern FINAL_LIMIT = java.util.regex.Pattern.compile(" LIMIT \\d+$");

    /**
     * Entries of a range read for the cost of one match the sorted plan reads: its row or its sort value
     * by primary key, against {@value #OWNERS_ROW_COST} for a client read in the sort's order, which
     * also probes the filter's value. On 10,000,000 clients (2026-12-07, the server's CPU per page): a
     * head's 4,762 matches of a city 11.0 ms, 2.3 µs each; in the order, 3.1 µs a client (the city, 99.5 ms
     * for 32,349) and 4.1 µs (an employee's range by -updatedAt, 20.8 ms for 5,040): 0.56-0.74 of one.
     */
    static final int MATCH_COST = 5;

    /**
     * How many times what reading the scope in the sort's order would cost (filter and sort unrelated) the
     * matches may cost: twice for InnoDB's estimate of a range, which ran up to twice the true count
     * ({@link #ESTIMATE_ERROR}), and twice for a sort that meets the filter's matches late.
     */
    static final int SORT_ORDER_RISK = 4;

    /**
     * A page in another order than id's of a filter that holds for few of the scope's clients
     * ({@link #sortsMatches}): the scope's entries of the filter ({@link #rangeEntries}, the range or
     * the equality not tested again on the row), each joined to its row and tested for the rest,
     * sorted as ids and sort values, and only the page's rows read again; by a custom field, sorted
     * before any row is read ({@link #matchesSortedByValue}). Reads the matches, however far apart in
     * the sort's order: a head's page by name of a range holding 0.1 % of his 50,000 clients read them
     * all in name order (123 ms in the server on 1,000,000 clients) and now its 53 matches (0.75 ms);
     * his 476 clients of a city 20 ms and now 2 ms.
     */
    static Statement matchesSorted(ClientListQuery query, OwnerScope scope, Field field) {
        Sort sort = query.sort();
        if (sort.custom()) {
            return matchesSortedByValue(query, scope, field);
        }
        String dir = sort.descending() ? " DESC" : " ASC";
        RangeEntries entries = rangeEntriesOf(query, scope, field, null);
        Conditions conditions = conditions(scope, query, filter -> answersExactly(filter, field), null, true);
        List<Object> params = new ArrayList<>(entries.params());
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM (SELECT c.id AS id, ").append(sort.column())
                .append(" AS sort_value FROM ").append(entries.table())
                .append(" STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id").append(conditions.joins())
                .append(" WHERE ").append(entries.where()).append(" AND ");
        conditions.appendTo(sql, params);
        if (query.after() != null) {
            appendKeyset(sql, params, sort, query.after());
        }
        // whole rows sorted would carry their value documents (TEXT) through the sort: ids and values only
        sql.append(" ORDER BY ").append(sort.column()).append(dir).append(", c.id").append(dir)
                .append(" LIMIT ").append(query.limit() + 1)
                .append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY top.sort_value")
                .append(dir).append(", top.id").append(dir);
        return new Statement(sql.toString(), params);
    }

    /**
     * {@link #matchesSorted} by a custom field's value, which the client's row does not hold: the
     * matches' entries, each with its sort value (its value row by primary key), are sorted first,
     * without their rows; then the rows are read in that order, every condition tested on each
     * (the scope, the trash, the other filters), until a page is met. Clients without a value of the
     * field come last, in id order, in either direction, as {@link #withoutValue} lists them. A head's
     * 476 clients of a city by a custom number (bench h21, 1,000,000 clients) read and tested each
     * match's row before the sort: 3.7-3.9 ms a statement, 1.7-2.1 ms now, 51 rows read.
     */
    private static Statement matchesSortedByValue(ClientListQuery query, OwnerScope scope, Field field) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        RangeEntries entries = rangeEntriesOf(query, scope, field, null);
        Conditions conditions = conditions(scope, query, filter -> answersExactly(filter, field), null, true);
        List<Object> params = new ArrayList<>(entries.params());
        StringBuilder sql = new StringBuilder(SORTED_BEFORE_THE_ROWS).append("SELECT c.* FROM (SELECT d.client_id AS id, ")
                .append(sort.column()).append(" AS sort_value FROM ").append(entries.table())
                .append(" LEFT JOIN client_values sv FORCE INDEX (PRIMARY) ON sv.client_id = d.client_id AND sv.field_id = ")
                .append(sort.field().id).append(" WHERE ").append(entries.where());
        if (query.after() != null) {
            appendKeyset(sql, params, sort, query.after(), "d.client_id");
        }
        // the rows after the sort: the server sorts the derived table alone, then joins row after row until the LIMIT
        sql.append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id").append(conditions.joins()).append(" WHERE ");
        conditions.appendTo(sql, params);
        sql.append(" ORDER BY (top.sort_value IS NULL), top.sort_value").append(dir).append(", top.id").append(dir)
                .append(" LIMIT ").append(query.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /**
     * {@link #PER_ROW_EXISTS}, and a derived table kept as one ({@code derived_merge=off}): merged into
     * the statement, its entries and values would be joined to every row before a sort over all of them.
     */
    private static final String SORTED_BEFORE_THE_ROWS =
            "SET STATEMENT optimizer_switch = 'exists_to_in=off,derived_merge=off', eq_range_index_dive_limit = 1 FOR ";

    /** Whether the range's entries of {@code field} select exactly the clients {@code filter} keeps: its bounds, or a key that holds the whole value. */
    private static boolean answersExactly(Filter filter, Field field) {
        return filter.field() == field && (filter.isRange() || filter.listsClientsInIdOrder());
    }

    /**
     * The entries of {@link #rangeEntries}: {@code table} the value index read ({@code client_values d
     * FORCE INDEX (…)}), {@code where} the conditions on its entries, apart so that a statement can
     * join the rows between them ({@link #rangeJoined}).
     */
    private record RangeEntries(String table, String where, List<Object> params) {
    }

    private static RangeEntries rangeEntriesOf(ClientListQuery query, OwnerScope scope, Field field, Long after) {
        String column = ClientListQuery.indexedColumn(field.type);
        List<Object> params = new ArrayList<>();
        if (query.ownerId() != null) {
            // one owner's clients narrow the candidates; the scope still decides on the rows (pageAmong)
            scope = OwnerScope.of(java.util.Set.of(query.ownerId()));
        }
        // everyone's values of the field are one range of the value index (V29), a head's department one
        // of the head's value index (V24), an owner's his head's range tested for him (V30)
        String table = "client_values d FORCE INDEX (" + (scope.everyone() ? VALUE_INDEX : HEAD_RANGE) + ")";
        StringBuilder inner = new StringBuilder("d.field_id = ").append(field.id);
        if (!scope.everyone()) {
            inner.append(" AND ").append(scope.head() != null ? "d.head_id = " + scope.head()
                    : scope.owners().stream().sorted().map(ClientSql::ownersEntries).collect(java.util.stream.Collectors.joining(" OR ", "(", ")")));
        }
        // the columns ahead of this one in the index hold NULL for this field's rows: naming them makes the range reach it
        for (String before : VALUE_COLUMNS) {
            if (before.equals(column)) {
                break;
            }
            inner.append(" AND d.").append(before).append(" IS NULL");
        }
        for (Filter filter : query.filters()) {
            // the bounds, or the value an equality's key answers exactly; the rows decide on the others (pageAmong)
            if (answersExactly(filter, field)) {
                inner.append(" AND d.").append(column).append(' ').append(filter.op()).append(" ?");
                params.add(filter.value());
            }
        }
        if (after != null) {
            inner.append(" AND d.client_id").append(query.sort().descending() ? " < ?" : " > ?");
            params.add(after);
        }
        return new RangeEntries(table, inner.toString(), params);
    }

    /**
     * Clients of a scope waiting for the text indexer that a page of free text reads as candidates
     * besides the scope's range of the trigram index ({@link #textWindow}): they are read in no
     * order, each by its row. An import's backlog beyond it sends the page to the trigram's list in
     * id order ({@link #build}), which tests the marked clients per row until the indexer has read them.
     */
    static final int TEXT_BUDGET = 1_000;

    /**
     * Whether free text reads its scope's entries of the rarest trigram as one index range in client
     * id order ({@link #textWindow}): a page in id order with text for a head's department (V27), or
     * one owner's clients - asked for, or the only owner of the scope (V21). A page stops reading when
     * it is full. Not for everyone, whose list in id order ({@link #build}) stops after a page; not
     * for a sync page, which reads in the order of changes up to its stable point; not for a head
     * until every entry carries its head ({@code headsIndexed}, {@link TrigramHeads}).
     */
    static boolean readsTrigramsInOrder(ClientListQuery query, OwnerScope scope, boolean headsIndexed) {
        return wantsTrigrams(query) && !scope.everyone() && query.updatedSince() == null
                && (query.ownerId() != null || (scope.head() != null && headsIndexed) || scope.owners().size() == 1);
    }

    /**
     * The entries of a trigram that free text reads for a scope, as one range of an index: a head's
     * department (V27), one owner's clients (V21), or - {@code column} null - the trigram's whole list.
     * The text's trigrams are ranked by the size of this range ({@link #trigramEstimates}), since the
     * rarest one in it is the one whose entries a page reads.
     */
    record TrigramRange(String index, String column, Long id) {
        static final TrigramRange LIST = new TrigramRange("PRIMARY", null, null);
    }

    /** The range a page of free text reads ({@link #readsTrigramsInOrder}), else the trigram's whole list. */
    static TrigramRange trigramRange(ClientListQuery query, OwnerScope scope, boolean headsIndexed) {
        if (!readsTrigramsInOrder(query, scope, headsIndexed)) {
            return TrigramRange.LIST;
        }
        if (query.ownerId() == null && scope.head() != null) {
            return new TrigramRange("ix_trigrams_head", "head_id", scope.head());
        }
        return new TrigramRange("ix_trigrams_owner", "owner_id", query.ownerId() != null ? query.ownerId() : scope.owners().iterator().next());
    }

    /**
     * The range of the trigram index that holds the candidates of free text in a page sorted otherwise
     * than by id ({@link #textMatchesSorted}): a head's department (V27), one owner's clients (V21), or
     * everyone's whole list; null for another scope of owners, a sync page, external ids, or a head
     * before every entry carries its head.
     */
    static TrigramRange sortedTextRange(ClientListQuery query, OwnerScope scope, boolean headsIndexed) {
        if (query.q() == null || query.sort().byId() || query.updatedSince() != null || !query.externalIds().isEmpty()) {
            return null;
        }
        if (query.ownerId() != null) {
            return new TrigramRange("ix_trigrams_owner", "owner_id", query.ownerId());
        }
        if (scope.everyone()) {
            return TrigramRange.LIST;
        }
        if (scope.head() != null) {
            return headsIndexed ? new TrigramRange("ix_trigrams_head", "head_id", scope.head()) : null;
        }
        return scope.owners().size() == 1 ? new TrigramRange("ix_trigrams_owner", "owner_id", scope.owners().iterator().next()) : null;
    }

    /**
     * A page of free text sorted otherwise than by id, among {@code ids} - every candidate of the text in
     * the scope's range of the trigram index and its clients waiting for the indexer ({@link #textWindow}) -
     * each read by its key and tested for every condition, the text's LIKE included, sorted as ids and
     * sort values, and only the page's rows read again. Read in the sort's order instead, each row tested,
     * a text held by one client read the whole scope: on 200,000 clients everyone's page by name
     * 3,179,543 rows (1.4 s), a head's by a custom number 546,561.
     */
    static Statement textMatchesSorted(ClientListQuery query, OwnerScope scope, long[] ids) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        Conditions where = conditions(scope, query, filter -> false, null, true);
        List<Object> params = new ArrayList<>();
        StringBuilder b = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM (SELECT c.id AS id, ").append(sort.column())
                .append(" AS sort_value FROM clients c FORCE INDEX (PRIMARY)").append(where.joins());
        if (sort.custom()) {
            b.append(" LEFT JOIN client_values sv FORCE INDEX (PRIMARY) ON sv.client_id = c.id AND sv.field_id = ").append(sort.field().id);
        }
        b.append(" WHERE c.id IN (").append(java.util.Arrays.stream(ids).distinct().sorted().mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","))).append(") AND ");
        where.appendTo(b, params);
        if (query.after() != null) {
            appendKeyset(b, params, sort, query.after());
        }
        String nullsLast = sort.custom() ? "(" + sort.column() + " IS NULL), " : "";
        b.append(" ORDER BY ").append(nullsLast).append(sort.column()).append(dir).append(", c.id").append(dir)
                .append(" LIMIT ").append(query.limit() + 1)
                .append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY ")
                .append(sort.custom() ? "(top.sort_value IS NULL), " : "").append("top.sort_value").append(dir).append(", top.id").append(dir);
        return new Statement(b.toString(), params);
    }

    /**
     * Most candidates a page of free text sorted otherwise than by id reads and sorts, whatever the
     * estimates say: past them the sort's order is read, each row tested.
     */
    static final int TEXT_SORT_BUDGET = 5_000;

    /**
     * Most entries of the text's rarest trigram such a page reads for its candidates: the further
     * trigrams joined to them leave far fewer. On 1,000,000 clients the rarest of a text one client
     * holds had ~7,300 entries for everyone; under a 5,000 gate the page read the table in name order
     * (1,040,340 rows, 0.6 req/s).
     */
    static final int TEXT_SORT_ENTRIES = 50_000;

    /**
     * The server's estimate of each trigram's entries in {@code range}, one row per trigram in their
     * order (column {@code rows}): index dives, no entry counted, so a common trigram costs what a rare one does.
     */
    static Statement trigramEstimates(List<String> trigrams, TrigramRange range) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("EXPLAIN ");
        for (String trigram : trigrams) {
            sql.append(params.isEmpty() ? "" : " UNION ALL ").append("SELECT 1 FROM client_trigrams FORCE INDEX (")
                    .append(range.index()).append(") WHERE trigram = ?");
            params.add(trigram);
            if (range.column() != null) {
                sql.append(" AND ").append(range.column()).append(" = ?");
                params.add(range.id());
            }
        }
        return new Statement(sql.toString(), params);
    }

    /**
     * Free text for a head's department or one owner ({@link #readsTrigramsInOrder}): the next
     * {@code window} + 1 candidates after {@code after} in the page's order, from the scope's range of
     * the rarest trigram's entries (the head's of V27, the owner's of V21) joined to the further
     * trigrams, and the scope's clients the index has not read since they changed, at most
     * {@code budget} + 1. {@code SELECT candidates, ids, indexed, edge}: of the candidates, how many
     * came from the index, and the last of those in the page's order - up to it, every client that
     * holds the trigrams is among the candidates. Ids may come twice; the rows decide ({@link #pageAmong}).
     */
    static Statement textWindow(ClientListQuery query, OwnerScope scope, List<String> trigrams, Long after, int window, int budget) {
        return textWindow(query, scope, trigramRange(query, scope, true), trigrams, after, window, budget);
    }

    /** The same from {@code range}, which may be the trigram's whole list (everyone's). */
    static Statement textWindow(ClientListQuery query, OwnerScope scope, TrigramRange range, List<String> trigrams, Long after, int window,
                                int budget) {
        OwnerScope marked = "owner_id".equals(range.column()) ? OwnerScope.of(java.util.Set.of(range.id())) : scope;
        String next = query.sort().descending() ? " < ?" : " > ?";
        String dir = query.sort().descending() ? " DESC" : " ASC";
        List<Object> params = new ArrayList<>();
        StringBuilder inner = new StringBuilder("(SELECT t0.client_id AS id, 1 AS indexed FROM client_trigrams t0 FORCE INDEX (")
                .append(range.index()).append(")");
        joinFurtherTrigrams(inner, trigrams, params);
        inner.append(" WHERE t0.trigram = ?");
        params.add(trigrams.get(0));
        if (range.column() != null) {
            inner.append(" AND t0.").append(range.column()).append(" = ?");
            params.add(range.id());
        }
        if (after != null) {
            inner.append(" AND t0.client_id").append(next);
            params.add(after);
        }
        inner.append(" ORDER BY t0.client_id").append(dir).append(" LIMIT ").append(window + 1)
                .append(") UNION ALL (SELECT x.client_id, 0 FROM client_text_dirty x WHERE ").append(marked.sql("x.owner_id"));
        if (after != null) {
            inner.append(" AND x.client_id").append(next);
            params.add(after);
        }
        inner.append(" LIMIT ").append(budget + 1).append(")");
        String edge = query.sort().descending() ? "MIN" : "MAX";
        String sql = "SET STATEMENT group_concat_max_len = " + 40L * (window + budget + 2) + ", eq_range_index_dive_limit = 1 FOR"
                + " SELECT COUNT(*), GROUP_CONCAT(x.id), SUM(x.indexed), " + edge + "(IF(x.indexed = 1, x.id, NULL)) FROM (" + inner + ") x";
        return new Statement(sql, params);
    }

    /**
     * The index of a field's values (V29), all of them in one of its columns and the others NULL: an
     * equality's clients in id order with their owners, everyone's range or sort in value order.
     */
    private static final String VALUE_INDEX = "ix_values_value";

    /**
     * The index of the values by the head that answers for their client's owner (V24), owner last
     * (V30): a head's department's values of a field are one range in value order, and so are an
     * owner's among his head's, tested for him on each entry.
     */
    private static final String HEAD_RANGE = "ix_values_head_range";

    /**
     * An owner's entries of the head's value index (V30): his head's range, the head read in the
     * statement by V20's rule (himself for an ADMINISTRATION user, his manager for an EMPLOYEE, else
     * none), so that a reassignment committed meanwhile cannot send the page to another range; the
     * server reads the one user row before it plans, and the range is one of constants. Tested with
     * {@code <=>}: an ADMIN's or an unassigned EMPLOYEE's clients are the range of no head.
     */
    private static String ownersEntries(long owner) {
        return "d.head_id <=> " + headOf(String.valueOf(owner)) + " AND d.owner_id = " + owner;
    }

    /** The head that answers for the owner {@code ownerId} (a literal or a parameter), by V20's rule, as a subquery the server reads before it plans. */
    static String headOf(String ownerId) {
        return "(SELECT CASE u.type WHEN 'ADMINISTRATION' THEN u.id WHEN 'EMPLOYEE' THEN u.manager_id END FROM users u WHERE u.id = " + ownerId + ")";
    }

    /**
     * The one owner whose entries of the head's value index a page's range, equality or value sort
     * reads (V30): the owner asked for, or the only owner of a scope that is no head's department (an
     * EMPLOYEE's); null for a department or everyone, whose ranges are their own.
     */
    static Long rangeOwner(ClientListQuery query, OwnerScope scope) {
        if (query.ownerId() != null) {
            return query.ownerId();
        }
        return !scope.everyone() && scope.head() == null && scope.owners().size() == 1 ? scope.owners().iterator().next() : null;
    }

    /**
     * About how many of {@code entries} (the whole table's, of one value) one owner's clients hold: his
     * share of the table. His range's own estimate counts his department's, which his range reads but
     * of which a page keeps his alone (V30).
     */
    static long ownersShare(long entries, long ownerRows, long tableRows) {
        return (long) Math.ceil((double) entries * ownerRows / Math.max(tableRows, 1));
    }

    /**
     * Whether one owner's range filter scans his live clients in id order (the owner index, every
     * condition tested per row, until a page: at most his clients) rather than count his entries of
     * his head's range (V30), which reads his department's entries in the range ({@code rangeEntries},
     * the server's estimate) to keep his. The scan meets a match every headRows / rangeEntries of his
     * clients, and each costs {@value #OWNERS_ROW_COST} entries; the count costs its entries and
     * {@value #RANGE_PLAN_COST} for the statements it adds. Whose scan costs no more than those is
     * scanned without asking for the estimate (up to 62 clients). An employee with 3 clients in a
     * department of 50,000 read 555 entries of a 1 % range for his 3; one with 476 clients of 10,000
     * read all 476 (2.0 ms) for a range whose 100 entries the count read in 0.3 ms.
     */
    static boolean scansOwnersClients(int limit, long ownerRows, java.util.function.LongSupplier headRows,
            java.util.function.LongSupplier rangeEntries) {
        if (OWNERS_ROW_COST * ownerRows <= RANGE_PLAN_COST) {
            return true;
        }
        long entries = rangeEntries.getAsLong();
        double toAPage = (limit + 1.0) * headRows.getAsLong() / Math.max(entries, 1);
        return OWNERS_ROW_COST * Math.min(ownerRows, toAPage) < entries + RANGE_PLAN_COST;
    }

    /**
     * Entries of a range read for the cost of one client the owner's scan reads and tests: on 200,000
     * clients, 476 of one owner's read and tested in 2.0 ms, 1,001 entries of a head's range counted and
     * their ids joined in 0.6 ms (200 runs each in one session, 0.1 ms of it the round trip).
     */
    static final int OWNERS_ROW_COST = 8;

    /**
     * Whether one owner's page sorted by a value sorts his live clients whole ({@link #build}: his
     * clients from the owner index, each joined to its value, sorted) rather than read his entries
     * of his head's range in value order ({@link #valuedFirst}, V30): among the range's
     * {@code rangeRows} his are {@code ownerRows}, so a page reads (limit + 1) x rangeRows / ownerRows
     * entries, all of them at most; the sort reads each of his clients and its value, about
     * {@value #SORT_ROW_COST} entries' worth. An employee with 3 clients in a department of 50,000
     * read 50,031 entries for his page in value order (179 req/s against 2,650 before V30).
     * Measured on 200,000 clients (300 runs each in one session, the round trip taken off): his 476
     * clients sorted as ids and values and the page read again took 1.13 ms, his 1,069 entries in
     * value order 0.52 ms - 4.9 entries a client (9.9 when whole rows were sorted; the cost was 3).
     */
    static boolean sortsOwnersClients(int limit, long ownerRows, long rangeRows) {
        double inValueOrder = Math.min(rangeRows, (limit + 1.0) * rangeRows / Math.max(ownerRows, 1));
        return SORT_ROW_COST * ownerRows < inValueOrder;
    }

    static final int SORT_ROW_COST = 5;
    /**
     * The value columns of the value index and of the head's value index after the head (V28, V30),
     * in their order: a range names those ahead of its column NULL, so that it reaches it; an equality
     * or a sort names every other one NULL, or the entries after its column would break its order.
     */
    private static final List<String> VALUE_COLUMNS = List.of("v_number", "v_date", "v_datetime", "v_bool", "v_text_key");

    /**
     * The clients among {@code ids} (from {@link #rangeCandidates}, put in the page's order) that meet
     * every condition of the query, the range again included, at most {@code limit}: read by primary
     * key in that order, stopping after {@code limit}. Ids are numbers read from the database,
     * written as literals like the scope's owners.
     */
    static Statement pageAmong(ClientListQuery query, OwnerScope scope, List<Long> ids, int limit) {
        Conditions where = conditions(scope, query, filter -> false, null, true);
        List<Object> params = new ArrayList<>();
        StringBuilder b = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM clients c FORCE INDEX (PRIMARY)").append(where.joins())
                .append(" WHERE c.id IN (")
                .append(ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))).append(") AND ");
        where.appendTo(b, params);
        String dir = query.sort().descending() ? " DESC" : " ASC";
        b.append(" ORDER BY c.id").append(dir).append(" LIMIT ").append(limit);
        return new Statement(b.toString(), params);
    }

    /**
     * " AND d.x IS NULL" for each of the index's typed columns but {@code column}: a field's values are
     * in that one alone. Only columns of the index: another would make each entry read its row.
     */
    private static void appendOtherColumnsNull(StringBuilder sql, List<String> indexed, String column) {
        for (String other : indexed) {
            if (!other.equals(column)) {
                sql.append(" AND d.").append(other).append(" IS NULL");
            }
        }
    }

    /**
     * Keeps each EXISTS a test of the row at hand, in the order the rows are read: turned into a
     * semi-join, the optimizer may read the whole value range first and sort, the plan V19 avoids.
     * The ids of an IN-list are single rows of the primary key: no index dive needs to count them.
     */
    private static final String PER_ROW_EXISTS = "SET STATEMENT optimizer_switch = 'exists_to_in=off', eq_range_index_dive_limit = 1 FOR ";

    /** Scopes with more owners than this keep the plain sort: one subquery per owner would be too long a statement. */
    static final int MAX_OWNERS_PER_SORT = 64;

    /**
     * Whether a page sorted by a custom field is read from the value index in sort order
     * ({@link #valuedFirst}, then {@link #withoutValue}) instead of sorting the scope: the sort joined
     * every client of the table to its value and sorted them (293,000 rows read for a page of a
     * head's list, 2.4 req/s in the benchmark). Every type: a field's values are in one column of
     * the index, a text's as its key ({@link #indexedColumn}); on 200,000 clients a head's page by a
     * text field read 32,501 rows (38 ms) and an employee's with 150,000 clients 983,385 (0.5 s).
     * A checkbox for a head or everyone only: its two values are two long runs in client id order, in
     * which an owner's entries come where his clients' ids are, so his page in value order read 5,386
     * rows where sorting his 476 clients reads 1,650.
     */
    static boolean sortsByValueIndex(ClientListQuery query, OwnerScope scope) {
        Sort sort = query.sort();
        boolean byOwners = query.ownerId() != null || (!scope.everyone() && scope.head() == null);
        return sort.custom() && query.externalIds().isEmpty() && query.updatedSince() == null
                && !(byOwners && sort.field().type == FieldType.CHECKBOX)
                && (query.ownerId() != null ? scope.includes(query.ownerId())
                : scope.everyone() || scope.head() != null || scope.owners().size() <= MAX_OWNERS_PER_SORT);
    }

    /** One range of a value index in value order: the index, and the key ahead of the field's value in it (none: the field's own index). */
    private record ValueRange(String index, String key) {
    }

    /**
     * The page's clients that hold a value of the sort field, in sort order: for each owner of the
     * scope, its clients in the order of the value index (his head's range tested for him, V30; head first for a head's
     * department, V24; the field's value index for everyone), each joined to its row and tested,
     * stopping after a page; several owners' pages are then merged. Reads at most a page per range.
     * After a cursor among the clients without a value, none are left: the caller goes on with
     * {@link #withoutValue}.
     */
    static Statement valuedFirst(ClientListQuery query, OwnerScope scope) {
        Sort sort = query.sort();
        String column = indexedColumn(sort.field().type);
        boolean keyed = column.equals(TEXT_KEY);
        String dir = sort.descending() ? " DESC" : " ASC";
        int wanted = query.limit() + 1;
        Conditions where = conditions(scope, query);
        List<Object> params = new ArrayList<>();
        // one owner asked for (inside the scope: sortsByValueIndex) is the only one to read; a head's
        // department is one range of the head's value index (V24); else one range per owner (V30)
        List<ValueRange> ranges = query.ownerId() != null ? List.of(new ValueRange(HEAD_RANGE, ownersEntries(query.ownerId())))
                : scope.everyone() ? List.of(new ValueRange(VALUE_INDEX, null))
                : scope.head() != null ? List.of(new ValueRange(HEAD_RANGE, "d.head_id = " + scope.head()))
                : scope.owners().stream().sorted().map(owner -> new ValueRange(HEAD_RANGE, ownersEntries(owner))).toList();
        if (ranges.size() == 1 && !keyed) {
            // one range is already in sort order: its page is read whole, with no merge
            StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.*");
            appendInValueOrder(sql, params, query, ranges.get(0), where, wanted);
            return new Statement(sql.toString(), params);
        }
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM (SELECT u.* FROM (");
        for (int i = 0; i < ranges.size(); i++) {
            sql.append(i == 0 ? "(" : " UNION ALL (").append("SELECT d.client_id AS id, d.").append(column).append(" AS sort_value");
            appendInValueOrder(sql, params, query, ranges.get(i), where, wanted);
            sql.append(")");
            if (keyed) {
                // the texts too long for a key are not in its order: read whole, sorted, and merged with the keys' page
                sql.append(" UNION ALL (SELECT d.client_id AS id, lv.v_text AS sort_value");
                appendLongTexts(sql, params, query, ranges.get(i), where, wanted);
                sql.append(")");
            }
        }
        // the owners' pages are merged as ids and values, and only the page's rows are read again: as
        // whole rows, their value documents (TEXT) sent the merge to a temporary table on disk
        sql.append(") u ORDER BY u.sort_value").append(dir).append(", u.id").append(dir).append(" LIMIT ").append(wanted)
                .append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY top.sort_value").append(dir).append(", top.id").append(dir);
        return new Statement(sql.toString(), params);
    }

    /** The index's key of a text value (V8): the whole value when it has at most 191 characters, else NULL. */
    private static final String TEXT_KEY = "v_text_key";

    /**
     * The column of the value index (V28) that holds a field's values in their sort order: the typed
     * column, or for a text (every type kept in v_text) its key, which orders as the text does in
     * the same collation, trailing spaces aside, which it ignores.
     */
    static String indexedColumn(FieldType type) {
        String column = ClientListQuery.column(type);
        return column.equals("v_text") ? TEXT_KEY : column;
    }

    /** FROM ... LIMIT of one range's clients holding a value of the sort field, in the order of that value, each joined to its row and tested. */
    private static void appendInValueOrder(StringBuilder sql, List<Object> params, ClientListQuery query, ValueRange range, Conditions where,
                                           int wanted) {
        Sort sort = query.sort();
        String column = indexedColumn(sort.field().type);
        String dir = sort.descending() ? " DESC" : " ASC";
        String op = sort.descending() ? " < ?" : " > ?";
        sql.append(" FROM client_values d FORCE INDEX (").append(range.index())
                .append(") STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = ").append(sort.field().id);
        if (range.key() != null) {
            sql.append(" AND ").append(range.key());
        }
        // the field's value is in one column of the index, the others are NULL: named, the index is in sort order
        appendOtherColumnsNull(sql, VALUE_COLUMNS, column);
        sql.append(" AND d.").append(column).append(" IS NOT NULL");
        if (query.after() != null) {
            sql.append(" AND (d.").append(column).append(op).append(" OR (d.").append(column).append(" = ? AND d.client_id")
                    .append(op).append("))");
            params.add(query.after().value());
            params.add(query.after().value());
            params.add(query.after().id());
        }
        sql.append(" AND ");
        where.appendTo(sql, params);
        sql.append(" ORDER BY d.").append(column).append(dir).append(", d.client_id").append(dir).append(" LIMIT ").append(wanted);
    }

    /**
     * FROM ... LIMIT of one range's clients whose text of the sort field is longer than its key: their
     * entries (the key NULL, in id order) each joined to its value and its row, tested, and sorted by
     * the text. Few in a CRM's sortable fields; a field of long texts costs its range, as a sort did before.
     */
    private static void appendLongTexts(StringBuilder sql, List<Object> params, ClientListQuery query, ValueRange range, Conditions where,
                                        int wanted) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        String op = sort.descending() ? " < ?" : " > ?";
        sql.append(" FROM client_values d FORCE INDEX (").append(range.index())
                .append(") STRAIGHT_JOIN client_values lv FORCE INDEX (PRIMARY) ON lv.client_id = d.client_id AND lv.field_id = d.field_id")
                .append(" STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id WHERE d.field_id = ").append(sort.field().id);
        if (range.key() != null) {
            sql.append(" AND ").append(range.key());
        }
        appendOtherColumnsNull(sql, VALUE_COLUMNS, TEXT_KEY);
        sql.append(" AND d.").append(TEXT_KEY).append(" IS NULL AND lv.v_text IS NOT NULL");
        if (query.after() != null) {
            sql.append(" AND (lv.v_text").append(op).append(" OR (lv.v_text = ? AND d.client_id").append(op).append("))");
            params.add(query.after().value());
            params.add(query.after().value());
            params.add(query.after().id());
        }
        sql.append(" AND ");
        where.appendTo(sql, params);
        sql.append(" ORDER BY lv.v_text").append(dir).append(", d.client_id").append(dir).append(" LIMIT ").append(wanted);
    }

    /** The index (V22, V32) that gives each owner's live clients in the order of a sort on the clients table. */
    private static final Map<String, String> OWNER_SORT_INDEX = Map.of("c.name", "ix_clients_owner_name",
            "c.updated_at", "ix_clients_owner_updated", "c.created_at", "ix_clients_owner_created");

    /**
     * Whether a page of a scope of owners sorted by name, createdAt or updatedAt is read owner by owner from
     * their sort index ({@link #ownersMerged}) instead of the table's sort index tested for the scope
     * (page / share of the scope rows: 51 x 420 for an employee of the benchmark) or the scope sorted
     * whole. Live clients only: the trash's deleted_at is a range, whose entries are not in name order.
     */
    static boolean sortsByOwnerIndex(ClientListQuery query, OwnerScope scope) {
        return OWNER_SORT_INDEX.containsKey(query.sort().column()) && !query.deleted() && query.externalIds().isEmpty()
                && query.updatedSince() == null && (query.ownerId() != null ? scope.includes(query.ownerId())
                : !scope.everyone() && scope.owners().size() <= MAX_OWNERS_PER_SORT);
    }

    /** The index (V23, V32) that gives a head's live clients in the order of a sort on the clients table. */
    private static final Map<String, String> HEAD_SORT_INDEX = Map.of("c.name", "ix_clients_head_name",
            "c.updated_at", "ix_clients_head_updated", "c.created_at", "ix_clients_head_created");

    /**
     * Whether a head's page sorted by name, createdAt or updatedAt is read from his range of the head's sort
     * index ({@link #headSorted}) rather than merged from a page of each of his owners
     * ({@link #ownersMerged}: 21 x 51 rows for the benchmark's head). Live clients of the whole
     * department only: one owner asked for is his own sort index's range.
     */
    static boolean sortsByHeadIndex(ClientListQuery query, OwnerScope scope) {
        return HEAD_SORT_INDEX.containsKey(query.sort().column()) && scope.head() != null && query.ownerId() == null
                && !query.deleted() && query.externalIds().isEmpty() && query.updatedSince() == null;
    }

    /**
     * A head's page sorted by name, createdAt or updatedAt: his clients in the order of his range of the head's
     * sort index (V23), each tested (the scope's owners among the conditions), stopping after a page.
     */
    static Statement headSorted(ClientListQuery query, OwnerScope scope) {
        return inSortIndex(query, conditions(scope, query), HEAD_SORT_INDEX.get(query.sort().column()), "c.head_id = " + scope.head());
    }

    /**
     * A page of the clients of one range of a sort index ({@code key}: its leading column's value; null
     * for an index whose leading column is the sort's), in its order, each tested.
     */
    private static Statement inSortIndex(ClientListQuery query, Conditions where, String index, String key) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM clients c FORCE INDEX (").append(index).append(") WHERE ");
        if (key != null) {
            sql.append(key).append(" AND ");
        }
        where.appendTo(sql, params);
        if (query.after() != null) {
            appendKeyset(sql, params, sort, query.after());
        }
        sql.append(" ORDER BY ").append(sort.column()).append(dir).append(", c.id").append(dir).append(" LIMIT ").append(query.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /**
     * A page sorted by name, createdAt or updatedAt for a scope of owners: each owner's live clients in the order
     * of his sort index (V22), each tested, a page at most; several owners' pages merged as ids and
     * sort values, and only the page's rows read again. Reads at most a page per owner.
     */
    static Statement ownersMerged(ClientListQuery query, OwnerScope scope) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        int wanted = query.limit() + 1;
        Conditions where = conditions(scope, query);
        List<Object> params = new ArrayList<>();
        List<Long> owners = query.ownerId() != null ? List.of(query.ownerId()) : scope.owners().stream().sorted().toList();
        if (owners.size() == 1) {
            // one owner's range is already in sort order: its page is read whole, with no merge
            return inSortIndex(query, where, OWNER_SORT_INDEX.get(sort.column()), "c.owner_id = " + owners.get(0));
        }
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM (SELECT u.* FROM (");
        for (int i = 0; i < owners.size(); i++) {
            sql.append(i == 0 ? "(" : " UNION ALL (").append("SELECT c.id, ").append(sort.column()).append(" AS sort_value FROM clients c FORCE INDEX (")
                    .append(OWNER_SORT_INDEX.get(sort.column())).append(") WHERE c.owner_id = ").append(owners.get(i)).append(" AND ");
            where.appendTo(sql, params);
            if (query.after() != null) {
                appendKeyset(sql, params, sort, query.after());
            }
            sql.append(" ORDER BY ").append(sort.column()).append(dir).append(", c.id").append(dir).append(" LIMIT ").append(wanted).append(")");
        }
        sql.append(") u ORDER BY u.sort_value").append(dir).append(", u.id").append(dir).append(" LIMIT ").append(wanted)
                .append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY top.sort_value").append(dir).append(", top.id").append(dir);
        return new Statement(sql.toString(), params);
    }

    /**
     * Whether a sync's page by updatedAt reads its scope's changes in their order ({@link #changes}):
     * one owner's (an employee's, or the one asked for), one head's or the table's range of a changes
     * index (V33). Not with external ids, whose unique key (V15) names their few clients.
     */
    static boolean readsChanges(ClientListQuery query, OwnerScope scope) {
        return query.updatedSince() != null && query.sort().column().equals("c.updated_at") && query.externalIds().isEmpty()
                && (rangeOwner(query, scope) != null || scope.head() != null || scope.everyone());
    }

    /**
     * A sync's page by updatedAt, live and trashed clients, bounded by {@code syncBefore}: left to the
     * optimizer, a head's read the table's changes from the sync's point on, testing each row's owner
     * (880 rows for his page of 200,000 clients). Each row read is tested, the scope among the conditions.
     */
    static Statement changes(ClientListQuery query, OwnerScope scope, java.time.Instant syncBefore) {
        Conditions where = conditions(scope, query, filter -> false, syncBefore, false);
        Long owner = rangeOwner(query, scope);
        if (owner != null) {
            return inSortIndex(query, where, OWNER_CHANGES_INDEX, "c.owner_id = " + owner);
        }
        if (scope.head() != null) {
            return inSortIndex(query, where, HEAD_CHANGES_INDEX, "c.head_id = " + scope.head());
        }
        return inSortIndex(query, where, "ix_clients_updated", null);
    }

    /** The range of an index that holds a scope's trashed clients: {@code key} names the scope's leading column's value (empty for none). */
    private record TrashRange(String index, String key) {
    }

    /**
     * The index range that holds a trash page's scope's trashed clients: one owner's of the owner index
     * (V4), a head's of the head index (V20), everyone's of the trash index (V34); null for a scope of
     * owners that is none of these. Not for external ids (their key names their clients) nor a sync.
     */
    private static TrashRange trashRange(ClientListQuery query, OwnerScope scope) {
        if (!query.deleted() || query.updatedSince() != null || !query.externalIds().isEmpty()) {
            return null;
        }
        Long owner = rangeOwner(query, scope);
        if (owner != null) {
            return new TrashRange("ix_clients_owner", "c.owner_id = " + owner + " AND ");
        }
        if (scope.head() != null) {
            return new TrashRange("ix_clients_head", "c.head_id = " + scope.head() + " AND ");
        }
        return scope.everyone() ? new TrashRange("ix_clients_trash", "") : null;
    }

    /** Whether a trash page may be read from its scope's trash ({@link #trashed}), once its estimate is known. */
    static boolean readsTrash(ClientListQuery query, OwnerScope scope) {
        return trashRange(query, scope) != null;
    }

    /** The server's estimate (column {@code rows}) of the scope's trashed clients, when {@link #readsTrash}. */
    static Statement trashEstimate(ClientListQuery query, OwnerScope scope) {
        TrashRange range = trashRange(query, scope);
        return new Statement("EXPLAIN SELECT 1 FROM clients c FORCE INDEX (" + range.index() + ") WHERE " + range.key()
                + "c.deleted_at IS NOT NULL", List.of());
    }

    /**
     * Whether the scope's {@code trashed} clients are read whole and sorted ({@link #trashed}) rather than
     * the scope in the page's order, each row tested, which meets a trashed client every (scopeRows +
     * trashed) / trashed rows at best: they cost the same at about sqrt(page x scopeRows), 7,141 among
     * 1,000,000 clients. Up to {@value #TRASH_READ_WHOLE} are read whole whatever the scope: the other
     * plans are not in the trash's order (an employee's 150 trashed clients by a custom number read
     * 3,776 rows through his values, 214 whole).
     */
    static boolean sortsTrash(int limit, long trashed, long scopeRows) {
        return trashed <= TRASH_READ_WHOLE || (double) trashed * trashed <= (limit + 1.0) * (scopeRows + trashed);
    }

    static final int TRASH_READ_WHOLE = 1_000;

    /**
     * A trash page: the scope's trashed clients of their index range ({@link #trashRange}), each tested
     * (text and filters too), sorted as ids and sort values, the page's rows read again. Everyone's trash
     * read the table in id order to meet a page of it; a head's trash with free text read his clients
     * holding the text's trigrams, live ones too (38,173 rows for his empty trash of 200,000 clients).
     */
    static Statement trashed(ClientListQuery query, OwnerScope scope) {
        TrashRange range = trashRange(query, scope);
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        Conditions where = conditions(scope, query);
        List<Object> params = new ArrayList<>();
        String column = sort.byId() ? "c.id" : sort.column();
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM (SELECT c.id, ")
                .append(column).append(" AS sort_value FROM clients c FORCE INDEX (").append(range.index()).append(")");
        if (sort.custom()) {
            sql.append(" LEFT JOIN client_values sv ON sv.client_id = c.id AND sv.field_id = ").append(sort.field().id);
        }
        sql.append(" WHERE ").append(range.key());
        where.appendTo(sql, params);
        if (query.after() != null) {
            if (sort.byId()) {
                sql.append(" AND c.id").append(sort.descending() ? " < ?" : " > ?");
                params.add(query.after().id());
            } else {
                appendKeyset(sql, params, sort, query.after());
            }
        }
        sql.append(" ORDER BY ").append(sort.custom() ? "(" + column + " IS NULL), " : "").append(column).append(dir)
                .append(sort.byId() ? "" : ", c.id" + dir).append(" LIMIT ").append(query.limit() + 1).append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY ")
                .append(sort.custom() ? "(top.sort_value IS NULL), " : "").append("top.sort_value").append(dir).append(", top.id").append(dir);
        return new Statement(sql.toString(), params);
    }

    /** The indexes (V33) that give one owner's and one head's clients, live and trashed, in updatedAt order. */
    private static final String OWNER_CHANGES_INDEX = "ix_clients_owner_changes";
    private static final String HEAD_CHANGES_INDEX = "ix_clients_head_changes";

    /**
     * The page's clients without a value of the sort field, which come last in either direction,
     * in id order, at most {@code limit}: after the cursor's id when the cursor is among them.
     */
    static Statement withoutValue(ClientListQuery query, OwnerScope scope, int limit) {
        Sort sort = query.sort();
        String dir = sort.descending() ? " DESC" : " ASC";
        Conditions where = conditions(scope, query);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(PER_ROW_EXISTS).append("SELECT c.* FROM clients c WHERE ");
        where.appendTo(sql, params);
        sql.append(" AND NOT EXISTS (SELECT 1 FROM client_values sv WHERE sv.client_id = c.id AND sv.field_id = ")
                .append(sort.field().id).append(" AND ").append(sort.column()).append(" IS NOT NULL)");
        if (query.after() != null && query.after().value() == null) {
            sql.append(" AND c.id").append(sort.descending() ? " < ?" : " > ?");
            params.add(query.after().id());
        }
        sql.append(" ORDER BY c.id").append(dir).append(" LIMIT ").append(limit);
        return new Statement(sql.toString(), params);
    }

    /** Whether the plan would read the trigram index, so that the caller looks up the text's rarest trigrams. */
    static boolean wantsTrigrams(ClientListQuery query) {
        return query.sort().byId() && driver(query) == null && query.q() != null && query.externalIds().isEmpty();
    }

    /**
     * The statement for a page of {@code query.limit()} clients plus one (to know whether more follow).
     * {@code trigrams} are the text's rarest trigrams, rarest first, when {@link #wantsTrigrams}; else empty.
     */
    static Statement build(ClientListQuery query, OwnerScope scope, List<String> trigrams) {
        return build(query, scope, trigrams, null);
    }

    /**
     * The same, for a sync page ({@code updatedSince}) bounded by {@code syncBefore}: changes at or
     * after it may still be preceded by a commit in flight, so they come on a later page.
     */
    static Statement build(ClientListQuery query, OwnerScope scope, List<String> trigrams, java.time.Instant syncBefore) {
        Sort sort = query.sort();
        Filter driver = driver(query);
        boolean textDriven = sort.byId() && driver == null && !trigrams.isEmpty();
        Long owner = rangeOwner(query, scope);
        if (!textDriven && sort.byId() && scansOwnersRange(query, owner, driver)) {
            return ownersClientsInIdOrder(query, scope, owner, syncBefore);
        }
        Conditions where = conditions(scope, query, filter -> filter == driver, syncBefore, !textDriven && scansClients(query, scope, driver));
        String dir = sort.descending() ? " DESC" : " ASC";
        int limit = query.limit();
        List<Object> params = new ArrayList<>();
        String sql;
        if (textDriven) {
            Long after = query.after() == null ? null : query.after().id();
            sql = textDriven(trigrams, scope, where, after, dir, limit, params);
        } else {
            sql = indexOrScan(query, scope, driver, where, dir, params);
        }
        if (sql.startsWith("SET STATEMENT ")) {
            return new Statement(sql, params);
        }
        if (trigrams.isEmpty() && driver == null && (query.q() != null || !query.filters().isEmpty()) && !query.deleted()) {
            // free text and filters are EXISTS tested on each row read in the page's order: left to the
            // optimizer, everyone's page of a two-letter text materialized every client's values first
            // (2,757,998 rows; 0.77 s a page on 200,000 clients, 1.3 s by -updatedAt). The trash, which
            // no index reads in order, stays the optimizer's; a page that trigrams or an equality drive
            // keeps the dive limit alone: with the switch too, its statement cost 5-8 % more (d2, e, h4,
            // h11 on 1,000,000 clients, two runs in opposite orders) for the same rows.
            sql = PER_ROW_EXISTS + sql;
        } else if (!trigrams.isEmpty() || driver != null) {
            // Join order and indexes are fixed here (STRAIGHT_JOIN from an index): the optimizer's
            // index dives into the owner IN-lists only cost time - 1.9 of d2's 2.4 ms in the server.
            sql = "SET STATEMENT eq_range_index_dive_limit = 1 FOR " + sql;
        }
        return new Statement(sql, params);
    }

    /** Whether one owner's clients are read from his range of the owner index: a range scanned, or a sort by a value. */
    private static boolean scansOwnersRange(ClientListQuery query, Long owner, Filter driver) {
        return owner != null && driver == null && query.externalIds().isEmpty() && (scansInIdOrder(query, driver) || query.sort().custom());
    }

    /** Whether a range is scanned in id order: reached with a range driver only when the range holds for too many of the scope's clients to read them (rangeBudget), so that enough of them are near in id order. */
    private static boolean scansInIdOrder(ClientListQuery query, Filter driver) {
        return driver == null && rangeDriver(query) != null && !query.deleted();
    }

    /** Whether {@link #indexOrScan} reads the clients table first, in id order of one of its indexes, each row tested: its filters' values are then joined ({@link #conditions}). */
    private static boolean scansClients(ClientListQuery query, OwnerScope scope, Filter driver) {
        return !query.sort().custom() && (scansInIdOrder(query, driver) || readsHeadRange(query, scope, driver));
    }

    private static String indexOrScan(ClientListQuery query, OwnerScope scope, Filter driver, Conditions where, String dir,
                                      List<Object> params) {
        Sort sort = query.sort();
        boolean scanInIdOrder = scansInIdOrder(query, driver);
        boolean headRange = readsHeadRange(query, scope, driver);
        // one owner's clients by another sort than the id (a range scanned, or a value's sort which the
        // search leaves to this plan for an owner with few clients): his range of the owner index
        boolean ownersClients = scansOwnersRange(query, rangeOwner(query, scope), driver);
        String id = driver == null ? "c.id" : "d.client_id";
        StringBuilder b = new StringBuilder(scanInIdOrder || headRange ? PER_ROW_EXISTS : "");
        // A sort by a value sorts ids and values only, and reads the page's rows again: sorted as whole
        // rows, 476 clients of one owner took 2.3 ms against 1.1 ms (their value documents are TEXT)
        b.append(sort.custom() ? "SELECT c.* FROM (SELECT " + id + " AS id, " + sort.column() + " AS sort_value FROM " : "SELECT c.* FROM ");
        // each entry's client by its id, pinned like every join to clients here: left to the optimizer,
        // the scope's one owner on c once made it read his 10,000 clients by the owner index, join them
        // in a buffer and sort the page (4.5 s a page in EqualityPlanTest, from statistics of the moment)
        boolean headsValue = readsHeadsValueEntries(scope, driver);
        b.append(driver != null ? "client_values d FORCE INDEX (" + (headsValue ? HEAD_RANGE : VALUE_INDEX)
                + ") STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = d.client_id"
                : headRange ? "clients c FORCE INDEX (ix_clients_head)"
                : ownersClients ? "clients c FORCE INDEX (ix_clients_owner)"
                : scanInIdOrder ? "clients c FORCE INDEX (PRIMARY)" : "clients c");
        b.append(where.joins());
        if (sort.custom()) {
            b.append(" LEFT JOIN client_values sv ON sv.client_id = c.id AND sv.field_id = ").append(sort.field().id);
        }
        b.append(" WHERE ");
        if (headRange) {
            // the head's clients, in id order of his index range; the owners of the scope still decide below
            b.append("c.head_id = ").append(scope.head()).append(" AND ");
        }
        if (driver != null) {
            b.append("d.field_id = ").append(driver.field().id);
            if (headsValue) {
                b.append(" AND d.head_id = ").append(scope.head());
            }
            b.append(" AND d.").append(driver.indexedColumn()).append(" = ?");
            params.add(driver.value());
            // every value column of the index named: the entries of one value come in client id order,
            // and the owner on each (V29) leaves out-of-scope clients before their row is read
            appendOtherColumnsNull(b, VALUE_COLUMNS, driver.indexedColumn());
            b.append(" AND ").append(scope.sql("d.owner_id")).append(" AND ");
        }
        where.appendTo(b, params);
        if (query.after() != null) {
            if (sort.byId()) {
                b.append(" AND ").append(id).append(sort.descending() ? " < ?" : " > ?");
                params.add(query.after().id());
            } else {
                appendKeyset(b, params, sort, query.after());
            }
        }
        b.append(" ORDER BY ");
        if (sort.custom()) {
            b.append("(").append(sort.column()).append(" IS NULL), ");
        }
        if (!sort.byId()) {
            b.append(sort.column()).append(dir).append(", ");
        }
        b.append(id).append(dir).append(" LIMIT ").append(query.limit() + 1);
        if (sort.custom()) {
            b.append(") top STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = top.id ORDER BY (top.sort_value IS NULL), top.sort_value")
                    .append(dir).append(", top.id").append(dir);
        }
        return b.toString();
    }

    /**
     * Whether a page in id order reads a head's scope as its range of the head index (V20) rather
     * than the table: the scope of 21 owners is spread over the whole table, so the primary key read
     * ~880 rows for a page of 51 of the benchmark's head, and his export the whole table. Not when an
     * index already narrows the page further: an equality filter, one owner, external ids, a sync
     * (which reads in the order of changes).
     */
    static boolean readsHeadRange(ClientListQuery query, OwnerScope scope, Filter driver) {
        return scope.head() != null && driver == null && query.sort().byId() && query.ownerId() == null
                && query.externalIds().isEmpty() && query.updatedSince() == null;
    }

    /** The WHERE shared by every way of reaching the clients: scope, trash, owner, text, filters. */
    private static Conditions conditions(OwnerScope scope, ClientListQuery query) {
        return conditions(scope, query, filter -> false, null, false);
    }

    /**
     * The same, for a sync's page too (bounded by {@code syncBefore}), without the filters the plan's
     * index entries answer exactly ({@code answered}: the equality that drives it, a range's bounds); with
     * {@code joinsValues}, each tested field's value row joined to the client ({@link Conditions#joins})
     * rather than looked up by a subquery per row: for a plan whose clients table comes first, read in
     * its order. A range scanned over a head's 50,000 clients (bench d1) took 0.61-0.64 ms with an
     * EXISTS per row and 0.50-0.53 ms joined, statement by statement (2,000 runs each, round trip included).
     */
    private static Conditions conditions(OwnerScope scope, ClientListQuery query, java.util.function.Predicate<Filter> answered,
                                         java.time.Instant syncBefore, boolean joinsValues) {
        StringBuilder sql = new StringBuilder(scope.sql("c.owner_id"));
        List<Object> params = new ArrayList<>();
        if (query.updatedSince() != null) {
            sql.append(" AND c.updated_at >= ?");
            params.add(query.updatedSince());
            if (syncBefore != null) {
                sql.append(" AND c.updated_at < ?");
                params.add(syncBefore);
            }
        } else {
            sql.append(query.deleted() ? " AND c.deleted_at IS NOT NULL" : " AND c.deleted_at IS NULL");
        }
        if (query.ownerId() != null) {
            sql.append(" AND c.owner_id = ?");
            params.add(query.ownerId());
        }
        if (!query.externalIds().isEmpty()) {
            sql.append(" AND c.external_id IN (").append(String.join(",", java.util.Collections.nCopies(query.externalIds().size(), "?")))
                    .append(")");
            params.addAll(query.externalIds());
        }
        appendText(sql, params, query.q(), query.textFieldIds());
        // a client has one value row per field: the filters on one field test it in one lookup
        Map<Long, List<Filter>> byField = new LinkedHashMap<>();
        for (Filter filter : query.filters()) {
            if (!answered.test(filter)) {
                byField.computeIfAbsent(filter.field().id, id -> new ArrayList<>()).add(filter);
            }
        }
        StringBuilder joins = new StringBuilder();
        for (List<Filter> sameField : byField.values()) {
            if (joinsValues) {
                appendJoined(joins, sql, params, sameField);
            } else {
                appendExists(sql, params, sameField);
            }
        }
        return new Conditions(joins.toString(), sql.toString(), params);
    }

    /** {@code sql} for the WHERE with its {@code params}; {@code joins} (no parameters) right after the clients table, empty unless the values are joined. */
    private record Conditions(String joins, String sql, List<Object> params) {
        void appendTo(StringBuilder b, List<Object> into) {
            b.append(sql);
            into.addAll(params);
        }
    }

    /**
     * Free text in id order, driven by the trigram index (V9): the clients holding the text's rarest
     * trigram, in id order, that hold its next rarest too, and - as the index may lag a change - the
     * clients changed since it last read them. Both stop after a page; the conditions (the LIKE on
     * the visible values among them) decide for each.
     */
    private static String textDriven(List<String> trigrams, OwnerScope scope, Conditions where, Long after, String dir, int limit,
                                     List<Object> params) {
        String next = dir.equals(" DESC") ? " < ?" : " > ?";
        StringBuilder sql = new StringBuilder("SELECT u.* FROM ((SELECT c.* FROM client_trigrams t0");
        joinFurtherTrigrams(sql, trigrams, params);
        // the owner beside the trigram leaves out-of-scope clients before their rows are read
        sql.append(" STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = t0.client_id WHERE t0.trigram = ? AND ").append(scope.sql("t0.owner_id"));
        params.add(trigrams.get(0));
        if (after != null) {
            sql.append(" AND t0.client_id").append(next);
            params.add(after);
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM client_text_dirty x WHERE x.client_id = t0.client_id) AND ");
        where.appendTo(sql, params);
        sql.append(" ORDER BY t0.client_id").append(dir).append(" LIMIT ").append(limit + 1).append(")");
        // the owner on the mark (V11) leaves marked clients outside the scope before their rows are read
        sql.append(" UNION ALL (SELECT c.* FROM client_text_dirty x STRAIGHT_JOIN clients c FORCE INDEX (PRIMARY) ON c.id = x.client_id WHERE ")
                .append(scope.sql("x.owner_id")).append(" AND ");
        if (after != null) {
            sql.append("x.client_id").append(next).append(" AND ");
            params.add(after);
        }
        where.appendTo(sql, params);
        sql.append(" ORDER BY x.client_id").append(dir).append(" LIMIT ").append(limit + 1).append(")) u");
        sql.append(" ORDER BY u.id").append(dir).append(" LIMIT ").append(limit + 1);
        return sql.toString();
    }

    /** The text's trigrams after the rarest (t0), each joined as the same client's entry: a client must hold them all. */
    private static void joinFurtherTrigrams(StringBuilder sql, List<String> trigrams, List<Object> params) {
        for (int i = 1; i < trigrams.size(); i++) {
            sql.append(" STRAIGHT_JOIN client_trigrams t").append(i).append(" ON t").append(i).append(".trigram = ? AND t")
                    .append(i).append(".client_id = t0.client_id");
            params.add(trigrams.get(i));
        }
    }

    private static void appendText(StringBuilder sql, List<Object> params, String q, List<Long> textFields) {
        if (q == null) {
            return;
        }
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        sql.append(" AND (c.name LIKE ?");
        params.add(like);
        if (!textFields.isEmpty()) {
            sql.append(" OR (");
            if (appearsVerbatimInJson(q)) {
                // The client's value document (on the row being read) must contain the text before the
                // typed rows of the visible text fields are looked up: most rows stop here (58 -> 40 ms
                // for a rare text over 1M clients). It only narrows: hidden fields never match below.
                sql.append("c.field_values LIKE ? AND ");
                params.add(like);
            }
            sql.append("EXISTS (SELECT 1 FROM client_values qv WHERE qv.client_id = c.id AND qv.field_id IN (")
                    .append(String.join(",", textFields.stream().map(String::valueOf).toList()))
                    .append(") AND qv.v_text LIKE ?))");
            params.add(like);
        }
        sql.append(")");
    }

    /** Text that JSON writes as it is: no quote, backslash or control character, which it would escape. */
    static boolean appearsVerbatimInJson(String text) {
        return text.chars().noneMatch(ch -> ch == '"' || ch == '\\' || ch < 0x20);
    }

    /** The filters of one field, all on its one value row. */
    private static void appendExists(StringBuilder sql, List<Object> params, List<Filter> sameField) {
        sql.append(" AND EXISTS (SELECT 1 FROM client_values fv WHERE fv.client_id = c.id AND fv.field_id = ")
                .append(sameField.get(0).field().id);
        appendValueTests(sql, params, sameField, "fv");
        sql.append(")");
    }

    /**
     * The same filters as a join of the field's value row (one per client and field: its primary key),
     * pinned after the tables before it; the tests on it go to the WHERE.
     */
    private static void appendJoined(StringBuilder joins, StringBuilder sql, List<Object> params, List<Filter> sameField) {
        long fieldId = sameField.get(0).field().id;
        String alias = "jv" + fieldId;
        joins.append(" STRAIGHT_JOIN client_values ").append(alias).append(" FORCE INDEX (PRIMARY) ON ").append(alias)
                .append(".client_id = c.id AND ").append(alias).append(".field_id = ").append(fieldId);
        appendValueTests(sql, params, sameField, alias);
    }

    private static void appendValueTests(StringBuilder sql, List<Object> params, List<Filter> sameField, String alias) {
        for (Filter filter : sameField) {
            sql.append(" AND ");
            if (filter.field().type == FieldType.MULTISELECT) {
                sql.append("JSON_CONTAINS(").append(alias).append(".v_text, JSON_QUOTE(?))");
            } else {
                sql.append(alias).append('.').append(ClientListQuery.column(filter.field().type)).append(' ').append(filter.op()).append(" ?");
            }
            params.add(filter.value());
        }
    }

    private static void appendKeyset(StringBuilder sql, List<Object> params, Sort sort, Keyset after) {
        appendKeyset(sql, params, sort, after, "c.id");
    }

    /** The same, with the client's id read from {@code idColumn}. */
    private static void appendKeyset(StringBuilder sql, List<Object> params, Sort sort, Keyset after, String idColumn) {
        String op = sort.descending() ? "<" : ">";
        Object value = after.value();
        String col = sort.column();
        if (value == null && sort.custom()) {
            sql.append(" AND (").append(col).append(" IS NULL AND ").append(idColumn).append(" ").append(op).append(" ?)");
            params.add(after.id());
            return;
        }
        sql.append(" AND (");
        if (sort.custom()) {
            sql.append(col).append(" IS NULL OR ");
        }
        sql.append(col).append(' ').append(op).append(" ? OR (").append(col).append(" = ? AND ").append(idColumn).append(" ").append(op).append(" ?))");
        params.add(value);
        params.add(value);
        params.add(after.id());
    }
}
