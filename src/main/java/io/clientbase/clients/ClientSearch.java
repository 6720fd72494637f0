package io.clientbase.clients;

import io.clientbase.access.OwnerScope;
import io.clientbase.platform.Cursors;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    public record Result(List<Client> clients, Client last, boolean more, ClientListQuery.Sort sort) {
    }

    public Result search(OwnerScope scope, VisibleSchema schema, ClientListQuery.Parameters parameters) {
        return search(scope, schema, parameters, Cursors.limit(parameters.limit()));
    }

    /** The same search with a page size of the server's choosing (bulk export). */
    public Result search(OwnerScope scope, VisibleSchema schema, ClientListQuery.Parameters parameters, int limit) {
        ClientListQuery query = ClientListQuery.parse(parameters, schema, limit);
        List<String> trigrams = ClientSql.wantsTrigrams(query) ? textIndex.narrowest(query.q()) : List.of();
        // a sync page stops where a commit still in flight could land before it (ClientStore.stablePoint)
        java.time.Instant syncBefore = query.updatedSince() == null ? null : store.stablePoint(sync.fallbackWindow());
        ClientSql.Statement statement = ClientSql.build(query, scope, trigrams, syncBefore);
        List<Client> found = store.query(statement.sql(), statement.params());
        boolean more = found.size() > limit;
        List<Client> page = more ? found.subList(0, limit) : found;
        return new Result(page, page.isEmpty() ? null : page.get(page.size() - 1), more, query.sort());
    }

    /** The cursor after the last client of a page, or null when it was the last page. */
    public String cursorAfter(Result result, Map<Long, TypedValue> lastValues) {
        if (!result.more() || result.last() == null) {
            return null;
        }
        return ClientListQuery.cursorAfter(result.sort(), result.last(), lastValues);
    }
}
