package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.bench.BenchMedia.Kind;
import app.earmark.bench.WorkspaceProbe.Opening;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.RecorderPages;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The tagging workspace in Debian's headless Chromium, on real 3-hour recordings made READY by the real ingest (so
 * the waveform's peaks are real) with 300 tags each: how long the workspace takes to open and draw; how long a tag
 * placed by keyboard takes from the Enter key to saved and drawn; how much heap the server keeps per open workspace
 * session (browsers driven from a separate JVM, class histograms of the server's heap); and how much of a live
 * recording is lost when the browser is killed mid-recording. Writes the "Workspace" section of the benchmark report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-workspace;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-workspace-store",
        "earmark.data-dir=target/bench-workspace-data",
        "earmark.live.abandon-after=6s",
        "earmark.live.sweep-interval=PT1S"})
@DirtiesContext
class WorkspaceBenchmark extends BrowserTest {

    static final int MINUTES = 180;
    static final int TAGS = 300;
    static final int SPAN_EVERY = 5;
    static final int NOTE_EVERY = 10;
    static final int WARM_UP = 3;
    static final int OPENINGS = 20;
    static final double OPEN_TARGET_MS = 1000;
    static final int KEY_TAGS = 100;
    static final double KEY_TARGET_MS = 50;
    static final List<Integer> SESSION_COUNTS = List.of(10, 20);
    static final double SESSION_TARGET_BYTES = 2 * 1024 * 1024;
    static final int LOSS_RUNS = 3;
    static final long RECORD_BEFORE_KILL_MS = 20_000;
    static final double LOSS_TARGET_MS = 5000;
    static final String ABANDON_AFTER = "6 s";
    /** The 3-hour WebM with video is optional: {@code -Dearmark.bench.workspace.video=false} leaves it out. */
    static final boolean VIDEO = Boolean.parseBoolean(System.getProperty("earmark.bench.workspace.video", "true"));
    private static final Duration INGEST_LIMIT = Duration.ofMinutes(30);

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
    @Autowired
    EntityManagerFactory entityManagers;

    /** Hibernate's counters, for the SQL statements the server runs per opening and per tag. */
    private Statistics statistics;
    /** The machine's load average (1 min) at the start and end of each part, by part. */
    private final Map<String, String> load = new LinkedHashMap<>();

    /** A discussion with one ready 3-hour recording and its 300 tags. */
    record Prepared(Kind kind, long inputBytes, long discussionId, RecordingSummary recording, double ingestSeconds,
            List<TagView> tags, double tagSeconds) {

        String path() {
            return "/discussions/" + discussionId + "/workspace";
        }

        String label() {
            return kind.name() + (kind.video ? " (audio and video)" : " (audio only)");
        }
    }

    /** The measured openings of one recording's workspace, and the SQL statements the server ran for each. */
    record Openings(Prepared prepared, List<Opening> runs, List<Long> statements) {
    }

    /**
     * One tag placed by keyboard, from the browser's clock: Enter → the tag's request sent, request → the server's
     * answer starting (the server's time, on loopback), the answer's transfer, and its end → the tag drawn; the
     * answer's size; and, of the server's time, the part spent in the tag's handler (its {@code Server-Timing}).
     */
    record TagTiming(double toRequest, double server, double transfer, double afterAnswer, double answerBytes,
            double handler) {
    }

    /** Tags placed by keyboard: the component's latencies, their breakdown, statements, what the database holds. */
    record KeyTagging(List<Double> latencies, List<TagTiming> timings, List<Long> statements, int tagsBefore,
            int tagsAfter, int verified) {
    }

    /** Heap histograms of the server with {@code count} browser sessions: idle, before, all open, after closing. */
    record MemoryRun(int count, HeapHistogram idle, HeapHistogram before, HeapHistogram open, HeapHistogram after,
            long usedBefore, long usedOpen, List<BrowserSessions.Session> sessions) {

        double perSessionBytes() {
            return (double) (open.totalBytes() - before.totalBytes()) / count;
        }

        double perSessionUsedBytes() {
            return (double) (usedOpen - usedBefore) / count;
        }

        double afterClosePerSessionBytes() {
            return (double) (after.totalBytes() - before.totalBytes()) / count;
        }

        double noiseBytes() {
            return before.totalBytes() - idle.totalBytes();
        }
    }

    /** One live recording whose browser was killed. */
    record LossRun(long recordingId, double recordedMs, long keptMs, double closedAfterSeconds, String message) {

        double lostMs() {
            return recordedMs - keptMs;
        }
    }

    @Test
    void openingTaggingSessionMemoryAndKilledRecordings() throws Exception {
        Machine machine = Machine.thisOne();
        long started = System.nanoTime();
        statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        Path audioFile = BenchMedia.recording(Kind.M4A, MINUTES);
        Path videoFile = VIDEO ? BenchMedia.recording(Kind.WEBM, MINUTES) : null;
        double generation = (System.nanoTime() - started) / 1e9;

        List<Prepared> prepared = new ArrayList<>();
        prepared.add(prepare(Kind.M4A, audioFile));
        if (videoFile != null) {
            prepared.add(prepare(Kind.WEBM, videoFile));
        }

        context.addInitScript(WorkspaceProbe.INIT_SCRIPT);
        signInAs("assessor");
        List<Openings> openings = new ArrayList<>();
        for (Prepared recording : prepared) {
            load("opening " + recording.kind());
            openings.add(measureOpenings(recording));
            load("opening " + recording.kind());
        }
        Prepared audio = prepared.get(0);
        page.navigate("about:blank");
        List<MemoryRun> memory = new ArrayList<>();
        for (int count : SESSION_COUNTS) {
            load(count + " sessions");
            memory.add(measureMemory(audio, count));
            load(count + " sessions");
        }
        load("tagging by key");
        KeyTagging keys = measureKeyTagging(audio);
        load("tagging by key");
        List<LossRun> losses = new ArrayList<>();
        load("killed browsers");
        for (int run = 1; run <= LOSS_RUNS; run++) {
            losses.add(measureLoss(run));
        }
        load("killed browsers");
        double total = (System.nanoTime() - started) / 1e9;

        BenchmarkReport.configured().replaceSection("Workspace",
                WorkspaceReport.write(openings, keys, memory, losses, load.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList(), generation, total), machine);

        assertThat(keys.verified()).as("tags placed by keyboard found in the database as typed").isEqualTo(KEY_TAGS);
        for (MemoryRun run : memory) {
            assertThat(run.sessions()).as("browser sessions with the workspace ready").hasSize(run.count())
                    .allSatisfy(s -> assertThat(s.drawnTagCount()).isEqualTo(TAGS));
        }
        for (LossRun run : losses) {
            assertThat(run.message()).as("recording %d closed as abandoned", run.recordingId())
                    .contains("stopped unexpectedly");
        }
    }

    // ---- the recordings ----

    /** A new discussion, a recording of the file made READY by the real ingest, and 300 tags over it. */
    Prepared prepare(Kind kind, Path file) throws Exception {
        long discussion = recordings.discussionWithLearner().id();
        String sha = fixtures.storeOriginal(file);
        long started = System.nanoTime();
        long id = fixtures.queue(discussion, sha, "discussion." + kind.extension);
        RecordingSummary ready = fixtures.recording(id);
        while (ready.state().inProgress()) {
            if (System.nanoTime() - started > INGEST_LIMIT.toNanos()) {
                throw new AssertionError("Ingest of the " + kind + " recording did not finish: " + ready);
            }
            Thread.sleep(200);
            ready = fixtures.recording(id);
        }
        double ingest = (System.nanoTime() - started) / 1e9;
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.peaks()).as("waveform peaks of the %s recording", kind).isNotEmpty();
        System.out.printf("[bench] %s, %d min: READY after %.1f s of ingest%n", kind, MINUTES, ingest);

        List<AssessedCriterion> criteria = signedIn.as("assessor", () -> discussions.criteria(discussion));
        long duration = ready.durationMillis();
        SplittableRandom random = new SplittableRandom(TAGS);
        long tagStarted = System.nanoTime();
        List<TagView> made = new ArrayList<>();
        for (int i = 0; i < TAGS; i++) {
            // One tag in each 1/300 of the recording (less its last two minutes), at a random moment within it.
            long start = 5_000 + (long) ((i + random.nextDouble()) * (duration - 120_000) / TAGS);
            Long end = i % SPAN_EVERY == SPAN_EVERY - 1 ? start + 15_000 + random.nextInt(75_000) : null;
            Set<Long> acs = new LinkedHashSet<>();
            acs.add(criteria.get(random.nextInt(criteria.size())).id());
            if (i % 3 == 2) {
                acs.add(criteria.get(random.nextInt(criteria.size())).id());
            }
            String note = i % NOTE_EVERY == 0 ? "Explains the contracting stage with an example from practice (tag "
                    + (i + 1) + "): agreed goals, confidentiality and how progress will be reviewed." : null;
            made.add(signedIn.as("assessor", () -> tags.create(id, new Tags.TagDraft(start, end, acs, note))));
        }
        double tagSeconds = (System.nanoTime() - tagStarted) / 1e9;
        return new Prepared(kind, Files.size(file), discussion, ready, ingest, made, tagSeconds);
    }

    // ---- 1. opening the workspace ----

    private Openings measureOpenings(Prepared recording) {
        List<Opening> runs = new ArrayList<>();
        List<Long> statements = new ArrayList<>();
        for (int i = 0; i < WARM_UP + OPENINGS; i++) {
            page.navigate("about:blank");
            long before = statistics.getPrepareStatementCount();
            page.navigate(url(recording.path()));
            Opening opening = WorkspaceProbe.awaitReady(page, true);
            long ran = statistics.getPrepareStatementCount() - before;
            assertThat(opening.waveform()).as("waveform drawn").isTrue();
            assertThat(opening.drawnTagCount()).as("tags drawn on the waveform").isEqualTo(TAGS);
            assertThat(opening.listedTags()).as("tags listed").isEqualTo(TAGS);
            assertThat(opening.canvases()).as("waveform canvases").isPositive();
            System.out.printf("[bench] %s workspace %s %d: ready %.0f ms after navigation start (component: %.0f ms)%n",
                    recording.kind(), i < WARM_UP ? "warm-up" : "run", i < WARM_UP ? i + 1 : i - WARM_UP + 1,
                    opening.readyAtMs(), opening.componentMs());
            if (i >= WARM_UP) {
                runs.add(opening);
                statements.add(ran);
            }
        }
        return new Openings(recording, runs, statements);
    }

    // ---- 2. tagging by keyboard ----

    private KeyTagging measureKeyTagging(Prepared recording) {
        long recordingId = recording.recording().id();
        int before = signedIn.as("assessor", () -> tags.forRecording(recordingId)).size();
        page.navigate(url(recording.path()));
        WorkspaceProbe.awaitReady(page, true);
        page.evaluate("() => { window.earmarkTagLatencies = []; document.querySelector('#player').muted = true;"
                + " performance.clearResourceTimings(); performance.setResourceTimingBufferSize(10000); }");
        long delay = Long.parseLong(page.locator("#workspace").getAttribute("reaction-delay-ms"));
        List<AssessedCriterion> criteria = signedIn.as("assessor",
                () -> discussions.criteria(recording.discussionId()));
        double seconds = recording.recording().durationMillis() / 1000.0;
        SplittableRandom random = new SplittableRandom(KEY_TAGS);
        List<long[]> expected = new ArrayList<>();
        List<Long> statements = new ArrayList<>();
        for (int i = 0; i < KEY_TAGS; i++) {
            double target = 30 + (i + random.nextDouble()) * (seconds - 90) / KEY_TAGS;
            double at = ((Number) page.evaluate("t => { const p = document.querySelector('#player');"
                    + " p.currentTime = t; return new Promise(done => p.addEventListener('seeked',"
                    + " () => done(p.currentTime), {once: true})); }", target)).doubleValue();
            page.evaluate("() => document.activeElement && document.activeElement.blur()");
            AssessedCriterion ac = criteria.get(i % criteria.size());
            long statementsBefore = statistics.getPrepareStatementCount();
            page.keyboard().type(ac.number());
            page.keyboard().press("Enter");
            page.waitForFunction("n => (window.earmarkTagLatencies || []).length >= n", i + 1);
            statements.add(statistics.getPrepareStatementCount() - statementsBefore);
            String alert = page.locator("#workspace .tag-prompt-message").textContent();
            assertThat(alert).as("no refusal for tag %d", i + 1).isBlank();
            expected.add(new long[] {Math.max(0, Math.round(at * 1000) - delay), ac.id()});
        }
        // The page that made the changes has them from its answers: none was pushed back to it.
        assertThat(page.evaluate("() => document.querySelector('#workspace').pushedChangeCount")).isEqualTo(0);
        @SuppressWarnings("unchecked")
        List<Object> raw = (List<Object>) page.evaluate("() => window.earmarkTagLatencies");
        List<Double> latencies = raw.stream().map(v -> ((Number) v).doubleValue()).toList();
        List<TagTiming> timings = timings(latencies, WorkspaceProbe.keyTraffic(page));
        List<TagView> after = signedIn.as("assessor", () -> tags.forRecording(recordingId));
        Set<Long> preexisting = new HashSet<>(recording.tags().stream().map(TagView::id).toList());
        List<TagView> fresh = new ArrayList<>(after.stream().filter(t -> !preexisting.contains(t.id())).toList());
        int verified = 0;
        for (long[] wanted : expected) {
            var match = fresh.stream().filter(t -> Math.abs(t.startMs() - wanted[0]) <= 2 && t.endMs() == null
                    && t.criterionIds().equals(List.of(wanted[1])) && "assessor".equals(t.createdBy())).findFirst();
            if (match.isPresent()) {
                verified++;
                fresh.remove(match.get());
            }
        }
        return new KeyTagging(latencies, timings, statements, before, after.size(), verified);
    }

    /** Each tag's latency split at the first request that made a tag after its Enter key press. */
    private static List<TagTiming> timings(List<Double> latencies, WorkspaceProbe.KeyTraffic traffic) {
        assertThat(traffic.enters()).as("Enter key presses seen by the page").hasSameSizeAs(latencies);
        List<TagTiming> timings = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            double enter = traffic.enters().get(i);
            List<Double> request = traffic.tagRequests().stream().filter(u -> u.get(0) >= enter).findFirst()
                    .orElseThrow(() -> new AssertionError("No request to the server after Enter " + enter));
            double sent = request.get(1) > 0 ? request.get(1) : request.get(0);
            timings.add(new TagTiming(request.get(0) - enter, request.get(2) - sent, request.get(3) - request.get(2),
                    enter + latencies.get(i) - request.get(3), request.get(4), request.get(5)));
        }
        return timings;
    }

    // ---- 3. server memory per session ----

    private MemoryRun measureMemory(Prepared recording, int count) throws Exception {
        Path dir = Bench.dir("bench-workspace");
        Thread.sleep(2000);
        HeapHistogram idle = histogram(dir, count, "idle");
        Thread.sleep(5000);
        HeapHistogram before = histogram(dir, count, "before");
        long usedBefore = usedHeap();
        Path log = dir.resolve("browser-sessions-" + count + ".log");
        Path chromium = Path.of(System.getProperty("earmark.test.chromium", "/usr/bin/chromium"));
        try (BrowserSessions sessions = BrowserSessions.open(url(""), recording.path(), count, "assessor", "demo",
                chromium, CHROMIUM_FLAGS, log, Duration.ofMinutes(15))) {
            Thread.sleep(3000);
            HeapHistogram open = histogram(dir, count, "open");
            long usedOpen = usedHeap();
            System.out.printf("[bench] %d sessions: heap %.1f MB before, %.1f MB open (%.0f kB per session)%n", count,
                    before.totalBytes() / 1e6, open.totalBytes() / 1e6,
                    (open.totalBytes() - before.totalBytes()) / 1e3 / count);
            sessions.closeAll(Duration.ofMinutes(2));
            Thread.sleep(3000);
            HeapHistogram after = histogram(dir, count, "after");
            return new MemoryRun(count, idle, before, open, after, usedBefore, usedOpen, sessions.sessions());
        }
    }

    private static HeapHistogram histogram(Path dir, int count, String moment) {
        return HeapHistogram.take(dir.resolve("heap-" + count + "-sessions-" + moment + ".txt"),
                List.of(WorkspaceReport.UI_CLASS, WorkspaceReport.WORKSPACE_CLASS, WorkspaceReport.HTTP_SESSION_CLASS));
    }

    /** Heap in use, read right after a histogram's full collection. */
    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- 4. a browser killed while recording ----

    /** Notes the load average at the start of a part, then (called again) at its end. */
    private void load(String part) {
        String average;
        try {
            average = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            average = "unknown";
        }
        load.merge(part, average, (start, end) -> start + " → " + end);
    }

    private LossRun measureLoss(int run) throws InterruptedException {
        long discussion = recordings.discussionWithLearner().id();
        String marker = "--earmark-bench-browser=" + UUID.randomUUID();
        List<String> flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add(marker);
        Playwright own = newPlaywright();
        double recordedMs;
        long recordingId;
        long killed;
        try {
            Browser browser = launch(own, flags);
            Page recorder = browser.newContext().newPage();
            recorder.setDefaultTimeout(20_000);
            signInAs(recorder, "assessor");
            recordingId = RecorderPages.startRecording(recorder, url("/discussions/" + discussion + "/record"));
            RecorderPages.waitUntilElapsed(recorder, RECORD_BEFORE_KILL_MS);
            recordedMs = RecorderPages.elapsedMs(recorder);
            killBrowser(marker);
            killed = System.nanoTime();
        } finally {
            try {
                own.close();
            } catch (RuntimeException alreadyGone) {
                // The browser was killed on purpose.
            }
        }
        RecordingSummary kept = fixtures.recording(recordingId);
        while (kept.state().inProgress()) {
            if (System.nanoTime() - killed > Duration.ofMinutes(3).toNanos()) {
                throw new AssertionError("The abandoned recording was not closed and ingested: " + kept);
            }
            Thread.sleep(100);
            kept = fixtures.recording(recordingId);
        }
        double closedAfter = (System.nanoTime() - killed) / 1e9;
        assertThat(kept.state()).as(kept.message()).isEqualTo(RecordingState.READY);
        System.out.printf("[bench] killed browser %d: %.0f ms recorded, %d ms kept, READY %.1f s after the kill%n",
                run, recordedMs, kept.durationMillis(), closedAfter);
        return new LossRun(recordingId, recordedMs, kept.durationMillis(), closedAfter, kept.message());
    }

    /** Kills the Chromium processes whose command line carries the marker, and all their children, at once. */
    private static void killBrowser(String marker) {
        List<ProcessHandle> browsers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
        assertThat(browsers).as("the benchmark's own Chromium").isNotEmpty();
        for (ProcessHandle process : browsers) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
