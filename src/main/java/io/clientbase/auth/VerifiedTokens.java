package io.clientbase.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers which exact token strings passed signature and claim verification, until they expire.
 * Verifying RS256 on every request was 10–17% of the application's CPU in the profile of the
 * benchmark; the same string verifies the same way until its exp, and whether it still stands
 * (user blocked, password changed, logged out by a version raise) is decided on every request by
 * the database in CallerFilter, never here. Bounded: when full it is emptied and refilled.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    static final int MAX_TOKENS = 2000;

    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Inject
    @Any
    @Delegate
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return known;
        }
        JsonWebToken fresh = new VerifiedToken(delegate.parse(token));
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }
}
