package app.earmark.recordings.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The peaks pass ({@link PeaksPass}) on a thread of its own, while the worker's main thread copies the streams. Its
 * progress is not reported (the copy's is); its time goes to the log as the "Peaks" step. Whoever starts it waits
 * for it ({@link #await} or {@link #abandon}), so that nothing is still writing into the output folder afterwards.
 */
final class PeaksAlongside {

    private final CompletableFuture<PeaksPass.Result> result;

    private PeaksAlongside(CompletableFuture<PeaksPass.Result> result) {
        this.result = result;
    }

    static PeaksAlongside start(Path input, ProbedMedia media, Path outputDir, Duration maxDuration, long size) {
        ProgressReporter silent = new ProgressReporter(message -> { }, size);
        return new PeaksAlongside(CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                PeaksPass.Result peaks = PeaksPass.run(input, media, outputDir, maxDuration, silent);
                IngestWorker.logStep("Peaks", started);
                return peaks;
            } catch (IngestFailure e) {
                throw new CompletionException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "peaks");
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /** The peaks, once read; a refusal of the file is thrown as it would be on the main thread. */
    PeaksPass.Result await() throws IngestFailure {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IngestFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for the pass to end, whatever its outcome: the main thread's failure is what is reported. */
    void abandon() {
        try {
            result.join();
        } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
            // The main thread's failure is the one reported.
        }
    }
}
