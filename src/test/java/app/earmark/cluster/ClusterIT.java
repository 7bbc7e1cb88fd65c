package app.earmark.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.media.S3ProxyServer;
import app.earmark.room.RoomPages;
import app.earmark.workspace.RecorderPages;
import app.earmark.support.PostgresServer;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster of docs/deployment.md, every part a real process this test owns: PostgreSQL (Debian's), S3Proxy (the
 * object store), two Earmark nodes ({@code java -jar target/earmark.jar} with the documented settings, routes
 * {@code a} and {@code b}) and nginx in front of them running the shipped docs/deployment/nginx.conf. One set of
 * servers for all steps, in order; every process is stopped and waited for at the end, also when a step fails.
 *
 * <p>Settings that differ from a production node, for the test's sake: db-scheduler's heartbeat every 1 s with 4
 * missed beats (a dead node's job is taken over after about 4 s rather than a minute), no ingest or copy worker
 * started ahead (the machine is small), no PDF warm-up, a silent live recording closed after 15 s (not 2 minutes),
 * demo data on (the accounts the steps sign in with).
 */
@ExtendWith(PostgresServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String SESSION_COOKIE = "JSESSIONID";
    /** A table only start-up work touches (the shipped catalogue is stored before demo data and readiness). */
    private static final String START_UP_TABLE = "catalogue_unit";
    /** Headless and offline, with a fake camera and microphone, as the browser tests run it (support/BrowserTest). */
    private static final List<String> CHROMIUM_FLAGS = List.of("--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required");

    private Path run;
    private S3ProxyServer s3;
    private EarmarkNode a;
    private EarmarkNode b;
    private ClusterProxy proxy;
    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private Long discussion;

    @BeforeAll
    void startCluster() throws Exception {
        run = Files.createDirectories(Path.of("target", "cluster-it", Instant.now().toString().replace(':', '-'))
                .toAbsolutePath());
        s3 = S3ProxyServer.start();
        Files.createDirectories(run.resolve("audit"));
        List<String> shared = List.of(
                "--spring.datasource.url=" + PostgresServer.jdbcUrl(),
                "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password=",
                "--earmark.media-store-type=s3", "--earmark.s3.endpoint=" + s3.endpoint(),
                "--earmark.s3.region=us-east-1", "--earmark.s3.bucket=" + S3ProxyServer.BUCKET,
                "--earmark.s3.access-key=" + S3ProxyServer.IDENTITY,
                "--earmark.s3.secret-key=" + S3ProxyServer.CREDENTIAL, "--earmark.s3.path-style-access=true",
                "--earmark.s3.part-size=5MB",
                "--earmark.audit.key-file=" + run.resolve("audit").resolve("audit-signing-key.pem"),
                "--server.forward-headers-strategy=native",
                "--earmark.demo=true",
                "--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
                "--earmark.recordings.ingest-worker-standby=0", "--earmark.recordings.copy-worker-standby=0",
                "--earmark.live.abandon-after=15s", "--earmark.live.sweep-interval=3s",
                "--earmark.sheets.warm-up-pdf=false");
        a = EarmarkNode.prepare("a", run, shared);
        b = EarmarkNode.prepare("b", run, shared);
        // The first node migrates the empty database and creates the demo centre; b starts in the first step.
        a.start();
        a.awaitReady(START_LIMIT);
        proxy = ClusterProxy.start(run, a, b);
    }

    @AfterAll
    void stopCluster() {
        List<AutoCloseable> all = new ArrayList<>();
        contexts.forEach(c -> all.add(c::close));
        if (browser != null) {
            all.add(browser::close);
        }
        if (playwright != null) {
            all.add(playwright::close);
        }
        all.addAll(java.util.Arrays.asList(proxy, a, b, s3));
        for (AutoCloseable closeable : all) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("ClusterIT: stopping " + closeable + " failed: " + e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Node b starts while the start-up work cannot finish (the test holds a lock on a table only that work writes):
     * its port opens, and readiness answers 503 the whole time, then 200 once the work is done (the log says so
     * first); while it is not ready, requests the proxy sends to it (a session pinned to b) are answered by a.
     */
    @Test
    @Order(1)
    void readinessIsFalseUntilANodeHasStarted() throws Exception {
        List<EarmarkNode.Readiness> seen = new ArrayList<>();
        String servedWhileStarting;
        try (Connection lock = database()) {
            lock.setAutoCommit(false);
            try (var statement = lock.createStatement()) {
                statement.execute("lock table " + START_UP_TABLE + " in access exclusive mode");
            }
            b.start();
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            int notReady = 0;
            while (notReady < 10) {
                assertThat(b.isAlive()).as("b runs:\n" + b.tail(40)).isTrue();
                assertThat(System.nanoTime()).as("b's port opens while its start-up work waits:\n" + b.tail(40))
                        .isLessThan(deadline);
                EarmarkNode.Readiness readiness = b.readiness();
                seen.add(readiness);
                if (readiness.status() != -1) {
                    notReady++;
                }
                Thread.sleep(100);
            }
            // b listens but has not finished starting: what does the proxy do with a session pinned to b?
            servedWhileStarting = servedBy(Optional.of("pinned-while-starting.b"));
            seen.add(b.readiness());
            lock.rollback();
        }
        long released = System.nanoTime();
        EarmarkNode.Readiness now;
        while (!(now = b.readiness()).up()) {
            seen.add(now);
            assertThat(Duration.ofNanos(System.nanoTime() - released)).as("b ready after its start-up work:\n"
                    + b.tail(40)).isLessThan(START_LIMIT);
            Thread.sleep(100);
        }
        String log = b.logText();
        seen.add(now);

        List<Integer> statuses = seen.stream().map(EarmarkNode.Readiness::status).toList();
        System.out.println("ClusterIT: readiness of b while it started: " + compress(statuses));
        assertThat(statuses.subList(0, statuses.size() - 1)).as("not ready (refused or 503) until the last answer")
                .allMatch(s -> s == -1 || s == 503);
        assertThat(statuses).contains(503);
        assertThat(seen.stream().filter(r -> r.status() == 503).map(EarmarkNode.Readiness::body))
                .allMatch(body -> body.contains("OUT_OF_SERVICE") || body.contains("DOWN"));
        assertThat(log).as("the start-up work (catalogue, demo data) was done before b said it was ready")
                .contains("Catalogue: ").contains("Demo data is on");
        assertThat(servedWhileStarting).as("the proxy sent nothing to b before it was ready").isEqualTo("a");
    }

    /** Which node answered a fresh request through the proxy (the route its new session id ends in). */
    private String servedBy(Optional<String> sessionCookie) throws Exception {
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.url("/login")))
                .timeout(Duration.ofSeconds(30));
        sessionCookie.ifPresent(c -> request.header("Cookie", SESSION_COOKIE + "=" + c));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SESSION_COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no new session from " + response.statusCode() + " "
                        + response.headers().map()));
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        return id.substring(id.lastIndexOf('.') + 1);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Two browsers through the proxy, one pinned to a and one to b by their session cookies, the same recording's
     * workspace open on both: a tag keyed on a appears on b's page within a few seconds (the cluster bus, then
     * b's push).
     */
    @Test
    @Order(2)
    void aTagMadeOnOneNodeAppearsLiveOnTheOther() throws Exception {
        bothNodesUp();
        long discussion = discussion();
        ClusterSession uploader = pinned("a");
        Path file = audio("short-talk.m4a", 30, "aac", "96k");
        upload(uploader, discussion, "short-talk.m4a", file);
        long recording = awaitRecording(discussion, "short-talk.m4a", "READY", Duration.ofMinutes(2));

        Page onA = signedInPage("a", "assessor");
        Page onB = signedInPage("b", "assessor");
        Locator mine = workspace(onA, discussion);
        Locator theirs = workspace(onB, discussion);
        assertThat(theirs.locator(".tag-item")).hasCount(0);

        onA.locator("body").click();
        onA.keyboard().type("1.1");
        onA.keyboard().press("Enter");
        long keyed = System.nanoTime();
        assertThat(mine.locator(".tag-item")).hasCount(1);
        assertThat(theirs.locator(".tag-item")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5_000));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - keyed);
        System.out.println("ClusterIT: the tag keyed on a showed on b after " + millis + " ms");
        assertThat(theirs.locator(".tag-item")).hasAttribute("data-start-ms",
                mine.locator(".tag-item").getAttribute("data-start-ms"));
        assertThat(sessionRoute(onA)).isEqualTo("a");
        assertThat(sessionRoute(onB)).isEqualTo("b");
        try (Connection db = database(); var query = db.prepareStatement(
                "select count(*) from tag where recording_id = ?")) {
            query.setLong(1, recording);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one tag stored").isEqualTo(1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A remote discussion with its parties on different nodes: the assessor's browser pinned to a, the learner's to b.
     * Each sees the other in the room (each node's roster over the cluster bus); the learner's page hears the
     * assessor's consent; the call connects both ways, its signalling carried from node to node, and sound arrives
     * each way; each browser sends its recording's parts to its own node. When the assessor ends the room on a, the
     * learner's page on b hears it and finishes its recording; both tracks are ingested, and so is the room's
     * combined recording of the two.
     */
    @Test
    @Order(3)
    void aRemoteDiscussionConnectsAnAssessorOnOneNodeWithALearnerOnTheOther() throws Exception {
        bothNodesUp();
        Page assessor = signedInPage("a", "assessor");
        long discussion = newDiscussion(assessor, "Remote");
        Page learner = signedInPage("b", "learner");
        String room = proxy.browserUrl("/discussions/" + discussion + "/room");
        // Cross-node presence and signalling, two browsers and two nodes on a shared 2-core machine.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        try {
            assessor.navigate(proxy.browserUrl("/discussions/" + discussion));
            assessor.locator("#start-remote-discussion").click();
            assessor.waitForURL(room);
            RoomPages.join(assessor);
            learner.navigate(proxy.browserUrl("/"));
            learner.locator("#join-remote-discussion-" + discussion).click();
            learner.waitForURL(room);
            RoomPages.join(learner);
            assertThat(assessor.locator("#room-presence")).containsText("Lee Learner (learner)");

            assessor.locator("#room-consent").click();
            assertThat(learner.locator("#room-recording")).containsText("waiting for the learner");
            learner.locator("#room-consent").click();
            var connected = new Page.WaitForFunctionOptions().setTimeout(30_000);
            assessor.waitForFunction(RoomPages.CONNECTED_TO, "LEARNER", connected);
            learner.waitForFunction(RoomPages.CONNECTED_TO, "ASSESSOR", connected);
            RoomPages.awaitAudio(assessor, "LEARNER");
            RoomPages.awaitAudio(learner, "ASSESSOR");
            assertThat(assessor.locator("#room")).hasAttribute("data-recording", "true");
            assertThat(learner.locator("#room")).hasAttribute("data-recording", "true");
            assertThat(assessor.locator("#room-recording")).containsText("Lee Learner (learner)");
            assertThat(learner.locator("#room-recording")).containsText("Sam Assessor (assessor)");
            assertThat(sessionRoute(assessor)).isEqualTo("a");
            assertThat(sessionRoute(learner)).isEqualTo("b");
            Map<String, Long> tracks = awaitRoomParts(discussion, 2, Duration.ofSeconds(40));
            assertThat(tracks).containsOnlyKeys("ASSESSOR", "LEARNER");

            assessor.locator("#room-end").click();
            assertThat(learner.locator("#room")).hasAttribute("data-state", "ended");
            assertThat(learner.locator("#room-recording")).containsText("The assessor ended the remote discussion");
            assertThat(learner.locator("#room")).hasAttribute("data-recording", "finished",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(assessor.locator("#room")).hasAttribute("data-recording", "finished",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(learner.locator("#room-status")).containsText("Your recording has reached Earmark completely");
        } finally {
            PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        }
        for (long track : Set.copyOf(awaitRoomParts(discussion, 1, Duration.ofSeconds(5)).values())) {
            RecordingRow row = awaitState(track, "READY", Duration.ofMinutes(3));
            assertThat(row.state()).as("the room track " + track + ": " + row.message()).isEqualTo("READY");
        }
        long combined = awaitCombined(discussion, Duration.ofMinutes(3));
        RecordingRow mixed = awaitState(combined, "READY", Duration.ofMinutes(3));
        assertThat(mixed.state()).as("the room's combined recording: " + mixed.message()).isEqualTo("READY");
    }

    /** Each party's newest room track in the discussion, once at least {@code parts} parts of each have arrived. */
    private static Map<String, Long> awaitRoomParts(long discussion, int parts, Duration limit) throws Exception {
        String sql = "select t.party, t.recording_id, r.chunks from room_track t join room_session s on s.id ="
                + " t.session_id join recording r on r.id = t.recording_id where s.discussion_id = ?"
                + " and t.recording_id = (select max(u.recording_id) from room_track u where u.session_id ="
                + " t.session_id and u.party = t.party)";
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Long> tracks = new java.util.TreeMap<>();
        Map<String, Integer> chunks = new java.util.TreeMap<>();
        while (System.nanoTime() < deadline) {
            tracks.clear();
            chunks.clear();
            try (Connection db = database(); var query = db.prepareStatement(sql)) {
                query.setLong(1, discussion);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        tracks.put(rs.getString(1), rs.getLong(2));
                        chunks.put(rs.getString(1), rs.getInt(3));
                    }
                }
            }
            if (chunks.size() == 2 && chunks.values().stream().allMatch(n -> n >= parts)) {
                return tracks;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not " + parts + " parts from both parties within " + limit + ": " + chunks);
    }

    /** The room's combined recording of the discussion's (one) room session, once it exists. */
    private static long awaitCombined(long discussion, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection db = database(); var query = db.prepareStatement("select c.recording_id from"
                    + " room_combined c join room_session s on s.id = c.session_id where s.discussion_id = ?")) {
                query.setLong(1, discussion);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no combined recording of the room within " + limit);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * With both nodes up, db-scheduler's recurring {@code recording-ingest-check} (every 5 s) keeps one row, and each
     * run of it is at least a period after the one before: one run per period across the two nodes, not one per
     * node.
     */
    @Test
    @Order(4)
    void aPeriodicTaskRunsOnceAcrossBoth() throws Exception {
        bothNodesUp();
        TreeSet<Instant> successes = new TreeSet<>();
        Set<String> pickedBy = new LinkedHashSet<>();
        Duration window = Duration.ofSeconds(21);
        long end = System.nanoTime() + window.toNanos();
        try (Connection db = database(); var query = db.prepareStatement("select last_success, picked_by,"
                + " (select count(*) from scheduled_tasks where task_name = t.task_name) from scheduled_tasks t"
                + " where task_name = 'recording-ingest-check'")) {
            while (System.nanoTime() < end) {
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).as("the recurring task has its row").isTrue();
                    Timestamp success = rs.getTimestamp(1);
                    if (success != null) {
                        successes.add(success.toInstant());
                    }
                    if (rs.getString(2) != null) {
                        pickedBy.add(rs.getString(2));
                    }
                    assertThat(rs.getInt(3)).as("one row for the task across the cluster").isEqualTo(1);
                }
                Thread.sleep(50);
            }
        }
        List<Instant> runs = new ArrayList<>(successes);
        System.out.println("ClusterIT: recording-ingest-check ran at " + runs + ", picked by " + pickedBy);
        assertThat(runs.size()).as("runs in " + window + " (every 5 s)").isBetween(3, 5);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i))).as("runs a period apart: " + runs)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * PostgreSQL stops as in a crash or a failover to a standby at the same address ({@code pg_ctl stop -m immediate}:
     * every connection cut) while a recording is being processed, and is back a second later. Both nodes find it again
     * by themselves: the ingest carries on and finishes (one recording, ready, the original's SHA-256, one attempt, its
     * job gone), both nodes answer ready, and a tag keyed on a still appears live on b (each node's bus listens again).
     */
    @Test
    @Order(5)
    void bothNodesCarryOnAfterADatabaseRestartMidIngestWithNothingLostOrDoubled() throws Exception {
        bothNodesUp();
        long discussion = discussion();
        Path file = audio("failover-talk.wma", 900, "wmav2", "32k");
        String sha256 = BenchmarkFixtures.sha256(file);
        upload(pinned("a"), discussion, "failover-talk.wma", file);
        long recording = awaitRecording(discussion, "failover-talk.wma", null, Duration.ofMinutes(1));
        Job claimed = awaitJob(recording, j -> j.picked() && j.pickedBy() != null, Set.of("PROCESSING"),
                Duration.ofMinutes(2));

        // Down for less than the test's heartbeat margin (4 s), so the job stays with its node.
        Duration down = PostgresServer.restart(Duration.ofSeconds(1));
        String stateAfter = state(recording).state();
        System.out.println("ClusterIT: PostgreSQL refused connections for " + down.toMillis() + " ms while "
                + claimed.pickedBy() + " ingested recording " + recording + " (now " + stateAfter + ")");

        RecordingRow row = readyOnce(discussion, "failover-talk.wma", recording, sha256);
        assertThat(row.attempts()).as("the ingest carried on through the restart, not started again").isEqualTo(1);
        a.awaitReady(Duration.ofSeconds(30));
        b.awaitReady(Duration.ofSeconds(30));

        Page onA = signedInPage("a", "assessor");
        Page onB = signedInPage("b", "assessor");
        Locator mine = workspace(onA, discussion);
        Locator theirs = workspace(onB, discussion);
        int before = theirs.locator(".tag-item").count();
        onA.locator("body").click();
        onA.keyboard().type("1.1");
        onA.keyboard().press("Enter");
        assertThat(mine.locator(".tag-item")).hasCount(before + 1);
        assertThat(theirs.locator(".tag-item")).hasCount(before + 1,
                new LocatorAssertions.HasCountOptions().setTimeout(5_000));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * An assessor records live in a browser pinned to b, and b is killed ({@code kill -9}) 10 s in. The browser keeps
     * what it could not send; the assessor signs in again (the proxy sends the dead node's session to a) and opens the
     * recorder, which sends the kept parts to a. When no part has come for {@code abandon-after} (15 s here), the
     * recording is closed with every part that arrived, at either node, and ingested: nothing recorded before the kill
     * is missing, nor what was recorded after it until the page was left (less the part cut short).
     */
    @Test
    @Order(6)
    void aLiveRecordingWhoseNodeIsKilledKeepsEverythingRecordedBeforeTheKill() throws Exception {
        bothNodesUp();
        long discussion = discussion();
        Page page = signedInPage("b", "assessor");
        // Leaving the recorder asks "leave the page?": yes.
        page.onDialog(com.microsoft.playwright.Dialog::accept);
        long recording = RecorderPages.startRecording(page, proxy.browserUrl("/discussions/" + discussion
                + "/record"));
        RecorderPages.waitUntilElapsed(page, 10_000);
        long killedAtMs = Math.round(RecorderPages.elapsedMs(page));
        b.kill();
        // The recorder goes on for a while (two parts or more), keeping what it cannot send.
        EarmarkNode.sleep(5000);

        signIn(page, "assessor");
        assertThat(sessionRoute(page)).isEqualTo("a");
        page.navigate(proxy.browserUrl("/discussions/" + discussion + "/record"));
        assertThat(page.locator("#recorder")).containsText("earlier recording",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));

        RecordingRow row = awaitState(recording, "READY", Duration.ofMinutes(3));
        assertThat(row.state()).as("the live recording: " + row.message()).isEqualTo("READY");
        try (Connection db = database(); var query = db.prepareStatement(
                "select duration_ms from recording where id = ?")) {
            query.setLong(1, recording);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long duration = rs.getLong(1);
                System.out.println("ClusterIT: killed b " + killedAtMs + " ms into the live recording; it is "
                        + duration + " ms long (" + row.message() + ")");
                // Also the parts recorded in the 5 s after the kill, less at most the one cut short by leaving the page.
                assertThat(duration).as("everything recorded before the kill, and after it until the page was left")
                        .isGreaterThanOrEqualTo(killedAtMs + 1500);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A long recording (15 minutes of WMA, which ingest transcodes) is uploaded; the node whose scheduler claimed its job
     * is killed ({@code kill -9}, with its worker) while the recording is being processed, and the other node takes
     * the job over when the dead node's heartbeat stops and finishes it: one ready recording, same original.
     */
    @Test
    @Order(7)
    void aJobWhoseNodeIsKilledMidIngestIsFinishedByTheOther() throws Exception {
        bothNodesUp();
        long discussion = discussion();
        Path file = audio("long-talk.wma", 900, "wmav2", "32k");
        String sha256 = BenchmarkFixtures.sha256(file);
        ClusterSession uploader = pinned("a");
        upload(uploader, discussion, "long-talk.wma", file);
        long recording = awaitRecording(discussion, "long-talk.wma", null, Duration.ofMinutes(1));

        Job claimed = awaitJob(recording, j -> j.picked() && j.pickedBy() != null, Set.of("PROCESSING"),
                Duration.ofMinutes(2));
        EarmarkNode victim = claimed.pickedBy().equals(a.name()) ? a : b;
        EarmarkNode survivor = victim == a ? b : a;
        victim.kill();
        Instant killed = Instant.now();
        String stateAtKill = state(recording).state();
        System.out.println("ClusterIT: killed " + victim.name() + " while recording " + recording + " was "
                + stateAtKill);
        assertThat(stateAtKill).as("killed mid-ingest").isEqualTo("PROCESSING");

        Job takenOver = awaitJob(recording, j -> j.picked() && survivor.name().equals(j.pickedBy()), null,
                Duration.ofMinutes(1));
        System.out.println("ClusterIT: " + survivor.name() + " took the job over after "
                + Duration.between(killed, Instant.now()).toMillis() + " ms (version " + takenOver.version() + ")");
        RecordingRow row = readyOnce(discussion, "long-talk.wma", recording, sha256);
        assertThat(row.attempts()).as("started again after the interruption").isGreaterThanOrEqualTo(2);
        // The rendition made by the survivor plays through the proxy (from the bucket).
        ClusterSession player = pinned(survivor.route());
        HttpResponse<byte[]> range = player.client().send(player
                .request("/media/recordings/" + recording + "/rendition").header("Range", "bytes=0-99").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A tus upload created and half sent through the proxy on a session pinned to a; a is killed; the client signs
     * in again (its session is gone with a), asks b for the offset (HEAD), sends the rest to b, and the recording is
     * ingested with the original's SHA-256.
     */
    @Test
    @Order(8)
    void anUploadBegunThroughOneNodeResumesThroughTheOtherAfterItIsKilled() throws Exception {
        bothNodesUp();
        long discussion = discussion();
        Path file = audio("resumed-talk.m4a", 600, "aac", "64k");
        String sha256 = BenchmarkFixtures.sha256(file);
        byte[] bytes = Files.readAllBytes(file);
        int half = bytes.length / 2;

        ClusterSession onA = pinned("a");
        String upload = create(onA, discussion, "resumed-talk.m4a", bytes.length);
        HttpResponse<String> first = patch(onA, upload, 0, bytes, 0, half);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(half));

        a.kill();
        ClusterSession onB = pinned("b");
        HttpResponse<String> offset = onB.client().send(onB.request(upload).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(offset.statusCode()).as(offset.body()).isIn(200, 204);
        assertThat(offset.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(half));
        HttpResponse<String> rest = patch(onB, upload, half, bytes, half, bytes.length - half);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);

        long recording = awaitRecording(discussion, "resumed-talk.m4a", "READY", Duration.ofMinutes(2));
        assertThat(state(recording).sha256()).isEqualTo(sha256);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Both nodes running and ready (a step before may have killed one, or failed before b started). */
    private void bothNodesUp() {
        for (EarmarkNode node : List.of(a, b)) {
            if (!node.isAlive()) {
                node.start();
            }
        }
        a.awaitReady(START_LIMIT);
        b.awaitReady(START_LIMIT);
    }

    /** A session through the proxy on the given node; retried while the proxy still holds the node out of turn. */
    private ClusterSession pinned(String route) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Optional<ClusterSession> session = ClusterSession.signIn(proxy.url(""), route, "assessor", "demo");
            if (session.isPresent()) {
                return session.get();
            }
            assertThat(System.nanoTime()).as("the proxy sends a session pinned to " + route + " there")
                    .isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    /** The discussion the steps put their recordings in, created by the assessor in a browser (once). */
    private long discussion() {
        if (discussion == null) {
            discussion = newDiscussion(signedInPage("a", "assessor"), "Face-to-face");
        }
        return discussion;
    }

    /** A discussion with Lee Learner in the given mode, created on the assessor's page. */
    private long newDiscussion(Page page, String mode) {
        page.navigate(proxy.browserUrl("/discussions"));
        page.locator("#new-discussion").click();
        choose(page, "discussion-learner", "Lee Learner");
        choose(page, "discussion-units", "8587-300");
        page.locator("#discussion-mode vaadin-radio-button").filter(new Locator.FilterOptions().setHasText(mode))
                .click();
        page.locator("#create-discussion").click();
        try {
            // Patient: two nodes, browsers and ingests share the machine's two cores.
            assertThat(page).hasURL(Pattern.compile(".*/discussions/\\d+$"),
                    new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(30_000));
        } catch (AssertionError e) {
            System.out.println("ClusterIT: no discussion was created; the page says: "
                    + page.locator("vaadin-notification-card").allInnerTexts());
            throw e;
        }
        return Long.parseLong(page.url().replaceAll(".*/", ""));
    }

    private static void choose(Page page, String comboBoxId, String item) {
        page.locator("#" + comboBoxId + " input").fill(item);
        page.locator("vaadin-multi-select-combo-box-item").filter(new Locator.FilterOptions().setHasText(item))
                .first().click();
        page.locator("#" + comboBoxId + " input").press("Tab");
    }

    /** A page in a browser context of its own, its session pinned to the node by the proxy, signed in as the user. */
    private Page signedInPage(String route, String username) {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Path chromium = Path.of(System.getProperty("earmark.test.chromium", "/usr/bin/chromium"));
            assertThat(Files.isExecutable(chromium)).as("Chromium at " + chromium + " (Debian's 'chromium')")
                    .isTrue();
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                    .setHeadless(true).setChromiumSandbox(false).setArgs(CHROMIUM_FLAGS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
            contexts.add(context);
            context.setDefaultTimeout(30_000);
            context.addCookies(List.of(new Cookie(SESSION_COOKIE, "pinned." + route)
                    .setUrl(proxy.browserUrl("/"))));
            Page page = context.newPage();
            signIn(page, username);
            if (sessionRoute(page).equals(route)) {
                return page;
            }
            context.close();
            contexts.remove(context);
            assertThat(System.nanoTime()).as("the proxy sends a browser pinned to " + route + " there")
                    .isLessThan(deadline);
            EarmarkNode.sleep(1000);
        }
    }

    /** Signs the page in through the proxy's login page (the demo password). */
    private void signIn(Page page, String username) {
        page.navigate(proxy.browserUrl("/login"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.locator("#welcome").waitFor();
    }

    private static String sessionRoute(Page page) {
        return page.context().cookies().stream().filter(c -> c.name.equals(SESSION_COOKIE)).map(c -> c.value)
                .filter(v -> !v.startsWith("pinned.")).map(v -> v.substring(v.lastIndexOf('.') + 1)).findFirst()
                .orElse("");
    }

    private Locator workspace(Page page, long discussion) {
        page.navigate(proxy.browserUrl("/discussions/" + discussion + "/workspace"));
        page.waitForFunction("() => { const w = document.querySelector('#workspace');"
                + " const p = w && w.querySelector('#player'); return p && p.readyState >= 1; }");
        return page.locator("#workspace");
    }

    // --- tus over HTTP ---------------------------------------------------------------------------------------------

    private void upload(ClusterSession session, long discussion, String name, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String upload = create(session, discussion, name, bytes.length);
        HttpResponse<String> sent = patch(session, upload, 0, bytes, 0, bytes.length);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
    }

    private static String create(ClusterSession session, long discussion, String name, long length)
            throws Exception {
        String metadata = "filename " + b64(name) + ",discussion " + b64(String.valueOf(discussion));
        HttpResponse<String> created = session.client().send(session.request("/uploads")
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private static HttpResponse<String> patch(ClusterSession session, String upload, long offset, byte[] bytes,
            int from, int length) throws Exception {
        return session.client().send(session.request(upload).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes, from, length)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    // --- the shared database, read as an operator would ----------------------------------------------------------

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(PostgresServer.jdbcUrl(), PostgresServer.USER, "");
    }

    record RecordingRow(long id, String state, String sha256, int attempts, String message) {
    }

    private static RecordingRow state(long recording) throws SQLException {
        try (Connection db = database(); var query = db.prepareStatement(
                "select id, state, original_sha256, attempts, state_message from recording where id = ?")) {
            query.setLong(1, recording);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new RecordingRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5));
            }
        }
    }

    /** The recording once it is in the wanted state, or FAILED (then the caller's assertion says why). */
    private static RecordingRow awaitState(long recording, String wanted, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        RecordingRow last = state(recording);
        while (!last.state().equals(wanted) && !last.state().equals("FAILED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = state(recording);
        }
        return last;
    }

    /**
     * Waits until the recording is ready, then checks that it is the discussion's one recording of that name, with the
     * original's SHA-256, and that its ingest job is gone (the scheduler deletes the row after the handler's
     * transaction, which made the recording ready, commits).
     */
    private static RecordingRow readyOnce(long discussion, String name, long recording, String sha256)
            throws Exception {
        assertThat(awaitRecording(discussion, name, "READY", Duration.ofMinutes(3))).isEqualTo(recording);
        RecordingRow row = state(recording);
        assertThat(row.sha256()).isEqualTo(sha256);
        try (Connection db = database(); var count = db.prepareStatement(
                "select count(*) from recording where discussion_id = ? and original_name = ?")) {
            count.setLong(1, discussion);
            count.setString(2, name);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one recording").isEqualTo(1);
            }
        }
        long gone = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (jobRow(recording).isPresent() && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertThat(jobRow(recording)).as("the finished job is gone").isEmpty();
        return row;
    }

    /** The recording of that name in the discussion once it exists (and is in the state, if one is given). */
    private static long awaitRecording(long discussion, String name, String wanted, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        RecordingRow last = null;
        while (System.nanoTime() < deadline) {
            try (Connection db = database(); var query = db.prepareStatement("select id from recording"
                    + " where discussion_id = ? and original_name = ? order by id")) {
                query.setLong(1, discussion);
                query.setString(2, name);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        last = state(rs.getLong(1));
                        assertThat(last.state()).as("ingest of " + name + ": " + last.message()).isNotEqualTo(
                                "FAILED");
                        if (wanted == null || wanted.equals(last.state())) {
                            return last.id();
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not " + wanted + " within " + limit + "; last seen " + last);
    }

    record Job(boolean picked, String pickedBy, long version) {
    }

    private static Optional<Job> jobRow(long recording) throws SQLException {
        try (Connection db = database(); var query = db.prepareStatement("select picked, picked_by, version from"
                + " ingest_jobs where task_name = 'recording-ingest' and task_instance = ?")) {
            query.setString(1, String.valueOf(recording));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new Job(rs.getBoolean(1), rs.getString(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    private static Job awaitJob(long recording, java.util.function.Predicate<Job> condition, Set<String> states,
            Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<Job> job = Optional.empty();
        String state = null;
        while (System.nanoTime() < deadline) {
            job = jobRow(recording);
            state = state(recording).state();
            assertThat(state).as("still in ingest").isNotIn("READY", "FAILED");
            if (job.isPresent() && condition.test(job.get()) && (states == null || states.contains(state))) {
                return job.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job of recording " + recording + " not as expected within " + limit + ": " + job
                + ", recording " + state);
    }

    // --- media made at test time with Debian's ffmpeg -------------------------------------------------------------

    private Path audio(String name, int seconds, String codec, String bitrate) throws Exception {
        Path file = run.resolve(name);
        Path log = run.resolve(name + ".ffmpeg.log");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f",
                "lavfi", "-i", "sine=frequency=330:sample_rate=22050:duration=" + seconds, "-ac", "1", "-c:a", codec,
                "-b:a", bitrate, file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!ffmpeg.waitFor(2, TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed making " + name + ": " + Files.readString(log));
            }
        } finally {
            ffmpeg.destroyForcibly();
        }
        return file;
    }

    private static String compress(List<Integer> statuses) {
        StringBuilder out = new StringBuilder();
        Integer previous = null;
        int count = 0;
        for (Integer status : statuses) {
            if (status.equals(previous)) {
                count++;
                continue;
            }
            if (previous != null) {
                out.append(previous == -1 ? "refused" : previous).append(" ×").append(count).append(", ");
            }
            previous = status;
            count = 1;
        }
        if (previous != null) {
            out.append(previous == -1 ? "refused" : previous).append(" ×").append(count);
        }
        return out.toString();
    }
}
