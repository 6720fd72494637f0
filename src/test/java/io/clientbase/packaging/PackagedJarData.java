package io.clientbase.packaging;

import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The packaged jar runs as a user runs it: on its own embedded MariaDB, started by its own main()
 * from the binaries inside the jar, on a fresh data folder under target/ (never under /tmp).
 */
public class PackagedJarData implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_PASSWORD = "Packaged-Jar-Passw0rd";

    /** The data folder of the jar under test. */
    static volatile java.nio.file.Path folder;

    @Override
    public Map<String, String> start() {
        folder = TestDatabase.freshFolder("target/test-data/packaged-jar");
        return Map.of(
                "CLIENTBASE_DATA_DIR", folder.toString(),
                "CLIENTBASE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "CLIENTBASE_BCRYPT_COST", "10");
    }

    @Override
    public void stop() {
    }
}
