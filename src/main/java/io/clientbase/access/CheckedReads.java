package io.clientbase.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Answers an endpoint {@link CheckedByItsRead} only once its remembered caller is known to be the
 * caller as stored: the check made by its first read, or else in a round trip of its own. When it
 * fails, whatever was made - rows, an answer, a refusal - is dropped, the caller is established as
 * stored now (which may refuse him), and the endpoint runs again. When the check itself fails (the
 * database is gone), that failure is the answer. An endpoint so marked must read and change nothing
 * else: it may run twice.
 * Counted: {@code clientbase_caller_checks_total{made="with-read"|"own-trip"|"changed"}}.
 */
@CheckedByItsRead
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class CheckedReads {

    private final CurrentCaller current;
    private final CallerLoader callers;
    private final Counter withRead;
    private final Counter ownTrip;
    private final Counter changed;

    @Inject
    public CheckedReads(CurrentCaller current, CallerLoader callers, MeterRegistry metrics) {
        this.current = current;
        this.callers = callers;
        this.withRead = metrics.counter("clientbase.caller.checks", "made", "with-read");
        this.ownTrip = metrics.counter("clientbase.caller.checks", "made", "own-trip");
        this.changed = metrics.counter("clientbase.caller.checks", "made", "changed");
    }

    @AroundInvoke
    Object answered(InvocationContext call) throws Exception {
        CallerCheck owed = current.owed();
        if (owed == null) {
            return call.proceed();
        }
        Object answer = null;
        Exception failure = null;
        owed.bind();
        try {
            answer = call.proceed();
        } catch (Exception e) {
            failure = e;
        } finally {
            CallerCheck.unbind();
        }
        boolean stands;
        try {
            stands = !(failure instanceof CallerCheck.Changed) && stands(owed);
        } catch (RuntimeException checkFailed) {
            current.settled();
            throw checkFailed;
        }
        if (stands) {
            current.settled();
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
        changed.increment();
        current.establishAsStored();
        return call.proceed();
    }

    private boolean stands(CallerCheck owed) {
        if (owed.passed() != null) {
            withRead.increment();
            return owed.passed();
        }
        ownTrip.increment();
        return callers.standsAt(owed);
    }
}
