package io.clientbase.auth;

import io.clientbase.access.PasswordHasher;
import io.clientbase.access.IpPolicy;
import io.clientbase.access.UserDirectory;
import io.clientbase.access.UserDirectory.Account;
import io.clientbase.access.SecurityEvents;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.access.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "Wrong login or password";
    private static final String PATH = "/api/v1/auth/login";

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    IpPolicy ipPolicy;

    @Inject
    SecurityEvents events;

    @Inject
    UserDirectory users;

    /**
     * Throttle first (no hashing for a throttled caller), then one bcrypt check whether or not the
     * login exists, then the account's status and the IP rule. Every refusal is recorded.
     */
    public TokenResponse login(LoginRequest request, String address) {
        try {
            throttle.check(request.login(), address);
        } catch (ApiException e) {
            events.record(SecurityEvents.Kind.LOGIN_THROTTLED, null, request.login(), address, "POST", PATH, e.getMessage());
            throw e;
        }
        Optional<Account> found = users.byLogin(request.login().strip());
        boolean valid = found.isPresent()
                ? found.get().passwordHash() != null && hasher.matches(request.password(), found.get().passwordHash())
                : hasher.matchesNothing(request.password());
        if (!valid) {
            throttle.recordFailure(request.login(), address);
            events.record(SecurityEvents.Kind.LOGIN_FAILED, found.map(Account::id).orElse(null), request.login(), address,
                    "POST", PATH, BAD_CREDENTIALS);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        throttle.recordSuccess(request.login());
        Account user = found.get();
        if (user.status() == UserStatus.BLOCKED) {
            events.record(SecurityEvents.Kind.LOGIN_BLOCKED, user.id(), user.login(), address, "POST", PATH, "user is blocked");
            throw new ApiException(ProblemKind.USER_BLOCKED, "This user is blocked");
        }
        ipPolicy.requireAllowedLogin(user, address);
        return tokens.issue(user);
    }
}
