package io.clientbase.auth;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified JWT with its token version read once. SmallRye looks a claim name up among the standard
 * ones by {@code Claims.valueOf}, which throws for "tv": one exception per request was 2% of the
 * application's CPU for a client by id. Everything else is the verified token's own answer.
 */
public final class VerifiedToken implements JsonWebToken {

    private final JsonWebToken token;
    private final Integer tokenVersion;

    VerifiedToken(JsonWebToken token) {
        this.token = token;
        this.tokenVersion = versionOf(token);
    }

    /** The "tv" claim, or null if the token has none. */
    public Integer tokenVersion() {
        return tokenVersion;
    }

    public static Integer versionOf(JsonWebToken jwt) {
        if (jwt instanceof VerifiedToken verified) {
            return verified.tokenVersion;
        }
        Object claim = jwt.getClaim(TokenIssuer.TOKEN_VERSION_CLAIM);
        if (claim instanceof Number n) {
            return n.intValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.intValue();
        }
        return null;
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    public <T> T getClaim(String claimName) {
        return token.getClaim(claimName);
    }

    @Override
    public String toString() {
        return token.toString();
    }
}
