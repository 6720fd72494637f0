package io.clientbase.deals;

import io.clientbase.platform.RetryOnConflict;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.access.Action;
import io.clientbase.access.Area;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.clients.ClientChildren;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Page;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;

@ApplicationScoped
@RetryOnConflict
public class DealService {

    private static final Set<String> MEMBERS = Set.of("clientId", "ownerId", "title", "amount", "currency", "stage", "closeDate");

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    ScopeService scope;

    @Inject
    ClientChildren children;

    @Inject
    DealStore store;

    @Inject
    JsonPatchReader patchReader;

    public Page<DealView> list(DealStore.Filter filter) {
        Caller caller = current.get();
        rights.require(caller, Area.DEALS, Action.VIEW);
        return children.list(store, caller, store.conditions(filter), DealView::of);
    }

    public DealView get(long id) {
        return DealView.of(children.read(current.get(), Area.DEALS, store, id, "Deal"));
    }

    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(long id, String cursor, Integer limit) {
        return children.history(current.get(), Area.DEALS, store, io.clientbase.history.RecordType.DEAL, id, "Deal", cursor, limit);
    }

    @Transactional
    public DealView create(DealRequest request) {
        Caller caller = current.get();
        rights.require(caller, Area.DEALS, Action.CREATE);
        children.requireVisibleClient(caller, request.clientId());
        if (request.title() == null || request.title().isBlank()) {
            throw ApiException.invalid("title", "must not be blank");
        }
        Deal d = new Deal();
        d.clientId = request.clientId();
        d.ownerId = request.ownerId() != null ? request.ownerId() : caller.id();
        scope.requireAssignableOwner(d.ownerId);
        d.title = request.title().strip();
        d.amount = request.amount();
        d.currency = request.currency();
        d.stage = request.stage() != null ? request.stage() : Deal.Stage.NEW;
        d.closeDate = request.closeDate();
        d.createdAt = Instant.now();
        d.updatedAt = d.createdAt;
        d.version = 1;
        store.insert(d);
        return DealView.of(d);
    }

    @Transactional
    public DealView patch(long id, JsonNode body, String ifMatch) {
        Caller caller = current.get();
        Deal d = children.write(caller, Area.DEALS, Action.EDIT, store, id, ifMatch, "Deal");
        DealView before = DealView.of(d);
        DealRequest patch = patchReader.read(body, MEMBERS, DealRequest.class);
        if (body.has("clientId")) {
            children.requireVisibleClient(caller, patch.clientId());
            d.clientId = patch.clientId();
        }
        if (body.has("ownerId")) {
            scope.requireAssignableOwner(patch.ownerId());
            d.ownerId = patch.ownerId();
        }
        if (body.has("title")) {
            if (patch.title() == null || patch.title().isBlank()) {
                throw ApiException.invalid("title", "must not be blank");
            }
            d.title = patch.title().strip();
        }
        if (body.has("amount")) {
            d.amount = patch.amount();
        }
        if (body.has("currency")) {
            d.currency = patch.currency();
        }
        if (body.has("stage")) {
            if (patch.stage() == null) {
                throw ApiException.invalid("stage", "cannot be null");
            }
            d.stage = patch.stage();
        }
        if (body.has("closeDate")) {
            d.closeDate = patch.closeDate();
        }
        d.updatedAt = Instant.now();
        d.version++;
        store.updated(before, d);
        return DealView.of(d);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        Deal d = children.write(current.get(), Area.DEALS, Action.DELETE, store, id, ifMatch, "Deal");
        store.delete(d);
    }
}
