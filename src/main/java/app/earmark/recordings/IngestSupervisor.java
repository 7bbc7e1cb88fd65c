package app.earmark.recordings;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.TimeFormat;
import app.earmark.recordings.RecordingEvents.RecordingIngested;
import app.earmark.recordings.Recordings.RecordingQueued;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.worker.IngestResult;
import app.earmark.recordings.worker.WorkerMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the ingest queue: one recording at a time, each in a fresh worker process (FFmpeg parses
 * untrusted files, so it never runs inside the web application), started ahead of its recording where it can be
 * ({@link StandbyWorker}: after each ingest, and when an upload begins). The worker gets a heap limit; the
 * supervisor adds a time limit per phase and a resident-memory limit, and kills a worker that exceeds
 * either. A worker that dies is restarted (up to {@code max-attempts}); one that refuses the file says
 * why, and that reason is what the assessor sees. Outputs are written to a work folder and published to
 * the media store in one atomic move, so a half-written rendition never looks finished. Ingest state is
 * in the database: after a crash or restart, interrupted recordings go back to the queue by themselves.
 */
@Component
class IngestSupervisor {

    private static final Logger log = LoggerFactory.getLogger(IngestSupervisor.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(1);
    static final String NATIVES_MISSING = "This server cannot load FFmpeg's libraries, so no recording can be"
            + " prepared for playback yet. An administrator needs to install the system packages libpulse0, libasound2,"
            + " libxcb1, libxcb-shm0, libx11-6, libdrm2 and libudev1 (Debian names); then use \"Try again\". The"
            + " original is kept.";

    private final RecordingRepository recordings;
    private final MediaStore store;
    private final RecordingsProperties limits;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StandbyWorker standby;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ingest-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<WorkerProcess> current = new AtomicReference<>();

    IngestSupervisor(RecordingRepository recordings, MediaStore store, RecordingsProperties limits,
            EarmarkProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events,
            Clock clock) {
        this.recordings = recordings;
        this.store = store;
        this.limits = limits;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        WorkerCommand command = WorkerCommand.forThisJvm(limits.workerHeap().toBytes());
        this.standby = new StandbyWorker("ingest", command::ingestStandbyArguments,
                properties.dataDir().toAbsolutePath().resolve("ingest-logs"), limits.ingestWorkerStandby(), clock);
    }

    /** After a crash or restart: whatever was being ingested goes back to the queue. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverInterrupted() throws IOException {
        int requeued = transactions.execute(status -> {
            var interrupted = recordings.findByStateIn(EnumSet.of(RecordingState.PROBING, RecordingState.PROCESSING));
            interrupted.forEach(r -> r.requeued("Ingest was interrupted (Earmark stopped while it ran) and has "
                    + "started again.", clock.instant()));
            return interrupted.size();
        });
        store.clearWork();
        if (requeued > 0) {
            log.info("Ingest: {} interrupted recordings back in the queue", requeued);
        }
        wake();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void queued(RecordingQueued event) {
        wake();
    }

    /** A safety net: picks up queued work whatever happened to the wake-up calls. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void sweep() {
        wake();
    }

    void wake() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /**
     * Starts an ingest worker ahead (JVM up, FFmpeg loaded), so that a recording about to arrive (an upload has
     * begun) is ingested without waiting for a worker to start; ended after {@code ingest-worker-standby} unused.
     */
    void prepareWorker() {
        standby.prepare();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void expireWorker() {
        standby.expire();
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        standby.shutdown();
    }

    /** For tests and benchmarks: whether workers are started ahead, and waiting for the one started to be ready. */
    StandbyWorker standby() {
        return standby;
    }

    /** The running worker, if any (for tests that kill it). */
    Optional<ProcessHandle> currentWorker() {
        return Optional.ofNullable(current.get()).map(WorkerProcess::handle);
    }

    private void drain() {
        try {
            Optional<Job> job;
            while ((job = claimNext()).isPresent()) {
                ingest(job.get());
            }
        } catch (RuntimeException e) {
            log.error("Ingest queue stopped unexpectedly; it resumes at the next sweep", e);
        } finally {
            draining.set(false);
        }
    }

    /** What the supervisor needs to know about a claimed recording. */
    private record Job(long recordingId, String sha256, int attempt) {
    }

    private Optional<Job> claimNext() {
        return transactions.execute(status -> {
            while (true) {
                Optional<Recording> next = recordings.lockNextQueued();
                if (next.isEmpty()) {
                    return Optional.<Job>empty();
                }
                Recording recording = next.get();
                recording.started(clock.instant());
                if (recording.attempts() > limits.maxAttempts()) {
                    fail(recording, "The ingest worker stopped unexpectedly " + limits.maxAttempts()
                            + " times on this file. The original is kept; ask your administrator to look at the"
                            + " ingest logs.");
                    continue;
                }
                return Optional.of(new Job(recording.id(), recording.originalSha256(), recording.attempts()));
            }
        });
    }

    private void ingest(Job job) {
        Path workDir = null;
        try {
            workDir = store.newWorkDir();
            Outcome outcome = runWorker(job, store.originalFile(job.sha256()), workDir);
            // The next recording's worker starts now, while this one's files are stored (and before it is ready).
            standby.prepare();
            if (outcome instanceof Outcome.Done done) {
                store.putDerived(job.sha256(), workDir);
                workDir = null;
                finish(job, done.result());
            } else if (outcome instanceof Outcome.Refused refused) {
                update(job, r -> fail(r, refused.message()));
            } else if (outcome instanceof Outcome.Crashed crashed) {
                update(job, r -> {
                    if (job.attempt() < limits.maxAttempts()) {
                        r.requeued("The ingest worker stopped unexpectedly (" + crashed.reason() + "); starting again"
                                + " (attempt " + (job.attempt() + 1) + " of " + limits.maxAttempts() + ").",
                                clock.instant());
                    } else {
                        fail(r, "The ingest worker stopped unexpectedly on every attempt (" + crashed.reason()
                                + "). The original is kept for diagnosis.");
                    }
                });
            }
        } catch (IOException e) {
            log.error("Ingest of recording {} could not use the media store", job.recordingId(), e);
            update(job, r -> fail(r, "Earmark could not read or write the media store: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(workDir);
        }
    }

    private Outcome runWorker(Job job, Path input, Path workDir) throws IOException, InterruptedException {
        String logName = "recording-" + job.recordingId() + "-attempt-" + job.attempt() + ".log";
        String jobLine = WorkerCommand.ingestJob(input, workDir, limits.maxDuration().toSeconds());
        try (WorkerProcess worker = standby.startJob(jobLine, logName).process()) {
            current.set(worker);
            Instant deadline = clock.instant().plus(limits.probeTimeout());
            Duration allowed = limits.probeTimeout();
            Instant lastProgressWrite = Instant.EPOCH;
            while (true) {
                Optional<WorkerMessage> next = worker.next(POLL);
                Instant now = clock.instant();
                if (now.isAfter(deadline)) {
                    worker.kill();
                    return new Outcome.Refused("Ingest did not finish within " + TimeFormat.clock(allowed.toMillis())
                            + " and was stopped. The file may be damaged or built to stall a decoder; the original is"
                            + " kept for diagnosis.");
                }
                long resident = worker.residentBytes();
                if (resident > limits.workerMaxMemory().toBytes()) {
                    worker.kill();
                    return new Outcome.Refused("Ingest used more than " + limits.workerMaxMemory().toMegabytes()
                            + " MB of memory and was stopped. The file may be damaged or hostile; the original is kept"
                            + " for diagnosis.");
                }
                if (next == null) {
                    continue;
                }
                if (next.isEmpty()) {
                    int exit = worker.exitCode(Duration.ofSeconds(10));
                    if (worker.lastErrors().contains("UnsatisfiedLinkError")) {
                        log.error("FFmpeg could not be loaded in the ingest worker:\n{}", worker.lastErrors());
                        return new Outcome.Refused(NATIVES_MISSING);
                    }
                    return new Outcome.Crashed("exit code " + exit + lastLine(worker.lastErrors()));
                }
                WorkerMessage message = next.get();
                if (message instanceof WorkerMessage.Probed probed) {
                    Recording.MediaFacts facts = Recording.MediaFacts.of(probed.probe());
                    update(job, r -> r.probed(facts, now));
                    allowed = limits.processTimeout().plusMillis(2 * Optional.ofNullable(facts.durationMillis())
                            .orElse(limits.maxDuration().toMillis()));
                    deadline = now.plus(allowed);
                } else if (message instanceof WorkerMessage.Progress progress
                        && Duration.between(lastProgressWrite, now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0) {
                    lastProgressWrite = now;
                    update(job, r -> r.progressed(progress.fraction()));
                } else if (message instanceof WorkerMessage.Done done) {
                    worker.exitCode(Duration.ofSeconds(30));
                    return new Outcome.Done(done.result());
                } else if (message instanceof WorkerMessage.Failed failed) {
                    worker.exitCode(Duration.ofSeconds(30));
                    return new Outcome.Refused(failed.message());
                }
            }
        } finally {
            current.set(null);
        }
    }

    private void finish(Job job, IngestResult result) {
        var made = result.rendition();
        long size = store.derived(job.sha256(), made.fileName()).map(IngestSupervisor::length).orElse(0L);
        var rendition = new Recording.Rendition(made.fileName(), made.mimeType(), made.remuxed(), size);
        var peaks = result.peaks().stream().map(p -> new PeakLevels.Level(p.fileName(), p.samplesPerPixel(),
                p.sampleRate(), p.length())).toList();
        String note = made.remuxed() ? null : "Converted for playback (" + describe(result) + " does not play in every"
                + " browser); the original is kept unchanged.";
        update(job, r -> {
            r.ready(rendition, PeakLevels.toJson(peaks), result.poster(), result.durationMillis(), note,
                    clock.instant());
            events.publishEvent(new RecordingIngested(r.id(), true, "Ready: " + made.mimeType()
                    + (made.remuxed() ? ", streams copied without re-encoding" : ", transcoded from " + describe(result))));
        });
    }

    private static String describe(IngestResult result) {
        var probe = result.probe();
        var parts = new ArrayList<String>();
        if (probe.video() != null) {
            parts.add(probe.video().codec() + " video");
        }
        if (probe.audio() != null) {
            parts.add(probe.audio().codec() + " audio");
        }
        return String.join(" with ", parts) + " in " + probe.format();
    }

    private static long length(org.springframework.core.io.Resource resource) {
        try {
            return resource.contentLength();
        } catch (IOException e) {
            return 0;
        }
    }

    private void fail(Recording recording, String reason) {
        recording.failed(reason, clock.instant());
        events.publishEvent(new RecordingIngested(recording.id(), false, reason));
    }

    private void update(Job job, java.util.function.Consumer<Recording> change) {
        transactions.executeWithoutResult(status -> recordings.findById(job.recordingId()).ifPresent(change));
    }

    private static String lastLine(String errors) {
        if (errors.isBlank()) {
            return "";
        }
        String[] lines = errors.split("\n");
        return ": " + lines[lines.length - 1];
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not remove the work folder {}", dir, e);
        }
    }

    /** How a worker run ended. */
    sealed interface Outcome {
        record Done(IngestResult result) implements Outcome {
        }

        record Refused(String message) implements Outcome {
        }

        record Crashed(String reason) implements Outcome {
        }
    }
}
