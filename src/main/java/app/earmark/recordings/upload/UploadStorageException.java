package app.earmark.recordings.upload;

import java.io.IOException;

/** The server failed to store an upload's bytes or record (a full disk, an I/O error): not the client's doing. */
class UploadStorageException extends IOException {

    UploadStorageException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the file system ran out of space (or quota), as opposed to another input/output error. */
    boolean noSpace() {
        for (Throwable t = this; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                    || message.contains("Disk quota exceeded") || message.contains("not enough space"))) {
                return true;
            }
        }
        return false;
    }
}
