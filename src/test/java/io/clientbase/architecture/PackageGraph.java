package io.clientbase.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The allowed arrows between feature packages, stated once. */
final class PackageGraph {

    /** Each feature package and the packages it may import (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("platform", Set.of()),
            Map.entry("access", Set.of("platform")),
            Map.entry("users", Set.of("platform", "access", "history")),
            Map.entry("auth", Set.of("platform", "access")),
            Map.entry("schema", Set.of("platform", "access")),
            Map.entry("history", Set.of("platform", "access", "schema")),
            Map.entry("webhooks", Set.of("platform", "access", "schema", "history")),
            Map.entry("clients", Set.of("platform", "access", "schema", "history")),
            Map.entry("activities", Set.of("platform", "access", "schema", "history", "clients")),
            Map.entry("deals", Set.of("platform", "access", "schema", "history", "clients")),
            Map.entry("documents", Set.of("platform", "access", "schema", "history", "clients")),
            Map.entry("scim", Set.of("platform", "access", "users")));

    static final ArchRule RULE = rule("io.clientbase");
    static final ArchRule NO_CYCLES = noCycles("io.clientbase");

    static final ArchRule RESOURCES_WITHOUT_PERSISTENCE = noClasses()
            .that().haveSimpleNameEndingWith("Resource").and().resideInAPackage("io.clientbase..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..",
                    "io.quarkus.hibernate.orm.panache..")
            .because("resources translate HTTP; the SQL of a table lives in its package's store");

    private PackageGraph() {
    }

    static ArchRule rule(String base) {
        List<ArchRule> rules = new ArrayList<>();
        for (var entry : ALLOWED.entrySet()) {
            String pkg = entry.getKey();
            Set<String> allowed = entry.getValue();
            rules.add(noClasses().that().resideInAPackage(base + "." + pkg + "..")
                    .should().dependOnClassesThat(forbiddenFor(base, pkg, allowed))
                    .allowEmptyShould(true)
                    .as(pkg + " imports only " + (allowed.isEmpty() ? "nothing of clientbase" : allowed)));
        }
        return CompositeArchRule.of(rules);
    }

    static ArchRule noCycles(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> forbiddenFor(String base, String pkg, Set<String> allowed) {
        return new DescribedPredicate<>("a feature package not in " + allowed) {
            @Override
            public boolean test(JavaClass target) {
                String name = target.getPackageName();
                if (!name.startsWith(base + ".")) {
                    return false;
                }
                String top = name.substring(base.length() + 1).split("\\.")[0];
                return ALLOWED.containsKey(top) && !top.equals(pkg) && !allowed.contains(top);
            }
        };
    }
}
