package io.clientbase.packaging;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The packaged jar gets only its own data folder and admin password: the suite's TestDatabase
 * (global to the other tests) must not hand it a database, so that it starts its own.
 */
public class PackagedJarProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PackagedJarData.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
