package app.earmark.recordings.upload;

import app.earmark.base.Hashing;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.exception.UploadNotFoundException;
import me.desair.tus.server.upload.UploadId;
import me.desair.tus.server.upload.UploadIdFactory;
import me.desair.tus.server.upload.UploadInfo;
import me.desair.tus.server.upload.disk.DiskStorageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tus's disk storage, with the upload's SHA-256 computed on the way in: every appended byte also goes
 * through the upload's digest. After a restart (or a chunk that was only partly written) the digest is
 * rebuilt from the bytes already on disk, once, and then continues with the stream.
 *
 * <p>Faults leave it consistent: an upload's {@code info} file is replaced atomically (never half-written);
 * the offset it advertises is reconciled with the bytes really on disk (a server killed mid-chunk has written
 * more than it recorded), so it is always a safe point to resume from; and a failure to write (a full disk)
 * is told apart from a client that went away, as an {@link UploadStorageException}, with a creation that
 * failed half-way removed.
 */
class RecordingUploadStorage extends DiskStorageService implements UploadFiles {

    private static final Logger log = LoggerFactory.getLogger(RecordingUploadStorage.class);
    private static final String DATA_FILE = "data";
    private static final String INFO_FILE = "info";

    private final Map<UploadId, RunningDigest> digests = new ConcurrentHashMap<>();
    private UploadIdFactory ids;

    RecordingUploadStorage(Path incoming) {
        super(incoming.toString());
        try {
            // tus creates these lazily; the cleaner lists both, and must find them on a fresh media store.
            Files.createDirectories(incoming.resolve("uploads"));
            Files.createDirectories(incoming.resolve("locks"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload folders under " + incoming, e);
        }
    }

    @Override
    public void setIdFactory(UploadIdFactory idFactory) {
        super.setIdFactory(idFactory);
        this.ids = idFactory;
    }

    /**
     * The upload's record, with its offset made to match the data on disk. Called by tus under the upload's
     * lock; a server killed while a chunk arrived has more bytes on disk than its last recorded offset, all of
     * them received from the client in order, so the offset moves up to them (and the running digest, which
     * did not survive, is rebuilt from disk on the next chunk).
     */
    @Override
    public UploadInfo getUploadInfo(UploadId id) throws IOException {
        UploadInfo info = super.getUploadInfo(id);
        if (info == null || !info.isUploadInProgress() || info.getOffset() == null) {
            return info;
        }
        Path data = getPathInStorageDirectory(id).resolve(DATA_FILE);
        long onDisk;
        try {
            onDisk = Files.size(data);
        } catch (NoSuchFileException e) {
            return info;
        }
        long safe = info.hasLength() ? Math.min(onDisk, info.getLength()) : onDisk;
        if (safe != info.getOffset()) {
            log.info("Upload {}: recorded offset {} but {} bytes on disk; resuming from {}", id, info.getOffset(),
                    onDisk, safe);
            if (onDisk > safe) {
                try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                    channel.truncate(safe);
                }
            }
            info.setOffset(safe);
            digests.remove(id);
            try {
                update(info);
            } catch (UploadNotFoundException gone) {
                return null;
            } catch (IOException e) {
                // Not recorded (a full disk): the offset is reconciled again next time, from the same bytes.
                log.warn("Upload {}: could not record the reconciled offset", id, e);
            }
        }
        return info;
    }

    /** The upload's record as stored, without reconciling it: for checks made outside tus's lock. */
    @Override
    public UploadInfo stored(String uploadUri) throws IOException {
        UploadId id = ids == null ? null : ids.readUploadId(uploadUri);
        return id == null ? null : super.getUploadInfo(id);
    }

    /** The half-written file is on the disk that failed: removing it frees the space it holds. */
    @Override
    public boolean keepsUploadOnStorageFailure() {
        return false;
    }

    /** Replaces the {@code info} file atomically, so a crash or a full disk never leaves half of it. */
    @Override
    public void update(UploadInfo info) throws IOException, UploadNotFoundException {
        Path folder = getPathInStorageDirectory(info.getId());
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UploadNotFoundException("The upload " + info.getId() + " does not exist.");
        }
        Path target = folder.resolve(INFO_FILE);
        Path temporary = folder.resolve(INFO_FILE + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary));
                    ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(info);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw storageFailure(e);
        }
    }

    /** Creates the upload; if that fails half-way (a full disk), removes what was made and says why. */
    @Override
    public UploadInfo create(UploadInfo info, String ownerKey) throws IOException {
        try {
            return super.create(info, ownerKey);
        } catch (IOException e) {
            if (info.getId() != null) {
                deleteQuietly(getPathInStorageDirectory(info.getId()));
            }
            throw storageFailure(e);
        }
    }

    @Override
    public UploadInfo append(UploadInfo info, InputStream inputStream) throws IOException, TusException {
        if (info == null) {
            return super.append(null, inputStream);
        }
        RunningDigest digest = digestAt(info.getId(), info.getOffset());
        DigestingStream stream = new DigestingStream(inputStream, digest);
        UploadInfo updated;
        try {
            updated = super.append(info, stream);
        } catch (IOException e) {
            digests.remove(info.getId());
            // A read that failed is the client going away: what arrived is kept (tus recorded it). Anything else
            // failed while writing.
            throw stream.readFailed ? e : storageFailure(e);
        }
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

    /** The received bytes where they are (so the media store moves rather than copies them), and their SHA-256. */
    @Override
    public Finished finished(UploadInfo info) throws IOException {
        return new Finished(dataFile(info), sha256(info), false);
    }

    /** Where the received bytes are, so the finished file can be moved rather than copied. */
    Path dataFile(UploadInfo info) {
        return getPathInStorageDirectory(info.getId()).resolve(DATA_FILE);
    }

    private static UploadStorageException storageFailure(IOException e) {
        return e instanceof UploadStorageException already ? already : new UploadStorageException(e);
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Could not remove {} of a failed upload", path, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not remove the failed upload {}", folder, e);
        }
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

    /** Feeds every byte read into the digest, and notes whether reading (the client's side) failed. */
    private static final class DigestingStream extends FilterInputStream {
        private final RunningDigest digest;
        private boolean readFailed;

        DigestingStream(InputStream in, RunningDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                readFailed = true;
                throw e;
            }
            if (b >= 0) {
                digest.update(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = super.read(buffer, offset, length);
            } catch (IOException e) {
                readFailed = true;
                throw e;
            }
            if (read > 0) {
                digest.update(buffer, offset, read);
            }
            return read;
        }
    }
}
