package io.clientbase.access;

import io.clientbase.auth.TokenIssuer;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs on every authenticated request: loads the caller as stored now and refuses a token that
 * no longer stands (user gone or blocked, token version raised by a block, status or password
 * change). One indexed primary-key read per request; no cache, so several instances on one
 * database never serve a stale answer.
 */
public class CallerFilter {

    private static final String REVOKED = "This token is no longer valid; log in again";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentCaller current;

    @ServerRequestFilter
    public void establish() {
        if (identity.isAnonymous()) {
            return;
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw ApiException.unauthorized(REVOKED);
        }
        User user = parseId(jwt.getSubject()) == null ? null : User.findById(parseId(jwt.getSubject()));
        if (user == null || user.status == UserStatus.BLOCKED || !sameVersion(jwt, user)) {
            throw ApiException.unauthorized(REVOKED);
        }
        current.set(new Caller(user));
    }

    private static boolean sameVersion(JsonWebToken jwt, User user) {
        Object claim = jwt.getClaim(TokenIssuer.TOKEN_VERSION_CLAIM);
        return claim instanceof Number n ? n.intValue() == user.tokenVersion
                : claim != null && claim.toString().equals(Integer.toString(user.tokenVersion));
    }

    private static Long parseId(String subject) {
        try {
            return subject == null ? null : Long.valueOf(subject);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
