package app.earmark.recordings;

import app.earmark.recordings.worker.WorkerMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * Watches one chapters job in its worker process like an ingest: the worker is stopped when it runs past its time or
 * its resident memory goes over the limit.
 */
final class ChapterWorkerRun {

    private static final Duration POLL = Duration.ofMillis(100);

    /** How the run ended. */
    sealed interface Outcome {

        record Copied(WorkerMessage.Copied result) implements Outcome {
        }

        /**
         * The worker refused, or was stopped; the message is for the assessor.
         *
         * @param reason for the failures' counter: timeout, memory, ffmpeg-missing, refused
         */
        record Refused(String message, String reason) implements Outcome {
        }

        record Crashed(String reason) implements Outcome {
        }
    }

    private ChapterWorkerRun() {
    }

    /**
     * Watches a worker that has its job until it reports its outcome or is stopped. On {@link Outcome.Copied} the
     * worker may still be exiting: its owner closes it.
     */
    static Outcome watch(WorkerProcess worker, Duration limit, long maxResidentBytes)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<WorkerMessage> next = worker.next(POLL);
            if (System.nanoTime() - deadline > 0) {
                worker.kill();
                return new Outcome.Refused("Making the copy with chapters took longer than " + limit.toMinutes()
                        + " minutes and was stopped.", "timeout");
            }
            if (worker.residentBytes() > maxResidentBytes) {
                worker.kill();
                return new Outcome.Refused("Making the copy with chapters used more than "
                        + maxResidentBytes / (1024 * 1024) + " MB of memory and was stopped.", "memory");
            }
            if (next == null) {
                continue;
            }
            if (next.isEmpty()) {
                int exit = worker.exitCode(Duration.ofSeconds(10));
                String errors = worker.lastErrors();
                if (errors.contains("UnsatisfiedLinkError")) {
                    return new Outcome.Refused("This server cannot load FFmpeg's libraries, so no copy can be"
                            + " made. An administrator needs to install the system packages that ingest needs too"
                            + " (see the ingest log).", "ffmpeg-missing");
                }
                return new Outcome.Crashed("exit code " + exit
                        + (errors.isBlank() ? "" : ": " + errors.substring(errors.lastIndexOf('\n') + 1)));
            }
            if (next.get() instanceof WorkerMessage.Copied copied) {
                return new Outcome.Copied(copied);
            }
            if (next.get() instanceof WorkerMessage.Failed failed) {
                return new Outcome.Refused(failed.message(), "refused");
            }
        }
    }
}
