package app.earmark.discussions.upload;

import app.earmark.base.Hashing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.exception.UploadNotFoundException;
import me.desair.tus.server.upload.UploadId;
import me.desair.tus.server.upload.UploadInfo;
import me.desair.tus.server.upload.disk.DiskStorageService;

/**
 * tus's disk storage, with the upload's SHA-256 computed on the way in: every appended byte also goes
 * through the upload's digest. After a restart (or a chunk that was only partly written) the digest is
 * rebuilt from the bytes already on disk, once, and then continues with the stream.
 */
class RecordingUploadStorage extends DiskStorageService {

    private static final String DATA_FILE = "data";

    private final Map<UploadId, RunningDigest> digests = new ConcurrentHashMap<>();

    RecordingUploadStorage(Path incoming) {
        super(incoming.toString());
    }

    @Override
    public UploadInfo append(UploadInfo info, InputStream inputStream) throws IOException, TusException {
        if (info == null) {
            return super.append(null, inputStream);
        }
        RunningDigest digest = digestAt(info.getId(), info.getOffset());
        UploadInfo updated = super.append(info, new DigestingStream(inputStream, digest));
        if (digest.bytes != updated.getOffset()) {
            digests.remove(info.getId());
        }
        return updated;
    }

    @Override
    public void removeLastNumberOfBytes(UploadInfo info, long numberOfBytes) throws UploadNotFoundException,
            IOException {
        digests.remove(info.getId());
        super.removeLastNumberOfBytes(info, numberOfBytes);
    }

    @Override
    public void terminateUpload(UploadInfo info) throws UploadNotFoundException, IOException {
        digests.remove(info.getId());
        super.terminateUpload(info);
    }

    /** The finished upload's SHA-256 (read from disk only if the running digest was lost). */
    String sha256(UploadInfo info) throws IOException {
        RunningDigest digest = digestAt(info.getId(), info.getOffset());
        digests.remove(info.getId());
        return HexFormat.of().formatHex(digest.digest.digest());
    }

    /** Where the received bytes are, so the finished file can be moved rather than copied. */
    Path dataFile(UploadInfo info) {
        return getPathInStorageDirectory(info.getId()).resolve(DATA_FILE);
    }

    private RunningDigest digestAt(UploadId id, long offset) throws IOException {
        RunningDigest digest = digests.get(id);
        if (digest != null && digest.bytes == offset) {
            return digest;
        }
        RunningDigest rebuilt = new RunningDigest(Hashing.sha256());
        if (offset > 0) {
            try (InputStream stored = Files.newInputStream(getPathInStorageDirectory(id).resolve(DATA_FILE))) {
                byte[] buffer = new byte[1 << 16];
                long remaining = offset;
                int read;
                while (remaining > 0 && (read = stored.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
                    rebuilt.update(buffer, 0, read);
                    remaining -= read;
                }
            }
        }
        digests.put(id, rebuilt);
        return rebuilt;
    }

    /** A digest and how many bytes it has seen. */
    private static final class RunningDigest {
        private final MessageDigest digest;
        private long bytes;

        RunningDigest(MessageDigest digest) {
            this.digest = digest;
        }

        void update(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
            bytes += length;
        }
    }

    /** Feeds every byte read into the digest. */
    private static final class DigestingStream extends FilterInputStream {
        private final RunningDigest digest;

        DigestingStream(InputStream in, RunningDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                digest.update(buffer, offset, read);
            }
            return read;
        }
    }
}
