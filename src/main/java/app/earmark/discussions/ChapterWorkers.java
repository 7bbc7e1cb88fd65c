package app.earmark.discussions;

import app.earmark.base.EarmarkProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The worker processes that make copies with chapters. Each copy is made by a process of its own, used for that one
 * job and then ended, as at ingest. To spare the next copy the worker's start (a JVM, then FFmpeg's libraries: about
 * a second, several under load), a worker is started ahead, after each copy, and waits for its job with FFmpeg
 * loaded; it is ended when {@code earmark.recordings.copy-worker-standby} passes without a copy. This class owns that
 * waiting worker, and each job's worker until it has exited.
 */
@Component
class ChapterWorkers {

    private static final Logger log = LoggerFactory.getLogger(ChapterWorkers.class);

    private final RecordingsProperties limits;
    private final WorkerCommand command;
    private final Path logDir;
    private final Clock clock;
    private final ExecutorService reaper = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chapter-worker-reaper");
        thread.setDaemon(true);
        return thread;
    });
    private WorkerProcess standby;
    private Path standbyLog;
    private boolean standbyReady;
    private Instant lastUsed = Instant.EPOCH;
    private boolean standbyWanted = true;

    ChapterWorkers(RecordingsProperties limits, EarmarkProperties properties, Clock clock) {
        this.limits = limits;
        this.command = WorkerCommand.forThisJvm(limits.workerHeap().toBytes());
        this.logDir = properties.dataDir().toAbsolutePath().resolve("ingest-logs");
        this.clock = clock;
    }

    /**
     * Makes one copy in a worker of its own (the waiting one if there is one), within the time and memory limits, and
     * starts the next waiting worker afterwards.
     */
    ChapterWorkerRun.Outcome copy(Path input, Path chapters, Path output) throws IOException, InterruptedException {
        WorkerProcess worker = take().process();
        try {
            try {
                worker.send(WorkerCommand.chapterJob(input, chapters, output));
            } catch (IOException gone) {
                log.warn("The waiting chapters worker had ended ({}); starting another", gone.getMessage());
                close(worker);
                worker = start().process();
                worker.send(WorkerCommand.chapterJob(input, chapters, output));
            }
            return ChapterWorkerRun.watch(worker, limits.processTimeout(), limits.workerMaxMemory().toBytes());
        } finally {
            // Whatever happened (even an interrupt), the job's worker is ended and its pipes closed; once the copy is
            // reported, its exit need not hold up storing it.
            WorkerProcess finished = worker;
            reaper.execute(() -> {
                try {
                    finished.exitCode(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                close(finished);
            });
        }
    }

    /** Starts a worker to wait for the next copy, unless one waits already or none is to be kept. */
    synchronized void prepareNext() {
        lastUsed = clock.instant();
        if (!standbyWanted || limits.copyWorkerStandby().isZero() || (standby != null && standby.isAlive())) {
            return;
        }
        try {
            Started started = start();
            standby = started.process();
            standbyLog = started.log();
            standbyReady = false;
        } catch (IOException e) {
            log.warn("Could not start a chapters worker ahead of time", e);
        }
    }

    /** Ends the waiting worker once it has waited longer than it is kept. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    synchronized void expire() {
        if (standby != null && lastUsed.plus(limits.copyWorkerStandby()).isBefore(clock.instant())) {
            endStandby();
        }
    }

    @jakarta.annotation.PreDestroy
    synchronized void shutdown() {
        endStandby();
        reaper.shutdown();
    }

    /**
     * For the benchmarks: whether workers are started ahead; switching it on starts one, switching it off ends the
     * waiting one.
     */
    synchronized void startAhead(boolean wanted) {
        standbyWanted = wanted;
        if (wanted) {
            prepareNext();
        } else {
            endStandby();
        }
    }

    /** For the benchmarks: waits until the waiting worker has loaded FFmpeg; false if there is none. */
    synchronized boolean awaitStandby(Duration timeout) throws InterruptedException {
        if (standby == null) {
            return false;
        }
        if (!standbyReady) {
            // Its first message says it is ready; once read, it is remembered (a second wait must not wait for more).
            var message = standby.next(timeout);
            standbyReady = message != null && message.isPresent()
                    && message.get() instanceof app.earmark.discussions.worker.WorkerMessage.Ready;
        }
        return standbyReady && standby.isAlive();
    }

    private synchronized Started take() throws IOException {
        if (standby != null && standby.isAlive()) {
            Started waiting = new Started(standby, standbyLog);
            standby = null;
            return waiting;
        }
        endStandby();
        return start();
    }

    private Started start() throws IOException {
        Path workerLog = logDir.resolve("chapters-" + clock.millis() + "-" + System.nanoTime() % 1_000_000 + ".log");
        return new Started(WorkerProcess.start(command.chapterStandbyArguments(workerLog), workerLog, true),
                workerLog);
    }

    private void endStandby() {
        if (standby != null) {
            close(standby);
            standby = null;
        }
    }

    private static void close(WorkerProcess worker) {
        try {
            worker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Started(WorkerProcess process, Path log) {
    }
}
