package io.clientbase.access;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** bcrypt through WildFly Elytron, the library behind Quarkus security; cost 12 unless configured (never below 10). */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;

    /** Compared against when the login is unknown, so that both answers take as long. */
    private final String decoy;

    @Inject
    public PasswordHasher(PasswordConfig config) {
        this.cost = Math.max(10, config.bcryptCost());
        this.decoy = BcryptUtil.bcryptHash("clientbase-decoy-password", this.cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
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
