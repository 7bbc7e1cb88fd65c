package app.earmark.bench;

import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Where a Range request's time goes on Earmark's browser path: SQL statements and transactions per request (Hibernate
 * statistics), and time to first byte of a signed-in Range request against a refused one (no session: Tomcat and the
 * security filter chain only). Prints, writes no report. Not a {@code *Benchmark}, so {@code -Pbenchmark} alone does
 * not run it: {@code ./mvnw verify -Pbenchmark -Dit.test=StreamingProbe -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-streaming-probe;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "earmark.media-store=target/bench-streaming-probe-store",
        "earmark.data-dir=target/bench-streaming-probe-data"})
@ActiveProfiles("test")
@DirtiesContext
class StreamingProbe {

    static final long SIZE = 64L << 20;
    static final int PROFILED = Integer.getInteger("earmark.bench.probe.profiled", 10_000);
    static final int REQUESTS = Integer.getInteger("earmark.bench.probe.requests", 2000);

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;
    @Autowired
    EntityManagerFactory entityManagers;

    /**
     * Samples the request threads every millisecond with JFR while signed-in Range requests run, and prints how many
     * samples each method was on the stack of (inclusive), for the server's request threads only.
     */
    private static void profile(TimedReads earmark, SplittableRandom random) throws Exception {
        Path file = Path.of("target", "bench-streaming-probe.jfr").toAbsolutePath();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)).withStackTrace();
            recording.start();
            for (int i = 0; i < PROFILED; i++) {
                earmark.range(random.nextLong(SIZE - 65536), 65536);
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> top = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedThread thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith("http-nio")
                    || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            Set<String> seen = new HashSet<>();
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            for (int i = 0; i < frames.size(); i++) {
                RecordedMethod method = frames.get(i).getMethod();
                String name = method.getType().getName() + "." + method.getName();
                if (i == 0) {
                    top.merge(name, 1, Integer::sum);
                }
                if (seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        int all = samples;
        System.out.printf(Locale.ROOT, "[probe] %d samples on request threads during %d requests%n", all, PROFILED);
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(250)
                .forEach(e -> System.out.printf(Locale.ROOT, "[probe] incl %5.1f%% %s%n", 100.0 * e.getValue() / all,
                        e.getKey()));
        top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                .forEach(e -> System.out.printf(Locale.ROOT, "[probe] self %5.1f%% %s%n", 100.0 * e.getValue() / all,
                        e.getKey()));
    }

    @Test
    void whereTheTimeGoes() throws Exception {
        BigFile source = BigFile.of(SIZE);
        long discussion = recordings.discussionWithLearner().id();
        BenchmarkFixtures.ReadyRendition ready = fixtures.readyRecording(discussion, source.file(), "probe.mp4",
                "video/mp4");
        BigFile served = new BigFile(ready.file(), source.size(), source.sha256());
        String base = "http://127.0.0.1:" + port;
        String url = base + "/media/recordings/" + ready.recordingId() + "/rendition";
        EarmarkSession session = EarmarkSession.signIn(base, "learner", "demo");
        TimedReads earmark = new TimedReads("Earmark", url, session.cookie(), served);
        TimedReads refused = new TimedReads("Earmark without a session", url, null, served);
        Statistics statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < REQUESTS; i++) {
            earmark.range(random.nextLong(SIZE - 65536), 65536);
            refused.refusal(random.nextLong(SIZE - 65536), 65536);
        }
        statistics.clear();
        List<Double> signedIn = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            signedIn.add(earmark.range(random.nextLong(SIZE - 65536), 65536).firstByteMillis());
        }
        long statements = statistics.getPrepareStatementCount();
        long transactions = statistics.getTransactionCount();
        long entities = statistics.getEntityLoadCount();
        long collections = statistics.getCollectionLoadCount();
        List<Double> refusals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            refusals.add(refused.refusal(random.nextLong(SIZE - 65536), 65536).firstByteMillis());
        }
        profile(earmark, random);
        Stats in = Stats.of(signedIn);
        Stats out = Stats.of(refusals);
        System.out.printf(Locale.ROOT, "[probe] per signed-in Range request: %.2f SQL statements, %.2f transactions,"
                + " %.2f entity loads, %.2f collection loads; queries: %s%n", statements / 500.0, transactions / 500.0,
                entities / 500.0, collections / 500.0, String.join(" | ", statistics.getQueries()));
        System.out.printf(Locale.ROOT, "[probe] TTFB signed in p50 %.3f ms p95 %.3f ms; refused p50 %.3f ms p95 %.3f ms"
                + "%n", in.median(), in.p95(), out.median(), out.p95());
    }
}
