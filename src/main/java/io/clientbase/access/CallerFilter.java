package io.clientbase.access;

import io.clientbase.auth.ApiTokenPrincipal;
import io.clientbase.auth.TokenIssuer;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs on every authenticated request: loads the caller as stored now and refuses a token that
 * no longer stands (user gone or blocked, token version raised by a block, status or password
 * change), then applies the IP rule. One indexed primary-key read per request (plus the range
 * list for IP_RESTRICTED users); no cache, so several instances on one database never serve a
 * stale answer.
 */
public class CallerFilter {

    private static final String REVOKED = "This token is no longer valid; log in again";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentCaller current;

    @Inject
    IpPolicy ipPolicy;

    @Inject
    SecurityEvents events;

    @ServerRequestFilter
    public void establish(HttpServerRequest request) {
        if (identity.isAnonymous()) {
            return;
        }
        User user = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            user = standing(parseId(jwt.getSubject()), tokenVersion(jwt));
        } else if (identity.getPrincipal() instanceof ApiTokenPrincipal api) {
            user = standing(api.userId(), api.tokenVersion());
        }
        if (user == null) {
            events.record(SecurityEvents.Kind.TOKEN_REVOKED, null, identity.getPrincipal().getName(),
                    ClientAddress.of(request), request.method().name(), request.path(), REVOKED);
            throw ApiException.unauthorized(REVOKED);
        }
        ipPolicy.requireAllowedRequest(user, ClientAddress.of(request), request.method().name(), request.path());
        current.set(new Caller(user));
    }

    /** The user, if the token still stands for him. */
    private static User standing(Long userId, Integer tokenVersion) {
        User user = userId == null ? null : User.findById(userId);
        boolean stands = user != null && user.status != UserStatus.BLOCKED
                && tokenVersion != null && tokenVersion == user.tokenVersion;
        return stands ? user : null;
    }

    private static Integer tokenVersion(JsonWebToken jwt) {
        Object claim = jwt.getClaim(TokenIssuer.TOKEN_VERSION_CLAIM);
        if (claim instanceof Number n) {
            return n.intValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.intValue();
        }
        return null;
    }

    private static Long parseId(String subject) {
        try {
            return subject == null ? null : Long.valueOf(subject);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
