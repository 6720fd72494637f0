package io.clientbase.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How stored passwords are hashed (CLIENTBASE_BCRYPT_COST). */
@ConfigMapping(prefix = "clientbase.password")
public interface PasswordConfig {

    /** bcrypt work factor; never below 10. */
    @WithDefault("12")
    int bcryptCost();
}
