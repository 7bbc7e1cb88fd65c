package app.earmark.sheets;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where generated evidence files are kept: under {@code earmark.data-dir}, in {@code evidence/ab/cd/abcd…}, addressed
 * by their SHA-256 like the media store's originals, written to a temporary file and moved into place atomically (a
 * reader never sees half a file), then made read-only. The same bytes are stored once. Kept apart from the media
 * store, which belongs to the discussions module and may be an object store: back up {@code evidence/} together with
 * the database.
 */
@Component
class EvidenceFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    EvidenceFiles(EarmarkProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize().resolve("evidence");
    }

    /** Stores the bytes (unless stored already) and returns their SHA-256. */
    String put(byte[] content) {
        String sha = Hashing.sha256Hex(content);
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
        try {
            content = Files.readAllBytes(path(sha256));
        } catch (IOException e) {
            throw new IllegalStateException("The evidence file " + sha256 + " is missing from " + root, e);
        }
        if (!Hashing.sha256Hex(content).equals(sha256)) {
            throw new IllegalStateException("The evidence file " + sha256 + " in " + root + " has changed since it was"
                    + " stored: its SHA-256 no longer matches");
        }
        return content;
    }

    Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
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
