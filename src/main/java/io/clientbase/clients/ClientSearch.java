package io.clientbase.clients;

import io.clientbase.access.OwnerScope;
import io.clientbase.platform.Cursors;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A page of clients: the parameters checked and typed ({@link ClientListQuery}), the text's rarest
 * trigrams looked up when the plan reads the trigram index, the statement built ({@link ClientSql})
 * and run ({@link ClientStore}). Pages are keyset pages with an opaque cursor, stable under inserts.
 */
@ApplicationScoped
public class ClientSearch {

    @Inject
    ClientStore store;

    @Inject
    TextIndex textIndex;

    @Inject
    SyncBound syncBound;

    @Inject
    TrigramHeads trigramHeads;

    @Inject
    MeterRegistry metrics;

    public record Result(List<Client> clients, Client last, boolean more, ClientListQuery.Sort sort) {
    }

    public Result search(OwnerScope scope, VisibleSchema schema, ClientListQuery.Parameters parameters) {
        return search(scope, schema, parameters, Cursors.limit(parameters.limit()));
    }

    /** The same search with a page size of the server's choosing (bulk export). */
    public Result search(OwnerScope scope, VisibleSchema schema, ClientListQuery.Parameters parameters, int limit) {
        ClientListQuery query = ClientListQuery.parse(parameters, schema, limit);
        List<Client> found = firstPlanThatServes(query, scope);
        boolean more = found.size() > limit;
        List<Client> page = more ? found.subList(0, limit) : found;
        return new Result(page, page.isEmpty() ? null : page.get(page.size() - 1), more, query.sort());
    }

    /**
     * The page (limit + 1 clients) from the first plan that serves the query, the cheapest first: the
     * candidates of a value range, then for a page in another order than id's its filter's few matches
     * sorted (or its matches however many, once the sort's order has examined its bound of rows), then
     * the candidates of a free text within the scope's owners (each gives up when its candidates outgrow
     * its budget), then a page sorted by a custom field's value index, then
     * a head's range of his sort index, then each owner's page merged, and last a sync's changes in
     * their order ({@link ClientSql#changes}) or the one statement of {@link ClientSql#build}. Every plan
     * keeps the scope in its SQL.
     */
    private List<Client> firstPlanThatServes(ClientListQuery query, OwnerScope scope) {
        List<Client> found = trashed(query, scope);
        if (found != null) {
            return found;
        }
        found = rangeDriven(query, scope);
        if (found != null) {
            return found;
        }
        SortedMatches sorted = sortedMatches(query, scope);
        if (sorted == null) {
            return inTheSortsOrder(query, scope);
        }
        if (sorted.examining() == null) {
            return matchesSorted(query, scope, sorted.field());
        }
        found = store.examiningAtMost(sorted.examining(), () -> inTheSortsOrder(query, scope));
        if (found != null) {
            return found;
        }
        // its matches came late in the sort's order: they are read after all
        metrics.counter("clientbase.client.list.sorted.plans", "plan", "matches-after-sort-order").increment();
        return matchesSorted(query, scope, sorted.field());
    }

    /** The plans that read the scope in the page's order (or free text's candidates), the cheapest first. */
    private List<Client> inTheSortsOrder(ClientListQuery query, OwnerScope scope) {
        List<Client> found = textMatchesSorted(query, scope);
        if (found != null) {
            return found;
        }
        List<String> trigrams = List.of();
        if (ClientSql.wantsTrigrams(query)) {
            ClientSql.TrigramRange range = ClientSql.trigramRange(query, scope, scope.head() == null || trigramHeads.done());
            trigrams = textIndex.narrowest(query.q(), range, () -> rangeClients(range));
        }
        found = textCandidates(query, scope, trigrams);
        if (found != null) {
            return found;
        }
        if (ClientSql.sortsByValueIndex(query, scope) && !sortsOwnersClients(query, scope)) {
            return valueSorted(query, scope);
        }
        if (ClientSql.sortsByHeadIndex(query, scope)) {
            ClientSql.Statement statement = ClientSql.headSorted(query, scope);
            return store.query(statement.sql(), statement.params());
        }
        if (ClientSql.sortsByOwnerIndex(query, scope)) {
            return ownersMerged(query, scope);
        }
        return planned(query, scope, trigrams);
    }

    private List<Client> planned(ClientListQuery query, OwnerScope scope, List<String> trigrams) {
        // a sync page stops where a commit still in flight could land before it (SyncBound)
        java.time.Instant syncBefore = query.updatedSince() == null ? null : syncBound.current();
        ClientSql.Statement statement = ClientSql.readsChanges(query, scope) ? ClientSql.changes(query, scope, syncBefore)
                : ClientSql.build(query, scope, trigrams, syncBefore);
        return store.query(statement.sql(), statement.params());
    }

    /**
     * The page (limit + 1 clients) through the range plan of {@link ClientSql} - a range, or an equality
     * as a range of one value in a scope smaller than the table ({@link ClientSql#equalityAsRange}) -
     * or null when it holds for more of the scope's clients than the plan may read: the scan, or the
     * equality's entries in id order, find a page sooner then. One owner's equality of a value that many
     * of his clients hold reads his clients in id order instead, each tested ({@code plan="scan"}).
     * A range whose estimate makes the scan the safer choice goes to it without counting its
     * candidates ({@link ClientSql#scansUncounted}): a head's range over 19 % of his 50,000 clients
     * read 1,601 entries to learn it
     * ({@code clientbase_client_list_range_estimates_total{outcome="scan"|"count"}}).
     * A range the estimate finds narrow is read in one statement, its entries joined to their rows
     * ({@link ClientSql#joinsCandidates}, {@code clientbase_client_list_range_forms_total{form="joined"}});
     * otherwise its candidates are counted first ({@code form="counted"}) and their rows read in the
     * page's order, a page and a quarter first; when the other
     * conditions leave too few of them, each next read takes four times as many. Which plan served
     * is counted ({@code clientbase_client_list_range_plans_total{plan="range"|"scan"|"value"}}, the
     * last for an equality left to its value's entries).
     * <p>
     * The ids are sorted here: the statement's temporary tables cost more (ClientSql#rangeCandidates).
     */
    private List<Client> rangeDriven(ClientListQuery query, OwnerScope scope) {
        Field field = ClientSql.rangeDriver(query);
        boolean filtersARange = field != null;
        // what serves the page when this plan does not: the scan for a range, an equality's entries otherwise
        String otherwise = filtersARange ? "scan" : "value";
        if (!filtersARange) {
            field = ClientSql.equalityAsRange(query, scope);
            if (field == null && ClientSql.readsHeadsValueEntries(scope, ClientSql.driver(query))) {
                metrics.counter("clientbase.client.list.range.plans", "plan", otherwise).increment(); // his own, a page of them
                return null;
            }
        }
        if (field == null) {
            return null;
        }
        Field driving = field;
        AskedOnce rangeEstimate = new AskedOnce(() -> store.estimatedRows(ClientSql.rangeEstimate(query, scope, driving)));
        Long owner = ClientSql.rangeOwner(query, scope);
        if (!filtersARange) {
            EqualityPlan plan = equalityPlan(query, scope, owner, rangeEstimate);
            if (plan == EqualityPlan.OWNERS_CLIENTS) {
                metrics.counter("clientbase.client.list.range.plans", "plan", "scan").increment();
                ClientSql.Statement scan = ClientSql.ownersClientsInIdOrder(query, scope, owner);
                return store.query(scan.sql(), scan.params());
            }
            if (plan == EqualityPlan.VALUE_ENTRIES) {
                metrics.counter("clientbase.client.list.range.plans", "plan", otherwise).increment();
                return null;
            }
        }
        // one owner's range filter may cost his department's entries (V30): his few clients are read instead
        // (an equality weighs his share of its entries above, equalityPlan)
        if (owner != null && filtersARange && ClientSql.scansOwnersClients(query.limit(), store.ownerRows(owner), () -> store.ownersHeadRows(owner), rangeEstimate)) {
            metrics.counter("clientbase.client.list.range.plans", "plan", "scan").increment();
            return null;
        }
        // the scan a head's page falls back to walks his range of the head index, not the table: with
        // the table's budget, a range over 19 % of a head's 50,000 clients read 7,141 entries before
        // the scan, which then met a page within 270 of his rows
        long scanned = ClientSql.readsHeadRange(query, scope, null) ? store.headRows(scope.head()) : store.approximateRows();
        int budget = ClientSql.rangeBudget(query.limit(), scanned);
        if (ClientSql.estimatesRange(query, scope, () -> scopeRows(query, scope), budget)) {
            boolean wide = ClientSql.scansUncounted(query.limit(), scanned, rangeEstimate.getAsLong());
            metrics.counter("clientbase.client.list.range.estimates", "outcome", wide ? "scan" : "count").increment();
            if (wide) {
                metrics.counter("clientbase.client.list.range.plans", "plan", otherwise).increment();
                return null;
            }
        }
        Long after = query.after() == null ? null : query.after().id();
        if (ClientSql.joinsCandidates(budget, rangeEstimate.known())) {
            metrics.counter("clientbase.client.list.range.plans", "plan", "range").increment();
            metrics.counter("clientbase.client.list.range.forms", "form", "joined").increment();
            ClientSql.Statement joined = ClientSql.rangeJoined(query, scope, field, after, query.limit() + 1);
            return store.query(joined.sql(), joined.params());
        }
        long[] ids = store.concatenatedIds(ClientSql.rangeCandidates(query, scope, field, after, budget));
        if (ids.length > budget) {
            metrics.counter("clientbase.client.list.range.plans", "plan", otherwise).increment();
            return null;
        }
        metrics.counter("clientbase.client.list.range.plans", "plan", "range").increment();
        metrics.counter("clientbase.client.list.range.forms", "form", "counted").increment();
        return pageAmong(query, scope, ids);
    }

    /**
     * A trash page read from the scope's trashed clients, sorted ({@link ClientSql#trashed}), when the
     * server estimates them few enough ({@link ClientSql#sortsTrash}); null otherwise, for the plans that
     * read the scope in the page's order. Counted:
     * {@code clientbase_client_list_trash_plans_total{plan="trash"|"scope"}}.
     */
    private List<Client> trashed(ClientListQuery query, OwnerScope scope) {
        if (!ClientSql.readsTrash(query, scope)) {
            return null;
        }
        long trashed = store.estimatedRows(ClientSql.trashEstimate(query, scope));
        if (!ClientSql.sortsTrash(query.limit(), trashed, scopeRows(query, scope))) {
            metrics.counter("clientbase.client.list.trash.plans", "plan", "scope").increment();
            return null;
        }
        metrics.counter("clientbase.client.list.trash.plans", "plan", "trash").increment();
        ClientSql.Statement statement = ClientSql.trashed(query, scope);
        return store.query(statement.sql(), statement.params());
    }

    /**
     * How a page in another order than id's with a filter is read: from the filter's matches in the scope,
     * sorted ({@link ClientSql#matchesSorted}), when the server's estimate of them is within what reading
     * the scope in the sort's order would cost ({@link ClientSql#sortsMatches}, {@code examining} null);
     * otherwise in the sort's order, each client tested, until a statement has examined
     * {@code examining} rows ({@link ClientSql#sortOrderRowsExamined}), and then from the matches after all.
     * Null when the page has no such filter. Counted:
     * {@code clientbase_client_list_sorted_plans_total{plan="matches"|"sort-order"|"matches-after-sort-order"}}.
     */
    private SortedMatches sortedMatches(ClientListQuery query, OwnerScope scope) {
        Field field = ClientSql.sortedMatchesField(query, scope);
        if (field == null) {
            return null;
        }
        AskedOnce matches = new AskedOnce(() -> store.estimatedRows(ClientSql.rangeEstimate(query, scope, field)));
        Long owner = ClientSql.rangeOwner(query, scope);
        long scopeRows = scopeRows(query, scope);
        // one owner's matches are read from his department's entries (V30)
        LongSupplier departmentRows = owner == null ? null : () -> store.ownersHeadRows(owner);
        if (ClientSql.sortsMatches(query.limit(), scopeRows, departmentRows, matches)) {
            metrics.counter("clientbase.client.list.sorted.plans", "plan", "matches").increment();
            return new SortedMatches(field, null);
        }
        metrics.counter("clientbase.client.list.sorted.plans", "plan", "sort-order").increment();
        return new SortedMatches(field, ClientSql.sortOrderRowsExamined(query.limit(), scopeRows, departmentRows, matches.getAsLong()));
    }

    private record SortedMatches(Field field, Long examining) {
    }

    private List<Client> matchesSorted(ClientListQuery query, OwnerScope scope, Field field) {
        ClientSql.Statement statement = ClientSql.matchesSorted(query, scope, field);
        return store.query(statement.sql(), statement.params());
    }

    /** The server's estimate asked at most once per page, however many choices weigh it. */
    private static final class AskedOnce implements LongSupplier {
        private final LongSupplier estimate;
        private Long asked;

        AskedOnce(LongSupplier estimate) {
            this.estimate = estimate;
        }

        @Override
        public long getAsLong() {
            if (asked == null) {
                asked = estimate.getAsLong();
            }
            return asked;
        }

        /** The estimate if a choice has asked for it already, else null. */
        Long known() {
            return asked;
        }
    }

    /**
     * Which of its plans serves an equality, by the server's estimates of its matches in the scope and of
     * its value's entries in the table: one owner's own clients scanned (ClientSql#scansOwnersEquality),
     * the scope's range of the value, or the value's entries in id order.
     */
    private EqualityPlan equalityPlan(ClientListQuery query, OwnerScope scope, Long owner, LongSupplier rangeEstimate) {
        ClientListQuery.Filter equality = ClientSql.driver(query);
        long inScope = rangeEstimate.getAsLong();
        long inTable = store.estimatedRows(ClientSql.valueEntriesEstimate(equality));
        if (owner == null) {
            return ClientSql.readsScopesRange(query.limit(), inScope, inTable) ? EqualityPlan.SCOPES_RANGE : EqualityPlan.VALUE_ENTRIES;
        }
        // one owner's range is his head's (V30): a page keeps his share of its entries
        long ownerRows = store.ownerRows(owner);
        long matches = Math.min(inScope, ClientSql.ownersShare(inTable, ownerRows, store.approximateRows()));
        if (ClientSql.scansOwnersEquality(query.limit(), ownerRows, store.ownersHeadRows(owner), inScope, matches, inTable)) {
            return EqualityPlan.OWNERS_CLIENTS;
        }
        return ClientSql.readsScopesRange(query.limit(), inScope, matches, inTable) ? EqualityPlan.SCOPES_RANGE : EqualityPlan.VALUE_ENTRIES;
    }

    /** What serves an equality in id order of a scope smaller than the table. */
    private enum EqualityPlan { OWNERS_CLIENTS, SCOPES_RANGE, VALUE_ENTRIES }

    /** Whether one owner's page by a value sorts his few clients rather than read his head's range of the value index in value order (ClientSql#sortsOwnersClients). */
    private boolean sortsOwnersClients(ClientListQuery query, OwnerScope scope) {
        Long owner = ClientSql.rangeOwner(query, scope);
        return owner != null && ClientSql.sortsOwnersClients(query.limit(), store.ownerRows(owner), store.ownersHeadRows(owner));
    }

    /**
     * The page (limit + 1 clients) of free text for a head's department or one owner, whose entries of
     * the rarest trigram are one range in id order (V27, V21): windows of candidates in the page's
     * order, a page and a quarter first, four times more each next window, until the page is full or the
     * range ends. Reads O(page / share of the entries that match), at most the scope's entries, never
     * another scope's. Null for the trigram list plan when the clients waiting for the indexer in the
     * scope outnumber {@link ClientSql#TEXT_BUDGET} (an import's backlog), for a head until the index
     * carries every entry's head ({@link TrigramHeads}), and for everyone, whose list in id order
     * stops after a page (not counted). Counted like the range plans
     * ({@code clientbase_client_list_text_plans_total{plan="ordered"|"list"}}).
     */
    private List<Client> textCandidates(ClientListQuery query, OwnerScope scope, List<String> trigrams) {
        if (trigrams.isEmpty()) {
            return null;
        }
        if (!ClientSql.readsTrigramsInOrder(query, scope, scope.head() == null || trigramHeads.done())) {
            if (ClientSql.readsTrigramsInOrder(query, scope, true)) {
                // a head before the background pass has given every entry its head
                metrics.counter("clientbase.client.list.text.plans", "plan", "list").increment();
            }
            return null;
        }
        int wanted = query.limit() + 1;
        boolean descending = query.sort().descending();
        Long after = query.after() == null ? null : query.after().id();
        List<Client> page = new ArrayList<>(wanted);
        // a page and a quarter first, as pageAmong reads them: four pages' worth read 844 rows for a
        // head's page of a common text on 1,000,000 clients, where most candidates match
        for (int window = wanted + wanted / 4; ; window = (int) Math.min(4L * window, 1 << 20)) {
            ClientStore.CandidateWindow candidates = store.candidateWindow(ClientSql.textWindow(query, scope, trigrams, after, window, ClientSql.TEXT_BUDGET));
            if (candidates.ids().length - candidates.indexed() > ClientSql.TEXT_BUDGET) {
                // the page starts again in the list plan: these marks are not read in the page's order
                metrics.counter("clientbase.client.list.text.plans", "plan", "list").increment();
                return null;
            }
            boolean rangeEnds = candidates.indexed() <= window;
            long edge = rangeEnds ? 0 : candidates.edge();
            long[] inWindow = rangeEnds ? candidates.ids()
                    : Arrays.stream(candidates.ids()).filter(id -> descending ? id >= edge : id <= edge).toArray();
            page.addAll(pageAmong(query, scope, inWindow, wanted - page.size()));
            if (page.size() >= wanted || rangeEnds) {
                metrics.counter("clientbase.client.list.text.plans", "plan", "ordered").increment();
                return page;
            }
            after = edge;
        }
    }

    /**
     * The page of free text sorted otherwise than by id, from the text's candidates in the scope's range
     * of the trigram index (ClientSql#textMatchesSorted), when its rarest trigram holds few enough of the
     * scope's clients by the server's estimate, by the rule of a filter's matches ({@link ClientSql#sortsMatches}),
     * and at most {@link ClientSql#TEXT_SORT_ENTRIES}; null otherwise, or when the candidates outgrow the
     * budget or the clients waiting for the indexer in the scope {@link ClientSql#TEXT_BUDGET}: the sort's
     * order is read then, each row tested. Counted ({@code clientbase_client_list_text_sorted_plans_total{plan="matches"|"sort-order"}}).
     */
    private List<Client> textMatchesSorted(ClientListQuery query, OwnerScope scope) {
        ClientSql.TrigramRange range = ClientSql.sortedTextRange(query, scope, scope.head() == null || trigramHeads.done());
        if (range == null) {
            return null;
        }
        List<String> trigrams = textIndex.narrowest(query.q(), range, () -> rangeClients(range));
        if (trigrams.isEmpty()) {
            return null;
        }
        // kept by narrowest a moment ago: no round trip
        long entries = textIndex.estimatedEntries(List.of(trigrams.get(0)), range)[0];
        if (entries > ClientSql.TEXT_SORT_ENTRIES || !ClientSql.sortsMatches(query.limit(), scopeRows(query, scope), null, () -> entries)) {
            metrics.counter("clientbase.client.list.text.sorted.plans", "plan", "sort-order").increment();
            return null;
        }
        ClientStore.CandidateWindow candidates = store.candidateWindow(ClientSql.textWindow(query, scope, range, trigrams, null,
                ClientSql.TEXT_SORT_BUDGET, ClientSql.TEXT_BUDGET));
        if (candidates.indexed() > ClientSql.TEXT_SORT_BUDGET || candidates.ids().length - candidates.indexed() > ClientSql.TEXT_BUDGET) {
            metrics.counter("clientbase.client.list.text.sorted.plans", "plan", "sort-order").increment();
            return null;
        }
        metrics.counter("clientbase.client.list.text.sorted.plans", "plan", "matches").increment();
        if (candidates.ids().length == 0) {
            return List.of();
        }
        ClientSql.Statement statement = ClientSql.textMatchesSorted(query, scope, candidates.ids());
        return store.query(statement.sql(), statement.params());
    }

    /** About how many clients a range of the trigram index covers: a plan's estimate, never access. */
    private long rangeClients(ClientSql.TrigramRange range) {
        if (range.column() == null) {
            return store.approximateRows();
        }
        return range.column().equals("head_id") ? store.headRows(range.id()) : store.ownerRows(range.id());
    }

    /** About how many live clients a page's scope holds (one owner's when it asks for one): a plan's estimate, never access. */
    private long scopeRows(ClientListQuery query, OwnerScope scope) {
        if (query.ownerId() != null) {
            return store.ownerRows(query.ownerId());
        }
        if (scope.everyone()) {
            return store.approximateRows();
        }
        return scope.head() != null ? store.headRows(scope.head()) : scope.owners().stream().mapToLong(store::ownerRows).sum();
    }

    /**
     * The first limit + 1 of the candidates {@code ids} (in no order, maybe twice) in the page's order
     * that meet every condition of the query: read a page and a quarter first; when the conditions
     * leave too few of them, each next read takes four times as many.
     */
    private List<Client> pageAmong(ClientListQuery query, OwnerScope scope, long[] ids) {
        return pageAmong(query, scope, ids, query.limit() + 1);
    }

    /** The same, for the first {@code wanted} of them. */
    private List<Client> pageAmong(ClientListQuery query, OwnerScope scope, long[] ids, int wanted) {
        List<Long> ordered = new ArrayList<>(ids.length);
        for (long id : Arrays.stream(ids).sorted().distinct().toArray()) {
            ordered.add(id);
        }
        if (query.sort().descending()) {
            Collections.reverse(ordered);
        }
        List<Client> page = new ArrayList<>(wanted);
        for (int from = 0, take = wanted + wanted / 4; from < ordered.size() && page.size() < wanted; from += take, take *= 4) {
            List<Long> chunk = ordered.subList(from, Math.min(ordered.size(), from + take));
            ClientSql.Statement among = ClientSql.pageAmong(query, scope, chunk, wanted - page.size());
            page.addAll(store.query(among.sql(), among.params()));
        }
        return page;
    }

    /** The page sorted by a custom value: the clients holding one, in sort order, then those without, in id order. */
    private List<Client> valueSorted(ClientListQuery query, OwnerScope scope) {
        int wanted = query.limit() + 1;
        List<Client> page = new ArrayList<>(wanted);
        if (query.after() == null || query.after().value() != null) {
            ClientSql.Statement valued = ClientSql.valuedFirst(query, scope);
            page.addAll(store.query(valued.sql(), valued.params()));
        }
        if (page.size() < wanted) {
            ClientSql.Statement rest = ClientSql.withoutValue(query, scope, wanted - page.size());
            page.addAll(store.query(rest.sql(), rest.params()));
        }
        return page;
    }

    private List<Client> ownersMerged(ClientListQuery query, OwnerScope scope) {
        ClientSql.Statement statement = ClientSql.ownersMerged(query, scope);
        return store.query(statement.sql(), statement.params());
    }

    /** The cursor after the last client of a page, or null when it was the last page. */
    public String cursorAfter(Result result, Map<Long, TypedValue> lastValues) {
        if (!result.more() || result.last() == null) {
            return null;
        }
        return ClientListQuery.cursorAfter(result.sort(), result.last(), lastValues);
    }
}
