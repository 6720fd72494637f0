package io.clientbase.clients;

import io.clientbase.access.OwnerScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statement behind {@code /clients/tombstones}: the scope's purged clients, and the clients that
 * left the scope (V35) and are still outside it, in (time, id) order after the caller's point and
 * before the sync's stable point. A department is its head's clients (V20), so what left it is what
 * left its head, whoever the owner answers to now; another scope is its owners. Everyone's scope
 * loses no client but by a purge.
 */
final class TombstoneSql {

    private TombstoneSql() {
    }

    static ClientSql.Statement tombstones(OwnerScope scope, Instant since, long afterId, Instant before, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("(SELECT client_id, purged_at AS gone_at, 'PURGED' AS reason FROM client_tombstones WHERE ");
        if (scope.head() != null) {
            // purged in the department, whoever its owner answers to now; one written before V35 by its owner
            sql.append("(head_id = ").append(scope.head()).append(" OR (head_id IS NULL AND ").append(scope.sql("owner_id")).append("))");
        } else {
            sql.append(scope.sql("owner_id"));
        }
        sql.append(" AND ");
        appendWindow(sql, params, "purged_at", "client_id", since, afterId, before);
        sql.append(" ORDER BY purged_at, client_id LIMIT ").append(limit).append(")");
        if (!scope.everyone()) {
            sql.append(" UNION ALL (SELECT e.client_id, e.left_at, 'LEFT_SCOPE' FROM client_scope_exits e FORCE INDEX (")
                    .append(scope.head() != null ? "ix_scope_exits_head" : "ix_scope_exits_owner")
                    .append(") LEFT JOIN clients c FORCE INDEX (PRIMARY) ON c.id = e.client_id WHERE ");
            if (scope.head() != null) {
                sql.append("e.head_id = ").append(scope.head()).append(" AND NOT (c.head_id <=> ").append(scope.head()).append(")");
            } else {
                String owners = scope.owners().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
                sql.append("e.owner_id IN (").append(owners).append(") AND (c.id IS NULL OR c.owner_id NOT IN (").append(owners).append("))");
            }
            sql.append(" AND ");
            appendWindow(sql, params, "e.left_at", "e.client_id", since, afterId, before);
            sql.append(" ORDER BY e.left_at, e.client_id LIMIT ").append(limit).append(")");
            sql.append(" ORDER BY gone_at, client_id LIMIT ").append(limit);
        }
        return new ClientSql.Statement(sql.toString(), params);
    }

    private static void appendWindow(StringBuilder sql, List<Object> params, String at, String id, Instant since, long afterId,
                                     Instant before) {
        sql.append("(").append(at).append(" > ? OR (").append(at).append(" = ? AND ").append(id).append(" > ?)) AND ")
                .append(at).append(" < ?");
        params.addAll(List.of(since, since, afterId, before));
    }
}
