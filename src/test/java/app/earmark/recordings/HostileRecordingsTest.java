package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.recordings.media.MediaStore;
import app.earmark.support.EarmarkSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Broken and hostile files, end to end: uploaded through tus, ingested by a real worker. Each gets its
 * own clear message, the original is kept for diagnosis, and the server goes on serving other people.
 */
@EarmarkSpringTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/test-media-hostile",
        "earmark.recordings.max-duration=20s",
        "earmark.recordings.max-upload-size=20MB"})
class HostileRecordingsTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    MediaStore store;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void theServerStillServesOtherPeople() throws Exception {
        mvc.perform(get("/api/v1/learners").with(httpBasic("learner2", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].username").value("learner2"));
        mvc.perform(get("/api/v1/catalogue/units/8580-502").with(httpBasic("iqa", "demo"))).andExpect(status().isOk());
    }

    private RecordingSummary refused(String fileName, Path file, String expected) throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, fileName, file);
        RecordingSummary settled = uploads.awaitSettled(discussion);
        assertThat(settled.state()).isEqualTo(RecordingState.FAILED);
        assertThat(settled.message()).contains(expected);
        assertThat(store.hasOriginal(settled.sha256())).as("original kept for diagnosis").isTrue();
        assertThat(settled.attempts()).as("a refusal is not retried").isEqualTo(1);
        return settled;
    }

    @Test
    void aZeroByteFileIsRefusedAtUpload() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var response = uploads.upload(discussion, "empty.mp4", TestMedia.empty(media));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"message\":\"The file is empty (0 bytes)");
    }

    @Test
    void aTextFileRenamedMp4() throws Exception {
        refused("notes.mp4", TestMedia.textAsMp4(media), "not an audio or video recording: it looks like a text file");
    }

    @Test
    void anImageRenamedMp4() throws Exception {
        refused("photo.mp4", TestMedia.pngAsMp4(media), "it looks like a PNG image");
    }

    @Test
    void anMp4CutAtHalfway() throws Exception {
        Path whole = TestMedia.mp4H264Aac(media, 10, 320, 240, true);
        refused("cut.mp4", TestMedia.truncated(whole, media), "The file is incomplete: the recording stops at");
    }

    @Test
    void anMp4WithoutItsIndex() throws Exception {
        Path whole = TestMedia.mp4H264Aac(media, 6, 320, 240);
        refused("noindex.mp4", TestMedia.indexMissing(whole, media), "without its index");
    }

    @Test
    void aFileWithoutSound() throws Exception {
        refused("silent.mp4", TestMedia.videoOnlyMp4(media, 4), "has no sound track");
    }

    @Test
    void aFileNoDecoderSupports() throws Exception {
        Path m4a = TestMedia.m4aAac(media, 4);
        refused("strange.m4a", TestMedia.unsupportedCodec(m4a, media), "unknown codec (codec tag '"
                + TestMedia.UNKNOWN_FOURCC + "')");
    }

    @Test
    void aRecordingLongerThanTheConfiguredMaximum() throws Exception {
        refused("long.m4a", TestMedia.m4aAac(media, 25), "recordings may be at most 0:20");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsSent() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] big = new byte[21 * 1024 * 1024];
        new Random(5).nextBytes(big);
        var response = uploads.upload(discussion, "huge.mp4", Files.write(media.resolve("huge.mp4"), big));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("\"message\":\"The file is 21 MB; the largest recording"
                + " Earmark accepts is 20 MB.\"");
    }

    @Test
    void aNameWithPathSeparatorsAndControlCharactersIsReportedAndTheRecordingStillWorks() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "../../x/\u0001talk\u001b.m4a", TestMedia.m4aAac(media, 3));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).isEqualTo(RecordingState.READY);
        assertThat(ready.originalName()).isEqualTo("talk.m4a");
        assertThat(ready.nameWarning()).isEqualTo("The file name \"../../x/\\u0001talk\\u001B.m4a\" contained path"
                + " separators and control characters; it is kept as \"talk.m4a\".");
    }
}
