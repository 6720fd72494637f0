package io.clientbase.platform;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway is the first to connect at start: it waits here for the embedded MariaDB, which starts while Quarkus
 * builds its model instead of before it.
 */
@Singleton
public class DatabaseReadyGate implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        ClientbaseMain.awaitEmbeddedDatabase();
    }
}
