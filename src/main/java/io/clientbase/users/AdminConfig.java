package io.clientbase.users;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The first ADMIN, created at first start (CLIENTBASE_ADMIN_LOGIN, CLIENTBASE_ADMIN_PASSWORD). */
@ConfigMapping(prefix = "clientbase.admin")
public interface AdminConfig {

    String login();

    /** Absent or blank: a password is generated, logged once and written to the data folder. */
    Optional<String> password();
}
