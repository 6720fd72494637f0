package io.clientbase.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.JarProcess;
import io.clientbase.support.Pages;
import io.clientbase.support.TestDatabase;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar clientbase.jar backup FILE} beside a running server that keeps taking writes,
 * then {@code restore FILE} into an empty folder: the restore holds every write acknowledged before
 * the backup began, none begun after it ended, the documents with their content and the same
 * logins, and it starts.
 */
class BackupRestoreIT {

    @Test
    void aBackupTakenWhileWritesGoOnRestoresIntoAnEmptyFolderThatStarts() throws Exception {
        Path source = TestDatabase.freshFolder("target/test-data/backup-source");
        Path target = TestDatabase.freshFolder("target/test-data/backup-target");
        Path file = Path.of("target/test-data/backup.zip").toAbsolutePath();
        Files.deleteIfExists(file);
        Set<Long> before = ConcurrentHashMap.newKeySet();
        Set<Long> after = ConcurrentHashMap.newKeySet();
        byte[] content = "Договор №17 🌼".getBytes(StandardCharsets.UTF_8);
        long document;
        try (JarProcess app = JarProcess.start(source)) {
            String token = app.adminToken();
            long client = app.as(token).body(Map.of("name", "ООО Ромашка")).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            document = app.as(token).contentType("multipart/form-data").multiPart("file", "договор.txt", content, "text/plain")
                    .multiPart("clientId", String.valueOf(client)).post("/api/v1/documents").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            AtomicBoolean backupStarted = new AtomicBoolean();
            AtomicBoolean backupEnded = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(2);
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        boolean startedAfterBackup = backupEnded.get();
                        boolean beforeBackup = !backupStarted.get();
                        Response r = app.as(token).body(Map.of("name", "b" + writer + "-" + i)).post("/api/v1/clients");
                        if (r.statusCode() == 201 && beforeBackup) {
                            before.add(r.jsonPath().getLong("id"));
                        }
                        if (startedAfterBackup) {
                            after.add(r.jsonPath().getLong("id"));
                        }
                    }
                });
            }
            JarProcess.sleep(1_500);
            backupStarted.set(true);
            int exit = JarProcess.command(source, source.resolveSibling("backup-command.log"), "backup", file.toString());
            backupEnded.set(true);
            JarProcess.sleep(1_000);
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(0, exit, Files.readString(source.resolveSibling("backup-command.log")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(0, JarProcess.command(target, target.resolveSibling("restore-command.log"), "restore", file.toString()),
                Files.readString(target.resolveSibling("restore-command.log")));
        assertEquals(2, JarProcess.command(target, target.resolveSibling("restore-again.log"), "restore", file.toString()),
                "a second restore into a folder that holds data is refused");

        try (JarProcess restored = JarProcess.start(target)) {
            String token = restored.adminToken(); // the same login and password as before the backup
            Set<Long> ids = new HashSet<>();
            Pages.all(() -> restored.as(token).queryParam("limit", 200), "/api/v1/clients")
                    .forEach(c -> ids.add(((Number) c.get("id")).longValue()));
            Set<Long> lost = new HashSet<>(before);
            lost.removeAll(ids);
            Set<Long> fromTheFuture = new HashSet<>(after);
            fromTheFuture.retainAll(ids);
            assertEquals(Set.of(), lost, "clients acknowledged before the backup began, missing from the restore");
            assertEquals(Set.of(), fromTheFuture, "clients created after the backup ended, present in the restore");
            assertArrayEquals(content, restored.as(token).get("/api/v1/documents/" + document + "/content").then().statusCode(200)
                    .extract().asByteArray());
            System.out.printf("backup during writes: %d clients acknowledged before it, %d after it; the restore holds %d%n",
                    before.size(), after.size(), ids.size());
            assertTrue(List.of(before.size(), after.size()).stream().allMatch(n -> n > 0), "writes went on before and after");
        }
    }
}
