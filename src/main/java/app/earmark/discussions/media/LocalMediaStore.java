package app.earmark.discussions.media;

import app.earmark.base.EarmarkProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The media store in a folder ({@code earmark.media-store}, default {@code ./media-store}):
 * <pre>
 * originals/ab/cd/abcd…(sha256)          the uploaded bytes, read-only
 * derived/ab/cd/abcd…/rendition.mp4 …    what ingest made of them
 * incoming/                              uploads in progress (tus)
 * work/                                  ingest attempts in progress
 * </pre>
 */
@Component
public class LocalMediaStore implements MediaStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path originals;
    private final Path derived;
    private final Path incoming;
    private final Path work;

    public LocalMediaStore(EarmarkProperties properties) {
        Path root = properties.mediaStore().toAbsolutePath().normalize();
        this.originals = root.resolve("originals");
        this.derived = root.resolve("derived");
        this.incoming = root.resolve("incoming");
        this.work = root.resolve("work");
        try {
            for (Path dir : new Path[] {originals, derived, incoming, work}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The media store " + root + " cannot be created", e);
        }
    }

    @Override
    public boolean putOriginal(Path received, String sha256) throws IOException {
        Path target = sharded(originals, sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(received);
            return false;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(received);
            return false;
        }
        makeReadOnly(target);
        return true;
    }

    @Override
    public boolean hasOriginal(String sha256) {
        return Files.isRegularFile(sharded(originals, sha256));
    }

    @Override
    public Path originalFile(String sha256) throws IOException {
        Path file = sharded(originals, sha256);
        if (!Files.isRegularFile(file)) {
            throw new IOException("The original " + sha256 + " is not in the media store");
        }
        return file;
    }

    @Override
    public Path incomingDir() {
        return incoming;
    }

    @Override
    public Path newWorkDir() throws IOException {
        return Files.createDirectory(work.resolve(UUID.randomUUID().toString()));
    }

    @Override
    public void putDerived(String sha256, Path workDir) throws IOException {
        Path target = sharded(derived, sha256);
        Files.createDirectories(target.getParent());
        Path previous = null;
        if (Files.exists(target)) {
            previous = target.resolveSibling(target.getFileName() + ".replaced-" + UUID.randomUUID());
            Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(workDir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The work folder and the media store must be on one file system", e);
        }
        if (previous != null) {
            deleteTree(previous);
        }
    }

    @Override
    public Optional<Resource> derived(String sha256, String fileName) {
        if (!FILE_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        Path file = sharded(derived, sha256).resolve(fileName);
        return Files.isRegularFile(file) ? Optional.of(new FileSystemResource(file)) : Optional.empty();
    }

    @Override
    public void clearWork() throws IOException {
        try (Stream<Path> leftovers = Files.list(work)) {
            for (Path dir : leftovers.toList()) {
                deleteTree(dir);
            }
        }
    }

    private static Path sharded(Path base, String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return base.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void makeReadOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadOnly();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
