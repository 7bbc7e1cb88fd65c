package app.earmark.discussions.media;

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
}
