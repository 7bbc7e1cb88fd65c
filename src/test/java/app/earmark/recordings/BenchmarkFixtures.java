package app.earmark.recordings;

import app.earmark.recordings.media.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recordings for the benchmarks ({@code app.earmark.bench}), made the way the application makes them but without
 * an upload, and without ever holding a large file in memory: originals are hashed and copied as streams, and a
 * ready recording's rendition can be a hard link to a file that is already on disk.
 */
@Component
public class BenchmarkFixtures {

    private final RecordingRepository recordings;
    private final MediaStore store;
    private final IngestSupervisor supervisor;
    private final RecordingsProperties limits;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ChapterWorkers chapterWorkers;

    BenchmarkFixtures(RecordingRepository recordings, MediaStore store, IngestSupervisor supervisor,
            RecordingsProperties limits, ApplicationEventPublisher events, TransactionTemplate transactions,
            ChapterWorkers chapterWorkers) {
        this.recordings = recordings;
        this.store = store;
        this.supervisor = supervisor;
        this.limits = limits;
        this.events = events;
        this.transactions = transactions;
        this.chapterWorkers = chapterWorkers;
    }

    /** Copies the file into the media store as an original, unless it is there already; returns its SHA-256. */
    public String storeOriginal(Path file) {
        try {
            String sha = sha256(file);
            if (!store.hasOriginal(sha)) {
                Path received = store.incomingDir().resolve("benchmark-" + sha);
                Files.copy(file, received, StandardCopyOption.REPLACE_EXISTING);
                store.putOriginal(received, sha);
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored original, for the command-line baseline to read the very same file. */
    public Path originalFile(String sha) {
        try {
            return store.originalFile(sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new recording of a stored original, queued for ingest as a finished upload leaves it; the supervisor is
     * woken when the transaction commits, as after an upload.
     */
    public long queue(long discussionId, String sha, String fileName) {
        return queue(discussionId, sha, originalSize(sha), fileName);
    }

    /** As {@link #queue(long, String, String)}, with the original's size known (read without fetching it again). */
    public long queue(long discussionId, String sha, long size, String fileName) {
        return transactions.execute(status -> {
            Recording recording = recordings.save(new Recording(discussionId, null, sha, size, fileName, null,
                    "assessor", Instant.now()));
            events.publishEvent(new Recordings.RecordingQueued(recording.id()));
            return recording.id();
        });
    }

    /** The stored original's size in bytes (on the S3 store, this fetches it into the node's cache). */
    public long originalSize(String sha) {
        return size(originalFile(sha));
    }

    /** The recording as it is now. */
    public RecordingSummary recording(long recordingId) {
        return transactions.execute(status -> recordings.findById(recordingId).orElseThrow().summary());
    }

    /** The ingest worker process running now, if any. */
    public Optional<ProcessHandle> currentWorker() {
        return supervisor.currentWorker();
    }

    /** The worker's command line exactly as the supervisor builds it (heap and other JVM limits included). */
    public List<String> workerCommand(Path input, Path outputDir, Path log) {
        return WorkerCommand.forThisJvm(limits.workerHeap().toBytes()).arguments(input, outputDir,
                limits.maxDuration().toSeconds(), log);
    }

    /** The heap the supervisor gives each worker, in bytes. */
    public long workerHeapBytes() {
        return limits.workerHeap().toBytes();
    }

    /** A ready recording and where its rendition is stored. */
    public record ReadyRendition(long recordingId, Path file) {
    }

    /**
     * A ready recording whose playable copy is {@code file}, hard-linked into the media store's derived folder (a
     * copy only where a link is impossible), as if ingest had made it.
     */
    public ReadyRendition readyRecording(long discussionId, Path file, String fileName, String mimeType) {
        long id = readyRecordingId(discussionId, file, fileName, mimeType);
        return new ReadyRendition(id, renditionFile(id));
    }

    /**
     * As {@link #readyRecording(long, Path, String, String)}, without asking where the rendition is stored (on the S3
     * store that would download it into the local cache).
     */
    public long readyRecordingId(long discussionId, Path file, String fileName, String mimeType) {
        try {
            long size = Files.size(file);
            byte[] original = ("benchmark original of " + fileName + ", " + size + " bytes")
                    .getBytes(StandardCharsets.UTF_8);
            String sha = HexFormat.of().formatHex(digest().digest(original));
            if (!store.hasOriginal(sha)) {
                store.putOriginal(Files.write(store.incomingDir().resolve("benchmark-" + sha), original), sha);
            }
            return ready(discussionId, sha, file, fileName, mimeType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A ready recording of a stored original (see {@link #storeOriginal}) whose playable copy is {@code file},
     * hard-linked into the media store as above: as ingest leaves a recording whose streams it copied unchanged.
     */
    public ReadyRendition readyRecording(long discussionId, String sha, Path file, String fileName, String mimeType) {
        long id = ready(discussionId, sha, file, fileName, mimeType);
        return new ReadyRendition(id, renditionFile(id));
    }

    private long ready(long discussionId, String sha, Path file, String fileName, String mimeType) {
        try {
            long size = Files.size(file);
            long originalSize = Files.size(store.originalFile(sha));
            Path work = store.newWorkDir();
            try {
                Files.createLink(work.resolve(fileName), file);
            } catch (IOException | UnsupportedOperationException noLink) {
                Files.copy(file, work.resolve(fileName));
            }
            store.putDerived(sha, work);
            long id = transactions.execute(status -> {
                Recording recording = recordings.save(new Recording(discussionId, null, sha, originalSize,
                        "benchmark.mp4", null, "assessor", Instant.now()));
                recording.started(Instant.now());
                recording.probed(new Recording.MediaFacts("mov,mp4,m4a", 3_600_000L, "aac", 2, 48_000, "h264", 1280,
                        720), Instant.now());
                recording.ready(new Recording.Rendition(fileName, mimeType, true, size), PeakLevels.toJson(List.of()),
                        null, 3_600_000L, null, Instant.now());
                return recording.id();
            });
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a ready recording's playable rendition is stored. */
    public Path renditionFile(long recordingId) {
        return transactions.execute(status -> {
            Recording recording = recordings.findById(recordingId).orElseThrow();
            try {
                return store.derived(recording.originalSha256(), recording.renditionName()).orElseThrow().getFile()
                        .toPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether an ingest worker is started ahead of each ingest (on by default); switching it on starts one. */
    public void startIngestWorkersAhead(boolean wanted) {
        startAhead(supervisor.standby(), wanted);
    }

    /** Waits until the ingest worker started ahead has loaded FFmpeg; false if there is none. */
    public boolean awaitIngestWorker(Duration timeout) throws InterruptedException {
        return supervisor.standby().awaitReady(timeout);
    }

    /** Whether a worker for copies with chapters is started ahead of each copy (on by default); on starts one. */
    public void startChapterWorkersAhead(boolean wanted) {
        startAhead(chapterWorkers.standby(), wanted);
    }

    /** Waits until the worker started ahead for the next copy has loaded FFmpeg; false if there is none. */
    public boolean awaitChapterWorker(Duration timeout) throws InterruptedException {
        return chapterWorkers.standby().awaitReady(timeout);
    }

    private static void startAhead(StandbyWorker workers, boolean wanted) {
        workers.startAhead(wanted);
        if (wanted) {
            workers.prepare();
        }
    }

    /** SHA-256 of a file, read as a stream. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
