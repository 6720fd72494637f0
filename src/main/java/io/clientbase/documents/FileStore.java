package io.clientbase.documents;

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

    @Inject
    ClientbaseConfig config;

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

    /** Removes the files once the transaction that deleted their rows has committed. */
    public void deleteAfterCommit(List<String> keys) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    keys.forEach(k -> deleteQuietly(path(k)));
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
            files.filter(f -> !known.contains(f.getFileName().toString().replace(".part", "")))
                    .filter(f -> modifiedBefore(f, cutoff))
                    .forEach(f -> {
                        LOG.warnf("Removing %s: no document refers to it", f);
                        deleteQuietly(f);
                    });
        } catch (IOException e) {
            LOG.warnf("Could not sweep %s: %s", folder, e.getMessage());
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
        Path folder = config.dataDir().resolve("files");
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
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
