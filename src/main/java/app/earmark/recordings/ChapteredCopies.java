package app.earmark.recordings;

import app.earmark.discussions.DiscussionException;
import app.earmark.recordings.RecordingEvents.ChapteredCopyMade;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.MediaStore.StoredCopy;
import app.earmark.recordings.worker.ChapterFile;
import app.earmark.security.CurrentUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Copies of a recording's playable rendition with chapters embedded (for instance one per tagged moment, titled with
 * its ACs), so that VLC, QuickTime and other players list the chapters and jump to them. The streams are copied as
 * they are, never re-encoded: an MP4 or M4A rendition gives an MP4 / M4A with QuickTime and Nero chapters and its index
 * at the front, a WebM one a WebM with Matroska chapters, an MP3 one an M4A.
 *
 * <p>The copy is made synchronously, by the chapters job of the worker in a separate process (FFmpeg never runs in the
 * web application), within {@code earmark.recordings.process-timeout} and the worker's memory limit; one copy is made
 * at a time, and a caller waits its turn for at most that long. A copy is stored in the media store under the
 * rendition's SHA-256 and the hash of the chapter list, so asking again for the same chapters returns the stored copy
 * at once. Who may see a recording may make and open copies of it; making one and opening one are audited.
 */
@Service
public class ChapteredCopies {

    public static final int MAX_CHAPTERS = 1000;
    public static final int MAX_TITLE_CHARACTERS = 200;
    public static final int MAX_TITLE_BYTES = 255;
    private static final Logger log = LoggerFactory.getLogger(ChapteredCopies.class);
    private static final String KEY_PREFIX = "chapters-";

    private final Recordings recordings;
    private final MediaStore store;
    private final RecordingsProperties limits;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final ChapterWorkers workers;
    private final Semaphore oneAtATime = new Semaphore(1, true);

    ChapteredCopies(Recordings recordings, MediaStore store, RecordingsProperties limits, ChapterWorkers workers,
            CurrentUser currentUser, ApplicationEventPublisher events) {
        this.recordings = recordings;
        this.store = store;
        this.limits = limits;
        this.currentUser = currentUser;
        this.events = events;
        this.workers = workers;
    }

    /**
     * One chapter: a span of the recording and its title.
     *
     * @param startMs from the start of the recording, in milliseconds
     * @param endMs after {@code startMs}, at most the recording's duration
     * @param title e.g. "AC 2.1 and 2.2"; control characters are removed, and it may be at most
     *        {@value #MAX_TITLE_CHARACTERS} characters ({@value #MAX_TITLE_BYTES} bytes in UTF-8)
     */
    public record Chapter(long startMs, long endMs, String title) {
    }

    /**
     * A stored chaptered copy.
     *
     * @param fileName a name to save it under, e.g. {@code talk-chapters.mp4}
     * @param mediaType e.g. {@code video/mp4}, {@code audio/mp4}, {@code video/webm}
     * @param sha256 the copy's own SHA-256
     * @param size in bytes
     * @param chapters how many chapters the copy has, the untitled ones that fill gaps included
     */
    public record ChapteredCopy(long recordingId, String fileName, String mediaType, String sha256, long size,
            int chapters) {

        /** Where the signed-in browser downloads it (with HTTP ranges); under {@code /api/v1/} for the API. */
        public String url() {
            return ChapteredCopies.url(recordingId, sha256, false);
        }
    }

    /**
     * Where a copy is downloaded (with HTTP ranges): {@code /media/…} for the signed-in browser, {@code /api/v1/…} for
     * the API.
     */
    public static String url(long recordingId, String sha256, boolean api) {
        return (api ? "/api/v1" : "/media") + "/recordings/" + recordingId + "/chaptered/" + sha256;
    }

    /**
     * A copy of the recording's playable rendition with these chapters, made now or, for a list asked for before,
     * taken from the media store. Chapters may come in any order, but no two may start at the same moment. WebM keeps
     * each chapter's start and end as given; in MP4 and M4A (QuickTime and Nero chapters) a chapter runs until the next
     * one starts, so overlaps are not kept there. Gaps (before the first chapter too) are filled with untitled chapters,
     * so that every format ends each chapter where it ends ({@link ChapterList}).
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the recording
     * @throws DiscussionException with the reason in words when the recording is not ready, a chapter is not inside
     *         it or has no usable title, or the copy could not be made
     */
    public ChapteredCopy chapteredCopy(long recordingId, List<Chapter> chapters) {
        Recording recording = recordings.visibleRecording(recordingId);
        if (recording.state() != RecordingState.READY) {
            throw new DiscussionException("Recording " + recordingId + " is not ready to play yet, so no copy with"
                    + " chapters can be made of it.");
        }
        ChapterList list = ChapterList.of(chapters, recording.durationMillis());
        CopyFormat format = CopyFormat.of(recording.renditionMime());
        try {
            String renditionSha = store.derivedSha256(recording.originalSha256(), recording.renditionName());
            String key = KEY_PREFIX + list.sha256().substring(0, 48) + format.extension();
            Optional<StoredCopy> stored = store.copy(renditionSha, key);
            if (stored.isEmpty()) {
                stored = Optional.of(make(recording, list, format, renditionSha, key));
            }
            return describe(recording, format, list.chapters().size(), stored.get());
        } catch (IOException e) {
            throw new UncheckedIOException("The media store could not be read or written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscussionException("Making the copy with chapters was interrupted.");
        }
    }

    /**
     * The copy's file, to stream or attach, if the signed-in person may still see the recording; audited as an
     * opening of the recording.
     */
    public Resource open(ChapteredCopy copy) {
        return download(copy.recordingId(), copy.sha256()).map(Download::resource).orElseThrow(
                () -> new DiscussionException("The copy with chapters " + copy.fileName() + " is no longer stored."));
    }

    /**
     * A stored copy as a file to stream.
     *
     * @param etag a strong tag for caching (the copy never changes)
     */
    public record Download(Resource resource, String mediaType, String etag, String fileName) {
    }

    /** A stored copy of the recording by its SHA-256, for streaming, after the same checks as {@link #open}. */
    public Optional<Download> download(long recordingId, String sha256) {
        Recording recording = recordings.visibleRecording(recordingId);
        if (recording.state() != RecordingState.READY) {
            return Optional.empty();
        }
        Optional<StoredCopy> stored;
        try {
            stored = store.copyBySha256(store.derivedSha256(recording.originalSha256(), recording.renditionName()),
                    sha256);
        } catch (IOException e) {
            log.warn("The rendition of recording {} could not be read", recordingId, e);
            return Optional.empty();
        }
        stored.ifPresent(found -> recordings.auditOpening(recording, "the copy with chapters"));
        CopyFormat format = CopyFormat.of(recording.renditionMime());
        return stored.map(found -> new Download(found.resource(), format.mediaType(), "\"" + found.sha256() + "\"",
                fileName(recording, format)));
    }

    private StoredCopy make(Recording recording, ChapterList list, CopyFormat format, String renditionSha, String key)
            throws IOException, InterruptedException {
        Duration limit = limits.processTimeout();
        if (!oneAtATime.tryAcquire(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new DiscussionException("Earmark is busy making other copies with chapters; try again later.");
        }
        Path work = null;
        try {
            Optional<StoredCopy> madeMeanwhile = store.copy(renditionSha, key);
            if (madeMeanwhile.isPresent()) {
                return madeMeanwhile.get();
            }
            work = store.newWorkDir();
            Path chapters = work.resolve("chapters.json");
            ChapterFile.write(chapters, list.chapters());
            Path output = work.resolve("chaptered" + format.extension());
            Path input = store.derived(recording.originalSha256(), recording.renditionName()).orElseThrow(
                    () -> new DiscussionException("The playable copy of recording " + recording.id() + " is missing"
                            + " from the media store.")).getFile().toPath();
            var outcome = workers.copy(input, chapters, output);
            if (outcome instanceof ChapterWorkerRun.Outcome.Refused refused) {
                throw new DiscussionException(refused.message());
            }
            if (outcome instanceof ChapterWorkerRun.Outcome.Crashed crashed) {
                log.error("The chapters job for recording {} crashed ({}); see the chapters-*.log files in the"
                        + " ingest logs", recording.id(), crashed.reason());
                throw new DiscussionException("The copy with chapters could not be made: the worker stopped"
                        + " unexpectedly (" + crashed.reason() + ").");
            }
            StoredCopy stored = store.putCopy(renditionSha, key, output);
            events.publishEvent(new ChapteredCopyMade(currentUser.actorName(), recording.id(),
                    list.chapters().size(), stored.sha256(), stored.size(), fileName(recording, format)));
            return stored;
        } finally {
            oneAtATime.release();
            deleteQuietly(work);
            workers.prepareNext();
        }
    }

    private static ChapteredCopy describe(Recording recording, CopyFormat format, int chapters, StoredCopy stored) {
        return new ChapteredCopy(recording.id(), fileName(recording, format), format.mediaType(), stored.sha256(),
                stored.size(), chapters);
    }

    /** The original's name without its extension, then "-chapters" and the copy's extension. */
    private static String fileName(Recording recording, CopyFormat format) {
        String original = recording.originalName() == null ? "recording" : recording.originalName();
        int dot = original.lastIndexOf('.');
        String base = (dot > 0 ? original.substring(0, dot) : original).strip();
        return (base.isEmpty() ? "recording" : base) + "-chapters" + format.extension();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not remove the work folder {}", dir, e);
        }
    }

    /** The container of a copy, from the rendition's media type; MP3 goes into M4A, which has chapters players read. */
    record CopyFormat(String extension, String mediaType) {

        static CopyFormat of(String renditionMime) {
            return switch (renditionMime == null ? "" : renditionMime) {
                case "video/mp4" -> new CopyFormat(".mp4", "video/mp4");
                case "audio/mp4", "audio/mpeg" -> new CopyFormat(".m4a", "audio/mp4");
                case "video/webm" -> new CopyFormat(".webm", "video/webm");
                case "audio/webm" -> new CopyFormat(".webm", "audio/webm");
                default -> throw new DiscussionException("A copy with chapters cannot be made of a " + renditionMime
                        + " recording.");
            };
        }
    }
}
