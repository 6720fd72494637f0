package io.clientbase.auth;

import io.clientbase.access.UserDirectory.Account;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues access tokens: RS256, issuer, audience, 15 minutes, a jti and the user's token version. */
@ApplicationScoped
public class TokenIssuer {

    public static final String TOKEN_VERSION_CLAIM = "tv";

    @ConfigProperty(name = "smallrye.jwt.new-token.lifespan")
    long lifespanSeconds;

    public TokenResponse issue(Account user) {
        String token = Jwt.subject(Long.toString(user.id()))
                .upn(user.login())
                .groups(Set.of(user.type().name()))
                .claim(TOKEN_VERSION_CLAIM, user.tokenVersion())
                .sign();
        return new TokenResponse(token, "Bearer", lifespanSeconds);
    }
}
