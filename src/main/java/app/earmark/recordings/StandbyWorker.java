package app.earmark.recordings;

import app.earmark.recordings.worker.WorkerMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process of one kind (ingest, copies with chapters) started ahead of its job: it starts its JVM, loads
 * FFmpeg's libraries, says it is ready and waits for one job line on its standard input. A job then spares that start
 * (about a second, several under load). Each job still gets a process of its own, used once and then ended, so a
 * hostile file never meets a process that has seen another. This class owns the waiting worker until a job takes it
 * (the taker then owns it) and ends it once it has waited longer than it is kept.
 */
final class StandbyWorker {

    private static final Logger log = LoggerFactory.getLogger(StandbyWorker.class);

    private final String kind;
    private final Function<Path, List<String>> commandLine;
    private final Path logDir;
    private final Duration keep;
    private final Clock clock;
    private WorkerProcess waiting;
    private Path waitingLog;
    private boolean ready;
    private boolean wanted = true;
    private Instant lastUsed = Instant.EPOCH;

    /**
     * @param kind        names the log files: {@code <kind>-<time>.log}
     * @param commandLine the standby command line for a log file
     * @param keep        how long a worker waits for a job before it is ended; zero starts none ahead
     */
    StandbyWorker(String kind, Function<Path, List<String>> commandLine, Path logDir, Duration keep, Clock clock) {
        this.kind = kind;
        this.commandLine = commandLine;
        this.logDir = logDir;
        this.keep = keep;
        this.clock = clock;
    }

    /** A worker process given its job, and its log file. */
    record Started(WorkerProcess process, Path log) {
    }

    /**
     * Gives the job to the waiting worker (or to a new one if none waits or it has ended) and hands that worker over:
     * the caller watches it and closes it.
     *
     * @param logName what the worker's log file is called from now on (in the log folder), e.g. after the recording;
     *                {@code null} keeps its name
     */
    Started startJob(String jobLine, String logName) throws IOException {
        Started worker = take();
        try {
            worker.process().send(jobLine);
        } catch (IOException gone) {
            log.warn("The waiting {} worker had ended ({}); starting another", kind, gone.getMessage());
            close(worker.process());
            worker = start();
            try {
                worker.process().send(jobLine);
            } catch (IOException failed) {
                close(worker.process());
                throw failed;
            }
        }
        return new Started(worker.process(), logName == null ? worker.log() : rename(worker.log(), logName));
    }

    /** Starts a worker to wait for the next job, unless one waits already or none is to be kept. */
    synchronized void prepare() {
        lastUsed = clock.instant();
        if (!wanted || keep.isZero() || keep.isNegative() || (waiting != null && waiting.isAlive())) {
            return;
        }
        try {
            Started started = start();
            waiting = started.process();
            waitingLog = started.log();
            ready = false;
        } catch (IOException e) {
            log.warn("Could not start a {} worker ahead of time", kind, e);
        }
    }

    /** Ends the waiting worker once it has waited longer than it is kept. */
    synchronized void expire() {
        if (waiting != null && lastUsed.plus(keep).isBefore(clock.instant())) {
            endWaiting();
        }
    }

    /** Ends the waiting worker; none is started ahead afterwards. */
    synchronized void shutdown() {
        wanted = false;
        endWaiting();
    }

    /** For tests and benchmarks: whether workers are started ahead ({@link #prepare}); switching it off ends one. */
    synchronized void startAhead(boolean on) {
        wanted = on;
        if (!on) {
            endWaiting();
        }
    }

    /** For tests and benchmarks: waits until the waiting worker has loaded FFmpeg; false if none waits. */
    synchronized boolean awaitReady(Duration timeout) throws InterruptedException {
        if (waiting == null) {
            return false;
        }
        if (!ready) {
            // Its first message says it is ready; once read, that is remembered (a second wait must not wait for more).
            var message = waiting.next(timeout);
            ready = message != null && message.isPresent() && message.get() instanceof WorkerMessage.Ready;
        }
        return ready && waiting.isAlive();
    }

    /**
     * Whether a worker started ahead is waiting and has said it is ready (FFmpeg loaded); never waits. Its ready message
     * is read here if it has come (and remembered), so this holds in production, where nothing waits for it.
     */
    synchronized boolean hasReadyWorker() {
        if (waiting != null && !ready) {
            ready = waiting.takeIf(WorkerMessage.Ready.class);
        }
        return waiting != null && ready && waiting.isAlive();
    }

    private synchronized Started take() throws IOException {
        if (waiting != null && waiting.isAlive()) {
            Started worker = new Started(waiting, waitingLog);
            waiting = null;
            return worker;
        }
        endWaiting();
        return start();
    }

    private Started start() throws IOException {
        Path workerLog = logDir.resolve(kind + "-" + clock.millis() + "-" + System.nanoTime() % 1_000_000 + ".log");
        return new Started(WorkerProcess.start(commandLine.apply(workerLog), workerLog), workerLog);
    }

    /**
     * Renames the log (the worker goes on writing to it: the name changes, not the file), replacing an older log of
     * that name; keeps it if it cannot.
     */
    private Path rename(Path workerLog, String logName) {
        Path renamed = workerLog.resolveSibling(logName);
        try {
            return Files.move(workerLog, renamed, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("Could not rename the worker log {} to {}", workerLog, renamed, e);
            return workerLog;
        }
    }

    private void endWaiting() {
        if (waiting != null) {
            close(waiting);
            waiting = null;
        }
    }

    static void close(WorkerProcess worker) {
        try {
            worker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
