package io.clientbase.users;

import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.access.Rights;
import io.clientbase.access.PasswordHasher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import io.clientbase.platform.ClientbaseConfig;
import org.jboss.logging.Logger;

/**
 * At the first start (no user yet) creates the ADMIN. Without a configured password it generates
 * one, shows it once in the log and writes it to a file only its owner can read.
 */
@ApplicationScoped
public class FirstStart {

    static final String PASSWORD_FILE = "admin-password.txt";
    private static final Logger LOG = Logger.getLogger(FirstStart.class);

    @Inject
    AdminConfig admin;

    @Inject
    ClientbaseConfig config;

    @Inject
    PasswordHasher hasher;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (QuarkusTransaction.requiringNew().call(() -> User.count() > 0)) {
            return;
        }
        boolean generated = admin.password().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? randomPassword() : admin.password().get();
        try {
            QuarkusTransaction.requiringNew().run(() -> createAdmin(password));
        } catch (RuntimeException e) {
            if (QuarkusTransaction.requiringNew().call(() -> User.count() > 0)) {
                return; // another instance on the same database created it first
            }
            throw e;
        }
        if (generated) {
            Path file = writePasswordFile(password);
            LOG.infof("%n%n  First start: created the ADMIN user '%s' with the generated password:%n%n      %s%n%n"
                    + "  It is shown only this once and kept in %s (readable by its owner only).%n", admin.login(), password, file);
        } else {
            LOG.infof("First start: created the ADMIN user '%s' with the password from CLIENTBASE_ADMIN_PASSWORD", admin.login());
        }
    }

    private void createAdmin(String password) {
        User first = new User();
        first.login = admin.login();
        first.name = "Administrator";
        first.type = UserType.ADMIN;
        first.status = UserStatus.ACTIVE;
        first.passwordHash = hasher.hash(password);
        first.rights = Rights.allFor(UserType.ADMIN);
        first.persist();
    }

    private Path writePasswordFile(String password) {
        Path file = config.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "login=" + admin.login() + "\npassword=" + password + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
