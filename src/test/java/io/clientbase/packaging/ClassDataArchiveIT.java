package io.clientbase.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's start command as it is written: the first {@code java} on the PATH, the class-data archive the
 * build made (target/clientbase.jsa, src/build/ClassDataArchive.java) and target/clientbase.jar. With
 * {@code -Xshare:on} the JVM refuses to start on an archive it cannot use (made for another jar or JDK),
 * where the README's command would start without it, slowly and with one warning line.
 */
class ClassDataArchiveIT {

    @Test
    void theReadmesStartLoadsTheApplicationsClassesFromTheArchiveTheBuildMade() throws Exception {
        Path archive = Path.of("target/clientbase.jsa").toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), "./mvnw package makes target/clientbase.jsa; its output says why it did not");
        Path data = TestDatabase.freshFolder("target/test-data/class-data-archive");
        Path classes = data.resolveSibling("class-data-archive-classes.log");
        Files.deleteIfExists(classes);
        try (JarProcess app = JarProcess.start(data, Map.of(), javaOnThePath(),
                List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info:file=" + classes))) {
            app.as(app.adminToken()).get("/api/v1/clients").then().statusCode(200);
        }
        List<String> loaded = Files.readAllLines(classes);
        String main = loaded.stream().filter(l -> l.contains(" io.clientbase.platform.ClientbaseMain ")).findFirst().orElseThrow();
        assertTrue(main.contains("source: shared objects file (top)"), "the application's main class came from the archive: " + main);
        long shared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
        long elsewhere = loaded.size() - shared;
        // measured 2026-12-06: 436 of 14,668 not from it (lambda forms, proxies and accessors the JVM generates)
        assertTrue(elsewhere * 10 < loaded.size(), elsewhere + " of " + loaded.size() + " classes were not in the archive");
    }

    /** The {@code java} of the README's command, as the build's archive was made with it. */
    private static String javaOnThePath() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path java = Path.of(folder.isEmpty() ? "." : folder, "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
