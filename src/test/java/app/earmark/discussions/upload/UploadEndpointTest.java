package app.earmark.discussions.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.Hashing;
import app.earmark.discussions.RecordingFixtures;
import app.earmark.discussions.RecordingSummary;
import app.earmark.discussions.Recordings;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.net.URI;
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
    void someoneWhoMayNotRecordIsRefusedBeforeAnythingIsStored() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        for (String seesButMayNotRecord : new String[] {"learner", "iqa"}) {
            mvc.perform(creation(discussion, 10, "x.m4a", seesButMayNotRecord)).andExpect(status().isForbidden())
                    .andExpect(content().string("Only an assessor of this learner may add recordings to discussion "
                            + discussion + "."));
        }
        mvc.perform(creation(discussion, 10, "x.m4a", "assessor2")).andExpect(status().isForbidden())
                .andExpect(content().string("You may not see discussion " + discussion + "."));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithItsSize() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        mvc.perform(creation(discussion, 9L * 1024 * 1024 * 1024, "huge.mp4", "assessor"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().string("The file is 9.0 GB; the largest recording Earmark accepts is 8.0 GB."));
    }

    @Test
    void anUploadWithoutADiscussionIsRefused() throws Exception {
        mvc.perform(tus(post("/uploads"), "assessor").header("Upload-Length", 10))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("The upload does not say which discussion it belongs to."));
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
}
