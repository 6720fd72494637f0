package io.clientbase.clients;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Page;
import io.clientbase.platform.Versions;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.schema.Field;
import io.clientbase.schema.FieldValues;
import io.clientbase.schema.FieldValues.TypedValue;
import io.clientbase.schema.FieldVisibility;
import io.clientbase.schema.FieldVisibility.VisibleField;
import io.clientbase.schema.FieldVisibility.VisibleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clients: every path goes through the owner scope (out of scope = the 404 of a missing id), the
 * rights evaluator (clients.view/create/edit/delete) and the caller's visible schema (hidden
 * fields never read, written, filtered, sorted or named).
 */
@ApplicationScoped
@RetryOnConflict
public class ClientService {

    private static final Set<String> MEMBERS = Set.of("name", "ownerId", "fields", "externalId");

    @Inject
    io.clientbase.history.HistoryService history;

    @Inject
    CurrentCaller current;

    @Inject
    ScopeService scope;

    @Inject
    RightsEvaluator rights;

    @Inject
    FieldVisibility visibility;

    @Inject
    ClientStore store;

    @Inject
    ClientSearch search;

    @Inject
    SyncBound syncBound;

    @Inject
    JsonPatchReader patchReader;


    public Page<ClientView> list(ClientListQuery.Parameters criteria) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        if (criteria.deleted()) {
            rights.require(caller, Area.CLIENTS, Action.DELETE);
        }
        VisibleSchema schema = visibility.of(caller);
        ClientSearch.Result result = search.search(scope.scopeOf(caller), schema, criteria);
        List<ClientView> items = result.clients().stream().map(c -> view(c, schema)).toList();
        String next = search.cursorAfter(result, result.last() == null ? null : ValueDocument.read(result.last().fieldValues(), schema));
        return new Page<>(items, next);
    }

    public ClientView get(long id) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        Client client = findVisible(id, caller, false, false);
        return view(client, visibility.of(caller));
    }

    /** The history of a client the caller sees, in the trash or not, newest first. */
    public Page<io.clientbase.history.HistoryView> history(long id, String cursor, Integer limit) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        Client client = store.byId(id);
        scope.requireVisible(client, client == null ? null : client.ownerId(), "Client");
        return history.ofRecord(io.clientbase.history.RecordType.CLIENT, id, cursor, limit);
    }

    public ClientCard card(long id) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        Client client = findVisible(id, caller, false, false);
        VisibleSchema schema = visibility.of(caller);
        Map<Long, TypedValue> stored = ValueDocument.read(client.fieldValues(), schema);
        List<ClientCard.CardSection> sections = new ArrayList<>();
        for (var section : schema.sections()) {
            List<VisibleField> fields = schema.fieldsBySection().getOrDefault(section.id, List.of());
            if (fields.isEmpty()) {
                continue;
            }
            sections.add(new ClientCard.CardSection(section.id, section.name, fields.stream().map(v -> new ClientCard.CardField(
                    v.field().key, v.field().name, v.field().type, json(v.field(), stored.get(v.field().id)),
                    v.readOnly(), v.field().required, v.field().options)).toList()));
        }
        return new ClientCard(client.id(), client.name(), client.ownerId(), client.version(), sections);
    }

    @Transactional
    public ClientView create(ClientRequest request) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.CREATE);
        try {
            return createIn(caller, request);
        } catch (ClientStore.ExternalIdTaken e) {
            throw externalIdTaken();
        }
    }

    private ClientView createIn(Caller caller, ClientRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        Long owner = request.ownerId() != null ? request.ownerId() : caller.id();
        scope.requireAssignableOwner(owner);
        VisibleSchema schema = visibility.of(caller);
        Map<Field, TypedValue> changes = customValues(request.fields(), schema, true);
        String externalId = request.externalId() == null ? null : ExternalIds.check("externalId", request.externalId());
        return view(store.insert(new ClientStore.Single(request.name().strip(), owner, changes, externalId)), schema);
    }

    /** The client with this external id, when the caller sees it (else the 404 of a missing one). */
    public ClientView getByExternalId(String externalId) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        Client client = ExternalIds.problem(externalId) == null ? store.byExternalId(externalId) : null;
        boolean exists = client != null && !client.inTrash();
        scope.requireVisible(exists ? client : null, exists ? client.ownerId() : null, "Client");
        return view(client, visibility.of(caller));
    }

    /** What an upsert did: created the client (201) or changed it (200). */
    public record Upserted(boolean created, ClientView client) {
    }

    /**
     * Create or update by the integrator's id, under the rules of {@link #create} and {@link #patch}:
     * a new client needs clients.create, an existing one clients.edit and the caller's scope; the
     * members named change, the others keep their value. {@code If-None-Match: *} only creates,
     * {@code If-Match} only updates that version (412 otherwise). A client outside the scope, or in
     * the trash, holds the id: 409, as for a create that names a taken external id. An update that
     * changes nothing leaves the client as is (same version, no history entry, no event), so that
     * an integrator may send its whole base again.
     */
    public Upserted upsert(String externalId, JsonNode body, String ifMatch, String ifNoneMatch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                        .call(() -> upsertOnce(externalId, body, ifMatch, ifNoneMatch));
            } catch (ClientStore.ExternalIdTaken e) {
                // another request created the client first: a new transaction sees it and updates it. Not in
                // the same one: the refused insert holds a shared lock on the key, and every loser asking
                // to lock it for update deadlocks with the others.
                if (attempt == 3) {
                    throw ApiException.conflict("The client with this externalId changed while it was written: send the request again");
                }
            }
        }
    }

    private Upserted upsertOnce(String externalId, JsonNode body, String ifMatch, String ifNoneMatch) {
        Caller caller = current.get();
        ExternalIds.check("externalId", externalId);
        ClientRequest request = patchReader.read(body, MEMBERS, ClientRequest.class);
        if (body.has("externalId") && !externalId.equals(request.externalId())) {
            throw ApiException.invalid("externalId", "must be the external id of the path, or left out");
        }
        Client existing = store.byExternalId(externalId);
        if (existing == null) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw ApiException.preconditionFailed("No client has this external id, so none matches If-Match");
            }
            rights.require(caller, Area.CLIENTS, Action.CREATE);
            ClientRequest create = new ClientRequest(request.name(), request.ownerId(), request.fields(), externalId);
            return new Upserted(true, createIn(caller, create));
        }
        if (ifNoneMatch != null && ifNoneMatch.strip().equals("*")) {
            throw ApiException.preconditionFailed("A client already has this external id (If-None-Match: *)");
        }
        rights.require(caller, Area.CLIENTS, Action.EDIT);
        Client before = store.lockById(existing.id());
        if (before == null || !externalId.equals(before.externalId()) || !scope.scopeOf(caller).includes(before.ownerId())) {
            throw externalIdTaken();
        }
        if (before.inTrash()) {
            throw ApiException.conflict("The client with this externalId (" + before.id() + ") is in the trash: restore it first");
        }
        Versions.checkIfMatch(ifMatch, before.version());
        return new Upserted(false, applyPatch(caller, before, body, request, true));
    }

    private static ApiException externalIdTaken() {
        return new ApiException(io.clientbase.platform.problem.ProblemKind.CONFLICT, "Another client already has this externalId",
                List.of(new Problem.FieldError("externalId", "is taken")), Map.of());
    }

    @Transactional
    public ClientView patch(long id, JsonNode body, String ifMatch) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.EDIT);
        Client before = findVisible(id, caller, false, true);
        Versions.checkIfMatch(ifMatch, before.version());
        ClientRequest patch = patchReader.read(body, MEMBERS, ClientRequest.class);
        try {
            return applyPatch(caller, before, body, patch, false);
        } catch (ClientStore.ExternalIdTaken e) {
            throw externalIdTaken();
        }
    }

    /** The members that {@code body} names, applied to a locked client; with {@code onlyIfChanged}, a patch that changes nothing writes nothing. */
    private ClientView applyPatch(Caller caller, Client before, JsonNode body, ClientRequest patch, boolean onlyIfChanged) {
        VisibleSchema schema = visibility.of(caller);
        Client changed = before;
        if (body.has("name")) {
            if (patch.name() == null || patch.name().isBlank()) {
                throw ApiException.invalid("name", "must not be blank");
            }
            changed = changed.withName(patch.name().strip());
        }
        if (body.has("ownerId")) {
            scope.requireAssignableOwner(patch.ownerId());
            changed = changed.withOwner(patch.ownerId());
        }
        if (body.has("externalId")) {
            changed = changed.withExternalId(patch.externalId() == null ? null : ExternalIds.check("externalId", patch.externalId()));
        }
        Map<Field, TypedValue> changes = body.has("fields") ? customValues(patch.fields(), schema, false) : Map.of();
        if (onlyIfChanged && !ClientStore.changes(before, changed, changes)) {
            return view(before, schema);
        }
        ClientChange.Kind kind = changed.ownerId() != before.ownerId() ? ClientChange.Kind.OWNER_CHANGED : ClientChange.Kind.UPDATED;
        return view(store.update(kind, before, changed, changes), schema);
    }

    /** To the trash: gone from lists and reads, kept for restore; a syncing app sees deletedAt. */
    @Transactional
    public void delete(long id, String ifMatch) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.DELETE);
        Client client = findVisible(id, caller, false, true);
        Versions.checkIfMatch(ifMatch, client.version());
        store.update(ClientChange.Kind.DELETED, client, client, Map.of());
    }

    @Transactional
    public ClientView restore(long id) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.DELETE);
        Client client = findVisible(id, caller, true, true);
        if (!client.inTrash()) {
            throw ApiException.conflict("The client is not in the trash");
        }
        return view(store.update(ClientChange.Kind.RESTORED, client, client, Map.of()), visibility.of(caller));
    }

    /** Removes a client from the trash for good (ADMIN only); a tombstone tells syncing apps. */
    @Transactional
    public void purge(long id) {
        Caller caller = current.get();
        rights.requireAdmin(caller);
        Client client = findVisible(id, caller, true, true);
        if (!client.inTrash()) {
            throw ApiException.conflict("Only a client in the trash can be purged: delete it first");
        }
        store.purge(client);
    }

    /**
     * Purged clients from {@code since} on, a bounded page at a time: the cursor names the last
     * tombstone given, so ties on purgedAt across a page's end are neither lost nor repeated.
     */
    public Page<Tombstone> tombstones(Instant since, String cursor, int limit) {
        Caller caller = current.get();
        rights.require(caller, Area.CLIENTS, Action.VIEW);
        Instant from = since == null ? Instant.EPOCH : since;
        long afterId = 0;
        if (cursor != null && !cursor.isBlank()) {
            Tombstone last = Tombstone.fromCursor(cursor);
            from = last.purgedAt();
            afterId = last.id();
        }
        List<Tombstone> rows = store.tombstones(scope.scopeOf(caller), from, afterId, syncBound.current(),
                limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Tombstone> page = rows.subList(0, limit);
        return new Page<>(List.copyOf(page), page.get(page.size() - 1).cursor());
    }

    /**
     * The single-record check: a client outside the caller's scope, or in the trash unless asked
     * for, is the same 404 as an id never used.
     */
    private Client findVisible(long id, Caller caller, boolean inTrash, boolean forUpdate) {
        Client client = forUpdate ? store.lockById(id) : store.byId(id);
        boolean exists = client != null && inTrash == client.inTrash();
        return scope.requireVisible(exists ? client : null, exists ? client.ownerId() : null, "Client");
    }

    /**
     * Validates custom values against the caller's schema: an unknown or hidden key is refused
     * the same way, a READ_ONLY one cannot change, each value is checked by its type, and on
     * create every visible required field must be given. A null value (patch) removes it.
     */
    Map<Field, TypedValue> customValues(ObjectNode given, VisibleSchema schema, boolean creating) {
        Map<Field, TypedValue> result = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (given != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                var entry = it.next();
                String member = "fields." + entry.getKey();
                VisibleField visible = schema.field(entry.getKey()).orElse(null);
                if (visible == null) {
                    errors.add(new Problem.FieldError(member, "is not a field of the client card"));
                } else if (visible.readOnly()) {
                    errors.add(new Problem.FieldError(member, "is read-only for you"));
                } else if (entry.getValue().isNull()) {
                    if (visible.field().required) {
                        errors.add(new Problem.FieldError(member, "is required"));
                    } else if (!creating) {
                        result.put(visible.field(), null);
                    }
                } else {
                    try {
                        result.put(visible.field(), FieldValues.parse(visible.field(), entry.getValue()));
                    } catch (FieldValues.InvalidValue e) {
                        errors.add(new Problem.FieldError(member, e.getMessage()));
                    }
                }
            }
        }
        if (creating) {
            for (VisibleField v : schema.fields()) {
                if (v.field().required && !v.readOnly() && (given == null || !given.hasNonNull(v.field().key))) {
                    errors.add(new Problem.FieldError("fields." + v.field().key, "is required"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return result;
    }

    private ClientView view(Client c, VisibleSchema schema) {
        return new ClientView(c.id(), c.name(), c.ownerId(), c.externalId(), ValueDocument.json(c.fieldValues(), schema), c.createdAt(), c.updatedAt(),
                c.deletedAt(), c.version());
    }

    private static JsonNode json(Field field, TypedValue value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : FieldValues.toJson(field, value);
    }
}
