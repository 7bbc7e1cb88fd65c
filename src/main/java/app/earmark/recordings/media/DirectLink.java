package app.earmark.recordings.media;

import java.net.URI;
import java.util.Optional;

/**
 * A stored file the browser may fetch from the store itself (an S3 store with {@code earmark.s3.streaming=redirect}):
 * a short-lived presigned URL, to be handed out only after the access check.
 */
public interface DirectLink {

    /**
     * A presigned URL for this file whose response carries the given content type (and content disposition, if not
     * null), or empty if the store streams through Earmark.
     */
    Optional<URI> directUri(String contentType, String contentDisposition);
}
