package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.EarmarkApplication;
import app.earmark.base.Hashing;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.S3MediaStore;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import app.earmark.recordings.media.SharedFiles;
import app.earmark.support.BrowserSession;
import app.earmark.support.SignedIn;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import me.desair.tus.server.TusFileUploadService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two Earmark nodes (two application contexts, each with its own HTTP port and local cache) on one database and one
 * bucket (a real S3Proxy): a tus upload begun through node a, with a chunk broken off half-way and a node stopped in the
 * middle of a chunk, resumes through node b from b's HEAD offset, and the original stored is the file sent (SHA-256)
 * and is ingested; an expired upload's chunks are removed; the parts of a live recording sent to a and b alternately
 * are put together by b.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedAcrossNodesIT {

    private static final String DATABASE = "jdbc:h2:mem:earmark-shared-nodes-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private static S3ProxyServer s3;
    private static Path root;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startNodes() throws Exception {
        s3 = S3ProxyServer.start();
        root = Files.createDirectories(Path.of("target", "shared-nodes", UUID.randomUUID().toString()))
                .toAbsolutePath();
        a = node("a");
        b = node("b");
    }

    @AfterAll
    static void stopNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {a, b}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static ConfigurableApplicationContext node(String name) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.shutdown=immediate",
                "--spring.datasource.url=" + DATABASE, "--earmark.cluster.node-name=" + name,
                "--db-scheduler.scheduler-name=" + name, "--earmark.data-dir=" + root.resolve(name + "/data"),
                "--earmark.media-store=" + root.resolve(name + "/media"),
                "--earmark.recordings.upload-lock-lease=3s"));
        s3.springProperties(root.resolve(name + "/cache"), S3Properties.Streaming.PROXY)
                .forEach(p -> args.add("--" + p));
        return new SpringApplicationBuilder(EarmarkApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext node) {
        return "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
    }

    @Test
    @Order(1)
    void partsOfALiveRecordingSentToBothNodesArePutTogetherByEither() throws Exception {
        assertThat(a.getBean(MediaStore.class)).isInstanceOf(S3MediaStore.class);
        long discussion = a.getBean(RecordingFixtures.class).discussionWithLearner().id();
        byte[] webm = Files.readAllBytes(TestMedia.webmOpusOnly(Files.createDirectories(root.resolve("live")), 6));
        int count = 6;
        long recording = as(a, () -> a.getBean(LiveRecordings.class).start(discussion)).id();
        int size = webm.length / count + 1;
        for (int i = 0; i < count; i++) {
            byte[] part = Arrays.copyOfRange(webm, i * size, Math.min(webm.length, (i + 1) * size));
            ConfigurableApplicationContext node = i % 2 == 0 ? a : b;
            int sequence = i;
            as(node, () -> {
                node.getBean(LiveRecordings.class).part(recording, sequence, new ByteArrayInputStream(part));
                return null;
            });
        }
        assertThat(a.getBean(SharedFiles.class).keys("live/" + recording + "/")).hasSize(count);
        // Either node sees every part (an observer on a node that received none of them included).
        assertThat(as(a, () -> a.getBean(LiveRecordings.class).soFar(recording, 0, 100)).to()).isEqualTo(count);
        // A window from where an observer is, read with one listing after that part.
        assertThat(as(b, () -> b.getBean(LiveRecordings.class).soFar(recording, 2, 2)).to()).isEqualTo(4);
        assertThat(as(b, () -> b.getBean(LiveRecordings.class).soFar(recording, 4, 100)).to()).isEqualTo(count);
        assertThat(as(b, () -> b.getBean(LiveRecordings.class).soFar(recording, count, 100)).to()).isEqualTo(count);

        as(b, () -> b.getBean(LiveRecordings.class).finish(recording, count));

        RecordingSummary ready = awaitRecording(b, discussion, r -> r.id() == recording && !r.state().inProgress());
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.sha256()).isEqualTo(Hashing.sha256Hex(webm));
        assertThat(a.getBean(SharedFiles.class).keys("live/" + recording + "/")).as("parts removed").isEmpty();
    }

    @Test
    @Order(2)
    void anExpiredUploadHasItsChunksRemoved() throws Exception {
        long discussion = a.getBean(RecordingFixtures.class).discussionWithLearner().id();
        BrowserSession session = BrowserSession.signIn(base(b), "assessor", "demo");
        String location = create(session, discussion, "expired.m4a", 1000);
        HttpResponse<String> sent = patch(session, location, 0, new byte[400]);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
        String id = location.substring(location.lastIndexOf('/') + 1);
        SharedFiles files = b.getBean(SharedFiles.class);
        assertThat(files.keys("incoming/" + id + "/")).containsExactly("incoming/" + id + "/0");

        JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
        jdbc.update("update shared_upload set expires_at = ? where id = ?", System.currentTimeMillis() - 1000, id);
        a.getBean(TusFileUploadService.class).cleanup(); // the uploads-expire task, on another node

        assertThat(files.keys("incoming/" + id + "/")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from shared_upload where id = ?", Integer.class, id)).isZero();
        assertThat(head(session, location).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void anUploadBegunOnOneNodeResumesOnTheOtherAfterTheFirstStops() throws Exception {
        long discussion = a.getBean(RecordingFixtures.class).discussionWithLearner().id();
        byte[] file = Files.readAllBytes(TestMedia.m4aAac(Files.createDirectories(root.resolve("upload")), 30));
        int third = file.length / 3;

        BrowserSession onA = BrowserSession.signIn(base(a), "assessor", "demo");
        String location = create(onA, discussion, "across.m4a", file.length);
        HttpResponse<String> first = patch(onA, location, 0, Arrays.copyOf(file, third));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(third));

        // A chunk broken off half-way by the client: what arrived is kept, and the offset says how much.
        int half = (file.length - third) / 2;
        try (Socket socket = rawPatch(onA, location, third, file.length - third, file, third, half)) {
            Thread.sleep(500);
        }
        long afterBreak = offsetOnceFree(onA, location);
        assertThat(afterBreak).as("bytes of the broken chunk that arrived are kept").isGreaterThan(third)
                .isLessThanOrEqualTo(third + half);

        // Node a stops while a chunk is arriving.
        Socket stalled = rawPatch(onA, location, afterBreak, file.length - afterBreak, file, (int) afterBreak,
                Math.min(64 * 1024, (int) (file.length - afterBreak) / 2));
        Thread.sleep(500);
        a.close();
        stalled.close();

        BrowserSession onB = BrowserSession.signIn(base(b), "assessor", "demo");
        long resumeAt = offsetOnceFree(onB, location);
        assertThat(resumeAt).isGreaterThanOrEqualTo(afterBreak).isLessThan(file.length);
        HttpResponse<String> rest = patchOnceFree(onB, location, resumeAt,
                Arrays.copyOfRange(file, (int) resumeAt, file.length));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);

        String expected = Hashing.sha256Hex(file);
        RecordingSummary settled = awaitRecording(b, discussion, r -> !r.state().inProgress());
        assertThat(settled.state()).as(settled.message()).isEqualTo(RecordingState.READY);
        assertThat(settled.sha256()).isEqualTo(expected);
        Path original = b.getBean(MediaStore.class).originalFile(expected); // checked against its SHA-256 on the way
        assertThat(Hashing.sha256Hex(Files.readAllBytes(original))).isEqualTo(expected);

        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(b.getBean(SharedFiles.class).keys("incoming/" + id + "/")).as("the chunks, once taken").isEmpty();
        assertThat(b.getBean(JdbcTemplate.class).queryForObject("select count(*) from shared_upload where id = ?",
                Integer.class, id)).isZero();
    }

    // ---- helpers

    private static <T> T as(ConfigurableApplicationContext node, java.util.concurrent.Callable<T> work) {
        return node.getBean(SignedIn.class).as("assessor", work);
    }

    private static RecordingSummary awaitRecording(ConfigurableApplicationContext node, long discussion,
            Predicate<RecordingSummary> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        List<RecordingSummary> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = as(node, () -> node.getBean(Recordings.class).forDiscussion(discussion));
            for (RecordingSummary r : seen) {
                if (condition.test(r)) {
                    return r;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No recording of discussion " + discussion + " got there; seen " + seen);
    }

    private static String create(BrowserSession session, long discussion, String name, long length)
            throws Exception {
        HttpResponse<String> created = session.client().send(session.request("/uploads")
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", "filename " + b64(name) + ",discussion " + b64(String.valueOf(discussion)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private static HttpResponse<String> patch(BrowserSession session, String location, long offset, byte[] bytes)
            throws Exception {
        return session.client().send(session.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> head(BrowserSession session, String location) throws Exception {
        return session.client().send(session.request(location).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The offset a HEAD gives, once no other request holds the upload (423 while one does, as a client sees). */
    private static long offsetOnceFree(BrowserSession session, String location) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> head = head(session, location);
            if (head.statusCode() != 423 || Instant.now().isAfter(deadline)) {
                assertThat(head.statusCode()).as(head.body()).isEqualTo(204);
                return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> patchOnceFree(BrowserSession session, String location, long offset,
            byte[] bytes) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> sent = patch(session, location, offset, bytes);
            if (sent.statusCode() != 423 || Instant.now().isAfter(deadline)) {
                return sent;
            }
            Thread.sleep(250);
        }
    }

    /** A PATCH that declares {@code declared} bytes and sends only {@code count} of them; the socket stays open. */
    private static Socket rawPatch(BrowserSession session, String location, long offset, long declared, byte[] file,
            int from, int count) throws Exception {
        URI base = URI.create(session.baseUrl());
        String cookies = ((CookieManager) session.client().cookieHandler().orElseThrow()).getCookieStore().getCookies()
                .stream().map(HttpCookie::toString).collect(Collectors.joining("; "));
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        String head = "PATCH " + location + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Cookie: " + cookies + "\r\n" + session.csrfHeader() + ": " + session.csrfToken() + "\r\n"
                + "Tus-Resumable: 1.0.0\r\nUpload-Offset: " + offset + "\r\n"
                + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + declared + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(file, from, count);
        out.flush();
        return socket;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
