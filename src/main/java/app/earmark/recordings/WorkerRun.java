package app.earmark.recordings;

import app.earmark.recordings.worker.WorkerMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Watches one job of a worker process that reports one result (a chaptered copy, a mix) like an ingest: the worker is
 * stopped when it runs past its time or its resident memory goes over the limit, and one that could not load FFmpeg's
 * libraries is told apart from one that crashed.
 */
final class WorkerRun {

    private static final Duration POLL = Duration.ofMillis(100);

    /** How the run ended. */
    sealed interface Outcome<T extends WorkerMessage> {

        record Finished<T extends WorkerMessage>(T result) implements Outcome<T> {
        }

        /**
         * The worker refused, or was stopped; the message is for a person.
         *
         * @param reason for the failures' counter: timeout, memory, ffmpeg-missing, refused
         */
        record Refused<T extends WorkerMessage>(String message, String reason) implements Outcome<T> {
        }

        record Crashed<T extends WorkerMessage>(String reason) implements Outcome<T> {
        }
    }

    private WorkerRun() {
    }

    /** Counts a job whose worker did not succeed ({@code earmark.worker.failures}, by worker and reason). */
    static void countFailure(MeterRegistry meters, String worker, String reason) {
        Counter.builder("earmark.worker.failures").description("Ingest and copy jobs that did not succeed, by reason")
                .tag("worker", worker).tag("reason", reason).register(meters).increment();
    }

    /**
     * Watches a worker that has its job until it reports its result (of type {@code result}) or a refusal, or is
     * stopped. On {@link Outcome.Finished} the worker may still be exiting: its owner closes it.
     *
     * @param work what the job does, to begin its messages: e.g. "Making the copy with chapters"
     */
    static <T extends WorkerMessage> Outcome<T> watch(WorkerProcess worker, Duration limit, long maxResidentBytes,
            String work, Class<T> result) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<WorkerMessage> next = worker.next(POLL);
            if (System.nanoTime() - deadline > 0) {
                worker.kill();
                return new Outcome.Refused<>(work + " took longer than " + limit.toMinutes()
                        + " minutes and was stopped.", "timeout");
            }
            if (worker.residentBytes() > maxResidentBytes) {
                worker.kill();
                return new Outcome.Refused<>(work + " used more than " + maxResidentBytes / (1024 * 1024)
                        + " MB of memory and was stopped.", "memory");
            }
            if (next == null) {
                continue;
            }
            if (next.isEmpty()) {
                int exit = worker.exitCode(Duration.ofSeconds(10));
                String errors = worker.lastErrors();
                if (errors.contains("UnsatisfiedLinkError")) {
                    return new Outcome.Refused<>("This server cannot load FFmpeg's libraries, so " + lowerFirst(work)
                            + " is not possible. An administrator needs to install the system packages that ingest"
                            + " needs too (see the ingest log).", "ffmpeg-missing");
                }
                return new Outcome.Crashed<>("exit code " + exit
                        + (errors.isBlank() ? "" : ": " + errors.substring(errors.lastIndexOf('\n') + 1)));
            }
            if (result.isInstance(next.get())) {
                return new Outcome.Finished<>(result.cast(next.get()));
            }
            if (next.get() instanceof WorkerMessage.Failed failed) {
                return new Outcome.Refused<>(failed.message(), "refused");
            }
        }
    }

    private static String lowerFirst(String work) {
        return work.isEmpty() ? work : Character.toLowerCase(work.charAt(0)) + work.substring(1);
    }
}
