package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the worker, with every message it sent. */
final class Ingest {

    static final Duration ONE_HOUR = Duration.ofHours(1);

    final List<WorkerMessage> messages = new ArrayList<>();
    final WorkerMessage.Outcome outcome;

    private Ingest(Path input, Path outputDir, Duration maxDuration) {
        outcome = IngestWorker.run(input, outputDir, maxDuration, messages::add);
    }

    static Ingest run(Path input, Path outputDir) {
        return run(input, outputDir, ONE_HOUR);
    }

    static Ingest run(Path input, Path outputDir, Duration maxDuration) {
        return new Ingest(input, outputDir, maxDuration);
    }

    IngestResult result() {
        assertThat(outcome).as("outcome").isInstanceOf(WorkerMessage.Done.class);
        return ((WorkerMessage.Done) outcome).result();
    }

    WorkerMessage.Failed failure() {
        assertThat(outcome).as("outcome").isInstanceOf(WorkerMessage.Failed.class);
        return (WorkerMessage.Failed) outcome;
    }
}
