package app.earmark.recordings;

import app.earmark.recordings.worker.WorkerMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A supervisor in a JVM of its own, for tests that kill it: starts a real ingest worker the way
 * {@link IngestSupervisor} does ({@link StandbyWorker}, {@link WorkerProcess}), gives it its job, waits until the
 * worker is processing, prints {@code worker <pid>} and then waits to be killed.
 *
 * <p>Arguments: {@code <input> <empty output dir> <log dir>}.
 */
public final class SupervisorStandIn {

    private SupervisorStandIn() {
    }

    public static void main(String[] args) throws Exception {
        WorkerCommand command = WorkerCommand.forThisJvm(256L * 1024 * 1024);
        StandbyWorker standby = new StandbyWorker("ingest", command::ingestStandbyArguments, Path.of(args[2]),
                Duration.ZERO, Clock.systemUTC());
        WorkerProcess worker = standby.startJob(WorkerCommand.ingestJob(Path.of(args[0]), Path.of(args[1]), 3600), null)
                .process();
        while (true) {
            Optional<WorkerMessage> message = worker.next(Duration.ofSeconds(60));
            if (message == null || message.isEmpty()) {
                System.out.println("worker ended early: " + worker.lastErrors());
                System.exit(1);
            }
            if (message.get() instanceof WorkerMessage.PhaseStarted phase
                    && phase.phase() == WorkerMessage.Phase.PROCESSING) {
                break;
            }
        }
        System.out.println("worker " + worker.handle().pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
