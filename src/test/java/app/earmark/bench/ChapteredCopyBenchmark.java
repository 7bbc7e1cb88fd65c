package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.EarmarkProperties;
import app.earmark.bench.BenchMedia.Kind;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.ChapteredCopies;
import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.recordings.ChapteredCopies.ChapteredCopy;
import app.earmark.recordings.ProbedFile;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.support.SignedIn;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A copy of a one-hour rendition with 300 chapters: Earmark's whole service call (checks, the worker JVM, the remux,
 * hashing and storing the copy) against the {@code ffmpeg} command doing the remux, run by run in alternation; and,
 * for comparison only, the command with the index written into reserved room as Earmark's worker writes it. Writes
 * the "Chaptered copy" section of the benchmark report.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-chapters;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-chapters-store",
        "earmark.data-dir=target/bench-chapters-data"})
@ActiveProfiles("test")
@DirtiesContext
class ChapteredCopyBenchmark {

    static final int MINUTES = 60;
    static final int CHAPTERS = 300;
    static final int RUNS = 7;
    static final double TARGET = 1.2;
    private static final Duration INGEST_LIMIT = Duration.ofMinutes(15);
    private static final Pattern STEP = Pattern.compile("^(JVM start|Loading FFmpeg|Chaptered copy) took (\\d+) ms$"
            + "|^(Waited) (\\d+) ms for a job$");

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;
    @Autowired
    ChapteredCopies copies;
    @Autowired
    SignedIn signedIn;
    @Autowired
    EarmarkProperties properties;

    /**
     * One timed Earmark run, with the worker's own step times (seconds) from its log.
     *
     * @param warm whether a worker had been started ahead and waited with FFmpeg loaded
     */
    record EarmarkRun(double seconds, Map<String, Double> steps, ChapteredCopy copy, boolean warm) {
    }

    /** Everything measured, for the report. */
    record Measured(RecordingSummary recording, long renditionBytes, double firstCopySeconds,
            double renditionHashSeconds, List<EarmarkRun> warm, List<EarmarkRun> cold, List<Double> cli,
            List<Double> cliReserved, long reservedIndexBytes, double copyHashSeconds, Check earmarkOutput,
            Check cliOutput, List<String> earmarkBoxes, List<String> cliBoxes, double totalSeconds) {

        static Stats stats(List<EarmarkRun> runs) {
            return Stats.of(runs.stream().map(EarmarkRun::seconds).toList());
        }

        double ratio(List<EarmarkRun> runs) {
            return stats(runs).median() / Stats.of(cli).median();
        }

        Stats pairedRatios(List<EarmarkRun> runs) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                ratios.add(runs.get(i).seconds() / cli.get(i));
            }
            return Stats.of(ratios);
        }

        static double step(List<EarmarkRun> runs, String name) {
            return Stats.median(runs.stream().map(run -> run.steps().getOrDefault(name, 0.0)).toList());
        }
    }

    /** What ffprobe found in a copy, against the rendition. */
    record Check(int chapters, boolean timesAndTitles, boolean packetsAsRendition, long bytes) {
    }

    @Test
    void chapteredCopyAgainstTheFfmpegCommand() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        RecordingSummary recording = readyRecording();
        Path rendition = fixtures.renditionFile(recording.id());
        long duration = recording.durationMillis();
        Path work = Bench.emptyDir(Bench.dir("bench-chapters-cli"));
        Path cliOutput = work.resolve("copy.mp4");

        // The first copy of a rendition also hashes the rendition (once; remembered in the media store).
        fixtures.startChapterWorkersAhead(false);
        long first = System.nanoTime();
        ChapteredCopy warmUp = earmark(recording.id(), chapters(duration, 0), false).copy();
        double firstCopySeconds = (System.nanoTime() - first) / 1e9;
        long hashing = System.nanoTime();
        BenchmarkFixtures.sha256(rendition);
        double renditionHashSeconds = (System.nanoTime() - hashing) / 1e9;
        long reserved = reservedIndexBytes(storedCopy(warmUp));
        clearStoredCopies();

        List<EarmarkRun> warm = new ArrayList<>();
        List<EarmarkRun> cold = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        List<Double> cliReserved = new ArrayList<>();
        List<Chapter> last = null;
        for (int run = 1; run <= RUNS; run++) {
            List<Chapter> chapters = chapters(duration, run);
            List<Chapter> coldChapters = chapters(duration, -run);
            Path metadata = CliChapters.metadata(work.resolve("chapters.ffmeta"), chapters);
            if (run % 2 == 1) {
                warm.add(earmark(recording.id(), chapters, true));
                cli.add(CliChapters.run(rendition, metadata, cliOutput, -1));
                cold.add(earmark(recording.id(), coldChapters, false));
                cliReserved.add(CliChapters.run(rendition, metadata, work.resolve("copy-reserved.mp4"), reserved));
            } else {
                cli.add(CliChapters.run(rendition, metadata, cliOutput, -1));
                warm.add(earmark(recording.id(), chapters, true));
                cliReserved.add(CliChapters.run(rendition, metadata, work.resolve("copy-reserved.mp4"), reserved));
                cold.add(earmark(recording.id(), coldChapters, false));
            }
            System.out.printf("[bench] chaptered copy, run %d: Earmark %.2f s (worker started ahead) and %.2f s"
                    + " (worker started for the call), ffmpeg command %.2f s (with reserved index %.2f s)%n", run,
                    warm.get(run - 1).seconds(), cold.get(run - 1).seconds(), cli.get(run - 1),
                    cliReserved.get(run - 1));
            last = chapters;
            clearStoredCopies(warm.get(run - 1).copy());
        }
        Path earmarkOutput = storedCopy(warm.get(RUNS - 1).copy());
        long hashingCopy = System.nanoTime();
        String copySha = BenchmarkFixtures.sha256(earmarkOutput);
        double copyHashSeconds = (System.nanoTime() - hashingCopy) / 1e9;
        ProbedFile probedRendition = ProbedFile.of(rendition);
        Check earmarkCheck = check(earmarkOutput, last, probedRendition);
        Check cliCheck = check(cliOutput, last, probedRendition);
        Measured measured = new Measured(recording, Files.size(rendition), firstCopySeconds, renditionHashSeconds,
                warm, cold, cli, cliReserved, reserved, copyHashSeconds, earmarkCheck, cliCheck,
                topLevel(earmarkOutput), topLevel(cliOutput), (System.nanoTime() - started) / 1e9);

        BenchmarkReport.configured().replaceSection("Chaptered copy", ChapteredCopyReport.write(measured), machine);

        assertThat(copySha).isEqualTo(warm.get(RUNS - 1).copy().sha256());
        assertThat(warm).allSatisfy(run -> assertThat(run.steps()).doesNotContainKey("JVM start"));
        assertThat(cold).allSatisfy(run -> assertThat(run.steps()).containsKey("JVM start"));
        assertThat(earmarkCheck.chapters()).isEqualTo(CHAPTERS);
        assertThat(earmarkCheck.timesAndTitles()).isTrue();
        assertThat(earmarkCheck.packetsAsRendition()).isTrue();
        assertThat(cliCheck.chapters()).isEqualTo(CHAPTERS);
        assertThat(measured.earmarkBoxes()).startsWith("ftyp", "moov");
    }

    /** The 60-minute MP4 ingested by Earmark: its rendition is what a copy is made of. */
    private RecordingSummary readyRecording() throws InterruptedException {
        Path input = BenchMedia.recording(Kind.MP4, MINUTES);
        String sha = fixtures.storeOriginal(input);
        long discussion = recordings.discussionWithLearner().id();
        long id = fixtures.queue(discussion, sha, "meeting.mp4");
        long deadline = System.nanoTime() + INGEST_LIMIT.toNanos();
        RecordingSummary recording = fixtures.recording(id);
        while (recording.state().inProgress() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            recording = fixtures.recording(id);
        }
        if (recording.state() != RecordingState.READY) {
            throw new AssertionError("Earmark did not ingest the " + MINUTES + "-minute MP4: " + recording);
        }
        return recording;
    }

    /**
     * Chapters every 12 s on average, irregularly spaced, each running to the next, titled like AC map entries; the
     * first title names the run, so that every run makes a new copy rather than finding the last one.
     */
    static List<Chapter> chapters(long durationMillis, int run) {
        long step = durationMillis / CHAPTERS;
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < CHAPTERS; i++) {
            starts.add(i == 0 ? 0 : i * step + (i * 7919L) % (step / 3));
        }
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < CHAPTERS; i++) {
            long end = i + 1 < CHAPTERS ? starts.get(i + 1) : durationMillis;
            String title = i == 0 ? "Introduction (run " + run + ")"
                    : "AC " + (i % 5 + 1) + "." + (i % 3 + 1) + " Explain the role of the coach, tag " + i;
            chapters.add(new Chapter(starts.get(i), end, title));
        }
        return chapters;
    }

    /**
     * One call of the service, with a worker started ahead and ready ({@code warm}) or none; either way the machine is
     * left as it was found: the worker the service starts ahead afterwards has loaded FFmpeg before anything else is
     * timed, so it takes no time from the next measurement.
     */
    private EarmarkRun earmark(long recordingId, List<Chapter> chapters, boolean warm) throws InterruptedException {
        fixtures.startChapterWorkersAhead(warm);
        if (warm && !fixtures.awaitChapterWorker(Duration.ofMinutes(2))) {
            throw new AssertionError("No chapters worker was started ahead");
        }
        long started = System.nanoTime();
        ChapteredCopy copy = signedIn.as("assessor", () -> copies.chapteredCopy(recordingId, chapters));
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> steps = workerSteps(warm);
        fixtures.startChapterWorkersAhead(true);
        fixtures.awaitChapterWorker(Duration.ofMinutes(2));
        return new EarmarkRun(seconds, steps, copy, warm);
    }

    /**
     * The step times in the log of the latest chapters worker that made a copy (seconds).
     *
     * @param warm whether that worker was started ahead of the call (its start then took no time from the call)
     */
    private Map<String, Double> workerSteps(boolean warm) {
        Path logs = properties.dataDir().toAbsolutePath().resolve("ingest-logs");
        try (Stream<Path> files = Files.list(logs)) {
            List<Path> newestFirst = files.filter(f -> f.getFileName().toString().startsWith("chapters-"))
                    .sorted(Comparator.comparing(ChapteredCopyBenchmark::modified).reversed()).toList();
            for (Path log : newestFirst) {
                Map<String, Double> steps = new LinkedHashMap<>();
                for (String line : Files.readAllLines(log)) {
                    Matcher matcher = STEP.matcher(line.trim());
                    if (matcher.matches()) {
                        int group = matcher.group(1) != null ? 1 : 3;
                        steps.put(matcher.group(group), Long.parseLong(matcher.group(group + 1)) / 1000.0);
                    }
                }
                if (steps.containsKey("Chaptered copy")) {
                    // Every worker waits for its job line; one started for the call gets it as soon as it reads it.
                    steps.remove("Waited");
                    if (warm) {
                        // Started ahead: it had started and loaded FFmpeg before the call.
                        steps.remove("JVM start");
                        steps.remove("Loading FFmpeg");
                    }
                    return steps;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of();
    }

    /** Where the media store keeps the copy. */
    private Path storedCopy(ChapteredCopy copy) throws IOException {
        return signedIn.as("assessor", () -> copies.open(copy)).getFile().toPath();
    }

    /** Removes the copies made so far but {@code kept} (they are the benchmark's own), to save disk space. */
    private void clearStoredCopies(ChapteredCopy... kept) throws IOException {
        List<Path> keep = new ArrayList<>();
        for (ChapteredCopy copy : kept) {
            keep.add(storedCopy(copy));
        }
        try (Stream<Path> files = Files.walk(properties.mediaStore().toAbsolutePath().resolve("copies"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !keep.contains(f)).toList()) {
                file.toFile().setWritable(true);
                Files.delete(file);
            }
        }
    }

    private static Check check(Path copy, List<Chapter> chapters, ProbedFile rendition) throws IOException {
        ProbedFile probed = ProbedFile.of(copy);
        boolean timesAndTitles = probed.chapters().equals(chapters.stream()
                .map(c -> new ProbedFile.Chapter(c.startMs(), c.endMs(), c.title())).toList());
        return new Check(probed.chapters().size(), timesAndTitles, probed.media().equals(rendition.media()),
                Files.size(copy));
    }

    /** The room the worker reserved for the index: the index box and the padding after it. */
    private static long reservedIndexBytes(Path mp4) throws IOException {
        List<long[]> boxes = boxes(mp4);
        long reserved = 0;
        for (int i = 1; i < boxes.size() && i <= 2; i++) {
            reserved += boxes.get(i)[1];
        }
        return reserved;
    }

    private static List<String> topLevel(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        for (long[] box : boxes(mp4)) {
            types.add(new String(new byte[] {(byte) (box[0] >>> 24), (byte) (box[0] >>> 16), (byte) (box[0] >>> 8),
                    (byte) box[0]}, StandardCharsets.ISO_8859_1));
        }
        return types;
    }

    /** Top-level boxes as (type as an int, size). */
    private static List<long[]> boxes(Path mp4) throws IOException {
        List<long[]> boxes = new ArrayList<>();
        try (RandomAccessFile access = new RandomAccessFile(mp4.toFile(), "r")) {
            long offset = 0;
            while (offset + 8 <= access.length()) {
                access.seek(offset);
                long size = access.readInt() & 0xFFFFFFFFL;
                int type = access.readInt();
                if (size == 1) {
                    size = access.readLong();
                }
                if (size < 8) {
                    break;
                }
                boxes.add(new long[] {type & 0xFFFFFFFFL, size});
                offset += size;
            }
        }
        return boxes;
    }

    static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
