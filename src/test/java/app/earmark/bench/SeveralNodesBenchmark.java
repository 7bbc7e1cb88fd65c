package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Earmark under load (issue 13, "Several nodes"): {@value #PLAYERS} players seeking through one recording (random
 * 64 KiB Range requests on kept-alive connections, each player signed in with a session of its own) while
 * {@value #TAGGERS} assessors tag the same recording through the workspace's tag endpoint; against nginx serving the
 * same file to the same {@value #PLAYERS} players. The two alternate in phases within one run. Errors, time to first
 * byte, tags per second. Writes the "Several nodes" section of the benchmark report.
 *
 * <p>{@code -Dearmark.bench.load.seconds=20} shortens the measured time per server (default 120 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-several-nodes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-several-nodes-store",
        "earmark.data-dir=target/bench-several-nodes-data"})
@ActiveProfiles("test")
@DirtiesContext
@Import(TomcatFloor.class)
class SeveralNodesBenchmark {

    static final long SIZE = 256L << 20;
    static final int PLAYERS = 50;
    static final int TAGGERS = 10;
    static final int RANGE = 64 * 1024;
    /** Measured seconds per server (Earmark, nginx), split into phases of about {@value #PHASE_SECONDS} s. */
    static final int SECONDS = Integer.getInteger("earmark.bench.load.seconds", 120);
    static final int PHASE_SECONDS = 30;
    /** Seconds of load on each server before the measured phases, not counted. */
    static final int WARM_UP_SECONDS = Integer.getInteger("earmark.bench.load.warm-up-seconds", 60);
    /** A player's mean pause between answer and next request (uniform from 0 to twice this). */
    static final int PLAYER_PAUSE_MS = Integer.getInteger("earmark.bench.load.player-pause-ms", 100);
    /** An assessor's mean pause between tags (uniform from half to one and a half times this). */
    static final int TAGGER_PAUSE_MS = Integer.getInteger("earmark.bench.load.tagger-pause-ms", 1000);
    static final long RECORDING_MS = 3_600_000L;
    private static final String FILE_NAME = "seeking.mp4";

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    BenchmarkFixtures fixtures;
    @Autowired
    Discussions discussions;
    @Autowired
    Tags tags;
    @Autowired
    SignedIn signedIn;

    /** One phase against one server: every player's reads and, on Earmark, every tag request. */
    record Phase(String server, boolean measured, double seconds, List<SeekingPlayer.Read> reads,
            List<TaggingSession.Answer> tags, String loadBefore, String loadAfter) {
    }

    /** The load test's phases in the order they ran, and the tags the database holds afterwards. */
    record UnderLoad(List<Phase> phases, int tagsSaved, int tagsInDatabase, double totalSeconds) {
    }

    /** The report's section, which {@link JobsPerMinuteBenchmark} writes a part of too. */
    static final String SECTION = "Several nodes";
    static final String EARMARK = "Earmark";
    static final String NGINX = "nginx";
    static final String TOMCAT = "Tomcat alone";

    @Test
    void seekingAndTaggingUnderLoadAgainstNginx() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        UnderLoad load = underLoad();
        BenchmarkReport.configured().replaceSubsection(SECTION, SeveralNodesReport.UNDER_LOAD,
                SeveralNodesReport.write(load), machine);

        assertThat(load.tagsInDatabase()).as("tags in the database against tags answered as saved")
                .isEqualTo(load.tagsSaved());
        System.out.printf("[bench] several nodes: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private UnderLoad underLoad() throws Exception {
        long started = System.nanoTime();
        BigFile source = BigFile.of(SIZE);
        long discussion = recordings.discussionWithLearner().id();
        BenchmarkFixtures.ReadyRendition ready = fixtures.readyRecording(discussion, source.file(), FILE_NAME,
                "video/mp4");
        BigFile served = new BigFile(ready.file(), source.size(), source.sha256());
        List<Long> criteria = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .map(AssessedCriterion::id).toList();

        Path prefix = Bench.emptyDir(Bench.dir("bench-several-nodes-nginx"));
        Path html = Files.createDirectories(prefix.resolve("html"));
        link(html.resolve(FILE_NAME), served.file());
        String base = "http://127.0.0.1:" + port;
        String earmarkUrl = base + "/media/recordings/" + ready.recordingId() + "/rendition";
        String tomcatUrl = base + TomcatFloor.PATH;
        TomcatFloor.file = served.file();
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            cookies.add(EarmarkSession.signIn(base, "learner", "demo").cookie());
        }
        List<TaggingSession> taggers = new ArrayList<>();
        for (int i = 0; i < TAGGERS; i++) {
            taggers.add(TaggingSession.signIn(base, "assessor", "demo"));
        }

        List<Phase> phases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PLAYERS + TAGGERS);
        try (Nginx nginx = Nginx.serve(prefix, html, "/" + FILE_NAME)) {
            String nginxUrl = nginx.url("/" + FILE_NAME);
            SplittableRandom random = new SplittableRandom(13);
            // Warm-up, then rounds in turn: each round starts one server later (E N T, N T E, T E N, ...), so that
            // none always follows Earmark's phase, whose background work (the search feed, collections) may run on.
            List<Server> servers = List.of(new Server(EARMARK, earmarkUrl, cookies, taggers),
                    new Server(NGINX, nginxUrl, null, List.of()), new Server(TOMCAT, tomcatUrl, null, List.of()));
            for (Server server : servers) {
                phases.add(phase(pool, server, ready.recordingId(), criteria, served, WARM_UP_SECONDS, false, random));
            }
            int rounds = Math.max(1, Math.round(SECONDS / (float) PHASE_SECONDS));
            double seconds = SECONDS / (double) rounds;
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < servers.size(); k++) {
                    phases.add(phase(pool, servers.get((round + k) % servers.size()), ready.recordingId(), criteria,
                            served, seconds, true, random));
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        int saved = (int) phases.stream().flatMap(p -> p.tags().stream()).filter(TaggingSession.Answer::ok).count();
        int inDatabase = signedIn.as("assessor", () -> tags.forRecording(ready.recordingId())).size();
        return new UnderLoad(phases, saved, inDatabase, (System.nanoTime() - started) / 1e9);
    }

    /**
     * A server under load: where its players ask, their session cookies (one per player; {@code null}: none) and who
     * tags on it meanwhile (Earmark's assessors; none elsewhere).
     */
    record Server(String name, String url, List<String> cookies, List<TaggingSession> taggers) {
    }

    /**
     * Every player (and every one tagging on the server) on its own thread for {@code seconds}; each player's
     * connection is closed at the end, so the next phase starts on fresh ones.
     */
    private static Phase phase(ExecutorService pool, Server server, long recordingId, List<Long> criteria,
            BigFile file, double seconds, boolean measured, SplittableRandom random) throws Exception {
        String loadBefore = Bench.loadAverage();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<List<SeekingPlayer.Read>>> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            SplittableRandom own = random.split();
            String cookie = server.cookies() == null ? null : server.cookies().get(i);
            players.add(pool.submit(() -> seek(new SeekingPlayer(server.url(), cookie, file), own, deadline)));
        }
        List<Future<List<TaggingSession.Answer>>> tagging = new ArrayList<>();
        for (TaggingSession tagger : server.taggers()) {
            SplittableRandom own = random.split();
            tagging.add(pool.submit(() -> tag(tagger, recordingId, criteria, own, deadline)));
        }
        long started = System.nanoTime();
        List<SeekingPlayer.Read> reads = new ArrayList<>();
        for (Future<List<SeekingPlayer.Read>> player : players) {
            reads.addAll(player.get());
        }
        List<TaggingSession.Answer> answers = new ArrayList<>();
        for (Future<List<TaggingSession.Answer>> tagger : tagging) {
            answers.addAll(tagger.get());
        }
        double took = (System.nanoTime() - started) / 1e9;
        long errors = reads.stream().filter(r -> !r.ok()).count();
        List<Double> firstBytes = reads.stream().filter(SeekingPlayer.Read::ok)
                .map(SeekingPlayer.Read::firstByteMillis).toList();
        String firstByte = firstBytes.isEmpty() ? "-" : String.format(java.util.Locale.ROOT, "p50 %.3f p95 %.3f ms",
                Stats.of(firstBytes).median(), Stats.of(firstBytes).p95());
        System.out.printf(java.util.Locale.ROOT, "[bench] %s %s phase: %.1f s, %d reads (%d errors), %d tags (%d"
                + " errors), first byte %s, load %s%n", server.name(), measured ? "measured" : "warm-up", took,
                reads.size(), errors, answers.size(), answers.stream().filter(a -> !a.ok()).count(), firstByte,
                Bench.loadAverage());
        return new Phase(server.name(), measured, took, reads, answers, loadBefore, Bench.loadAverage());
    }

    private static List<SeekingPlayer.Read> seek(SeekingPlayer player, SplittableRandom random, long deadline)
            throws InterruptedException {
        List<SeekingPlayer.Read> reads = new ArrayList<>();
        try (player) {
            // Players start at random moments within one pause, not all at once.
            Thread.sleep(random.nextInt(2 * PLAYER_PAUSE_MS + 1));
            while (System.nanoTime() < deadline) {
                reads.add(player.range(random.nextLong(SIZE - RANGE + 1), RANGE));
                Thread.sleep(random.nextInt(2 * PLAYER_PAUSE_MS + 1));
            }
        }
        return reads;
    }

    private static List<TaggingSession.Answer> tag(TaggingSession tagger, long recordingId, List<Long> criteria,
            SplittableRandom random, long deadline) throws InterruptedException {
        List<TaggingSession.Answer> answers = new ArrayList<>();
        Thread.sleep(random.nextInt(TAGGER_PAUSE_MS + 1));
        while (System.nanoTime() < deadline) {
            answers.add(tagger.tag(recordingId, random.nextLong(RECORDING_MS - 60_000),
                    criteria.get(random.nextInt(criteria.size()))));
            Thread.sleep(TAGGER_PAUSE_MS / 2 + random.nextInt(TAGGER_PAUSE_MS + 1));
        }
        return answers;
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
