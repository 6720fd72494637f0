package io.clientbase.auth;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "Wrong login or password";

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer tokens;

    @Inject
    LoginThrottle throttle;

    /**
     * Throttle first (no hashing for a throttled caller), then one bcrypt check whether or not the
     * login exists, then the account's status.
     */
    public TokenResponse login(LoginRequest request, String address) {
        throttle.check(request.login(), address);
        Optional<User> found = User.findByLogin(request.login().strip());
        boolean valid = found.isPresent()
                ? hasher.matches(request.password(), found.get().passwordHash)
                : hasher.matchesNothing(request.password());
        if (!valid) {
            throttle.recordFailure(request.login(), address);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        throttle.recordSuccess(request.login());
        User user = found.get();
        if (user.status == UserStatus.BLOCKED) {
            throw new ApiException(ProblemKind.USER_BLOCKED, "This user is blocked");
        }
        return tokens.issue(user);
    }
}
