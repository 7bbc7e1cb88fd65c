package app.earmark.recordings.media;

import java.io.IOException;

/**
 * The media store cannot be used at the moment (an object store that does not answer, or refuses Earmark's
 * credentials). Nothing was stored by the call that failed; it can be tried again.
 */
public class MediaStoreUnavailableException extends IOException {

    public MediaStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
