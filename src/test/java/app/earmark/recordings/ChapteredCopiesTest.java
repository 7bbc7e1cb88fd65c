package app.earmark.recordings;

import app.earmark.discussions.DiscussionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.Hashing;
import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.recordings.ChapteredCopies.ChapteredCopy;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Copies of a ready recording with chapters, through the service as the result sheets will ask for them: made by the
 * worker in its own process, read back by another FFmpeg, stored and served again for the same chapters, refused with
 * the reason for chapters that do not fit, and only for those who may see the recording.
 */
@EarmarkSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChapteredCopiesTest {

    private static final int SECONDS = 20;
    /** The media store outlives a test run: titles of this run make copies no earlier run has made. */
    private static final String RUN = "run " + Long.toHexString(System.nanoTime());
    /** Asked out of order, not from the start, with a gap and an overlap, titles with a control character. */
    private static final List<Chapter> CHAPTERS = List.of(
            new Chapter(6_500, 11_000, "AC 2.1 and 2.2"),
            new Chapter(1_950, 5_000, "AC 1.1\tExplain\u0007 the purpose"),
            new Chapter(10_000, 14_000, "AC 3.1 — Évaluer"),
            new Chapter(14_000, 17_250, "AC 3.2"),
            new Chapter(17_250, 20_000, "Summary, " + RUN));
    /** In WebM each chapter keeps its start and end; untitled chapters fill the gaps, before the first too. */
    private static final List<ProbedFile.Chapter> IN_WEBM = List.of(
            new ProbedFile.Chapter(0, 1_950, ""),
            new ProbedFile.Chapter(1_950, 5_000, "AC 1.1 Explain the purpose"),
            new ProbedFile.Chapter(5_000, 6_500, ""),
            new ProbedFile.Chapter(6_500, 11_000, "AC 2.1 and 2.2"),
            new ProbedFile.Chapter(10_000, 14_000, "AC 3.1 — Évaluer"),
            new ProbedFile.Chapter(14_000, 17_250, "AC 3.2"),
            new ProbedFile.Chapter(17_250, 20_000, "Summary, " + RUN));
    /** In MP4 a chapter runs until the next one starts: the gaps' untitled chapters end the others where they end. */
    private static final List<ProbedFile.Chapter> IN_MP4 = List.of(
            new ProbedFile.Chapter(0, 1_950, ""),
            new ProbedFile.Chapter(1_950, 5_000, "AC 1.1 Explain the purpose"),
            new ProbedFile.Chapter(5_000, 6_500, ""),
            new ProbedFile.Chapter(6_500, 10_000, "AC 2.1 and 2.2"),
            new ProbedFile.Chapter(10_000, 14_000, "AC 3.1 — Évaluer"),
            new ProbedFile.Chapter(14_000, 17_250, "AC 3.2"),
            new ProbedFile.Chapter(17_250, 20_000, "Summary, " + RUN));

    @TempDir
    Path dir;

    @Autowired
    ChapteredCopies copies;
    @Autowired
    ChapterWorkers workers;
    @Autowired
    Recordings recordingService;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;

    private RecordingSummary mp4;
    private RecordingSummary webm;

    @BeforeAll
    void readyRecordings(@TempDir Path media) throws Exception {
        mp4 = ready("meeting.mp4", TestMedia.mp4H264Aac(media, SECONDS, 320, 240));
        webm = ready("browser.webm", TestMedia.webmOpusVp8(media, SECONDS, 320, 240));
    }

    @Test
    void anMp4CopyHasEveryChapterAndEveryPacketAndIsAudited() throws Exception {
        long before = trail.lastSeq();

        ChapteredCopy copy = as("assessor", mp4.id(), CHAPTERS);

        assertThat(copy.fileName()).isEqualTo("meeting-chapters.mp4");
        assertThat(copy.mediaType()).isEqualTo("video/mp4");
        assertThat(copy.chapters()).isEqualTo(7);
        Path file = download(copy);
        assertThat(Files.size(file)).isEqualTo(copy.size());
        assertThat(Hashing.sha256Hex(Files.readAllBytes(file))).isEqualTo(copy.sha256());
        ProbedFile probed = ProbedFile.of(file);
        assertThat(probed.chapters()).containsExactlyElementsOf(IN_MP4);
        assertThat(probed.media()).containsExactlyInAnyOrderElementsOf(ProbedFile.of(rendition(mp4)).media());
        assertThat(probed.media()).extracting(ProbedFile.Stream::codec).containsExactlyInAnyOrder("h264", "aac");
        assertThat(trail.since(before)).anySatisfy(entry -> {
            assertThat(entry.get("actor")).isEqualTo("assessor");
            assertThat(entry.get("action")).isEqualTo("chaptered-copy-made");
            assertThat(entry.get("subject")).isEqualTo("recording:" + mp4.id());
            assertThat((String) entry.get("details")).contains("7 chapters").contains(copy.sha256());
        });
    }

    @Test
    void afterACopyAWorkerWaitsForTheNextWithFfmpegLoaded() throws Exception {
        as("assessor", mp4.id(), List.of(new Chapter(0, 3_000, "AC 4.1")));

        assertThat(workers.standby().awaitReady(Duration.ofSeconds(60))).isTrue();
        ChapteredCopy next = as("assessor", mp4.id(), List.of(new Chapter(0, 3_000, "AC 4.2")));
        assertThat(ProbedFile.of(download(next)).chapters()).containsExactly(new ProbedFile.Chapter(0, 3_000,
                "AC 4.2"));
    }

    @Test
    void theSameChaptersAgainAreServedFromTheStore() {
        ChapteredCopy first = as("assessor", mp4.id(), CHAPTERS.subList(0, 3));
        long before = trail.lastSeq();
        List<Chapter> reordered = new ArrayList<>(CHAPTERS.subList(0, 3));
        reordered.sort(Comparator.comparingLong(Chapter::startMs));

        long started = System.nanoTime();
        ChapteredCopy again = as("iqa", mp4.id(), reordered);

        assertThat(again).isEqualTo(first);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds, no worker started").isLessThan(1000);
        assertThat(trail.since(before)).noneSatisfy(entry -> assertThat(entry.get("action"))
                .isEqualTo("chaptered-copy-made"));
    }

    @Test
    void aWebmCopyHasMatroskaChapters() throws Exception {
        ChapteredCopy copy = as("assessor", webm.id(), CHAPTERS);

        assertThat(copy.fileName()).isEqualTo("browser-chapters.webm");
        assertThat(copy.mediaType()).isEqualTo("video/webm");
        ProbedFile probed = ProbedFile.of(download(copy));
        assertThat(probed.chapters()).containsExactlyElementsOf(IN_WEBM);
        assertThat(probed.media()).containsExactlyInAnyOrderElementsOf(ProbedFile.of(rendition(webm)).media());
        assertThat(probed.media()).extracting(ProbedFile.Stream::codec).containsExactlyInAnyOrder("vp8", "opus");
    }

    @Test
    void chaptersThatDoNotFitAreRefusedWithTheReason() {
        long duration = mp4.durationMillis();
        refused(List.of(), "A copy with chapters needs at least one chapter.");
        refused(List.of(new Chapter(0, 5_000, "AC 1.1"), new Chapter(15_000, 25_000, "AC 1.2")),
                "Chapter 2 (\"AC 1.2\") ends at 0:25, after the end of the recording (" + clock(duration) + ").");
        refused(List.of(new Chapter(-1, 5_000, "AC 1.1")), "Chapter 1 (\"AC 1.1\") starts before the recording does.");
        refused(List.of(new Chapter(5_000, 5_000, "AC 1.1")), "Chapter 1 (\"AC 1.1\") ends (0:05) before it starts"
                + " (0:05).");
        refused(List.of(new Chapter(0, 5_000, " \u0000\t ")), "Chapter 1 has no title.");
        refused(List.of(new Chapter(0, 5_000, "x".repeat(201))), "Chapter 1 (\"" + "x".repeat(39) + "…\") has a title"
                + " too long for a chapter: at most 200 characters (255 bytes in UTF-8, so fewer with accented letters"
                + " or other scripts).");
        refused(List.of(new Chapter(0, 5_000, "AC 1.1"), new Chapter(2_000, 6_000, "AC 1.2"),
                new Chapter(2_000, 7_000, "AC 1.3")), "Chapters 2 and 3 both start at 0:02; make them one chapter with"
                + " both titles.");
    }

    @Test
    void onlyThoseWhoMaySeeTheRecordingMakeOrDownloadCopies() throws Exception {
        for (String outsider : List.of("learner2", "assessor2", "eqa")) {
            assertThatThrownBy(() -> as(outsider, mp4.id(), CHAPTERS)).as(outsider)
                    .isInstanceOf(AccessRefusedException.class);
        }
        ChapteredCopy copy = as("learner", mp4.id(), CHAPTERS.subList(1, 2));
        String url = copy.url();

        var response = mvc.perform(get(url).with(user(accounts.loadUserByUsername("learner")))
                        .header(HttpHeaders.RANGE, "bytes=0-99"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 0-99/" + copy.size()))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "video/mp4"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"meeting-chapters.mp4\""))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andReturn().getResponse();
        assertThat(response.getContentAsByteArray()).isEqualTo(Arrays.copyOf(Files.readAllBytes(download(copy)), 100));
        mvc.perform(get("/api/v1/recordings/" + mp4.id() + "/chaptered/" + copy.sha256())
                .with(httpBasic("assessor", "demo"))).andExpect(status().isOk());
        mvc.perform(get(url).with(user(accounts.loadUserByUsername("learner2")))).andExpect(status().isForbidden());
        mvc.perform(get("/media/recordings/" + mp4.id() + "/chaptered/" + "0".repeat(64))
                .with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isNotFound());
        mvc.perform(get("/media/recordings/" + webm.id() + "/chaptered/" + copy.sha256())
                .with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isNotFound());
    }

    private RecordingSummary ready(String name, Path file) throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, name, file);
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.remuxed()).isTrue();
        return ready;
    }

    private ChapteredCopy as(String username, long recordingId, List<Chapter> chapters) {
        return signedIn.as(username, () -> copies.chapteredCopy(recordingId, chapters));
    }

    private void refused(List<Chapter> chapters, String message) {
        assertThatThrownBy(() -> as("assessor", mp4.id(), chapters)).isInstanceOf(DiscussionException.class)
                .hasMessage(message);
    }

    private Path download(ChapteredCopy copy) throws Exception {
        Path file = Files.createTempFile(dir, "copy", copy.fileName().substring(copy.fileName().lastIndexOf('.')));
        signedIn.as("assessor", () -> {
            try (InputStream in = copies.open(copy).getInputStream()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
        return file;
    }

    private Path rendition(RecordingSummary recording) throws Exception {
        Path file = Files.createTempFile(dir, "rendition", "." + recording.renditionMime().substring(6));
        signedIn.as("assessor", () -> {
            var media = recordingService.media(recording.id(), Recordings.MediaKind.RENDITION, null).orElseThrow();
            try (InputStream in = media.resource().getInputStream()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
        return file;
    }

    private static String clock(long millis) {
        return app.earmark.base.TimeFormat.clock(millis);
    }
}
