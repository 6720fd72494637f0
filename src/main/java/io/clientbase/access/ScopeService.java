package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The one component that answers "which owners may this caller see". ADMIN: all; ADMINISTRATION:
 * himself and the EMPLOYEEs whose managerId is him now; EMPLOYEE: himself. Repositories put
 * {@link OwnerScope#predicate} in their SQL WHERE; single records go through {@link #requireVisible}
 * so that out of scope is the same 404 as a missing id.
 */
@ApplicationScoped
public class ScopeService {

    @Inject
    UserDirectory users;

    @Inject
    CurrentCaller current;

    /** The hierarchy as {@link CallerLoader} read it for this request: one snapshot for every check of the request. */
    public OwnerScope scopeOf(Caller caller) {
        return switch (caller.type()) {
            case ADMIN -> OwnerScope.all();
            case EMPLOYEE -> OwnerScope.of(Set.of(caller.id()));
            case ADMINISTRATION -> OwnerScope.department(caller.id(), caller.staffIds());
        };
    }

    /** The scope of the current request's caller. */
    public OwnerScope currentScope() {
        return scopeOf(current.get());
    }

    /**
     * The single-record check: the record when it exists and its owner is in the caller's scope;
     * otherwise the same 404 as for an id never used.
     */
    public <T> T requireVisible(T record, Long ownerId, String what) {
        if (record == null || !currentScope().includes(ownerId)) {
            throw ApiException.notFound(what);
        }
        return record;
    }

    /** An owner the caller may give a record to: inside his own scope, an existing user (422 otherwise). */
    public void requireAssignableOwner(Long ownerId) {
        OwnerScope visible = currentScope();
        // the caller and his staff were read with him, so only ADMIN's "everyone" needs a lookup
        boolean exists = ownerId != null && (!visible.everyone() || ownerId == current.get().id() || users.exists(ownerId));
        if (ownerId == null || !visible.includes(ownerId) || !exists) {
            throw ApiException.invalid("ownerId", "must name a user inside your scope");
        }
    }

    /** The same rule for many records at once (bulk import): the users the caller may give records to. */
    public Set<Long> assignableOwners(Caller caller) {
        OwnerScope visible = scopeOf(caller);
        return visible.everyone() ? users.allIds() : visible.owners();
    }
}
