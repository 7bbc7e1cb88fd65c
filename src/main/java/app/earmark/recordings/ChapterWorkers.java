package app.earmark.recordings;

import app.earmark.base.EarmarkProperties;
import app.earmark.recordings.worker.WorkerMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The worker processes that make copies with chapters. Each copy is made by a process of its own, used for that one
 * job and then ended, as at ingest. To spare the next copy the worker's start, a worker is started ahead after each
 * copy ({@link StandbyWorker}) and ended when {@code earmark.recordings.copy-worker-standby} passes without a copy.
 * This class owns that waiting worker, and each job's worker until it has exited.
 */
@Component
class ChapterWorkers {

    private final RecordingsProperties limits;
    private final StandbyWorker standby;
    private final ExecutorService reaper = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chapter-worker-reaper");
        thread.setDaemon(true);
        return thread;
    });

    ChapterWorkers(RecordingsProperties limits, EarmarkProperties properties, Clock clock) {
        this.limits = limits;
        WorkerCommand command = WorkerCommand.forThisJvm(limits.workerHeap().toBytes());
        this.standby = new StandbyWorker("chapters", command::chapterStandbyArguments,
                properties.dataDir().toAbsolutePath().resolve("ingest-logs"), limits.copyWorkerStandby(), clock);
    }

    /**
     * Makes one copy in a worker of its own (the waiting one if there is one), within the time and memory limits. The
     * worker is ended whatever happens (even an interrupt).
     */
    WorkerRun.Outcome<WorkerMessage.Copied> copy(Path input, Path chapters, Path output) throws IOException,
            InterruptedException {
        WorkerProcess worker = standby.startJob(WorkerCommand.chapterJob(input, chapters, output), null).process();
        try {
            return WorkerRun.watch(worker, limits.processTimeout(), limits.workerMaxMemory().toBytes(),
                    "Making the copy with chapters", WorkerMessage.Copied.class);
        } finally {
            // Once the copy is reported, the worker's exit need not hold up storing it.
            reaper.execute(() -> {
                try {
                    worker.exitCode(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                StandbyWorker.close(worker);
            });
        }
    }

    /** Starts a worker to wait for the next copy, unless one waits already or none is to be kept. */
    void prepareNext() {
        standby.prepare();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void expire() {
        standby.expire();
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        standby.shutdown();
        reaper.shutdown();
    }

    /** For tests and benchmarks: the worker started ahead. */
    StandbyWorker standby() {
        return standby;
    }
}
