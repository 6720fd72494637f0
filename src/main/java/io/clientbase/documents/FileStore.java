package io.clientbase.documents;

import io.clientbase.platform.PrivateFiles;
import io.clientbase.platform.ClientbaseConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Document contents in the data folder (files/<storage key>). A file is made final before its
 * row commits and removed again if the transaction does not commit; a file left without a row
 * by a crash in between is swept at the next start. So a document row never lacks its file.
 */
@ApplicationScoped
public class FileStore {

    private static final Logger LOG = Logger.getLogger(FileStore.class);
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);
    /** Where a deleted document's file waits before it goes for good, so that a backup taken meanwhile still finds it. */
    public static final String DELETED = ".deleted";
    private static final Duration DELETED_KEPT = Duration.ofHours(24);

    @Inject
    ClientbaseConfig config;

    /** The documents' folder, created private once (not on every upload and download). */
    private volatile Path files;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    public record Stored(String key, long size, String sha256) {
    }

    /** Copies the upload into the store, within the current transaction: rolled back, the file goes too. */
    public Stored store(Path upload) {
        String key = UUID.randomUUID().toString();
        Path target = folder().resolve(key);
        Path part = folder().resolve(key + ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(upload), sha);
                 OutputStream out = Files.newOutputStream(part)) {
                PrivateFiles.restrict(part);
                size = in.transferTo(out);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            onRollback(() -> deleteQuietly(target));
            return new Stored(key, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("Cannot store the upload", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path(String key) {
        return folder().resolve(key);
    }

    /**
     * Removes the files once the transaction that deleted their rows has committed: into
     * files/.deleted first, for a day, so that a backup whose database snapshot still holds
     * their rows also holds the files (the restore takes them back).
     */
    public void deleteAfterCommit(List<String> keys) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    keys.forEach(k -> retire(k));
                }
            }
        });
    }

    void sweepOrphans(@Observes StartupEvent event) {
        Path folder = folder();
        @SuppressWarnings("unchecked")
        Set<String> known = new HashSet<>(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT storage_key FROM documents").getResultList()));
        Instant cutoff = Instant.now().minus(ORPHAN_AGE);
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !known.contains(f.getFileName().toString().replace(".part", "")))
                    .filter(f -> modifiedBefore(f, cutoff))
                    .forEach(f -> {
                        LOG.warnf("Removing %s: no document refers to it", f);
                        deleteQuietly(f);
                    });
        } catch (IOException e) {
            LOG.warnf("Could not sweep %s: %s", folder, e.getMessage());
        }
        Path deleted = folder.resolve(DELETED);
        if (Files.isDirectory(deleted)) {
            Instant expired = Instant.now().minus(DELETED_KEPT);
            try (Stream<Path> files = Files.list(deleted)) {
                files.filter(f -> modifiedBefore(f, expired)).forEach(FileStore::deleteQuietly);
            } catch (IOException e) {
                LOG.warnf("Could not sweep %s: %s", deleted, e.getMessage());
            }
        }
    }

    private void retire(String key) {
        Path file = path(key);
        try {
            Path deleted = PrivateFiles.directories(folder().resolve(DELETED));
            Path target = deleted.resolve(key);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warnf("Could not retire %s: %s", file, e.getMessage());
            deleteQuietly(file);
        }
    }

    private void onRollback(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private Path folder() {
        Path folder = files;
        if (folder == null) {
            files = folder = PrivateFiles.directories(config.dataDir().resolve("files"));
        }
        return folder;
    }

    private static boolean modifiedBefore(Path f, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(f).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", f, e.getMessage());
        }
    }
}
