package io.clientbase.activities;

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
public class ActivityService {

    private static final Set<String> MEMBERS = Set.of("clientId", "ownerId", "type", "subject", "notes", "dueAt", "done");

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    ScopeService scope;

    @Inject
    ClientChildren children;

    @Inject
    ActivityStore store;

    @Inject
    JsonPatchReader patchReader;

    public Page<ActivityView> list(ActivityStore.Filter filter) {
        Caller caller = current.get();
        rights.require(caller, Area.ACTIVITIES, Action.VIEW);
        return children.list(store, caller, store.conditions(filter), ActivityView::of);
    }

    public ActivityView get(long id) {
        return ActivityView.of(children.read(current.get(), Area.ACTIVITIES, store, id, "Activity"));
    }

    public io.clientbase.platform.Page<io.clientbase.history.HistoryView> history(long id, String cursor, Integer limit) {
        return children.history(current.get(), Area.ACTIVITIES, store, io.clientbase.history.RecordType.ACTIVITY, id, "Activity", cursor, limit);
    }

    @Transactional
    public ActivityView create(ActivityRequest request) {
        Caller caller = current.get();
        rights.require(caller, Area.ACTIVITIES, Action.CREATE);
        children.requireVisibleClient(caller, request.clientId());
        if (request.type() == null) {
            throw ApiException.invalid("type", "is required: CALL, MEETING, TASK or NOTE");
        }
        if (request.subject() == null || request.subject().isBlank()) {
            throw ApiException.invalid("subject", "must not be blank");
        }
        Activity a = new Activity();
        a.clientId = request.clientId();
        a.ownerId = request.ownerId() != null ? request.ownerId() : caller.id();
        scope.requireAssignableOwner(a.ownerId);
        a.type = request.type();
        a.subject = request.subject().strip();
        a.notes = request.notes();
        a.dueAt = request.dueAt();
        a.done = Boolean.TRUE.equals(request.done());
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.version = 1;
        store.insert(a);
        return ActivityView.of(a);
    }

    @Transactional
    public ActivityView patch(long id, JsonNode body, String ifMatch) {
        Caller caller = current.get();
        Activity a = children.write(caller, Area.ACTIVITIES, Action.EDIT, store, id, ifMatch, "Activity");
        ActivityView before = ActivityView.of(a);
        ActivityRequest patch = patchReader.read(body, MEMBERS, ActivityRequest.class);
        if (body.has("clientId")) {
            children.requireVisibleClient(caller, patch.clientId());
            a.clientId = patch.clientId();
        }
        if (body.has("ownerId")) {
            scope.requireAssignableOwner(patch.ownerId());
            a.ownerId = patch.ownerId();
        }
        if (body.has("type")) {
            if (patch.type() == null) {
                throw ApiException.invalid("type", "cannot be null");
            }
            a.type = patch.type();
        }
        if (body.has("subject")) {
            if (patch.subject() == null || patch.subject().isBlank()) {
                throw ApiException.invalid("subject", "must not be blank");
            }
            a.subject = patch.subject().strip();
        }
        if (body.has("notes")) {
            a.notes = patch.notes();
        }
        if (body.has("dueAt")) {
            a.dueAt = patch.dueAt();
        }
        if (body.has("done")) {
            a.done = Boolean.TRUE.equals(patch.done());
        }
        a.updatedAt = Instant.now();
        a.version++;
        store.updated(before, a);
        return ActivityView.of(a);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        Activity a = children.write(current.get(), Area.ACTIVITIES, Action.DELETE, store, id, ifMatch, "Activity");
        store.delete(a);
    }
}
