package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.support.SignedIn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole application on the S3 store (a real S3Proxy of its own, stopped here to play an outage): an upload is
 * ingested in the real worker process and streams from the bucket; a chunk of an upload sent while the store is down is
 * refused clearly (503), creates no recording and loses nothing stored before it, and the upload resumes from where it
 * stood once the store is back (uploads in progress live in the bucket, shared by the nodes: SharedAcrossNodesIT).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-s3-ingest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class S3UploadAndIngestIT {

    private static S3ProxyServer server;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        server = S3ProxyServer.start();
        server.register(registry, Paths.get("target/test-media-cache-ingest").toAbsolutePath(),
                S3Properties.Streaming.PROXY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    MediaStore store;
    @Autowired
    SharedFiles files;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    Recordings recordings;
    @Autowired
    SignedIn signedIn;

    private static String b64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anUploadIsIngestedFromTheBucketAndStreamsFromIt() throws Exception {
        assertThat(store).isInstanceOf(S3MediaStore.class);
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "talk.m4a", TestMedia.m4aAac(media, 6));
        RecordingSummary ready = uploads.awaitSettled(discussion);

        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        var learner = user(accounts.loadUserByUsername("learner"));
        mvc.perform(get(ready.renditionUrl()).with(learner).header(HttpHeaders.RANGE, "bytes=100-199"))
                .andExpect(status().isPartialContent());
        mvc.perform(get(ready.peaksUrl(1024)).with(learner)).andExpect(status().isOk());
    }

    /**
     * The node receiving a chunk runs out of its own scratch space (a small tmpfs mounted over it; the tests run as
     * root): the person is told 507, and the chunks already in the bucket are kept (another node, or this one later,
     * resumes the upload) rather than thrown away with the upload.
     */
    @Test
    void aFullScratchDiskOnTheReceivingNodeKeepsTheChunksAlreadyInTheBucket() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] bytes = Files.readAllBytes(TestMedia.m4aAac(media, 12));
        int first = 16 * 1024;
        assertThat(bytes.length - first).as("the second chunk overflows the 32 KB scratch disk")
                .isGreaterThan(64 * 1024);
        var assessor = user(accounts.loadUserByUsername("assessor"));
        String metadata = "filename " + b64("full-scratch.m4a") + ",discussion " + b64(String.valueOf(discussion));
        var created = mvc.perform(post("/uploads").with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", bytes.length).header("Upload-Metadata", metadata)).andReturn()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String location = URI.create(created.getHeader("Location")).getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        var stored = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream")
                .content(java.util.Arrays.copyOf(bytes, first))).andReturn().getResponse();
        assertThat(stored.getStatus()).isEqualTo(204);

        Path scratch = Files.createDirectories(store.incomingDir().resolve("chunks"));
        run("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", scratch.toString());
        try {
            var refused = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", first).contentType("application/offset+octet-stream")
                    .content(java.util.Arrays.copyOfRange(bytes, first, bytes.length))).andReturn().getResponse();
            assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(507);
            assertThat(refused.getContentAsString()).contains("run out of space")
                    .contains("What arrived before it is kept");
        } finally {
            run("umount", "-l", scratch.toString());
        }
        assertThat(files.keys("incoming/" + id + "/")).containsExactly("incoming/" + id + "/0");
        var asked = mvc.perform(head(location).with(assessor).header("Tus-Resumable", "1.0.0")).andReturn()
                .getResponse();
        assertThat(asked.getStatus()).isEqualTo(204);
        assertThat(asked.getHeader("Upload-Offset")).isEqualTo(String.valueOf(first));

        var resumed = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", first).contentType("application/offset+octet-stream")
                .content(java.util.Arrays.copyOfRange(bytes, first, bytes.length))).andReturn().getResponse();
        assertThat(resumed.getStatus()).as(resumed.getContentAsString()).isEqualTo(204);
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.sha256()).isEqualTo(app.earmark.base.Hashing.sha256Hex(bytes));
    }

    /** Another request (on any node) holds the upload's lease: a chunk sent meanwhile is told 423, to try again. */
    @Test
    void aChunkForAnUploadAnotherRequestHoldsIsToldToTryAgain() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var assessor = user(accounts.loadUserByUsername("assessor"));
        String metadata = "filename " + b64("held.m4a") + ",discussion " + b64(String.valueOf(discussion));
        var created = mvc.perform(post("/uploads").with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", 100).header("Upload-Metadata", metadata)).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String location = URI.create(created.getHeader("Location")).getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        jdbc.update("update shared_upload set locked_by = 'another-request', locked_until = ? where id = ?",
                System.currentTimeMillis() + 60_000, id);

        var sent = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(new byte[50]))
                .andReturn().getResponse();

        assertThat(sent.getStatus()).as(sent.getContentAsString()).isEqualTo(423);
        assertThat(sent.getContentAsString()).contains("Another request is still sending this upload");
        assertThat(files.keys("incoming/" + id + "/")).as("nothing stored").isEmpty();
        jdbc.update("update shared_upload set locked_by = null, locked_until = null where id = ?", id);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root to mount a small"
                    + " tmpfs over the node's scratch folder): " + output);
        }
    }

    @Test
    void aChunkSentWhileTheStoreIsDownIsRefusedClearlyAndTheUploadResumesWhenItIsBack() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        Path file = TestMedia.m4aAac(media, 4);
        byte[] bytes = Files.readAllBytes(file);
        int half = bytes.length / 2;
        var assessor = user(accounts.loadUserByUsername("assessor"));
        String metadata = "filename " + b64("outage.m4a") + ",discussion " + b64(String.valueOf(discussion));
        var created = mvc.perform(post("/uploads").with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", bytes.length).header("Upload-Metadata", metadata)).andReturn()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String location = URI.create(created.getHeader("Location")).getPath();
        var first = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream")
                .content(java.util.Arrays.copyOf(bytes, half))).andReturn().getResponse();
        assertThat(first.getStatus()).isEqualTo(204);
        server.stop();
        try {
            var sent = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", half).contentType("application/offset+octet-stream")
                    .content(java.util.Arrays.copyOfRange(bytes, half, bytes.length))).andReturn().getResponse();
            assertThat(sent.getStatus()).isEqualTo(503);
            // Exactly the chunk's message (both of the endpoint's store messages say "cannot be reached just now").
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.getContentAsString())
                    .path("message").asText()).isEqualTo("This part of the upload was not stored: the media store"
                            + " cannot be reached just now. What arrived before it is kept; try again in a few minutes"
                            + " and the upload resumes where it stopped.");
            assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(discussion))).isEmpty();

            // The upload's record is in the database: a HEAD still says where it stands.
            var asked = mvc.perform(head(location).with(assessor).header("Tus-Resumable", "1.0.0")).andReturn()
                    .getResponse();
            assertThat(asked.getStatus()).isEqualTo(204);
            assertThat(asked.getHeader("Upload-Offset")).isEqualTo(String.valueOf(half));
        } finally {
            server.resume();
        }
        var resumed = mvc.perform(patch(location).with(assessor).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", half).contentType("application/offset+octet-stream")
                .content(java.util.Arrays.copyOfRange(bytes, half, bytes.length))).andReturn().getResponse();
        assertThat(resumed.getStatus()).as(resumed.getContentAsString()).isEqualTo(204);
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.originalName()).isEqualTo("outage.m4a");
        assertThat(ready.sha256()).isEqualTo(app.earmark.base.Hashing.sha256Hex(bytes));
    }
}
