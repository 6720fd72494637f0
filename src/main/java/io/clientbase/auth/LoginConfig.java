package io.clientbase.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Login throttling: failures counted per login and per address over a sliding window. */
@ConfigMapping(prefix = "clientbase.login")
public interface LoginConfig {

    @WithDefault("5")
    int maxFailuresPerLogin();

    @WithDefault("30")
    int maxFailuresPerAddress();

    @WithDefault("PT15M")
    Duration window();
}
