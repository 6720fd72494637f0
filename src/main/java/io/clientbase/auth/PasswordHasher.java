package io.clientbase.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/** bcrypt (cost 12) through WildFly Elytron, the library behind Quarkus security. */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 12;

    /** Compared against when the login is unknown, so that both answers take as long. */
    private final String decoy = BcryptUtil.bcryptHash("clientbase-decoy-password", COST);

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }

    /** Spends the same time as a real check and always fails. */
    public boolean matchesNothing(String password) {
        BcryptUtil.matches(password, decoy);
        return false;
    }
}
