package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** Holds the caller that {@link CallerFilter} established for this request. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthorized("A valid Bearer token is required");
        }
        return caller;
    }

    /** The caller, or empty outside a request with one (first start, background work). */
    public java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(caller);
    }
}
