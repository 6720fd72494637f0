package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.platform.problem.ProblemResponses;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Runs on every authenticated request: loads the caller as stored now and refuses a token that
 * no longer stands (user gone or blocked, token version raised by a block, status or password
 * change), then applies the IP rule. One primary-key statement per request ({@link CallerLoader};
 * a second one when the caller must be loaded again; plus the range list for IP_RESTRICTED users),
 * which the database answers as of now: several instances on one database never serve a stale answer.
 * <p>
 * An endpoint {@link CheckedByItsRead} gets the caller as remembered, when he is and his token stands
 * for him and no IP rule applies to him, and the same check travels with its first read
 * ({@link CallerCheck}, {@link CheckedReads}). An answer made before such an endpoint ran (a
 * malformed parameter) makes the check here, as the strict path would have before it.
 */
public class CallerFilter {

    private static final String REVOKED = "This token is no longer valid; log in again";
    private static final Logger LOG = Logger.getLogger(CallerFilter.class);

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentCaller current;

    @Inject
    CallerLoader callers;

    @Inject
    IpPolicy ipPolicy;

    @Inject
    SecurityEvents events;

    @Inject
    TokenSubjects subjects;

    @Inject
    CurrentVertxRequest vertxRequest;

    @ServerRequestFilter
    public void establish(HttpServerRequest request, ResourceInfo resource) {
        if (identity.isAnonymous()) {
            return;
        }
        var subject = subjects.of(identity.getPrincipal());
        if (subject.isPresent() && checkedByItsRead(resource)) {
            var remembered = callers.remembered(subject.get().userId())
                    .filter(r -> stands(r.caller(), subject.get()) && !ipPolicy.restricts(r.caller().status()));
            if (remembered.isPresent()) {
                current.setRemembered(scoped(remembered.get().caller(), subject.get(), request), remembered.get().check(),
                        () -> asStored(subject, request));
                return;
            }
        }
        current.set(asStored(subject, request));
    }

    /**
     * The check an endpoint never ran to make: made now, and the answer replaced when the caller no
     * longer stands. A failure of the server's own (5xx) shows nothing and is left as it is; a check
     * that cannot be made (the database gone) answers 503. Never throws: a response filter's failure
     * would escape the problem mappers.
     */
    @ServerResponseFilter
    public void settle(ContainerResponseContext response) {
        CallerCheck owed = current.owed();
        if (owed == null) {
            return;
        }
        if (response.getStatus() >= 500) {
            current.settled();
            return;
        }
        try {
            if (callers.standsAt(owed)) {
                current.settled();
                return;
            }
            current.establishAsStored();
        } catch (ApiException refused) {
            replace(response, ProblemResponses.of(refused, vertxRequest.getCurrent()));
        } catch (RuntimeException checkFailed) {
            current.settled();
            LOG.warnf("The caller could not be checked: %s", checkFailed.getMessage());
            replace(response, Response.fromResponse(ProblemResponses.of(ProblemKind.UNAVAILABLE,
                    "The database is not reachable at the moment; retry in a moment", vertxRequest.getCurrent()))
                    .header("Retry-After", "1").build());
        }
    }

    private static void replace(ContainerResponseContext response, Response problem) {
        response.setStatus(problem.getStatus());
        response.getHeaders().clear();
        response.getHeaders().putAll(problem.getHeaders());
        response.setEntity(problem.getEntity());
    }

    /** The caller as stored now, checked: a token that no longer stands is refused, then the IP rule applied. */
    private Caller asStored(Optional<TokenSubjects.Subject> subject, HttpServerRequest request) {
        Caller caller = subject.flatMap(s -> callers.load(s.userId()).filter(c -> stands(c, s)))
                .map(c -> scoped(c, subject.get(), request)).orElse(null);
        if (caller == null) {
            events.record(SecurityEvents.Kind.TOKEN_REVOKED, null, identity.getPrincipal().getName(),
                    ClientAddress.of(request), request.method().name(), request.path(), REVOKED);
            throw ApiException.unauthorized(REVOKED);
        }
        ipPolicy.requireAllowedRequest(caller, ClientAddress.of(request), request.method().name(), request.path());
        return caller;
    }

    /** Whether the token still stands for this caller. */
    private static boolean stands(Caller caller, TokenSubjects.Subject subject) {
        return caller.status() != UserStatus.BLOCKED && subject.tokenVersion() == caller.tokenVersion();
    }

    private static Caller scoped(Caller caller, TokenSubjects.Subject subject, HttpServerRequest request) {
        return caller.withScopes(Scopes.effective(subject.scopes(), request.path()));
    }

    private static boolean checkedByItsRead(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(CheckedByItsRead.class);
    }
}
