package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.EarmarkProperties;
import app.earmark.bench.BenchMedia.Kind;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Ingest of synthetic 60-minute recordings: Earmark's whole ingest (queued to READY, through the real supervisor and a
 * worker JVM) against the ffmpeg command line doing the same work, run by run in alternation; a 5-second recording
 * for the fixed costs of each; and the worker's memory on a 3-hour recording. Writes the "Ingest" section of the
 * benchmark report.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-ingest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-ingest-store",
        "earmark.data-dir=target/bench-ingest-data"})
@ActiveProfiles("test")
@DirtiesContext
class IngestBenchmark {

    static final int MINUTES = 60;
    static final int LONG_MINUTES = 180;
    static final int CLIP_SECONDS = 5;
    static final int RUNS = 5;
    static final double TARGET = 1.3;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(30);
    private static final long POLL_MILLIS = 50;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;
    @Autowired
    EarmarkProperties properties;

    /**
     * A recording to ingest; only the 60-minute ones are held to the target.
     *
     * @param workerAhead whether the ingest worker was started ahead, as Earmark does when an upload begins and after
     *                    each ingest ({@code earmark.recordings.ingest-worker-standby}); otherwise it starts for the job
     */
    record Input(Kind kind, String label, Path file, boolean targeted, boolean workerAhead) {
    }

    /** One timed run of Earmark's ingest; {@code workerSeconds} is the worker process's lifetime. */
    record EarmarkRun(double seconds, double workerSeconds, RecordingSummary recording, Map<String, Double> steps) {
    }

    /** Everything measured for one recording. */
    record Case(Input input, long inputBytes, List<EarmarkRun> earmark, List<CliIngest.Result> cli) {

        Kind kind() {
            return input.kind();
        }

        Stats earmarkStats() {
            return Stats.of(earmark.stream().map(EarmarkRun::seconds).toList());
        }

        Stats cliStats() {
            return Stats.of(cli.stream().map(CliIngest.Result::seconds).toList());
        }

        /** Earmark's median over the command's: the figure held to the target. */
        double ratio() {
            return earmarkStats().median() / cliStats().median();
        }

        /** Each run's Earmark time over the command's time in the same pair (the two ran back to back). */
        Stats pairedRatios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(earmark.size(), cli.size()); i++) {
                ratios.add(earmark.get(i).seconds() / cli.get(i).seconds());
            }
            return Stats.of(ratios);
        }

        /** Whether every run copied the streams; {@code null} if runs disagree. */
        Boolean remuxed() {
            List<Boolean> seen = earmark.stream().map(run -> run.recording().remuxed()).distinct().toList();
            return seen.size() == 1 ? seen.get(0) : null;
        }

        boolean met() {
            return ratio() <= TARGET && Boolean.valueOf(kind().playable).equals(remuxed());
        }

        double earmarkMedian(ToDoubleFunction<EarmarkRun> figure) {
            return Stats.median(earmark.stream().map(figure::applyAsDouble).toList());
        }

        double cliMedian(ToDoubleFunction<CliIngest.Result> figure) {
            return Stats.median(cli.stream().map(figure::applyAsDouble).toList());
        }
    }

    @Test
    void ingestAgainstTheFfmpegCommand() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        List<Input> inputs = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            inputs.add(new Input(kind, kind.name(), BenchMedia.recording(kind, MINUTES), true, true));
        }
        Path clip = BenchMedia.clip(Kind.M4A, CLIP_SECONDS);
        inputs.add(new Input(Kind.M4A, Kind.M4A.name() + ", " + CLIP_SECONDS + " s (fixed costs)", clip, false, true));
        inputs.add(new Input(Kind.M4A, Kind.M4A.name() + ", " + CLIP_SECONDS + " s (fixed costs, no worker started"
                + " ahead)", clip, false, false));
        inputs.add(new Input(Kind.MP4, Kind.MP4.name() + " (no worker started ahead)",
                BenchMedia.recording(Kind.MP4, MINUTES), false, false));
        Path longInput = BenchMedia.recording(Kind.WEBM, LONG_MINUTES);
        double generation = (System.nanoTime() - started) / 1e9;

        long discussion = recordings.discussionWithLearner().id();
        List<Case> cases = new ArrayList<>();
        for (Input input : inputs) {
            cases.add(measure(input, discussion));
        }
        System.out.println("[bench] the worker on the " + LONG_MINUTES + "-minute recording");
        WorkerMemoryRun.Result longRun = WorkerMemoryRun.run(fixtures, longInput);
        double total = (System.nanoTime() - started) / 1e9;

        BenchmarkReport.configured().replaceSection("Ingest",
                IngestReport.write(cases, longRun, longInput, generation, total), machine);

        for (Case measured : cases) {
            assertThat(measured.remuxed()).as("streams copied, not re-encoded, for %s", measured.input().label())
                    .isEqualTo(measured.kind().playable);
        }
        assertThat(longRun.done()).as("the worker ingested the %d-minute recording: %s", LONG_MINUTES,
                longRun.outcome()).isTrue();
    }

    /** Earmark and the command line in turn, alternating which goes first, on the same stored original. */
    private Case measure(Input input, long discussion) throws Exception {
        String sha = fixtures.storeOriginal(input.file());
        Path original = fixtures.originalFile(sha);
        Path cliOutput = Bench.dir("bench-cli").resolve(input.kind().shortName());
        List<EarmarkRun> earmark = new ArrayList<>();
        List<CliIngest.Result> cli = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            boolean earmarkFirst = run % 2 == 0;
            if (earmarkFirst) {
                earmark.add(earmark(input, discussion, sha));
            }
            Bench.emptyDir(cliOutput);
            cli.add(CliIngest.run(input.kind(), original, cliOutput));
            if (!earmarkFirst) {
                earmark.add(earmark(input, discussion, sha));
            }
            System.out.printf("[bench] %s, run %d: Earmark %.2f s, ffmpeg command %.2f s%n", input.label(), run + 1,
                    earmark.get(run).seconds(), cli.get(run).seconds());
        }
        return new Case(input, Files.size(original), earmark, cli);
    }

    /**
     * Queues a recording of the original and waits until the database says READY (or FAILED). Meanwhile it watches
     * for the worker process closely (every few milliseconds, a field read) to time its lifetime, and reads the
     * database every 50 ms.
     */
    private EarmarkRun earmark(Input input, long discussion, String sha) throws InterruptedException {
        fixtures.startIngestWorkersAhead(input.workerAhead());
        if (input.workerAhead() && !fixtures.awaitIngestWorker(Duration.ofMinutes(1))) {
            throw new AssertionError("No ingest worker was started ahead");
        }
        long started = System.nanoTime();
        long id = fixtures.queue(discussion, sha, "recording." + input.kind().extension);
        long workerSeen = 0;
        CompletableFuture<Long> workerEnded = null;
        long nextPoll = 0;
        RecordingSummary recording = null;
        while (true) {
            long now = System.nanoTime();
            if (workerEnded == null) {
                Optional<ProcessHandle> worker = fixtures.currentWorker();
                if (worker.isPresent()) {
                    workerSeen = now;
                    workerEnded = worker.get().onExit().thenApply(gone -> System.nanoTime());
                }
            }
            if (now >= nextPoll) {
                recording = fixtures.recording(id);
                if (!recording.state().inProgress()) {
                    break;
                }
                nextPoll = now + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
            }
            if (now - started > SETTLE_LIMIT.toNanos()) {
                throw new AssertionError("Earmark's ingest of " + input.label() + " did not finish within "
                        + SETTLE_LIMIT + "; last seen: " + recording);
            }
            Thread.sleep(workerEnded == null ? 2 : POLL_MILLIS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (recording.state() != RecordingState.READY) {
            throw new AssertionError("Earmark did not ingest " + input.label() + ": " + recording.state() + ", "
                    + recording.message());
        }
        if (recording.attempts() != 1) {
            throw new AssertionError("The worker had to be restarted on " + input.label() + " ("
                    + recording.attempts() + " attempts), so the time means nothing");
        }
        double workerSeconds = Double.NaN;
        if (workerEnded != null) {
            try {
                workerSeconds = (workerEnded.get(5, TimeUnit.SECONDS) - workerSeen) / 1e9;
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("The worker for " + input.label() + " did not end with its job", e);
            }
        }
        if (input.workerAhead()) {
            // The supervisor starts the next worker ahead as soon as this ingest is over: let it start now, so that
            // its start takes no time from what is measured next.
            fixtures.awaitIngestWorker(Duration.ofMinutes(1));
        }
        Path log = properties.dataDir().toAbsolutePath().resolve("ingest-logs")
                .resolve("recording-" + id + "-attempt-1.log");
        return new EarmarkRun(seconds, workerSeconds, recording, WorkerLog.steps(log));
    }
}
