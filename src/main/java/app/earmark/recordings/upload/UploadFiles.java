package app.earmark.recordings.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.desair.tus.server.upload.UploadInfo;
import me.desair.tus.server.upload.UploadStorageService;

/**
 * What the upload endpoint needs of the storage behind tus, beyond tus's own interface: on one machine the folder
 * ({@link RecordingUploadStorage}), with several nodes the database and the object store ({@link SharedUploadStorage}).
 */
interface UploadFiles extends UploadStorageService {

    /** The upload's record as stored, without touching it: for checks made outside tus's lock. */
    UploadInfo stored(String uploadUri) throws IOException;

    /**
     * Whether an upload whose bytes could not be stored here (an {@link UploadStorageException}: a full disk, an
     * input/output error) is kept for the client to resume, rather than removed to free the space it holds. The folder
     * store removes it: the half-written file is on the disk that failed. The shared store keeps it: what it stored
     * before is safe in the bucket, and the failure was one node's scratch disk.
     */
    boolean keepsUploadOnStorageFailure();

    /** The complete upload as one local file with its SHA-256, for the media store to take. */
    Finished finished(UploadInfo info) throws IOException;

    /**
     * A complete upload's bytes in a local file.
     *
     * @param temporary whether the file was made for this call (and is removed after it, if the store did not move it)
     */
    record Finished(Path file, String sha256, boolean temporary) {

        void discard() throws IOException {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }
}
