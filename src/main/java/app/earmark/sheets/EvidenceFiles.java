package app.earmark.sheets;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import app.earmark.recordings.media.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where generated evidence files are kept, addressed by their SHA-256 like the media store's originals; the same bytes
 * are stored once, and every read is checked against the hash. On one machine: under {@code earmark.data-dir}, in
 * {@code evidence/ab/cd/abcd…}, written to a temporary file and moved into place atomically (a reader never sees half
 * a file), then made read-only; back up {@code evidence/} together with the database. When the media store is an
 * object store ({@code earmark.media-store-type=s3}): in its bucket, as {@code evidence/abcd…}, so that every node
 * reads what any node attached (an object appears whole or not at all). Who may read a file is checked by
 * {@link Evidence}, never here.
 */
@Component
class EvidenceFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final SharedFiles shared;

    EvidenceFiles(EarmarkProperties properties, ObjectProvider<SharedFiles> shared) {
        this.root = properties.dataDir().toAbsolutePath().normalize().resolve("evidence");
        this.shared = shared.getIfAvailable();
    }

    /** Stores the bytes (unless stored already) and returns their SHA-256. */
    String put(byte[] content) {
        String sha = Hashing.sha256Hex(content);
        if (shared != null) {
            putShared(sha, content);
            return sha;
        }
        Path target = path(sha);
        if (Files.isRegularFile(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            try {
                Files.write(temporary, content);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return sha;
            } finally {
                Files.deleteIfExists(temporary);
            }
            makeReadOnly(target);
        } catch (IOException e) {
            throw new UncheckedIOException("An evidence file could not be stored in " + root, e);
        }
        return sha;
    }

    /**
     * The stored bytes, checked against their SHA-256.
     *
     * @throws IllegalStateException if the file is missing or no longer matches its hash
     */
    byte[] get(String sha256) {
        byte[] content;
        String where = shared == null ? root.toString() : "the media store";
        try {
            if (shared == null) {
                content = Files.readAllBytes(path(sha256));
            } else {
                try (InputStream in = shared.open(key(sha256))) {
                    content = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("The evidence file " + sha256 + " is missing from " + where + " ("
                    + e.getMessage() + ")", e);
        }
        if (!Hashing.sha256Hex(content).equals(sha256)) {
            throw new IllegalStateException("The evidence file " + sha256 + " in " + where + " has changed since it was"
                    + " stored: its SHA-256 no longer matches");
        }
        return content;
    }

    /** The key of an evidence file in the object store ({@link SharedFiles#evidenceKey}). */
    static String key(String sha256) {
        return SharedFiles.evidenceKey(requireSha256(sha256));
    }

    private static String requireSha256(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return sha256;
    }

    private void putShared(String sha, byte[] content) {
        try {
            if (shared.contains(key(sha))) {
                return;
            }
            Path temporary = Files.createTempFile("earmark-evidence-", ".tmp");
            try {
                Files.write(temporary, content);
                shared.put(key(sha), temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("An evidence file could not be stored in the media store: " + e.getMessage(),
                    e);
        }
    }

    Path path(String sha256) {
        requireSha256(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void makeReadOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadOnly();
        }
    }
}
