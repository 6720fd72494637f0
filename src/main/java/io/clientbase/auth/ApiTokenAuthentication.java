package io.clientbase.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Bearer tokens that start with {@value ApiTokens#PREFIX} are API tokens; anything else is left
 * to the JWT mechanism. A revoked or unknown token fails at once.
 */
public final class ApiTokenAuthentication {

    private ApiTokenAuthentication() {
    }

    public static final class Request extends BaseAuthenticationRequest {
        final String secret;

        Request(String secret) {
            this.secret = secret;
        }
    }

    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String header = context.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Uni.createFrom().nullItem();
            }
            String token = header.substring(7).trim();
            if (!token.startsWith(ApiTokens.PREFIX)) {
                return Uni.createFrom().nullItem();
            }
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new Request(token), context));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(Request.class);
        }

        @Override
        public int getPriority() {
            return 2000; // before the JWT mechanism, which would reject an API token as a malformed JWT
        }
    }

    @ApplicationScoped
    public static class Provider implements IdentityProvider<Request> {

        private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

        @Override
        public Class<Request> getRequestType() {
            return Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> identify(request.secret)));
        }

        private static SecurityIdentity identify(String secret) {
            ApiToken token = ApiToken.<ApiToken>find("tokenHash", ApiTokens.hash(secret)).firstResult();
            Instant now = Instant.now();
            if (token == null || (token.expiresAt != null && token.expiresAt.isBefore(now))) {
                throw new AuthenticationFailedException("unknown, revoked or expired API token");
            }
            if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(TOUCH_EVERY))) {
                token.lastUsedAt = now;
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new ApiTokenPrincipal(token.userId, token.id, token.tokenVersion, token.scopeSet()))
                    .build();
        }
    }
}
