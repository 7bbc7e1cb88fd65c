package app.earmark.recordings.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Streaming a recording: ranges, caching headers, and a check of who may see it on every request. */
@EarmarkSpringTest
class MediaAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    AuditTrail trail;

    private final byte[] rendition = new byte[200_000];
    private long discussionId;
    private long recordingId;

    @BeforeEach
    void readyRecording() {
        new Random(3).nextBytes(rendition);
        discussionId = fixtures.discussionWithLearner().id();
        recordingId = fixtures.readyRecording(discussionId, rendition, "audio/mp4");
    }

    private String url() {
        return "/media/recordings/" + recordingId + "/rendition";
    }

    @Test
    void aRangeRequestGetsPartialContentWithItsRange() throws Exception {
        var response = mvc.perform(get(url()).with(user(accounts.loadUserByUsername("learner")))
                        .header(HttpHeaders.RANGE, "bytes=1000-1999"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 1000-1999/" + rendition.length))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "audio/mp4"))
                .andExpect(header().exists(HttpHeaders.ETAG))
                .andExpect(header().exists(HttpHeaders.LAST_MODIFIED))
                .andReturn().getResponse();
        assertThat(response.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(rendition, 1000, 2000));
    }

    @Test
    void theWholeFileWithoutARangeAndNotModifiedForItsEtag() throws Exception {
        var response = mvc.perform(get(url()).with(user(accounts.loadUserByUsername("assessor"))))
                .andExpect(status().isOk()).andExpect(header().string("Accept-Ranges", "bytes"))
                // Never kept by the browser: access withdrawn is access gone.
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store")).andReturn()
                .getResponse();
        assertThat(response.getContentAsByteArray()).isEqualTo(rendition);
        mvc.perform(get(url()).with(user(accounts.loadUserByUsername("assessor")))
                .header(HttpHeaders.IF_NONE_MATCH, response.getHeader(HttpHeaders.ETAG)))
                .andExpect(status().isNotModified());
    }

    @Test
    void anotherLearnerOrAnUnassignedAssessorIsRefused() throws Exception {
        for (String outsider : new String[] {"learner2", "assessor2", "eqa"}) {
            mvc.perform(get(url()).with(user(accounts.loadUserByUsername(outsider)))).andExpect(status().isForbidden());
        }
    }

    @Test
    void aGuessedIdIsRefusedAndNothingRevealsAStoragePath() throws Exception {
        var body = mvc.perform(get("/media/recordings/" + (recordingId + 1000) + "/rendition")
                .with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isForbidden()).andReturn()
                .getResponse().getContentAsString();
        assertThat(body).doesNotContain("media-store").doesNotContain("originals");
    }

    @Test
    void withoutSigningInTheBrowserIsSentToTheLoginPage() throws Exception {
        mvc.perform(get(url())).andExpect(status().is3xxRedirection());
    }

    @Test
    void theApiServesTheSameMediaToTheSameAccountsOnly() throws Exception {
        mvc.perform(get("/api/v1/recordings/" + recordingId + "/rendition").with(httpBasic("learner", "demo"))
                .header(HttpHeaders.RANGE, "bytes=0-9")).andExpect(status().isPartialContent());
        mvc.perform(get("/api/v1/recordings/" + recordingId + "/rendition").with(httpBasic("learner2", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/discussions/" + discussionId).with(httpBasic("learner", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recordings[0].state").value("READY"))
                .andExpect(jsonPath("$.recordings[0].mediaUrl").value("/api/v1/recordings/" + recordingId + "/rendition"))
                .andExpect(jsonPath("$.recordings[0].sha256").isString())
                .andExpect(jsonPath("$.recordings[0].durationMillis").value(60000));
        mvc.perform(get("/api/v1/discussions/" + discussionId).with(httpBasic("learner2", "demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void playingIsRecordedInTheAuditTrail() throws Exception {
        long before = trail.lastSeq();
        mvc.perform(get(url()).with(user(accounts.loadUserByUsername("iqa"))).header(HttpHeaders.RANGE, "bytes=0-"))
                .andExpect(status().isPartialContent());
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("iqa");
            assertThat(e.get("action")).isEqualTo("recording-opened");
        });
    }
}
