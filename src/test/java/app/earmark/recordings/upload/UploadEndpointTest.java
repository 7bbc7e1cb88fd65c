package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.Hashing;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.media.MediaStore;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.mock.web.MockHttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The tus endpoint: who may upload, the size limit, and a resumed upload arriving whole with its SHA-256. */
@EarmarkSpringTest
class UploadEndpointTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    Recordings recordings;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    MediaStore store;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private MockHttpServletRequestBuilder tus(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(accounts.loadUserByUsername(username))).with(csrf()).header("Tus-Resumable", "1.0.0");
    }

    private MockHttpServletRequestBuilder creation(long discussionId, long length, String fileName, String username) {
        return tus(post("/uploads"), username).header("Upload-Length", length)
                .header("Upload-Metadata", "filename " + b64(fileName) + ",discussion " + b64(String.valueOf(discussionId)));
    }

    @Test
    void anInterruptedUploadResumesFromTheServersOffsetAndArrivesWhole() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] file = new byte[2 * 1024 * 1024 + 123];
        new Random(11).nextBytes(file);
        int dropped = 700_001;
        long before = trail.lastSeq();

        String location = mvc.perform(creation(discussion, file.length, "talk.m4a", "assessor"))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        String path = URI.create(location).getPath();
        // The connection dropped after 700,001 bytes: the server keeps what arrived.
        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", 0)
                        .contentType("application/offset+octet-stream").content(Arrays.copyOf(file, dropped)))
                .andExpect(status().isNoContent());
        mvc.perform(tus(head(path), "assessor")).andExpect(header().string("Upload-Offset", String.valueOf(dropped)));
        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", dropped)
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(file, dropped, file.length)))
                .andExpect(status().isNoContent());

        RecordingSummary recording = signedIn.as("assessor", () -> recordings.forDiscussion(discussion)).get(0);
        assertThat(recording.sha256()).isEqualTo(Hashing.sha256Hex(file));
        assertThat(recording.size()).isEqualTo(file.length);
        assertThat(recording.originalName()).isEqualTo("talk.m4a");
        assertThat(trail.since(before)).anySatisfy(e -> assertThat(e.get("action")).isEqualTo("recording-uploaded"));
    }

    @Test
    void theBytesOfEveryChunkReadAreCountedInTheUploadBytesMeter() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] file = new byte[300_000];
        new Random(5).nextBytes(file);
        String path = URI.create(mvc.perform(creation(discussion, file.length, "counted.m4a", "assessor"))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location")).getPath();
        double before = meters.counter("earmark.upload.bytes").count();

        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", 0)
                        .contentType("application/offset+octet-stream").content(Arrays.copyOf(file, 100_000)))
                .andExpect(status().isNoContent());
        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", 100_000)
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(file, 100_000, file.length)))
                .andExpect(status().isNoContent());

        // Other tests in the same context may upload meanwhile: at least this upload's bytes were counted.
        assertThat(meters.counter("earmark.upload.bytes").count() - before).isGreaterThanOrEqualTo(file.length);
    }

    @Test
    void someoneWhoMayNotRecordIsRefusedBeforeAnythingIsStored() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        for (String seesButMayNotRecord : new String[] {"learner", "iqa"}) {
            mvc.perform(creation(discussion, 10, "x.m4a", seesButMayNotRecord)).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value("Only an assessor of this learner may add recordings to"
                            + " discussion " + discussion + "."));
        }
        mvc.perform(creation(discussion, 10, "x.m4a", "assessor2")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("You may not see discussion " + discussion + "."));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithItsSize() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        mvc.perform(creation(discussion, 9L * 1024 * 1024 * 1024, "huge.mp4", "assessor"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.message").value("The file is 9.0 GB; the largest recording Earmark accepts is"
                        + " 8.0 GB."));
    }

    @Test
    void anUploadWithoutADiscussionIsRefused() throws Exception {
        mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Length", 10))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The upload does not say which discussion it belongs to."));
    }

    @Test
    void aNameWithPathSeparatorsOrControlCharactersIsKeptSafeAndReported() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] file = "not really media".getBytes();
        String location = mvc.perform(creation(discussion, file.length, "..\\..\\evil\u0007.mp4", "assessor"))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        mvc.perform(tus(patch(URI.create(location).getPath()), "assessor").header("Upload-Offset", 0)
                .contentType("application/offset+octet-stream").content(file)).andExpect(status().isNoContent());
        RecordingSummary recording = signedIn.as("assessor", () -> recordings.forDiscussion(discussion)).get(0);
        assertThat(recording.originalName()).isEqualTo("evil.mp4");
        assertThat(recording.nameWarning()).contains("path separators and control characters");
    }

    @Test
    void withoutTheCsrfTokenNothingIsCreated() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        mvc.perform(post("/uploads").with(user(accounts.loadUserByUsername("assessor"))).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", 10).header("Upload-Metadata", "discussion " + b64(String.valueOf(discussion))))
                .andExpect(status().isForbidden());
    }

    private String started(long discussion, int length) throws Exception {
        String location = mvc.perform(creation(discussion, length, "talk.m4a", "assessor"))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        return URI.create(location).getPath();
    }

    private static void assertPlainRefusal(MockHttpServletResponse response, int status, String message)
            throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/json");
        String body = response.getContentAsString();
        assertThat(body).contains("\"status\":" + status).contains(message)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("me.desair");
    }

    @Test
    void someoneElsesUploadIsAnsweredExactlyAsOneThatDoesNotExist() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        String mine = started(discussion, 100);
        String missing = "/uploads/" + java.util.UUID.randomUUID();
        List<String> answers = new ArrayList<>();
        for (String path : new String[] {mine, missing}) {
            for (MockHttpServletRequestBuilder request : List.of(tus(head(path), "assessor2"),
                    tus(patch(path), "assessor2").header("Upload-Offset", 0)
                            .contentType("application/offset+octet-stream").content(new byte[10]),
                    tus(delete(path), "assessor2"))) {
                MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                assertThat(response.getStatus()).isEqualTo(404);
                answers.add(response.getStatus() + " " + response.getContentAsString());
            }
        }
        assertThat(answers.subList(0, 3)).isEqualTo(answers.subList(3, 6));
        assertThat(answers.get(1)).contains("There is no upload of yours at this address");
        // Untouched: the owner still has it, at offset 0.
        mvc.perform(tus(head(mine), "assessor")).andExpect(status().is2xxSuccessful())
                .andExpect(header().string("Upload-Offset", "0"));
    }

    @Test
    void aBadOrMissingSizeIsRefusedWithAMessage() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        String metadata = "filename " + b64("x.m4a") + ",discussion " + b64(String.valueOf(discussion));
        for (String length : new String[] {"-1", "abc"}) {
            assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Length", length)
                    .header("Upload-Metadata", metadata)).andReturn().getResponse(), 400,
                    "must be a whole number of bytes; '" + length + "' is not.");
        }
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Metadata", metadata))
                .andReturn().getResponse(), 400, "The upload does not say how big the file is");
    }

    @Test
    void aFormPostAndConcatenationAreRefusedWithAMessage() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        String metadata = "filename " + b64("x.m4a") + ",discussion " + b64(String.valueOf(discussion));
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Length", 10)
                        .header("Upload-Metadata", metadata).contentType("application/x-www-form-urlencoded")
                        .content("a=b&c=d")).andReturn().getResponse(), 400,
                "An upload is started with an empty request");
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Concat", "partial")
                .header("Upload-Length", 10).header("Upload-Metadata", metadata)).andReturn().getResponse(), 400,
                "(Upload-Concat) is not supported");
        String part = started(discussion, 10);
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Concat", "final;" + part)
                .header("Upload-Metadata", metadata)).andReturn().getResponse(), 400,
                "(Upload-Concat) is not supported");
    }

    @Test
    void theSizeLimitCannotBeBypassed() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        String metadata = "filename " + b64("x.m4a") + ",discussion " + b64(String.valueOf(discussion));
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Defer-Length", 1)
                        .header("Upload-Metadata", metadata)).andReturn().getResponse(), 400,
                "an upload of unknown size (Upload-Defer-Length) is not accepted");
        assertPlainRefusal(mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Length",
                        "99999999999999999999").header("Upload-Metadata", metadata)).andReturn().getResponse(), 413,
                "The file is 99999999999999999999 bytes; the largest recording Earmark accepts is 8.0 GB.");
    }

    @Test
    void afterAServerDiedMidChunkTheAdvertisedOffsetIsWhatIsOnDisk() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] file = new byte[300_000];
        new Random(5).nextBytes(file);
        String path = started(discussion, file.length);
        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", 0)
                .contentType("application/offset+octet-stream").content(Arrays.copyOf(file, 100_000)))
                .andExpect(status().isNoContent());
        // A server killed mid-chunk wrote 50,000 more bytes than its record says.
        Path data = store.incomingDir().resolve("uploads").resolve(path.substring(path.lastIndexOf('/') + 1))
                .resolve("data");
        Files.write(data, Arrays.copyOfRange(file, 100_000, 150_000), StandardOpenOption.APPEND);

        mvc.perform(tus(head(path), "assessor")).andExpect(header().string("Upload-Offset", "150000"));
        mvc.perform(tus(patch(path), "assessor").header("Upload-Offset", 150_000)
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(file, 150_000, file.length)))
                .andExpect(status().isNoContent());
        RecordingSummary recording = signedIn.as("assessor", () -> recordings.forDiscussion(discussion)).get(0);
        assertThat(recording.sha256()).isEqualTo(Hashing.sha256Hex(file));
    }
}
