package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;

/**
 * Holds the caller that {@link CallerFilter} established for this request: checked against the
 * database before the endpoint ran, or, for an endpoint {@link CheckedByItsRead}, remembered and
 * checked by its first read ({@link CallerCheck}).
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private CallerCheck owed;
    private Supplier<Caller> asStored;

    void set(Caller caller) {
        this.caller = caller;
        this.owed = null;
        this.asStored = null;
    }

    /** A remembered caller, used until {@code owed} is settled; {@code asStored} establishes him as stored now when it fails. */
    void setRemembered(Caller caller, CallerCheck owed, Supplier<Caller> asStored) {
        this.caller = caller;
        this.owed = owed;
        this.asStored = asStored;
    }

    /** The check this request still owes, or null. */
    CallerCheck owed() {
        return owed;
    }

    /**
     * Nothing is owed any more: the check passed (the caller is the caller as stored), or the answer is
     * the failure of the check itself (a database gone), which shows nothing the caller may not see.
     */
    void settled() {
        owed = null;
        asStored = null;
    }

    /** The owed check failed: the caller is loaded and checked as stored now (which may refuse him). */
    void establishAsStored() {
        Supplier<Caller> load = asStored;
        set(null);
        set(load.get());
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
