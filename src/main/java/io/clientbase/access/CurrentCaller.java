package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** Holds the caller that {@link CallerFilter} established for this request. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private OwnerScope scope;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller's scope, computed once per request: every check of a request sees the same hierarchy. */
    OwnerScope scope(Caller of, java.util.function.Function<Caller, OwnerScope> compute) {
        if (caller == null || caller.id() != of.id()) {
            return compute.apply(of);
        }
        if (scope == null) {
            scope = compute.apply(of);
        }
        return scope;
    }

    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthorized("A valid Bearer token is required");
        }
        return caller;
    }
}
