package app.earmark.recordings;

import app.earmark.cluster.ClusterBus;
import app.earmark.discussions.DiscussionException;
import app.earmark.recordings.RecordingEvents.ChapteredCopyMade;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.MediaStore.StoredCopy;
import app.earmark.recordings.worker.ChapterFile;
import app.earmark.recordings.worker.ChapterMark;
import app.earmark.security.CurrentUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies of a recording's playable rendition with chapters embedded (for instance one per tagged moment, titled with
 * its ACs), so that VLC, QuickTime and other players list the chapters and jump to them. The streams are copied as
 * they are, never re-encoded: an MP4 or M4A rendition gives an MP4 / M4A with QuickTime and Nero chapters and its index
 * at the front, a WebM one a WebM with Matroska chapters, an MP3 one an M4A.
 *
 * <p>The copy is made by a cluster job ({@value ChapterQueue#TASK}, see docs/jobs.md): whichever Earmark node
 * has its chapters worker free claims it and runs the chapters job of the worker in a separate process (FFmpeg never
 * runs in the web application), within {@code earmark.recordings.process-timeout} and the worker's memory limit, one
 * copy at a time per node; a node that dies mid-copy has its job taken over by another. The caller waits (on
 * whichever node it asked) for the job's outcome, written to the table {@code chaptered_copy_job}, for at most twice
 * the process timeout (its turn, then the copy): the node that writes it says so on the cluster bus, which wakes the
 * callers on every node, and a caller looks at the row every 5 s anyway (a message may be missed). The job is named by what it makes (the rendition's SHA-256 and the
 * hash of the chapter list), so two callers asking for the same chapters wait for one job, and a job run twice
 * stores one copy. A copy is stored in the media store under that name, so asking again for the same chapters returns
 * the stored copy at once. Who may see a recording may make and open copies of it; making one and opening one are
 * audited (as the person who asked, whichever node made it).
 *
 * <p>Metrics: {@code earmark.chaptered.copies} (by outcome: made, stored, refused) and
 * {@code earmark.chaptered.duration} (making one, in the worker and the store).
 */
@Service
public class ChapteredCopies {

    public static final int MAX_CHAPTERS = 1000;
    public static final int MAX_TITLE_CHARACTERS = 200;
    public static final int MAX_TITLE_BYTES = 255;
    private static final Logger log = LoggerFactory.getLogger(ChapteredCopies.class);
    /** Chapters workers per node: one copy at a time. */
    static final int WORKERS = 1;
    private static final String KEY_PREFIX = "chapters-";
    /** How often a caller looks at its job's outcome row anyway: a node's message may be missed (ClusterBus). */
    private static final Duration FALLBACK_POLL = Duration.ofSeconds(5);
    /** The cluster bus topic on which the node that finished a job says so. */
    static final String FINISHED_TOPIC = "recordings.chaptered-copy-finished";
    private static final String WAITING = "WAITING";
    private static final String DONE = "DONE";
    private static final String REFUSED = "REFUSED";

    private final Recordings recordings;
    private final MediaStore store;
    private final RecordingsProperties limits;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final ChapterWorkers workers;
    private final RecordingRepository repository;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<ChapterQueue> queue;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(WORKERS);
    /**
     * Wakes the callers waiting on this node when a job writes its outcome: here directly, on another node through the
     * cluster bus ({@link JobFinished}).
     */
    private final Object outcomeWritten = new Object();
    private final ClusterBus bus;
    private final Runnable stopListening;

    ChapteredCopies(Recordings recordings, MediaStore store, RecordingsProperties limits, ChapterWorkers workers,
            CurrentUser currentUser, ApplicationEventPublisher events, RecordingRepository repository,
            JdbcTemplate jdbc, TransactionTemplate transactions, ObjectProvider<ChapterQueue> queue,
            ObjectMapper json, MeterRegistry meters, Clock clock, ClusterBus bus) {
        this.bus = bus;
        this.stopListening = bus.subscribe(FINISHED_TOPIC, JobFinished.class, finished -> wakeWaiters());
        this.repository = repository;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.queue = queue;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
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
        CopyFormat format = formatOf(recording);
        CopyJob job = jobFor(recording, format, chapters);
        try {
            Optional<StoredCopy> stored = store.copy(job.renditionSha256(), job.key());
            if (stored.isPresent()) {
                count("stored");
            } else {
                stored = Optional.of(await(job));
            }
            return describe(recording, format, job.chapters().size(), stored.get());
        } catch (IOException e) {
            throw new UncheckedIOException("The media store could not be read or written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscussionException("Making the copy with chapters was interrupted.");
        }
    }

    /** The job that makes this copy, for the signed-in person (tests: as a node that died would have scheduled it). */
    CopyJob jobFor(long recordingId, List<Chapter> chapters) {
        Recording recording = recordings.visibleRecording(recordingId);
        return jobFor(recording, formatOf(recording), chapters);
    }

    /** The container of the recording's copies, once it is ready to play. */
    private static CopyFormat formatOf(Recording recording) {
        if (recording.state() != RecordingState.READY) {
            throw new DiscussionException("Recording " + recording.id() + " is not ready to play yet, so no copy with"
                    + " chapters can be made of it.");
        }
        return CopyFormat.of(recording.renditionMime());
    }

    private CopyJob jobFor(Recording recording, CopyFormat format, List<Chapter> chapters) {
        ChapterList list = ChapterList.of(chapters, recording.durationMillis());
        try {
            String renditionSha = store.derivedSha256(recording.originalSha256(), recording.renditionName());
            String key = KEY_PREFIX + list.sha256().substring(0, 48) + format.extension();
            return new CopyJob(recording.id(), renditionSha, key, currentUser.actorName(), list.chapters());
        } catch (IOException e) {
            throw new UncheckedIOException("The media store could not be read or written", e);
        }
    }

    /** The job's data as stored in db-scheduler's table. */
    String jobData(CopyJob job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A chapter list could not be written as JSON", e);
        }
    }

    /**
     * What a chaptered-copy job makes, as its task data: the recording, what the copy is stored under, who asked (for
     * the audit trail) and the checked chapters.
     */
    record CopyJob(long recordingId, String renditionSha256, String key, String actor, List<ChapterMark> chapters) {

        /** The job's instance id: what it makes, so one job serves every caller asking for the same copy. */
        String jobKey() {
            return renditionSha256 + "/" + key;
        }
    }

    /**
     * Asks for the copy as a cluster job (unless that job is waiting or running already) and waits for its outcome:
     * the copy, or the reason it was not made.
     */
    private StoredCopy await(CopyJob job) throws IOException, InterruptedException {
        String data = jobData(job);
        request(job, data);
        Duration limit = limits.processTimeout().multipliedBy(2);
        Instant deadline = clock.instant().plus(limit);
        while (clock.instant().isBefore(deadline)) {
            var outcome = jdbc.query("select state, message from chaptered_copy_job where job_key = ?",
                    (row, n) -> new String[] {row.getString(1), row.getString(2)}, job.jobKey());
            if (outcome.isEmpty()) {
                request(job, data);
            } else if (REFUSED.equals(outcome.get(0)[0])) {
                throw new DiscussionException(outcome.get(0)[1]);
            } else if (DONE.equals(outcome.get(0)[0])) {
                Optional<StoredCopy> made = store.copy(job.renditionSha256(), job.key());
                if (made.isPresent()) {
                    return made.get();
                }
                // Made, but gone from the store since (deleted under a retention rule): ask again.
                request(job, data);
            } else if (!queue.getObject().isScheduled(job.jobKey())) {
                // Waiting, but its job has just ended (the outcome of an earlier request): one of its own.
                schedule(job, data);
            }
            synchronized (outcomeWritten) {
                outcomeWritten.wait(FALLBACK_POLL.toMillis());
            }
        }
        throw new DiscussionException("Earmark is busy making other copies with chapters; try again later.");
    }

    /**
     * The job's outcome row says it waits (whatever an earlier request's outcome was), and the job is scheduled. No
     * statement here may fail on a row another caller wrote: on PostgreSQL a failed statement aborts the whole
     * transaction, so a caller joining a job already waiting would get an error instead of the copy.
     */
    private void request(CopyJob job, String data) {
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.update("update chaptered_copy_job set state = ?, message = null, copy_sha256 = null,"
                    + " requested_at = ?, finished_at = null where job_key = ? and state <> ?", WAITING, now,
                    job.jobKey(), WAITING);
            if (updated == 0) {
                // No row, or one waiting already (another caller asked for the same copy first; its job serves this
                // caller too): the insert does nothing then.
                jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at) values"
                        + " (?, ?, ?, ?) on conflict do nothing", job.jobKey(), job.recordingId(), WAITING, now);
            }
        });
        schedule(job, data);
    }

    private void schedule(CopyJob job, String data) {
        queue.getObject().schedule(job.jobKey(), data, clock.instant());
    }

    /** How a chaptered-copy job's run on this node ended. */
    enum JobOutcome {
        /** This node is making another copy: the job goes back for any node to take a moment later. */
        BUSY,
        /** The copy is stored, or the reason it was not made is written for the caller. */
        DONE
    }

    /**
     * Runs a chaptered-copy job on this node, if its chapters worker is free: makes the copy (unless it is stored
     * already) and writes the outcome for the caller.
     */
    JobOutcome runJob(String data) {
        if (!oneAtATime.tryAcquire()) {
            return JobOutcome.BUSY;
        }
        CopyJob job = null;
        try {
            job = json.readValue(data, CopyJob.class);
            StoredCopy stored = make(job);
            finished(job, DONE, null, stored.sha256());
        } catch (DiscussionException refused) {
            count("refused");
            finished(job, REFUSED, refused.getMessage(), null);
        } catch (IOException e) {
            log.error("A chaptered copy ({}) could not use the media store", job == null ? data : job.jobKey(), e);
            count("refused");
            if (job != null) {
                finished(job, REFUSED, "The copy with chapters could not be made: the media store could not be read"
                        + " or written (" + e.getMessage() + ").", null);
            }
        } catch (InterruptedException e) {
            // This node is stopping: the job's heartbeat stops with it, and another node takes it over.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making a chaptered copy", e);
        } finally {
            oneAtATime.release();
        }
        return JobOutcome.DONE;
    }

    /**
     * Forgets the outcomes of jobs finished longer ago than this (no caller waits that long; the copies stay in the
     * store); jobs still waiting are kept.
     *
     * @return how many were forgotten
     */
    int forgetFinished(Duration olderThan) {
        return jdbc.update("delete from chaptered_copy_job where state <> ? and finished_at < ?", WAITING,
                Timestamp.from(clock.instant().minus(olderThan)));
    }

    private void finished(CopyJob job, String state, String message, String sha256) {
        jdbc.update("update chaptered_copy_job set state = ?, message = ?, copy_sha256 = ?, finished_at = ? where"
                + " job_key = ?", state, message, sha256, Timestamp.from(clock.instant()), job.jobKey());
        wakeWaiters();
        bus.publish(FINISHED_TOPIC, new JobFinished(job.jobKey()));
    }

    /** Said on the cluster bus by the node that wrote a job's outcome: the callers on every node look again. */
    record JobFinished(String jobKey) {
    }

    private void wakeWaiters() {
        synchronized (outcomeWritten) {
            outcomeWritten.notifyAll();
        }
    }

    @PreDestroy
    void stopListening() {
        stopListening.run();
    }

    private void count(String outcome) {
        Counter.builder("earmark.chaptered.copies").description("Copies with chapters asked for, by outcome")
                .tag("outcome", outcome).register(meters).increment();
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

    /** Makes and stores the copy a job asks for (in this node's chapters worker) unless it is stored already. */
    private StoredCopy make(CopyJob job) throws IOException, InterruptedException {
        Optional<StoredCopy> madeMeanwhile = store.copy(job.renditionSha256(), job.key());
        if (madeMeanwhile.isPresent()) {
            // Made by an earlier run of this job (on a node that was cut off, not dead): nothing to make twice.
            return madeMeanwhile.get();
        }
        Recording recording = repository.findById(job.recordingId()).filter(r -> r.state() == RecordingState.READY)
                .orElseThrow(() -> new DiscussionException("Recording " + job.recordingId() + " is no longer ready to"
                        + " play, so no copy with chapters can be made of it."));
        CopyFormat format = CopyFormat.of(recording.renditionMime());
        Timer.Sample sample = Timer.start(meters);
        Path work = null;
        try {
            work = store.newWorkDir();
            Path chapters = work.resolve("chapters.json");
            ChapterFile.write(chapters, job.chapters());
            Path output = work.resolve("chaptered" + format.extension());
            Path input = store.derived(recording.originalSha256(), recording.renditionName()).orElseThrow(
                    () -> new DiscussionException("The playable copy of recording " + recording.id() + " is missing"
                            + " from the media store.")).getFile().toPath();
            var outcome = workers.copy(input, chapters, output);
            if (outcome instanceof WorkerRun.Outcome.Refused<?> refused) {
                workerFailed(refused.reason());
                throw new DiscussionException(refused.message());
            }
            if (outcome instanceof WorkerRun.Outcome.Crashed<?> crashed) {
                workerFailed("crashed");
                log.error("The chapters job for recording {} crashed ({}); see the chapters-*.log files in the"
                        + " ingest logs", recording.id(), crashed.reason());
                throw new DiscussionException("The copy with chapters could not be made: the worker stopped"
                        + " unexpectedly (" + crashed.reason() + ").");
            }
            StoredCopy stored = store.putCopy(job.renditionSha256(), job.key(), output);
            count("made");
            sample.stop(Timer.builder("earmark.chaptered.duration").description("Making one copy with chapters")
                    .register(meters));
            events.publishEvent(new ChapteredCopyMade(job.actor(), recording.id(), job.chapters().size(),
                    stored.sha256(), stored.size(), fileName(recording, format)));
            return stored;
        } finally {
            WorkDirs.deleteQuietly(work);
            workers.prepareNext();
        }
    }

    private void workerFailed(String reason) {
        WorkerRun.countFailure(meters, "chapters", reason);
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
