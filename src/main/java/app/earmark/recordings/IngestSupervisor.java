package app.earmark.recordings;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.TimeFormat;
import app.earmark.recordings.RecordingEvents.RecordingIngested;
import app.earmark.recordings.Recordings.RecordingQueued;
import app.earmark.base.DisplayFormats;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.MediaStoreUnavailableException;
import app.earmark.recordings.worker.IngestResult;
import app.earmark.recordings.worker.WorkerMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the ingest queue on this node: one recording at a time, each in a fresh worker process (FFmpeg parses
 * untrusted files, so it never runs inside the web application), started ahead of its recording where it can be
 * ({@link StandbyWorker}: after each ingest, and when an upload begins). The worker gets a heap limit; the
 * supervisor adds a time limit per phase and a resident-memory limit, and kills a worker that exceeds
 * either. A worker that dies is restarted (up to {@code max-attempts}); one that refuses the file says
 * why, and that reason is what the assessor sees. Outputs are written to a work folder and published to
 * the media store in one atomic move, so a half-written rendition never looks finished.
 *
 * <p>The queue itself is a db-scheduler table of its own ({@link IngestQueue}): each queued recording is a job there,
 * claimed only by a node whose worker is free, kept alive by that node's heartbeat and taken over by another node when
 * the heartbeat stops (the node died). A job run twice (taken over from a node that was only cut off) makes the same
 * files: they are stored under the original's SHA-256 and published in one move, and a recording already settled is
 * left as it is.
 *
 * <p>An ingest that cannot reach the media store (an object store down or unreachable) is not failed: the recording
 * goes back to the queue saying when it is tried again ("Waiting for the media store: retry at 14:05"), and its job is
 * due then, after 30 s, 2 min, 10 min and every 30 min after that ({@code earmark.recordings.store-retry-delays}), up
 * to {@code earmark.recordings.store-retry-limit} times in a row; only then is it failed, saying so.
 *
 * <p>Metrics: {@code earmark.ingest.queue} (recordings queued, probing, processing, counted in the database every 10 s:
 * the cluster's figure, the same on every node),
 * {@code earmark.ingest.duration} (by outcome) and {@code earmark.worker.failures} (by worker and reason).
 */
@Component
class IngestSupervisor {

    private static final Logger log = LoggerFactory.getLogger(IngestSupervisor.class);
    /** The states of a recording while a run ingests it. */
    private static final Set<RecordingState> IN_INGEST = EnumSet.of(RecordingState.PROBING, RecordingState.PROCESSING);
    /** Tries of a change that settles a recording while the database is out of reach, and the pause between. */
    static final int UPDATE_TRIES = 5;
    private static final Duration UPDATE_PAUSE = Duration.ofSeconds(2);
    /** Ingest workers per node: one recording at a time. */
    static final int WORKERS = 1;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(1);
    private static final Set<RecordingState> QUEUE_STATES = EnumSet.of(RecordingState.QUEUED, RecordingState.PROBING,
            RecordingState.PROCESSING);
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
    private final ObjectProvider<IngestQueue> queue;
    private final Semaphore freeWorker = new Semaphore(WORKERS);
    private final AtomicReference<WorkerProcess> current = new AtomicReference<>();
    private final MeterRegistry meters;
    /** The ingest queue's gauges, as counted by the last {@link #countQueue} (a scrape never queries the database). */
    private final Map<RecordingState, AtomicLong> queueCounts = new EnumMap<>(RecordingState.class);
    /** What the last ingest worker on this node did: null before any, else whether it could start and run. */
    private volatile WorkerExit lastWorker;

    /** How this node's last ingest worker ended, for the worker pool's health. */
    record WorkerExit(boolean healthy, String what, Instant at) {
    }

    IngestSupervisor(RecordingRepository recordings, MediaStore store, RecordingsProperties limits,
            EarmarkProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events,
            Clock clock, ObjectProvider<IngestQueue> queue, MeterRegistry meters) {
        this.queue = queue;
        this.meters = meters;
        for (RecordingState state : QUEUE_STATES) {
            AtomicLong count = new AtomicLong();
            queueCounts.put(state, count);
            Gauge.builder("earmark.ingest.queue", count, AtomicLong::get)
                    .description("Recordings waiting for ingest or being ingested, across the cluster (every node"
                            + " reports the same figure: use max, not sum)")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
        }
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

    /**
     * Counts the ingest queue for its gauges, in one query every 10 s. The figure is the whole cluster's (it comes from
     * the shared database), so every node reports the same: dashboards and alerts take the max by state across nodes.
     */
    @Scheduled(fixedDelayString = "PT10S")
    void countQueue() {
        Map<RecordingState, Long> counted = new EnumMap<>(RecordingState.class);
        for (var row : recordings.countByStateIn(QUEUE_STATES)) {
            counted.put(row.getState(), row.getCount());
        }
        queueCounts.forEach((state, count) -> count.set(counted.getOrDefault(state, 0L)));
    }

    /** How long after its n-th wait in a row (1, 2, …) a recording is tried again; the last delay repeats. */
    Duration storeRetryDelay(int wait) {
        List<Duration> delays = limits.storeRetryDelays();
        return delays.get(Math.min(wait, delays.size()) - 1);
    }

    /** How this node's last ingest worker ended; empty before any has run here. */
    Optional<WorkerExit> lastWorker() {
        return Optional.ofNullable(lastWorker);
    }

    /**
     * At start-up: a job for every recording waiting for ingest or interrupted in it that has none (queued before the
     * jobs table existed, or its job lost); one whose job is running on another node keeps that job. A job whose node
     * died is taken over by db-scheduler's dead-execution check, and finds its recording interrupted.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recoverInterrupted() throws IOException {
        store.clearWork();
        int scheduled = enqueueWaiting();
        if (scheduled > 0) {
            log.info("Ingest: {} recordings waiting without a job were given one", scheduled);
        }
    }

    /** Gives each recording waiting for ingest (or interrupted in it) a job unless it has one; how many got one. */
    int enqueueWaiting() {
        List<Long> waiting = transactions.execute(status -> recordings.findByStateIn(QUEUE_STATES).stream().map(Recording::id).toList());
        int scheduled = 0;
        for (long id : waiting) {
            if (queue.getObject().schedule(id, clock.instant())) {
                scheduled++;
            }
        }
        if (scheduled > 0) {
            queue.getObject().wake();
        }
        return scheduled;
    }

    /** A queued recording becomes a job in the same transaction, so that neither exists without the other. */
    @EventListener
    void queued(RecordingQueued event) {
        queue.getObject().schedule(event.recordingId(), clock.instant());
    }

    /** Once the job is committed: this node and the others look for due jobs at once rather than at their next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    void committed(RecordingQueued event) {
        queue.getObject().queued();
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

    /**
     * How a job's run on this node ended.
     *
     * @param dueAgain for {@link Kind#WAIT_FOR_STORE}: when the job is due again; null otherwise
     */
    record JobOutcome(Kind kind, Instant dueAgain) {

        static final JobOutcome BUSY = new JobOutcome(Kind.BUSY, null);
        static final JobOutcome AGAIN = new JobOutcome(Kind.AGAIN, null);
        static final JobOutcome DONE = new JobOutcome(Kind.DONE, null);

        static JobOutcome waitForStore(Instant dueAgain) {
            return new JobOutcome(Kind.WAIT_FOR_STORE, dueAgain);
        }

        enum Kind {
            /** This node's worker is busy: the job goes back for any node (this one included) to take a moment later. */
            BUSY,
            /** The recording is back in the queue (its worker stopped unexpectedly): the job runs again. */
            AGAIN,
            /** Ingest settled the recording (ready or failed), or it needed nothing (settled already, or gone). */
            DONE,
            /** The media store could not be reached: the job is due again at {@link JobOutcome#dueAgain}. */
            WAIT_FOR_STORE
        }
    }

    /**
     * Runs the job of one recording with this node's worker, if it is free. A recording found interrupted in ingest (its
     * job taken over from a node that died) goes back to the queue first; one already settled is left as it is.
     */
    JobOutcome runJob(long recordingId) {
        if (!freeWorker.tryAcquire()) {
            return JobOutcome.BUSY;
        }
        try {
            Optional<Job> job = claim(recordingId);
            if (job.isEmpty()) {
                return JobOutcome.DONE;
            }
            Optional<Instant> storeRetryAt = ingest(job.get());
            if (storeRetryAt.isPresent()) {
                return JobOutcome.waitForStore(storeRetryAt.get());
            }
            boolean again = Boolean.TRUE.equals(transactions.execute(status -> recordings.findById(recordingId)
                    .map(r -> r.state() == RecordingState.QUEUED).orElse(false)));
            return again ? JobOutcome.AGAIN : JobOutcome.DONE;
        } finally {
            freeWorker.release();
        }
    }

    /** What the supervisor needs to know about a claimed recording. */
    private record Job(long recordingId, String sha256, int attempt) {
    }

    private Optional<Job> claim(long recordingId) {
        return transactions.execute(status -> {
            Recording recording = recordings.lockById(recordingId).orElse(null);
            if (recording == null) {
                return Optional.<Job>empty();
            }
            if (recording.state() == RecordingState.PROBING || recording.state() == RecordingState.PROCESSING) {
                recording.requeued("Ingest was interrupted (Earmark stopped while it ran) and has started again.",
                        clock.instant());
            }
            if (recording.state() != RecordingState.QUEUED) {
                return Optional.<Job>empty();
            }
            recording.started(clock.instant());
            if (recording.attempts() > limits.maxAttempts()) {
                fail(recording, "The ingest worker stopped unexpectedly " + limits.maxAttempts()
                        + " times on this file. The original is kept; ask your administrator to look at the"
                        + " ingest logs.");
                return Optional.<Job>empty();
            }
            return Optional.of(new Job(recording.id(), recording.originalSha256(), recording.attempts()));
        });
    }

    /** Ingests a claimed recording; when it went back to wait for the media store, when it is tried again. */
    private Optional<Instant> ingest(Job job) {
        Path workDir = null;
        Timer.Sample sample = Timer.start(meters);
        String result = "failed";
        try {
            workDir = store.newWorkDir();
            Outcome outcome = runWorker(job, store.originalFile(job.sha256()), workDir);
            // The next recording's worker starts now, while this one's files are stored (and before it is ready).
            standby.prepare();
            if (outcome instanceof Outcome.Done done) {
                store.putDerived(job.sha256(), workDir);
                workDir = null;
                finish(job, done.result());
                result = "ready";
            } else if (outcome instanceof Outcome.Refused refused) {
                workerFailed(refused.reason());
                update(job, r -> fail(r, refused.message()));
            } else if (outcome instanceof Outcome.Crashed crashed) {
                workerFailed("crashed");
                result = "crashed";
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
        } catch (WorkerStartFailed e) {
            log.error("Ingest of recording {}: no worker could be started", job.recordingId(), e);
            update(job, r -> fail(r, "Earmark could not start its ingest worker on this server (" + e.getMessage()
                    + "). The original is kept; ask your administrator to look at the ingest logs, then use \"Try"
                    + " again\"."));
        } catch (MediaStoreUnavailableException e) {
            workerFailed("store-unavailable");
            result = "store-unavailable";
            return waitForStore(job, e);
        } catch (IOException e) {
            log.error("Ingest of recording {} could not use the media store", job.recordingId(), e);
            workerFailed("store-error");
            update(job, r -> fail(r, "Earmark could not read or write the media store: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = "interrupted";
        } finally {
            sample.stop(Timer.builder("earmark.ingest.duration").description("Ingest of one recording, by outcome")
                    .tag("outcome", result).register(meters));
            WorkDirs.deleteQuietly(workDir);
        }
        return Optional.empty();
    }

    private void workerFailed(String reason) {
        WorkerRun.countFailure(meters, "ingest", reason);
    }

    /**
     * The media store could not be reached: the recording goes back to the queue, saying when it is tried again, and
     * its job is put off until then; after {@code store-retry-limit} waits in a row it is failed.
     *
     * @return when it is tried again; empty when it was failed (or is gone)
     */
    private Optional<Instant> waitForStore(Job job, MediaStoreUnavailableException e) {
        Optional<Instant> retry = transactions.execute(status -> {
            Recording recording = recordings.lockById(job.recordingId()).filter(r -> stillCurrent(job, r))
                    .orElse(null);
            if (recording == null) {
                return Optional.<Instant>empty();
            }
            Instant now = clock.instant();
            int wait = recording.storeWaits() + 1;
            if (wait > limits.storeRetryLimit()) {
                fail(recording, "The media store could not be reached on " + limits.storeRetryLimit() + " tries in a"
                        + " row, so ingest has stopped; the original is kept. Use \"Try again\" once the store is back ("
                        + e.getMessage() + ").");
                return Optional.<Instant>empty();
            }
            Instant retryAt = now.plus(storeRetryDelay(wait));
            recording.waitingForStore("Waiting for the media store: retry at " + DisplayFormats.time(
                    retryAt.atZone(DisplayFormats.ZONE).toLocalTime().withNano(0)) + " (try " + wait + " of "
                    + limits.storeRetryLimit() + "; " + e.getMessage() + "). Nothing is lost.", now);
            return Optional.of(retryAt);
        });
        log.warn("Ingest of recording {} waits for the media store: {}", job.recordingId(), e.getMessage());
        return retry == null ? Optional.empty() : retry;
    }

    private Outcome runWorker(Job job, Path input, Path workDir) throws IOException, InterruptedException {
        String logName = "recording-" + job.recordingId() + "-attempt-" + job.attempt() + ".log";
        String jobLine = WorkerCommand.ingestJob(input, workDir, limits.maxDuration().toSeconds());
        StandbyWorker.Started started;
        try {
            started = standby.startJob(jobLine, logName);
        } catch (IOException e) {
            lastWorker = new WorkerExit(false, "no ingest worker could be started: " + e.getMessage(), clock.instant());
            workerFailed("start-failed");
            throw new WorkerStartFailed(e);
        }
        try (WorkerProcess worker = started.process()) {
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
                            + " kept for diagnosis.", "timeout");
                }
                long resident = worker.residentBytes();
                if (resident > limits.workerMaxMemory().toBytes()) {
                    worker.kill();
                    return new Outcome.Refused("Ingest used more than " + limits.workerMaxMemory().toMegabytes()
                            + " MB of memory and was stopped. The file may be damaged or hostile; the original is kept"
                            + " for diagnosis.", "memory");
                }
                if (next == null) {
                    continue;
                }
                if (next.isEmpty()) {
                    int exit = worker.exitCode(Duration.ofSeconds(10));
                    if (worker.lastErrors().contains("UnsatisfiedLinkError")) {
                        log.error("FFmpeg could not be loaded in the ingest worker:\n{}", worker.lastErrors());
                        lastWorker = new WorkerExit(false, "the ingest worker cannot load FFmpeg's libraries",
                                clock.instant());
                        return new Outcome.Refused(NATIVES_MISSING, "ffmpeg-missing");
                    }
                    lastWorker = new WorkerExit(true, "the last ingest worker stopped unexpectedly (exit code " + exit
                            + ")", clock.instant());
                    return new Outcome.Crashed("exit code " + exit + lastLine(worker.lastErrors()));
                }
                WorkerMessage message = next.get();
                if (message instanceof WorkerMessage.Probed probed) {
                    Recording.MediaFacts facts = Recording.MediaFacts.of(probed.probe());
                    // Written again with the result if it cannot be now.
                    updateIfReachable(job, r -> r.probed(facts, now));
                    allowed = limits.processTimeout().plusMillis(2 * Optional.ofNullable(facts.durationMillis())
                            .orElse(limits.maxDuration().toMillis()));
                    deadline = now.plus(allowed);
                } else if (message instanceof WorkerMessage.Progress progress
                        && Duration.between(lastProgressWrite, now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0) {
                    lastProgressWrite = now;
                    updateIfReachable(job, r -> r.progressed(progress.fraction()));
                } else if (message instanceof WorkerMessage.Done done) {
                    worker.exitCode(Duration.ofSeconds(30));
                    lastWorker = new WorkerExit(true, "the last ingest worker ran and finished", clock.instant());
                    return new Outcome.Done(done.result());
                } else if (message instanceof WorkerMessage.Failed failed) {
                    worker.exitCode(Duration.ofSeconds(30));
                    lastWorker = new WorkerExit(true, "the last ingest worker ran and refused its file",
                            clock.instant());
                    return new Outcome.Refused(failed.message(), "file-refused");
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
            if (r.state() == RecordingState.PROBING) {
                r.probed(Recording.MediaFacts.of(result.probe()), clock.instant());
            }
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

    /**
     * Changes the recording as this run found it, if the run is still its current one: a run whose job another node
     * took over (this node's heartbeats stopped reaching the database long enough) finds the attempt counted past its
     * own and changes nothing, so the two runs cannot settle the recording differently. A database briefly out of
     * reach (a restart, a failover) is tried again, {@value #UPDATE_TRIES} times in all, before the job fails and is
     * retried.
     */
    private void update(Job job, java.util.function.Consumer<Recording> change) {
        for (int tries = 1; ; tries++) {
            try {
                changeIfCurrent(job, change);
                return;
            } catch (DataAccessException | TransactionException e) {
                if (tries == UPDATE_TRIES) {
                    throw e;
                }
                log.warn("Ingest of recording {}: the database could not be reached ({}); trying again in {} s",
                        job.recordingId(), e.getMessage(), UPDATE_PAUSE.toSeconds());
                try {
                    Thread.sleep(UPDATE_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A change of progress only: one that cannot be written now (the database out of reach) is left out. */
    private void updateIfReachable(Job job, java.util.function.Consumer<Recording> change) {
        try {
            changeIfCurrent(job, change);
        } catch (DataAccessException | TransactionException e) {
            log.warn("Ingest of recording {}: its progress could not be written ({}); the ingest goes on",
                    job.recordingId(), e.getMessage());
        }
    }

    /** One transaction: the recording locked, and changed if this run is still its current one. */
    private void changeIfCurrent(Job job, java.util.function.Consumer<Recording> change) {
        transactions.executeWithoutResult(status -> recordings.lockById(job.recordingId())
                .filter(recording -> stillCurrent(job, recording)).ifPresent(change));
    }

    private boolean stillCurrent(Job job, Recording recording) {
        boolean current = recording.attempts() == job.attempt() && IN_INGEST.contains(recording.state());
        if (!current) {
            log.warn("Ingest of recording {} (attempt {}): the recording is {} at attempt {} now (its job was taken"
                    + " over by another node); this run changes nothing", job.recordingId(), job.attempt(),
                    recording.state(), recording.attempts());
        }
        return current;
    }

    private static String lastLine(String errors) {
        if (errors.isBlank()) {
            return "";
        }
        String[] lines = errors.split("\n");
        return ": " + lines[lines.length - 1];
    }

    /** No worker process could be started (not a failure of the media store). */
    private static final class WorkerStartFailed extends IOException {

        WorkerStartFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** How a worker run ended. */
    sealed interface Outcome {
        record Done(IngestResult result) implements Outcome {
        }

        /** @param reason for the failures' counter: timeout, memory, ffmpeg-missing, file-refused */
        record Refused(String message, String reason) implements Outcome {
        }

        record Crashed(String reason) implements Outcome {
        }
    }
}
