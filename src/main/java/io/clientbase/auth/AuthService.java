package io.clientbase.auth;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "Wrong login or password";

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer tokens;

    @Transactional
    public TokenResponse login(LoginRequest request) {
        Optional<User> found = User.findByLogin(request.login());
        boolean valid = found.isPresent()
                ? hasher.matches(request.password(), found.get().passwordHash)
                : hasher.matchesNothing(request.password());
        if (!valid) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        User user = found.get();
        if (user.status == UserStatus.BLOCKED) {
            throw new ApiException(ProblemKind.USER_BLOCKED, "This user is blocked");
        }
        return tokens.issue(user);
    }
}
