package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.EarmarkApplication;
import app.earmark.bench.BenchMedia.Kind;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ingest jobs per minute with one Earmark node against two (issue 13, "Several nodes"): two application contexts in
 * this JVM on one PostgreSQL server (Debian's package, started for the class) and one folder media store, the jobs
 * claimed through db-scheduler. {@value #JOBS} short recordings (distinct files) are queued at once; the time until
 * all are READY is taken with this node alone, then again after a second node has started. Writes its part of the
 * "Several nodes" section of the benchmark report. {@code -Dearmark.bench.jobs.count=4} makes a short run.
 */
@ExtendWith(PostgresServer.class)
@SpringBootTest(properties = {
        "earmark.media-store=" + JobsPerMinuteBenchmark.STORE,
        "earmark.data-dir=" + JobsPerMinuteBenchmark.FIRST_DATA,
        "earmark.cluster.node-name=first"})
@ActiveProfiles("test")
@DirtiesContext
class JobsPerMinuteBenchmark {

    static final String STORE = "target/bench-jobs-store";
    static final String FIRST_DATA = "target/bench-jobs-data-first";
    static final String SECOND_DATA = "target/bench-jobs-data-second";
    static final int JOBS = Integer.getInteger("earmark.bench.jobs.count", 10);
    static final int MINUTES = 5;
    static final String PART = "Ingest jobs per minute: one node against two";
    private static final Duration LIMIT = Duration.ofMinutes(20);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresServer.register(registry);
    }

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;

    /** One batch: how long until all its recordings were READY, and which node ingested how many. */
    record Batch(String nodes, int jobs, double seconds, int byFirst, int bySecond, String coresBusy,
            String loadBefore, String loadAfter) {

        double perMinute() {
            return jobs * 60 / seconds;
        }
    }

    @Test
    void jobsPerMinuteWithOneNodeAndWithTwo() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        List<Path> files = distinctRecordings(JOBS * 2 + 3);
        long discussion = recordings.discussionWithLearner().id();
        List<String> originals = new ArrayList<>();
        for (Path file : files) {
            originals.add(fixtures.storeOriginal(file));
        }
        int next = 0;
        batch("warm-up", discussion, originals.subList(next, next += 1));
        Batch one = batch("one node", discussion, originals.subList(next, next += JOBS));
        Batch two;
        double secondStart;
        long secondStarted = System.nanoTime();
        try (ConfigurableApplicationContext second = secondNode()) {
            secondStart = (System.nanoTime() - secondStarted) / 1e9;
            batch("warm-up", discussion, originals.subList(next, next += 2));
            two = batch("two nodes", discussion, originals.subList(next, next += JOBS));
        }
        double total = (System.nanoTime() - started) / 1e9;
        BenchmarkReport.configured().replaceSubsection(SeveralNodesBenchmark.SECTION, PART,
                write(one, two, secondStart, total), machine);
        assertThat(two.byFirst() + two.bySecond()).as("recordings of the two-node batch ingested by either node")
                .isEqualTo(JOBS);
    }

    /** Queues the recordings at once, waits until every one is READY; which node did each, from its ingest log. */
    private Batch batch(String name, long discussion, List<String> originals) throws InterruptedException {
        String loadBefore = Bench.loadAverage();
        Bench.CpuTicks cpuBefore = Bench.CpuTicks.now();
        long started = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            ids.add(fixtures.queue(discussion, originals.get(i), "job-" + i + ".m4a"));
        }
        List<Long> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() - started > LIMIT.toNanos()) {
                throw new AssertionError(name + ": not ready within " + LIMIT + ": " + waiting);
            }
            for (var it = waiting.iterator(); it.hasNext(); ) {
                RecordingSummary recording = fixtures.recording(it.next());
                if (!recording.state().inProgress()) {
                    assertThat(recording.state()).as(recording.message()).isEqualTo(RecordingState.READY);
                    it.remove();
                }
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        java.time.Instant since = java.time.Instant.now().minusNanos(System.nanoTime() - started);
        int byFirst = (int) ids.stream().filter(id -> ingestedIn(FIRST_DATA, id, since)).count();
        int bySecond = (int) ids.stream().filter(id -> ingestedIn(SECOND_DATA, id, since)).count();
        System.out.printf(Locale.ROOT, "[bench] %s: %d recordings READY in %.1f s (%d by the first node, %d by the"
                + " second)%n", name, ids.size(), seconds, byFirst, bySecond);
        return new Batch(name, ids.size(), seconds, byFirst, bySecond, Bench.CpuTicks.now().busySince(cpuBefore),
                loadBefore, Bench.loadAverage());
    }

    /** Whether the node of this data folder wrote the recording's ingest log during the batch (not an earlier run). */
    private static boolean ingestedIn(String dataDir, long id, java.time.Instant since) {
        Path log = Path.of(dataDir, "ingest-logs", "recording-" + id + "-attempt-1.log");
        try {
            return Files.exists(log) && !Files.getLastModifiedTime(log).toInstant().isBefore(since);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ConfigurableApplicationContext secondNode() {
        Bench.emptyDir(Path.of(SECOND_DATA).toAbsolutePath());
        // As arguments: they outrank the test profile's own database settings.
        return new SpringApplicationBuilder(EarmarkApplication.class).profiles("test").run("--server.port=0",
                "--spring.datasource.url=" + PostgresServer.jdbcUrl(),
                "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password=",
                "--earmark.media-store=" + STORE, "--earmark.data-dir=" + SECOND_DATA,
                "--earmark.cluster.node-name=second");
    }

    /** Copies of a five-minute M4A, each with its own metadata (stream copy), so that every job has its own original. */
    private static List<Path> distinctRecordings(int count) {
        Path source = BenchMedia.recording(Kind.M4A, MINUTES);
        Path dir = Bench.dir("bench-media/jobs");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("m4a-" + MINUTES + "min-job-" + i + ".m4a");
            if (!Files.isRegularFile(file)) {
                Path partial = dir.resolve("m4a-" + MINUTES + "min-job-" + i + ".partial.m4a");
                OwnedProcess.run(List.of(Tools.ffmpeg().path(), "-hide_banner", "-nostdin", "-loglevel", "error",
                        "-y", "-i", source.toString(), "-map", "0", "-c", "copy", "-metadata",
                        "comment=Earmark benchmark job " + i, "-f", "ipod", partial.toString()),
                        Bench.dir("bench-media/logs").resolve("job-" + i + ".log"), Duration.ofMinutes(2));
                try {
                    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            files.add(file);
        }
        return files;
    }

    private static String write(Batch one, Batch two, double secondStart, double total) {
        StringBuilder text = new StringBuilder();
        text.append(BenchmarkReport.table(List.of("", "recordings", "all READY after", "jobs per minute",
                "ingested by the first node / the second", "the machine's cores busy", "load average before → after"),
                List.of(
                        row(one), row(two))));
        double ratio = two.perMinute() / one.perMinute();
        text.append(String.format(Locale.ROOT, "%nTwo nodes against one: %s the jobs per minute.", Bench.ratio(ratio)));
        text.append(" Until 2026-12-07 the ingest jobs were in the scheduler every task shares (ten threads a node):"
                + " a node whose worker was busy claimed jobs only to put them back, due a second later, and its own"
                + " put-backs made it look again first, so it mostly claimed them again. One node of two took nearly"
                + " all the jobs (10 / 0, 1 / 9 in runs on 2026-12-06 and 07) and two nodes gave 0.78× to 1.17× one."
                + " The ingest jobs now have a table and a scheduler of their own with one thread per worker"
                + " (docs/jobs.md), so a node claims a job only when its worker is free. The share of the cores busy"
                + " (all processes on the machine, during the batch) says what is left: where it is near 100 %, the"
                + " two workers shared two cores that were already full.");
        text.append('\n');
        text.append("\n#### How it was measured\n\n");
        text.append(String.format(Locale.ROOT, "- **Nodes:** Earmark's application context of this benchmark"
                + " (\"first\") and, for the second batch, another started beside it in the same JVM (\"second\","
                + " started in %s), both on one PostgreSQL server (Debian's package, started as a process for the"
                + " benchmark) and one folder media store, each with its own data folder. The ingest queue is"
                + " a db-scheduler table of its own (`ingest_jobs`), polled on each node by a scheduler with one thread"
                + " for its one ingest worker, so a node claims a due job only when that worker is free (an ingest"
                + " runs in a worker process of its own, one at a time per node, started ahead after each ingest).%n",
                Bench.seconds(secondStart)));
        text.append(String.format(Locale.ROOT, "- **Jobs:** %d recordings queued at once per batch, each a"
                + " different file (a %d-minute AAC M4A, %s, with its own metadata, so every job has its own"
                + " original and its own outputs), queued on the first node; the time is from the first queued to the"
                + " last READY (read from the database every 100 ms). Which node ingested a recording is read from"
                + " the ingest log each node writes in its data folder. Before each batch, a warm-up batch (one"
                + " recording with one node, two with two) not counted.%n", JOBS, MINUTES, Kind.M4A.description));
        text.append(String.format(Locale.ROOT, "- **What two cores allow:** an ingest worker is CPU-bound (it"
                + " starts a JVM, probes, remuxes and decodes the audio for the waveform's peaks), and this machine"
                + " has %d cores shared by the benchmark's two nodes, PostgreSQL and everything else on it. A second"
                + " node adds a second worker, so two ingests run at once: at best twice the jobs per minute when a"
                + " core is free for each, and nearer the same when the cores are already busy (other builds here,"
                + " the nodes' own work). The second node shows what several machines would give only as far as"
                + " this machine has idle cores; on separate machines each node brings its own.%n",
                Runtime.getRuntime().availableProcessors()));
        text.append("- **Run time:** " + Bench.seconds(total) + " for this part (after the first application"
                + " context started).\n");
        return text.toString();
    }

    private static List<String> row(Batch batch) {
        return List.of(batch.nodes(), Integer.toString(batch.jobs()), Bench.seconds(batch.seconds()),
                String.format(Locale.ROOT, "%.1f", batch.perMinute()), batch.byFirst() + " / " + batch.bySecond(),
                batch.coresBusy(), batch.loadBefore() + " → " + batch.loadAfter());
    }
}
