package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs on every authenticated request: loads the caller as stored now and refuses a token that
 * no longer stands (user gone or blocked, token version raised by a block, status or password
 * change), then applies the IP rule. One primary-key statement per request ({@link CallerLoader};
 * a second one when the caller must be loaded again; plus the range list for IP_RESTRICTED users),
 * which the database answers as of now: several instances on one database never serve a stale answer.
 */
public class CallerFilter {

    private static final String REVOKED = "This token is no longer valid; log in again";

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

    @ServerRequestFilter
    public void establish(HttpServerRequest request) {
        if (identity.isAnonymous()) {
            return;
        }
        var subject = subjects.of(identity.getPrincipal());
        Caller caller = subject.flatMap(this::standing)
                .map(c -> c.withScopes(Scopes.effective(subject.get().scopes(), request.path()))).orElse(null);
        if (caller == null) {
            events.record(SecurityEvents.Kind.TOKEN_REVOKED, null, identity.getPrincipal().getName(),
                    ClientAddress.of(request), request.method().name(), request.path(), REVOKED);
            throw ApiException.unauthorized(REVOKED);
        }
        ipPolicy.requireAllowedRequest(caller, ClientAddress.of(request), request.method().name(), request.path());
        current.set(caller);
    }

    /** The caller, if the token still stands for him. */
    private Optional<Caller> standing(TokenSubjects.Subject subject) {
        return callers.load(subject.userId())
                .filter(c -> c.status() != UserStatus.BLOCKED && subject.tokenVersion() == c.tokenVersion());
    }
}
