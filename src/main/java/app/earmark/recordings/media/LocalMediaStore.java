package app.earmark.recordings.media;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The media store in a folder ({@code earmark.media-store}, default {@code ./media-store}):
 * <pre>
 * originals/ab/cd/abcd…(sha256)          the uploaded bytes, read-only
 * derived/ab/cd/abcd…/rendition.mp4 …    what ingest made of them (and .rendition.mp4.sha256, its remembered hash)
 * copies/ab/cd/efgh…/key/ijkl….mp4       copies made from a derived file (SHA-256 efgh…), named by their own hash
 * incoming/                              uploads in progress (tus)
 * work/                                  ingest attempts in progress
 * </pre>
 * The default; {@code earmark.media-store-type=s3} puts {@link S3MediaStore} in its place.
 */
@Component
@ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "local", matchIfMissing = true)
public class LocalMediaStore implements MediaStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COPY_NAME = Pattern.compile("([0-9a-f]{64})(\\.[a-z0-9]{1,8})?");
    private static final int HASH_BUFFER = 1 << 20;

    private final Path originals;
    private final Path derived;
    private final Path incoming;
    private final Path work;
    private final Path copies;

    public LocalMediaStore(EarmarkProperties properties) {
        Path root = properties.mediaStore().toAbsolutePath().normalize();
        this.originals = root.resolve("originals");
        this.derived = root.resolve("derived");
        this.incoming = root.resolve("incoming");
        this.work = root.resolve("work");
        this.copies = root.resolve("copies");
        try {
            for (Path dir : new Path[] {originals, derived, incoming, work, copies}) {
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

    @Override
    public String derivedSha256(String sha256, String fileName) throws IOException {
        Optional<String> remembered = rememberedDerivedSha256(sha256, fileName);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Path file = sharded(derived, sha256).resolve(checkedName(fileName));
        String stamp = stamp(file);
        String hash = sha256Of(file);
        rememberDerivedSha256(sha256, fileName, hash, stamp);
        return hash;
    }

    @Override
    public Optional<String> rememberedDerivedSha256(String sha256, String fileName) throws IOException {
        Path file = sharded(derived, sha256).resolve(checkedName(fileName));
        Path remembered = file.resolveSibling("." + fileName + ".sha256");
        String stamp = stamp(file);
        if (Files.isRegularFile(remembered)) {
            List<String> lines = Files.readAllLines(remembered);
            if (lines.size() == 2 && SHA256.matcher(lines.get(0)).matches() && lines.get(1).equals(stamp)) {
                return Optional.of(lines.get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public String derivedStamp(String sha256, String fileName) throws IOException {
        return stamp(sharded(derived, sha256).resolve(checkedName(fileName)));
    }

    @Override
    public void rememberDerivedSha256(String sha256, String fileName, String hash, String stampBeforeRead)
            throws IOException {
        if (!SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 in lower-case hex: " + hash);
        }
        Path file = sharded(derived, sha256).resolve(checkedName(fileName));
        Path remembered = file.resolveSibling("." + fileName + ".sha256");
        if (stampBeforeRead.equals(stamp(file))) {
            Path written = Files.createTempFile(remembered.getParent(), ".sha256-", ".partial");
            Files.writeString(written, hash + "\n" + stampBeforeRead + "\n");
            Files.move(written, remembered, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public StoredCopy putCopy(String sourceSha256, String key, Path file) throws IOException {
        Path target = sharded(copies, sourceSha256).resolve(checkedName(key));
        if (!file.toAbsolutePath().normalize().startsWith(work)) {
            throw new IllegalArgumentException("A copy must be made in a work folder: " + file);
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase() : "";
        String hash = sha256Of(file);
        Path staged = Files.createDirectory(file.resolveSibling(".copy-" + UUID.randomUUID()));
        Path stored = staged.resolve(hash + extension);
        if (!COPY_NAME.matcher(stored.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("Not a media file name: " + name);
        }
        Files.move(file, stored, StandardCopyOption.ATOMIC_MOVE);
        makeReadOnly(stored);
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The work folder and the media store must be on one file system", e);
        } catch (FileSystemException raced) {
            // Another request stored a copy under this key first ("Directory not empty"): that one stays.
            if (!Files.isDirectory(target)) {
                throw raced;
            }
            deleteTree(staged);
        }
        return copy(sourceSha256, key).orElseThrow(() -> new IOException("The copy " + target + " vanished"));
    }

    @Override
    public Optional<StoredCopy> copy(String sourceSha256, String key) {
        if (!FILE_NAME.matcher(key).matches()) {
            return Optional.empty();
        }
        return storedCopy(sharded(copies, sourceSha256).resolve(key), null);
    }

    @Override
    public Optional<StoredCopy> copyBySha256(String sourceSha256, String copySha256) {
        Path source = sharded(copies, sourceSha256);
        if (!SHA256.matcher(copySha256).matches() || !Files.isDirectory(source)) {
            return Optional.empty();
        }
        try (Stream<Path> keys = Files.list(source)) {
            for (Path key : keys.filter(Files::isDirectory).toList()) {
                Optional<StoredCopy> found = storedCopy(key, copySha256);
                if (found.isPresent()) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        boolean found = deleteTree(sharded(copies, sha256));
        found |= deleteTree(sharded(derived, sha256));
        return deleteTree(sharded(originals, sha256)) | found;
    }

    /** Deletes a file or a folder with everything in it, deepest first; whether there was anything. */
    private static boolean deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        return true;
    }

    /** The copy in a key folder (the one whose hash is {@code sha256}, unless that is null). */
    private static Optional<StoredCopy> storedCopy(Path keyDir, String sha256) {
        if (!Files.isDirectory(keyDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(keyDir)) {
            for (Path file : files.toList()) {
                var name = COPY_NAME.matcher(file.getFileName().toString());
                if (name.matches() && (sha256 == null || sha256.equals(name.group(1)))) {
                    return Optional.of(new StoredCopy(keyDir.getFileName().toString(), name.group(1),
                            Files.size(file), new FileSystemResource(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static String checkedName(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a file name the media store accepts: " + name);
        }
        return name;
    }

    /** What identifies one version of a file: its size, last modification and file-system key (inode). */
    private static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey();
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[HASH_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
}
