package app.earmark.bench;

import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Streaming a 1 GiB rendition: Earmark (the browser's path, signed in with a session cookie, every request checked)
 * against nginx (Debian's package, on loopback) serving the same file. 200 random Range requests, the same ones to
 * both, alternating; then whole-file reads, alternating. Every answer is checked against the file. Writes the
 * "Streaming" section of the benchmark report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-streaming;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-streaming-store",
        "earmark.data-dir=target/bench-streaming-data"})
@ActiveProfiles("test")
@DirtiesContext
@Import(StreamingLayers.class)
class StreamingBenchmark {

    static final long SIZE = 1L << 30;
    static final int RANGES = Integer.getInteger("earmark.bench.streaming.ranges", 1000);
    /**
     * Requests to each server before the measured ones, as on a server that has been running: enough for the JVM to
     * compile Earmark's request path (Tomcat, Spring Security, the access check, Spring MVC) with C2, which HotSpot
     * does after 5,000 to 15,000 calls of a method. 1,000 and 5,000 were not: the time to first byte was still
     * falling after them (the report shows the warm-up in blocks).
     */
    static final int WARM_UP = Integer.getInteger("earmark.bench.streaming.warm-up", 20000);
    /** The warm-up's time to first byte is reported in blocks of this many requests (how the JVM warms up). */
    static final int WARM_UP_BLOCK = 2000;
    static final int SEQUENTIAL_READS = 3;
    static final int REFUSALS = 100;
    static final int MIN_RANGE = 64 * 1024;
    static final int MAX_RANGE = 1024 * 1024;
    private static final String FILE_NAME = "rendition.mp4";

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;

    /** Everything measured, for the report. */
    record Measured(List<TimedReads.RangeTiming> earmarkRanges, List<TimedReads.RangeTiming> nginxRanges,
            List<TimedReads.RangeTiming> refusals, List<TimedReads.SequentialTiming> earmarkReads,
            List<TimedReads.SequentialTiming> nginxReads, List<Double> clientCeilings, double totalSeconds,
            StoresMeasured stores, StreamingLayers.Measured layers, String loadBefore, String loadAfter,
            List<WarmUpBlock> warmUp) {
    }

    /** Median time to first byte of a block of warm-up requests, Earmark's and nginx's. */
    record WarmUpBlock(int first, int last, double earmarkMillis, double nginxMillis) {
    }

    /** Whether the layer-by-layer probes run ({@code -Dearmark.bench.streaming.layers=false} leaves them out). */
    static final boolean WITH_LAYERS = Boolean.parseBoolean(System.getProperty("earmark.bench.streaming.layers",
            "true"));
    static final int LAYER_WARM_UP = Integer.getInteger("earmark.bench.streaming.layers.warm-up", 500);
    static final int LAYER_ROUNDS = Integer.getInteger("earmark.bench.streaming.layers.rounds", 600);

    /** Whether the object-store comparison runs too ({@code -Dearmark.bench.streaming.s3=false} leaves it out). */
    static final boolean WITH_OBJECT_STORE = Boolean.parseBoolean(System.getProperty("earmark.bench.streaming.s3",
            "true"));
    static final int STORE_WARM_UP = Integer.getInteger("earmark.bench.streaming.s3.warm-up", 300);
    static final int STORE_RANGES = Integer.getInteger("earmark.bench.streaming.s3.ranges", 200);
    static final int STORE_SEQUENTIAL_READS = 2;

    /** One way of reading the file in the object-store comparison: a Range request, and the whole file. */
    record Reader(RangeRead range, WholeRead whole) {
    }

    @FunctionalInterface
    interface RangeRead {
        TimedReads.RangeTiming read(long offset, int length) throws Exception;
    }

    @FunctionalInterface
    interface WholeRead {
        TimedReads.SequentialTiming read() throws Exception;
    }

    /** The object-store comparison: per way of reading, its Range timings and whole-file reads, in table order. */
    record StoresMeasured(java.util.Map<String, List<TimedReads.RangeTiming>> ranges,
            java.util.Map<String, List<TimedReads.SequentialTiming>> wholes, double setUpSeconds,
            String loadBefore, String loadAfter) {
    }

    static final String LOCAL = "Earmark, folder store";
    static final String S3_PROXY = "Earmark, S3 store, proxy";
    static final String S3_REDIRECT = "Earmark, S3 store, redirect (followed)";
    static final String S3_DIRECT = "S3Proxy directly (presigned GET)";
    static final String NGINX = "nginx";

    /**
     * Two more application contexts on the S3 store (S3Proxy on loopback), one proxying and one redirecting, each
     * with the file uploaded as a rendition; then the same random Range requests to all five ways of reading the
     * file, the order rotating request by request, and whole-file reads likewise.
     */
    private static StoresMeasured objectStores(BigFile served, TimedReads local, TimedReads nginx,
            SplittableRandom random) throws Exception {
        String loadBefore = Bench.loadAverage();
        long started = System.nanoTime();
        try (ObjectStoreNodes.Node proxy = ObjectStoreNodes.start("streaming-s3-proxy",
                app.earmark.recordings.media.S3Properties.Streaming.PROXY, served, FILE_NAME);
                ObjectStoreNodes.Node redirect = ObjectStoreNodes.start("streaming-s3-redirect",
                        app.earmark.recordings.media.S3Properties.Streaming.REDIRECT, served, FILE_NAME)) {
            double setUp = (System.nanoTime() - started) / 1e9;
            TimedReads proxied = new TimedReads(S3_PROXY, proxy.renditionUrl(), proxy.session().cookie(), served);
            TimedReads redirected = new TimedReads(S3_REDIRECT, redirect.renditionUrl(), redirect.session().cookie(),
                    served);
            TimedReads direct = new TimedReads(S3_DIRECT, redirected.redirectLocation(), null, served);
            java.util.Map<String, Reader> readers = new java.util.LinkedHashMap<>();
            readers.put(LOCAL, new Reader(local::range, local::whole));
            readers.put(S3_PROXY, new Reader(proxied::range, proxied::whole));
            readers.put(S3_REDIRECT, new Reader(redirected::rangeRedirected, redirected::wholeRedirected));
            readers.put(S3_DIRECT, new Reader(direct::range, direct::whole));
            readers.put(NGINX, new Reader(nginx::range, nginx::whole));
            List<String> names = List.copyOf(readers.keySet());
            java.util.Map<String, List<TimedReads.RangeTiming>> ranges = new java.util.LinkedHashMap<>();
            java.util.Map<String, List<TimedReads.SequentialTiming>> wholes = new java.util.LinkedHashMap<>();
            names.forEach(name -> {
                ranges.put(name, new ArrayList<>());
                wholes.put(name, new ArrayList<>());
            });
            for (int i = 0; i < STORE_WARM_UP + STORE_RANGES; i++) {
                long[] range = randomRange(random);
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((i + k) % names.size());
                    TimedReads.RangeTiming timing = readers.get(name).range().read(range[0], (int) range[1]);
                    if (i >= STORE_WARM_UP) {
                        ranges.get(name).add(timing);
                    }
                }
            }
            for (int i = 0; i < STORE_SEQUENTIAL_READS; i++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((i + k) % names.size());
                    wholes.get(name).add(readers.get(name).whole().read());
                    System.out.printf("[bench] whole-file read %d, %s: %.0f MB/s%n", i + 1, name,
                            wholes.get(name).get(i).megabytesPerSecond());
                }
            }
            return new StoresMeasured(ranges, wholes, setUp, loadBefore, Bench.loadAverage());
        }
    }

    @Test
    void rangeRequestsAndSequentialReadsAgainstNginx() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        BigFile source = BigFile.of(SIZE);
        long discussion = recordings.discussionWithLearner().id();
        BenchmarkFixtures.ReadyRendition ready = fixtures.readyRecording(discussion, source.file(), FILE_NAME,
                "video/mp4");
        BigFile served = new BigFile(ready.file(), source.size(), source.sha256());

        Path prefix = Bench.emptyDir(Bench.dir("bench-nginx"));
        Path html = Files.createDirectories(prefix.resolve("html"));
        link(html.resolve(FILE_NAME), served.file());
        String base = "http://127.0.0.1:" + port;
        EarmarkSession session = EarmarkSession.signIn(base, "learner", "demo");

        Measured measured;
        String loadBefore = Bench.loadAverage();
        try (Nginx nginx = Nginx.serve(prefix, html, "/" + FILE_NAME)) {
            TimedReads earmark = new TimedReads("Earmark", base + "/media/recordings/" + ready.recordingId()
                    + "/rendition", session.cookie(), served);
            TimedReads reference = new TimedReads("nginx", nginx.url("/" + FILE_NAME), null, served);
            SplittableRandom random = new SplittableRandom(42);
            List<WarmUpBlock> warmUp = new ArrayList<>();
            List<Double> earmarkBlock = new ArrayList<>();
            List<Double> nginxBlock = new ArrayList<>();
            for (int i = 0; i < WARM_UP; i++) {
                long[] range = randomRange(random);
                earmarkBlock.add(earmark.range(range[0], (int) range[1]).firstByteMillis());
                nginxBlock.add(reference.range(range[0], (int) range[1]).firstByteMillis());
                if (earmarkBlock.size() == WARM_UP_BLOCK || i == WARM_UP - 1) {
                    warmUp.add(new WarmUpBlock(i + 2 - earmarkBlock.size(), i + 1, Stats.median(earmarkBlock),
                            Stats.median(nginxBlock)));
                    System.out.printf("[bench] warm-up requests %d-%d: Earmark p50 %.2f ms, nginx p50 %.2f ms%n",
                            i + 2 - earmarkBlock.size(), i + 1, Stats.median(earmarkBlock), Stats.median(nginxBlock));
                    earmarkBlock.clear();
                    nginxBlock.clear();
                }
            }
            List<TimedReads.RangeTiming> earmarkRanges = new ArrayList<>();
            List<TimedReads.RangeTiming> nginxRanges = new ArrayList<>();
            for (int i = 0; i < RANGES; i++) {
                long[] range = randomRange(random);
                if (i % 2 == 0) {
                    earmarkRanges.add(earmark.range(range[0], (int) range[1]));
                    nginxRanges.add(reference.range(range[0], (int) range[1]));
                } else {
                    nginxRanges.add(reference.range(range[0], (int) range[1]));
                    earmarkRanges.add(earmark.range(range[0], (int) range[1]));
                }
            }
            TimedReads withoutSession = new TimedReads("Earmark without a session", base + "/media/recordings/"
                    + ready.recordingId() + "/rendition", null, served);
            List<TimedReads.RangeTiming> refusals = new ArrayList<>();
            for (int i = 0; i < REFUSALS; i++) {
                long[] range = randomRange(random);
                refusals.add(withoutSession.refusal(range[0], (int) range[1]));
            }
            List<TimedReads.SequentialTiming> earmarkReads = new ArrayList<>();
            List<TimedReads.SequentialTiming> nginxReads = new ArrayList<>();
            List<Double> ceilings = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL_READS; i++) {
                ceilings.add(clientCeiling(served));
                if (i % 2 == 0) {
                    earmarkReads.add(earmark.whole());
                    nginxReads.add(reference.whole());
                } else {
                    nginxReads.add(reference.whole());
                    earmarkReads.add(earmark.whole());
                }
                System.out.printf("[bench] whole-file read %d: Earmark %.0f MB/s, nginx %.0f MB/s%n", i + 1,
                        earmarkReads.get(i).megabytesPerSecond(), nginxReads.get(i).megabytesPerSecond());
            }
            StreamingLayers.Measured layers = WITH_LAYERS ? StreamingLayers.measure(StreamingLayers.rungs(base,
                    session.cookie(), ready.recordingId(), nginx.url("/" + FILE_NAME)), LAYER_WARM_UP, LAYER_ROUNDS,
                    SIZE, random) : null;
            String loadAfter = Bench.loadAverage();
            StoresMeasured stores = WITH_OBJECT_STORE ? objectStores(served, earmark, reference, random) : null;
            measured = new Measured(earmarkRanges, nginxRanges, refusals, earmarkReads, nginxReads, ceilings,
                    (System.nanoTime() - started) / 1e9, stores, layers, loadBefore, loadAfter, warmUp);
        }
        BenchmarkReport.configured().replaceSection("Streaming", StreamingReport.write(measured), machine);
    }

    /** An offset and a length between 64 KiB and 1 MiB, wholly inside the file. */
    private static long[] randomRange(SplittableRandom random) {
        int length = MIN_RANGE + random.nextInt(MAX_RANGE - MIN_RANGE + 1);
        return new long[] {random.nextLong(SIZE - length + 1), length};
    }

    /**
     * How fast this JVM hashes the file read from the page cache in 16 KiB buffers (about what the HTTP client hands
     * over): the most any whole-file read can show here.
     */
    private static double clientCeiling(BigFile file) throws IOException {
        MessageDigest digest = BigFile.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!HexFormat.of().formatHex(digest.digest()).equals(file.sha256())) {
            throw new AssertionError("The file changed during the benchmark: " + file.file());
        }
        return file.size() / 1e6 / seconds;
    }

    /** nginx serves the very file in Earmark's media store: a hard link (a symbolic one across file systems). */
    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, target);
        } catch (IOException | UnsupportedOperationException crossDevice) {
            Files.createSymbolicLink(link, target);
        }
    }
}
