package app.earmark.recordings.media;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.io.AbstractResource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One object in the S3 media store as a Spring {@link org.springframework.core.io.Resource}: length and
 * last-modified time are known without a request, and {@link #getInputStream()} asks the store only for the bytes from
 * where the reader starts (skipping costs no request), so Spring's HTTP Range handling, which opens a stream per range
 * and skips to its start, fetches just the ranges asked for. {@link #getFile()} gives a local copy from the store's
 * cache, for tools that need a seekable file.
 */
final class S3ObjectResource extends AbstractResource implements DirectLink {

    private final S3MediaStore store;
    private final String key;
    private final String fileName;
    private final long length;
    private final long lastModified;

    S3ObjectResource(S3MediaStore store, String key, String fileName, long length, long lastModified) {
        this.store = store;
        this.key = key;
        this.fileName = fileName;
        this.length = length;
        this.lastModified = lastModified;
    }

    String key() {
        return key;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public long lastModified() {
        return lastModified;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public InputStream getInputStream() {
        return new RangedStream();
    }

    @Override
    public File getFile() throws IOException {
        return store.cachedFile(key, length).toFile();
    }

    @Override
    public Optional<URI> directUri(String contentType, String contentDisposition) {
        return store.presignedUri(key, contentType, contentDisposition);
    }

    @Override
    public String getDescription() {
        return "media-store object [" + fileName + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3ObjectResource that && key.equals(that.key) && length == that.length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, length);
    }

    /** Reads the object from its position on, opening a ranged GET at the first read after a skip. */
    private final class RangedStream extends InputStream {

        private long position;
        private ResponseInputStream<GetObjectResponse> body;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            if (body == null) {
                body = store.openRange(key, position, length - 1);
            }
            int read;
            try {
                read = body.read(buffer, offset, (int) Math.min(count, length - position));
            } catch (IOException e) {
                throw new MediaStoreUnavailableException("Reading " + fileName + " from the object store failed at"
                        + " byte " + position + ": " + e.getMessage(), e);
            }
            if (read < 0) {
                throw new IOException("The object store ended " + fileName + " at byte " + position + " of " + length);
            }
            position += read;
            return read;
        }

        @Override
        public long skip(long count) {
            long skipped = Math.max(0, Math.min(count, length - position));
            if (skipped > 0 && body != null) {
                release();
            }
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return body == null ? 0 : (int) Math.min(Integer.MAX_VALUE, length - position);
        }

        @Override
        public void close() {
            closed = true;
            release();
        }

        private void release() {
            if (body != null) {
                if (position < length) {
                    body.abort(); // not read to its end: drop the connection rather than drain the rest
                }
                try {
                    body.close();
                } catch (IOException | RuntimeException ignored) {
                    // the connection is gone either way
                }
                body = null;
            }
        }
    }
}
