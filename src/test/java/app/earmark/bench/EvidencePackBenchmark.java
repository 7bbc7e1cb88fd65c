package app.earmark.bench;

import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.eqa.EqaFixtures;
import app.earmark.eqa.GrantView;
import app.earmark.people.PersonRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The evidence pack of a learner with a 2-hour video recording (about 1.5 GB), downloaded over HTTP from the running
 * server by {@code curl} (written to disk), against {@code zip -0 -r} (Debian's zip, also writing to disk) of exactly
 * the same files, got by unzipping the pack. Runs alternate which goes first. The server's live heap (a class
 * histogram after a full collection) is taken idle and in the middle of a download. The downloaded pack is checked
 * with {@code unzip -t} and, unzipped, with {@code sha256sum -c SHA256SUMS}. Writes the "Evidence pack" section of the
 * benchmark report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-pack;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-pack-store",
        "earmark.data-dir=target/bench-pack-data"})
@ActiveProfiles("test")
@DirtiesContext
class EvidencePackBenchmark {

    static final int MINUTES = 120;
    static final int RUNS = 5;
    static final double TARGET_RATIO = 0.8;
    static final long TARGET_HEAP = 64L * 1024 * 1024;
    static final String PASSWORD = "a long password 1";
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @LocalServerPort
    int port;
    @Autowired
    EqaFixtures eqaFixtures;
    @Autowired
    BenchmarkFixtures fixtures;

    /** One timed command: wall-clock seconds and the bytes it produced. */
    record Timed(double seconds, long bytes) {

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** A finished command's exit status and output (standard output and error together). */
    record Ran(int exit, String output) {
    }

    @AfterEach
    void learnersOffTheDemoAssessor() {
        eqaFixtures.unassignLearners();
    }

    @Test
    void packDownloadAgainstZipOfTheSameFiles() throws Exception {
        Machine machine = Machine.thisOne();
        String loadBefore = Bench.loadAverage();
        long started = System.nanoTime();
        Path video = BenchMedia.recording(BenchMedia.Kind.MP4, MINUTES);

        PersonRef learner = eqaFixtures.learner();
        EqaFixtures.Evidence evidence = eqaFixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        // As ingest leaves an MP4 whose streams it copied: the original byte for byte, and a playable copy of the
        // same size (here the very same file, hard-linked).
        String originalSha = fixtures.storeOriginal(video);
        BenchmarkFixtures.ReadyRendition ready = fixtures.readyRecording(evidence.discussionId(), originalSha, video,
                "recording.mp4", "video/mp4");
        // The store remembers a derived file's SHA-256 beside it (".<name>.sha256"): forget what an earlier run of
        // this benchmark left, so that the first download is one of a rendition whose hash is not yet known.
        Files.deleteIfExists(ready.file().resolveSibling("." + ready.file().getFileName() + ".sha256"));
        PersonRef eqa = eqaFixtures.eqa();
        GrantView grant = eqaFixtures.grantLearners(eqa, learner);
        String url = "http://127.0.0.1:" + port + "/api/v1/eqa/grants/" + grant.id() + "/learners/" + learner.id()
                + "/pack.zip";

        Path dir = Bench.emptyDir(Bench.dir("bench-pack"));
        Path pack = dir.resolve("pack.zip");
        Path baseline = dir.resolve("baseline.zip");
        Path unpacked = dir.resolve("unpacked");

        // A first download (not timed) warms the server's path and gives the files for zip.
        Timed first = download(url, eqa.username(), pack);
        Ran unzip = run(dir, "unzip", "-q", pack.toString(), "-d", unpacked.toString());
        check(unzip, "unzip of the pack");
        Ran sums = run(unpacked, "sha256sum", "-c", "SHA256SUMS");
        check(sums, "sha256sum -c SHA256SUMS");
        long files;
        long fileBytes;
        try (var walk = Files.walk(unpacked)) {
            List<Path> regular = walk.filter(Files::isRegularFile).toList();
            files = regular.size();
            fileBytes = 0;
            for (Path file : regular) {
                fileBytes += Files.size(file);
            }
        }
        zip(unpacked, baseline);

        List<Timed> earmark = new ArrayList<>();
        List<Timed> zip = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            if (run % 2 == 0) {
                earmark.add(download(url, eqa.username(), pack));
                zip.add(zip(unpacked, baseline));
            } else {
                zip.add(zip(unpacked, baseline));
                earmark.add(download(url, eqa.username(), pack));
            }
            System.out.printf(Locale.ROOT, "[bench] pack run %d: Earmark %.0f MB/s, zip -0 %.0f MB/s%n", run + 1,
                    earmark.get(run).megabytesPerSecond(), zip.get(run).megabytesPerSecond());
        }
        Ran test = run(dir, "unzip", "-t", pack.getFileName().toString());
        check(test, "unzip -t of the last download");
        String packSha = run(dir, "sha256sum", pack.toString()).output().split("\\s+")[0];

        // The heap: idle, then in the middle of a download (the same download, not timed).
        HeapHistogram idle = HeapHistogram.take(dir.resolve("heap-idle.txt"), List.of());
        Path streamed = dir.resolve("pack-heap.zip");
        Files.deleteIfExists(streamed);
        HeapHistogram during;
        try (OwnedProcess curl = OwnedProcess.start(curl(url, eqa.username(), streamed), dir.resolve("curl.log"))) {
            long half = first.bytes() / 2;
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!Files.exists(streamed) || Files.size(streamed) < half) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The download for the heap histogram did not reach its middle");
                }
                Thread.sleep(5);
            }
            during = HeapHistogram.take(dir.resolve("heap-streaming.txt"), List.of());
            long at = Files.size(streamed);
            curl.awaitSuccess(LIMIT);
            System.out.printf(Locale.ROOT, "[bench] heap histogram taken at byte %d of %d%n", at, first.bytes());
        }
        if (Files.size(streamed) != first.bytes()) {
            throw new AssertionError("The download during the heap histogram was cut short");
        }
        Files.delete(streamed);
        List<HeapHistogram.Growth> grown = during.grownSince(idle, 6);
        String loadAfter = Bench.loadAverage();
        double total = (System.nanoTime() - started) / 1e9;

        Measured measured = new Measured(video, first, first.bytes(), files, fileBytes, Files.size(baseline), earmark, zip,
                idle.totalBytes(), during.totalBytes(), grown, test.output(), countOk(sums.output()), packSha,
                loadBefore, loadAfter, total);
        BenchmarkReport.configured().replaceSection("Evidence pack", report(measured), machine);
    }

    record Measured(Path video, Timed first, long packBytes, long files, long fileBytes, long zipBytes, List<Timed> earmark,
            List<Timed> zip, long idleHeap, long streamingHeap, List<HeapHistogram.Growth> grown, String unzipTest,
            long sumsOk, String packSha, String loadBefore, String loadAfter, double totalSeconds) {

        double ratio() {
            return Stats.median(earmark.stream().map(Timed::megabytesPerSecond).toList())
                    / Stats.median(zip.stream().map(Timed::megabytesPerSecond).toList());
        }

        long heapAboveIdle() {
            return streamingHeap - idleHeap;
        }
    }

    private static String report(Measured m) {
        StringBuilder text = new StringBuilder();
        Stats earmark = Stats.of(m.earmark().stream().map(Timed::megabytesPerSecond).toList());
        Stats zip = Stats.of(m.zip().stream().map(Timed::megabytesPerSecond).toList());
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < m.earmark().size(); i++) {
            paired.add(m.earmark().get(i).megabytesPerSecond() / m.zip().get(i).megabytesPerSecond());
        }
        Stats pairs = Stats.of(paired);
        text.append(String.format(Locale.ROOT, "The evidence pack of a learner with a %d-minute video recording"
                + " (`%s`, %s: H.264 1280×720 ~1.5 Mb/s + AAC 128 kb/s in MP4, made with the ffmpeg command and"
                + " stored by the benchmark fixtures as the recording's original and as its playable copy, as ingest"
                + " leaves an MP4 whose streams it copied, so the pack holds it twice) plus the learner's other evidence"
                + " (a short recording, a signed sheet, AC maps, the audit extract): **%s** in %d files.%n%n",
                MINUTES, m.video().getFileName(), Bench.megabytes(sizeOf(m.video())), Bench.megabytes(m.packBytes()),
                m.files()));
        text.append("**Method.** The server is Earmark in this JVM (Spring Boot test on a random port, H2). An EQA"
                + " with a grant of the learner downloads `/api/v1/eqa/grants/{g}/learners/{l}/pack.zip` with"
                + " `curl -o` (HTTP Basic), writing it to disk; the reference is `zip -0 -r -q` of exactly the same"
                + " files (the first download, unzipped), also writing to disk, into a fresh archive each time. One"
                + " untimed download first (warm-up; it also fills the page cache), then " + RUNS + " runs of each,"
                + " alternating which goes first. Throughput is the archive's bytes over wall-clock time of the"
                + " command (curl or zip, from start to exit). Earmark's figure has two processes at work (the"
                + " server sending, curl receiving and writing), `zip` one (reading, CRC-32 and writing in turn), on"
                + " the same 2 cores.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < m.earmark().size(); i++) {
            Timed e = m.earmark().get(i);
            Timed z = m.zip().get(i);
            rows.add(List.of(Integer.toString(i + 1), (i % 2 == 0 ? "Earmark" : "zip"), Bench.seconds(e.seconds()),
                    mbps(e.megabytesPerSecond()), Bench.seconds(z.seconds()), mbps(z.megabytesPerSecond()),
                    Bench.ratio(paired.get(i))));
        }
        text.append(BenchmarkReport.table(List.of("run", "first", "Earmark (curl)", "Earmark MB/s", "zip -0 -r",
                "zip MB/s", "Earmark / zip"), rows)).append('\n');
        text.append(String.format(Locale.ROOT, "- **Throughput:** Earmark median %s (min %s, max %s); `zip -0` median"
                + " %s (min %s, max %s).%n", mbps(earmark.median()), mbps(earmark.min()), mbps(earmark.max()),
                mbps(zip.median()), mbps(zip.min()), mbps(zip.max())));
        text.append(String.format(Locale.ROOT, "- **Ratio** (median over median): **%s** (target ≥ %s×): %s. Run by"
                + " run: median %s, min %s, max %s.%n", Bench.ratio(m.ratio()), TARGET_RATIO,
                Bench.verdict(m.ratio() >= TARGET_RATIO), Bench.ratio(pairs.median()), Bench.ratio(pairs.min()),
                Bench.ratio(pairs.max())));
        text.append(String.format(Locale.ROOT, "- **First download** (the untimed warm-up: %s, %s):"
                + " the rendition's SHA-256 was not yet remembered beside it, so its bytes were hashed twice (for the"
                + " manifest and for the whole pack, as every download did before the stored hashes were used);"
                + " the runs above use the remembered hash and hash each byte once, for the pack's audited SHA-256.%n",
                Bench.seconds(m.first().seconds()), mbps(m.first().megabytesPerSecond())));
        text.append(String.format(Locale.ROOT, "- **Server heap while streaming:** live heap (class histogram after"
                + " a full collection, in this JVM, taken while curl had about half the pack) %s, idle %s: **%s above"
                + " idle** (target ≤ 64 MiB): %s. Classes that grew most: %s.%n", Bench.mebibytes(m.streamingHeap()),
                Bench.mebibytes(m.idleHeap()), signedMebibytes(m.heapAboveIdle()),
                Bench.verdict(m.heapAboveIdle() <= TARGET_HEAP), grown(m.grown())));
        text.append(String.format(Locale.ROOT, "- **Checks:** `unzip -t` of the last download: \"%s\";"
                + " `sha256sum -c SHA256SUMS` in the unzipped first download: %d files OK; the archives: pack %s,"
                + " `zip -0` %s (%s of files); SHA-256 of the pack %s.%n", lastLine(m.unzipTest()), m.sumsOk(),
                m.packBytes(), m.zipBytes(), m.fileBytes(), m.packSha()));
        text.append(String.format(Locale.ROOT, "- **Load:** the machine is shared; load average (1, 5, 15 min) %s at"
                + " the start, %s at the end. The whole benchmark took %s.%n", m.loadBefore(), m.loadAfter(),
                Bench.seconds(m.totalSeconds())));
        return text.toString();
    }

    private static String mbps(double value) {
        return String.format(Locale.ROOT, "%.0f MB/s", value);
    }

    private static String signedMebibytes(long bytes) {
        return (bytes < 0 ? "−" : "") + Bench.mebibytes(Math.abs(bytes));
    }

    private static String grown(List<HeapHistogram.Growth> grown) {
        if (grown.isEmpty()) {
            return "none";
        }
        return String.join(", ", grown.stream().map(g -> String.format(Locale.ROOT, "`%s` +%.1f MiB", g.className(),
                g.bytes() / (1024.0 * 1024))).toList());
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static long countOk(String output) {
        return output.lines().filter(line -> line.endsWith(": OK")).count();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> curl(String url, String username, Path out) {
        return List.of("curl", "--silent", "--show-error", "--fail", "--user", username + ":" + PASSWORD, "--output",
                out.toString(), url);
    }

    private static Timed download(String url, String username, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        long started = System.nanoTime();
        Ran ran = run(out.getParent(), curl(url, username, out).toArray(String[]::new));
        double seconds = (System.nanoTime() - started) / 1e9;
        check(ran, "curl " + url);
        return new Timed(seconds, Files.size(out));
    }

    private static Timed zip(Path folder, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        long started = System.nanoTime();
        Ran ran = run(folder, "zip", "-0", "-r", "-q", out.toString(), ".");
        double seconds = (System.nanoTime() - started) / 1e9;
        check(ran, "zip -0 -r");
        return new Timed(seconds, Files.size(out));
    }

    private static Ran run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(Bench.dir("bench-pack-logs"), "command", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran longer than " + LIMIT);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Ran(process.exitValue(), text);
    }

    private static void check(Ran ran, String what) {
        if (ran.exit() != 0) {
            throw new AssertionError(what + " failed (exit " + ran.exit() + "):\n" + ran.output());
        }
    }

}
