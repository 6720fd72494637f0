package io.clientbase.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder is its owner's alone: folders 0700, files 0600 (0700 for the database engine's
 * programs). Other users of the machine cannot read the client base, its documents or its keys.
 * Where the file system has no POSIX permissions (Windows), the folder inherits its parent's ACL.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PROGRAM = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the folder and its missing parents inside the data folder, private. */
    public static Path directories(Path folder) {
        try {
            Files.createDirectories(folder);
            restrict(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    /** Makes one file or folder private to its owner. */
    public static void restrict(Path path) {
        if (!POSIX) {
            return;
        }
        try {
            if (Files.isSymbolicLink(path)) {
                return;
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(path, DIR);
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                boolean program = Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(path, program ? PROGRAM : FILE);
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(path, FILE); // the server's unix socket: connecting needs write permission
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the permissions of " + path, e);
        }
    }

    /** Makes a whole tree private (at start: also a data folder written by an older version). */
    public static void restrictTree(Path root) {
        if (!POSIX || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> {
                try {
                    restrict(p);
                } catch (UncheckedIOException e) {
                    if (Files.exists(p)) { // a file the server removed meanwhile is no concern
                        throw e;
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the permissions in " + root, e);
        }
    }

    /** Writes a file that only its owner can read, replacing any earlier one atomically. */
    public static void write(Path file, String content) {
        try {
            directories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
            restrict(tmp);
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
