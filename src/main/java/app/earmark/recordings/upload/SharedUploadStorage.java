package app.earmark.recordings.upload;

import app.earmark.base.Hashing;
import app.earmark.recordings.media.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import me.desair.tus.server.exception.InvalidUploadOffsetException;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.exception.UploadNotFoundException;
import me.desair.tus.server.upload.UploadId;
import me.desair.tus.server.upload.UploadIdFactory;
import me.desair.tus.server.upload.UploadInfo;
import me.desair.tus.server.upload.UploadLockingService;
import me.desair.tus.server.upload.UploadStorageService;
import me.desair.tus.server.upload.concatenation.UploadConcatenationService;
import me.desair.tus.server.upload.concatenation.VirtualConcatenationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * tus's storage when several nodes share the database and the object store: what tus knows of an upload (owner,
 * length, offset, metadata, expiry) is a row of {@code shared_upload}, and each PATCH's bytes become one object
 * {@code incoming/{id}/{start offset}} (a row of {@code shared_upload_chunk}), so any node can answer a HEAD and take
 * the next PATCH. A chunk is received into a local temporary file and stored whole in the object store before the
 * offset moves past it: a node killed mid-PATCH leaves the offset where the last stored chunk ended, and the client
 * resumes from there. A chunk the client broke off half-way keeps what arrived, as tus's disk storage does. When the
 * last byte has arrived, {@link #finished} streams the chunks once, in order, into a local file while computing the
 * SHA-256, for the media store to take as the original.
 */
class SharedUploadStorage implements UploadFiles {

    private static final Logger log = LoggerFactory.getLogger(SharedUploadStorage.class);
    private static final String PREFIX = "incoming/";
    private static final String NOT_OFFERED = "Uploads are not read back through tus: downloading is not routed to it"
            + " (the endpoint takes no GET) and concatenation is disabled (UploadConfiguration.tus); a finished upload"
            + " is read once, by finished().";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SharedFiles files;
    private final Path scratch;
    private final Clock clock;
    private UploadIdFactory ids;
    private long maxUploadSize;
    private Long expirationPeriod;
    private UploadConcatenationService concatenation = new VirtualConcatenationService(this);

    SharedUploadStorage(JdbcTemplate jdbc, TransactionTemplate transactions, SharedFiles files, Path scratch,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.files = files;
        this.scratch = scratch;
        this.clock = clock;
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for chunks being received, " + scratch, e);
        }
    }

    @Override
    public void setIdFactory(UploadIdFactory idFactory) {
        this.ids = Objects.requireNonNull(idFactory);
    }

    @Override
    public String getUploadUri() {
        return ids.getUploadUri();
    }

    @Override
    public void setMaxUploadSize(Long max) {
        this.maxUploadSize = max != null && max > 0 ? max : 0;
    }

    @Override
    public long getMaxUploadSize() {
        return maxUploadSize;
    }

    @Override
    public Long getUploadExpirationPeriod() {
        return expirationPeriod;
    }

    @Override
    public void setUploadExpirationPeriod(Long period) {
        this.expirationPeriod = period;
    }

    @Override
    public void setUploadConcatenationService(UploadConcatenationService service) {
        this.concatenation = Objects.requireNonNull(service);
    }

    @Override
    public UploadConcatenationService getUploadConcatenationService() {
        return concatenation;
    }

    // ---- the record

    @Override
    public UploadInfo getUploadInfo(String uploadUri, String ownerKey) throws IOException {
        UploadInfo info = getUploadInfo(ids.readUploadId(uploadUri));
        return info == null || !Objects.equals(info.getOwnerKey(), ownerKey) ? null : info;
    }

    @Override
    public UploadInfo getUploadInfo(UploadId id) {
        if (id == null) {
            return null;
        }
        List<UploadInfo> found = jdbc.query("select id, owner_key, upload_length, upload_offset, encoded_metadata,"
                + " expires_at from shared_upload where id = ?", (rs, row) -> {
                    StoredInfo info = new StoredInfo(rs.getObject("expires_at", Long.class));
                    info.setId(new UploadId(rs.getString("id")));
                    info.setOwnerKey(rs.getString("owner_key"));
                    info.setLength(rs.getObject("upload_length", Long.class));
                    info.setOffset(rs.getLong("upload_offset"));
                    info.setEncodedMetadata(rs.getString("encoded_metadata"));
                    return info;
                }, id.toString());
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public UploadInfo stored(String uploadUri) {
        return ids == null ? null : getUploadInfo(ids.readUploadId(uploadUri));
    }

    @Override
    public UploadInfo create(UploadInfo info, String ownerKey) {
        UploadId id = ids.createId();
        info.setId(id);
        info.setOffset(0L);
        info.setOwnerKey(ownerKey);
        jdbc.update("insert into shared_upload (id, owner_key, upload_length, upload_offset, encoded_metadata,"
                + " created_at, expires_at) values (?, ?, ?, 0, ?, ?, ?)", id.toString(), ownerKey, info.getLength(),
                info.getEncodedMetadata(), clock.millis(), info.getExpirationTimestamp());
        return info;
    }

    /** Records what tus changed (length, metadata, expiry). The offset moves only with a stored chunk. */
    @Override
    public void update(UploadInfo info) throws UploadNotFoundException {
        int updated = jdbc.update("update shared_upload set upload_length = ?, encoded_metadata = ?, expires_at = ?"
                + " where id = ?", info.getLength(), info.getEncodedMetadata(), info.getExpirationTimestamp(),
                info.getId().toString());
        if (updated == 0) {
            throw new UploadNotFoundException("The upload " + info.getId() + " does not exist.");
        }
    }

    // ---- the bytes

    /**
     * A failure to store here is this node's scratch disk (the chunk being received): the chunks stored before are in
     * the bucket, and removing the upload would throw them away.
     */
    @Override
    public boolean keepsUploadOnStorageFailure() {
        return true;
    }

    @Override
    public UploadInfo append(UploadInfo info, InputStream in) throws IOException, TusException {
        if (info == null) {
            return null;
        }
        String id = info.getId().toString();
        long offset = currentOffset(id);
        if (offset != info.getOffset()) {
            throw new InvalidUploadOffsetException("The upload offset does not correspond to the written bytes. You can"
                    + " only append to the end of an upload");
        }
        long limit = info.hasLength() ? info.getLength() : (maxUploadSize > 0 ? maxUploadSize : Long.MAX_VALUE);
        Path chunk;
        try {
            chunk = Files.createTempFile(scratch, "chunk-", ".part");
        } catch (IOException e) {
            throw new UploadStorageException(e);
        }
        try {
            long received = 0;
            IOException broken = null;
            try (OutputStream out = Files.newOutputStream(chunk)) {
                byte[] buffer = new byte[1 << 16];
                long room = limit - offset;
                while (received < room) {
                    int read;
                    try {
                        read = in.read(buffer, 0, (int) Math.min(buffer.length, room - received));
                    } catch (IOException e) {
                        broken = e; // the client went away: what arrived is kept
                        break;
                    }
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    received += read;
                }
            } catch (IOException e) {
                throw new UploadStorageException(e);
            }
            if (received > 0) {
                store(id, offset, chunk, received);
                info.setOffset(offset + received);
            }
            if (broken != null) {
                throw broken;
            }
            return info;
        } finally {
            Files.deleteIfExists(chunk);
        }
    }

    /** Stores the chunk's bytes, then (only then) records the chunk and moves the offset past it. */
    private void store(String id, long offset, Path chunk, long size) throws IOException {
        files.put(chunkKey(id, offset), chunk);
        transactions.executeWithoutResult(status -> {
            jdbc.update("delete from shared_upload_chunk where upload_id = ? and start_offset = ?", id, offset);
            jdbc.update("insert into shared_upload_chunk (upload_id, start_offset, size) values (?, ?, ?)", id, offset,
                    size);
            int moved = jdbc.update("update shared_upload set upload_offset = ? where id = ? and upload_offset = ?",
                    offset + size, id, offset);
            if (moved != 1) {
                throw new IllegalStateException("The upload " + id + " moved on or was removed while a chunk was"
                        + " stored");
            }
        });
    }

    private long currentOffset(String id) throws UploadNotFoundException {
        List<Long> offset = jdbc.queryForList("select upload_offset from shared_upload where id = ?", Long.class, id);
        if (offset.isEmpty()) {
            throw new UploadNotFoundException("The upload " + id + " does not exist.");
        }
        return offset.get(0);
    }

    /** The chunks of an upload in order. */
    private List<Chunk> chunks(String id) {
        return jdbc.query("select start_offset, size from shared_upload_chunk where upload_id = ? order by start_offset",
                (rs, row) -> new Chunk(rs.getLong(1), rs.getLong(2)), id);
    }

    private record Chunk(long start, long size) {
    }

    static String chunkKey(String id, long offset) {
        return PREFIX + id + "/" + offset;
    }

    /** The chunks from the first byte, checked to follow each other up to the offset. */
    private List<Chunk> contiguous(UploadInfo info) throws IOException {
        List<Chunk> chunks = chunks(info.getId().toString());
        long next = 0;
        List<Chunk> used = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk.start() != next) {
                throw new IOException("The upload " + info.getId() + " misses bytes " + next + " to " + chunk.start());
            }
            used.add(chunk);
            next += chunk.size();
        }
        if (next != info.getOffset()) {
            throw new IOException("The upload " + info.getId() + " has " + next + " bytes stored but records "
                    + info.getOffset());
        }
        return used;
    }

    @Override
    public Finished finished(UploadInfo info) throws IOException {
        List<Chunk> chunks = contiguous(info);
        Path file = Files.createTempFile(scratch, "upload-", ".data");
        MessageDigest digest = Hashing.sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (Chunk chunk : chunks) {
                try (InputStream in = files.open(chunkKey(info.getId().toString(), chunk.start()))) {
                    long copied = in.transferTo(out);
                    if (copied != chunk.size()) {
                        throw new IOException("The chunk at " + chunk.start() + " of upload " + info.getId()
                                + " came back from the media store with " + copied + " bytes, not " + chunk.size());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Finished(file, HexFormat.of().formatHex(digest.digest()), true);
    }

    /** Not offered: tus's download extension is never reached (the endpoint takes no GET) and concatenation is off. */
    @Override
    public InputStream getUploadedBytes(String uploadUri, String ownerKey) {
        throw new UnsupportedOperationException(NOT_OFFERED);
    }

    /** Not offered: see {@link #getUploadedBytes(String, String)}. */
    @Override
    public InputStream getUploadedBytes(UploadId id) {
        throw new UnsupportedOperationException(NOT_OFFERED);
    }

    /** Not offered: see {@link #getUploadedBytes(String, String)}. */
    @Override
    public void copyUploadTo(UploadInfo info, OutputStream out) {
        throw new UnsupportedOperationException(NOT_OFFERED);
    }

    @Override
    public void removeLastNumberOfBytes(UploadInfo info, long count) throws UploadNotFoundException, IOException {
        if (info == null || count <= 0) {
            return;
        }
        String id = info.getId().toString();
        long offset = currentOffset(id);
        long start = offset - count;
        List<Chunk> last = chunks(id).stream().filter(c -> c.start() == start && c.size() == count).toList();
        if (last.isEmpty()) {
            throw new IOException("The upload " + id + " has no chunk of " + count + " bytes ending at " + offset);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.update("delete from shared_upload_chunk where upload_id = ? and start_offset = ?", id, start);
            jdbc.update("update shared_upload set upload_offset = ? where id = ?", start, id);
        });
        info.setOffset(start);
    }

    @Override
    public void terminateUpload(UploadInfo info) throws IOException {
        if (info != null) {
            remove(info.getId().toString());
        }
    }

    /** Removes the chunks' objects, then the record (an interrupted removal is finished by expiry). */
    private void remove(String id) throws IOException {
        files.deleteAll(PREFIX + id + "/");
        jdbc.update("delete from shared_upload where id = ?", id);
    }

    @Override
    public void cleanupExpiredUploads(UploadLockingService locking) throws IOException {
        List<String> expired = jdbc.queryForList("select id from shared_upload where expires_at < ?", String.class,
                clock.millis());
        for (String id : expired) {
            if (locking.isLocked(new UploadId(id))) {
                continue;
            }
            try {
                remove(id);
                log.info("Removed the expired upload {}", id);
            } catch (IOException e) {
                log.warn("Could not remove the expired upload {}: {}", id, e.getMessage());
            }
        }
    }

    /** An upload's record read back, with its expiry as stored (tus's own class only sets it from the clock). */
    private static final class StoredInfo extends UploadInfo {
        private Long fixedNow;

        StoredInfo(Long expiresAt) {
            if (expiresAt != null) {
                fixedNow = expiresAt;
                updateExpiration(0);
                fixedNow = null;
            }
        }

        @Override
        protected long getCurrentTime() {
            return fixedNow != null ? fixedNow : super.getCurrentTime();
        }
    }

}
