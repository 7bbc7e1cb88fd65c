package app.earmark.recordings.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where recordings live. Originals are kept byte for byte, addressed by their SHA-256, and never
 * changed; derived files (the playable rendition, waveform peaks, poster) are grouped under the original's
 * hash and published all at once. The default is a folder ({@link LocalMediaStore}); an S3-compatible
 * object store can take its place (see docs/media-store.md).
 */
public interface MediaStore {

    /**
     * Takes a fully received file as an original. The file is moved, not copied; if an identical
     * original is already stored, the received file is deleted.
     *
     * @return whether the original was new
     */
    boolean putOriginal(Path received, String sha256) throws IOException;

    boolean hasOriginal(String sha256);

    /**
     * The original as a local file, for the ingest worker to read. (An object store keeps a local cache
     * and downloads into it.)
     */
    Path originalFile(String sha256) throws IOException;

    /** Where incoming uploads are assembled: on the same file system as the originals, so moves are atomic. */
    Path incomingDir();

    /** A new, empty working folder for one ingest attempt. */
    Path newWorkDir() throws IOException;

    /**
     * Publishes a finished working folder as the derived files of an original, replacing any earlier
     * ones. A reader sees either the complete old set or the complete new one, never a half-written file.
     */
    void putDerived(String sha256, Path workDir) throws IOException;

    /** A derived file as a streamable resource (with length and last-modified time), if it exists. */
    Optional<Resource> derived(String sha256, String fileName);

    /** Removes working folders left behind by an interrupted ingest. */
    void clearWork() throws IOException;

    /**
     * The SHA-256 of a derived file. It is computed once and remembered beside the file (recomputed should the file
     * be replaced), so asking again costs nothing.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such derived file
     */
    String derivedSha256(String sha256, String fileName) throws IOException;

    /**
     * The SHA-256 of a derived file if one is remembered beside it and the file has not changed since; never reads the
     * file.
     */
    Optional<String> rememberedDerivedSha256(String sha256, String fileName) throws IOException;

    /**
     * What tells a derived file's present bytes from any later ones (size, modification time and file identity), to be
     * taken before a caller reads the whole file and hashes it (see {@link #rememberDerivedSha256}).
     */
    String derivedStamp(String sha256, String fileName) throws IOException;

    /**
     * Remembers the SHA-256 a caller computed while reading the whole derived file, as {@link #derivedSha256} would
     * have, provided the file still has the stamp taken before the read; otherwise remembers nothing.
     */
    void rememberDerivedSha256(String sha256, String fileName, String hash, String stampBeforeRead)
            throws IOException;

    /**
     * Publishes a copy made from a derived file (e.g. the rendition with chapters): stored under the source file's
     * SHA-256 and a key naming what was done to it, and named by its own SHA-256, which the store computes. The file is
     * moved (it must be in a folder from {@link #newWorkDir()}) and appears all at once. If a copy under that key is
     * already stored, that one is kept and returned, and the file is deleted.
     *
     * @param key letters, digits, '.', '_' and '-', at most 64, e.g. {@code chapters-3f2a…}
     */
    StoredCopy putCopy(String sourceSha256, String key, Path file) throws IOException;

    /** The copy stored under the source's SHA-256 and the key, if any. */
    Optional<StoredCopy> copy(String sourceSha256, String key);

    /** A copy of the source by the copy's own SHA-256, if one is stored under that source. */
    Optional<StoredCopy> copyBySha256(String sourceSha256, String copySha256);

    /**
     * Removes everything stored under a hash: the original with that hash, the derived files under it (rendition, peaks,
     * poster, levels) and the copies made from a file with that hash. A recording's media is gone when this has been
     * asked for its original's hash and its rendition's (the chaptered copies are stored under the rendition's).
     * Copies and derived files go first and the original last, so a deletion interrupted at any point is finished by
     * asking again; deleting what is not (or no longer) stored does nothing.
     *
     * @return whether anything was stored under the hash
     */
    boolean delete(String sha256) throws IOException;

    /**
     * Whether the store can be used now, for health checks: by default a work folder can be made, written and removed;
     * an object store also checks that its bucket answers. Throws with the reason when it cannot.
     */
    default void checkAvailable() throws IOException {
        Path dir = newWorkDir();
        try {
            java.nio.file.Files.writeString(dir.resolve("health-check"), "ok");
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
    }

    /**
     * A stored copy.
     *
     * @param resource the file, streamable with its length and last-modified time (and so with HTTP ranges)
     */
    record StoredCopy(String key, String sha256, long size, Resource resource) {
    }
}
