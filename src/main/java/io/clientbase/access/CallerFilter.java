package io.clientbase.access;

import io.clientbase.auth.ApiTokenPrincipal;
import io.clientbase.auth.VerifiedToken;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.users.UserStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
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

    @ServerRequestFilter
    public void establish(HttpServerRequest request) {
        if (identity.isAnonymous()) {
            return;
        }
        Caller caller = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            caller = standing(parseId(jwt.getSubject()), VerifiedToken.versionOf(jwt));
        } else if (identity.getPrincipal() instanceof ApiTokenPrincipal api) {
            caller = standing(api.userId(), api.tokenVersion());
        }
        if (caller == null) {
            events.record(SecurityEvents.Kind.TOKEN_REVOKED, null, identity.getPrincipal().getName(),
                    ClientAddress.of(request), request.method().name(), request.path(), REVOKED);
            throw ApiException.unauthorized(REVOKED);
        }
        ipPolicy.requireAllowedRequest(caller.user(), ClientAddress.of(request), request.method().name(), request.path());
        current.set(caller);
    }

    /** The caller, if the token still stands for him. */
    private Caller standing(Long userId, Integer tokenVersion) {
        if (userId == null || tokenVersion == null) {
            return null;
        }
        return callers.load(userId)
                .filter(c -> c.user().status != UserStatus.BLOCKED && tokenVersion == c.user().tokenVersion)
                .orElse(null);
    }

    private static Long parseId(String subject) {
        try {
            return subject == null ? null : Long.valueOf(subject);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
