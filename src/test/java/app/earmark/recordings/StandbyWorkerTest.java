package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * A worker started ahead counts as ready (the worker pool's health says so) once it has said it is ready, though
 * nothing waits for it as tests and benchmarks do with {@link StandbyWorker#awaitReady}.
 */
class StandbyWorkerTest {

    @TempDir
    Path logs;

    @Test
    void aWorkerStartedAheadIsReadyOnceItSaysSoWithoutAnyoneWaitingForIt() {
        WorkerCommand command = WorkerCommand.forThisJvm(DataSize.ofMegabytes(256).toBytes());
        StandbyWorker standby = new StandbyWorker("ingest", command::ingestStandbyArguments, logs,
                Duration.ofMinutes(5), Clock.systemUTC());
        try {
            assertThat(standby.hasReadyWorker()).as("none started yet").isFalse();
            standby.prepare();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(standby::hasReadyWorker);
            assertThat(standby.hasReadyWorker()).as("remembered once read").isTrue();
            standby.shutdown();
            assertThat(standby.hasReadyWorker()).as("ended").isFalse();
        } finally {
            standby.shutdown();
        }
    }
}
