package io.clientbase.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The feature packages form the graph of the structure issue and nothing else: platform ← access ←
 * {users, auth, schema} ← clients ← {activities, deals, documents}. A unit test: no Quarkus.
 */
@Tag("unit")
class PackageGraphTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.clientbase");

    @Test
    void theFeaturePackagesImportOnlyWhatTheGraphDraws() {
        PackageGraph.RULE.check(MAIN);
    }

    @Test
    void noTwoFeaturePackagesImportEachOtherInACircle() {
        PackageGraph.NO_CYCLES.check(MAIN);
    }

    @Test
    void resourcesOnlySpeakHttpNoSqlNoEntityManager() {
        PackageGraph.RESOURCES_WITHOUT_PERSISTENCE.check(MAIN);
    }

    /** The rules are not vacuous: a package that imports against the graph turns them red. */
    @Test
    void oneBackArrowTurnsTheRulesRed() {
        JavaClasses backArrow = new ClassFileImporter().importPackages("io.clientbase.architecture.fixture");
        assertFalse(PackageGraph.rule("io.clientbase.architecture.fixture").evaluate(backArrow).getFailureReport().isEmpty());
        assertFalse(PackageGraph.noCycles("io.clientbase.architecture.fixture").evaluate(backArrow).getFailureReport().isEmpty());
        assertTrue(PackageGraph.rule("io.clientbase").evaluate(MAIN).getFailureReport().isEmpty());
    }
}
