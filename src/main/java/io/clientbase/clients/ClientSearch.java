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
    SyncConfig sync;

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
        List<Client> found = rangeDriven(query, scope);
        if (found == null) {
            found = ClientSql.sortsByValueIndex(query, scope) ? valueSorted(query, scope) : planned(query, scope);
        }
        boolean more = found.size() > limit;
        List<Client> page = more ? found.subList(0, limit) : found;
        return new Result(page, page.isEmpty() ? null : page.get(page.size() - 1), more, query.sort());
    }

    private List<Client> planned(ClientListQuery query, OwnerScope scope) {
        List<String> trigrams = ClientSql.wantsTrigrams(query) ? textIndex.narrowest(query.q()) : List.of();
        // a sync page stops where a commit still in flight could land before it (ClientStore.stablePoint)
        java.time.Instant syncBefore = query.updatedSince() == null ? null : store.stablePoint(sync.fallbackWindow());
        ClientSql.Statement statement = ClientSql.build(query, scope, trigrams, syncBefore);
        return store.query(statement.sql(), statement.params());
    }

    /**
     * The page (limit + 1 clients) through the range plan of {@link ClientSql}, or null when the range
     * holds for more of the scope's clients than the plan may read: the scan finds a page sooner then.
     * The candidates' rows are read in the page's order, a page and a quarter first; when the other
     * conditions leave too few of them, each next read takes four times as many. Which plan served
     * is counted ({@code clientbase_client_list_range_plans_total{plan="range"|"scan"}}).
     * <p>
     * The ids are sorted here: the statement's temporary tables cost more (ClientSql#rangeCandidates).
     */
    private List<Client> rangeDriven(ClientListQuery query, OwnerScope scope) {
        Field field = ClientSql.rangeDriver(query);
        if (field == null) {
            return null;
        }
        int wanted = query.limit() + 1;
        // the scan a head's page falls back to walks his range of the head index, not the table: with
        // the table's budget, a range over 19 % of a head's 50,000 clients read 7,141 entries before
        // the scan, which then met a page within 270 of his rows
        long scanned = ClientSql.readsHeadRange(query, scope, null) ? store.headRows(scope.head()) : store.approximateRows();
        int budget = ClientSql.rangeBudget(query.limit(), scanned);
        long[] ids = store.concatenatedIds(ClientSql.rangeCandidates(query, scope, field, query.after() == null ? null : query.after().id(), budget));
        if (ids.length > budget) {
            metrics.counter("clientbase.client.list.range.plans", "plan", "scan").increment();
            return null;
        }
        metrics.counter("clientbase.client.list.range.plans", "plan", "range").increment();
        Arrays.sort(ids);
        List<Long> ordered = new ArrayList<>(ids.length);
        for (long id : ids) {
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

    /** The cursor after the last client of a page, or null when it was the last page. */
    public String cursorAfter(Result result, Map<Long, TypedValue> lastValues) {
        if (!result.more() || result.last() == null) {
            return null;
        }
        return ClientListQuery.cursorAfter(result.sort(), result.last(), lastValues);
    }
}
