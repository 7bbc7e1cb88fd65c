package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.recordings.ChapteredCopies;
import app.earmark.recordings.ProbedFile;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The recording with the AC map's chapters embedded, made from the tags on request. */
@EarmarkSpringTest
class ChapteredExportTest {

    @Autowired
    SheetExports exports;
    @Autowired
    ChapteredCopies copies;
    @Autowired
    Evidence evidence;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads uploads;
    @Autowired
    SignedIn signedIn;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    AuditTrail trail;

    @Test
    void theMp4ShowsEachTagAsTheWebVttDoesAcrossGaps(@TempDir Path dir) throws Exception {
        long discussion = recordings.discussionWithLearner().id();
        uploads.upload(discussion, "meeting.mp4", TestMedia.mp4H264Aac(dir, 20, 320, 240));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        // A span, a gap of 15 s, then a moment that lasts to the end.
        sheets.tag(discussion, ready.id(), 2_430, 4_100L, null, "1.1");
        sheets.tag(discussion, ready.id(), 19_000, null, null, "2.1");

        String vtt = new String(signedIn.as("assessor", () -> exports.acMap(discussion, ready.id(), AcMapFormat.VTT))
                .content(), java.nio.charset.StandardCharsets.UTF_8);
        List<long[]> cues = new java.util.ArrayList<>();
        var cue = java.util.regex.Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)"
                + "\\.(\\d{3})").matcher(vtt);
        while (cue.find()) {
            cues.add(new long[] {millis(cue, 1), millis(cue, 5)});
        }
        assertThat(cues).hasSize(2);
        assertThat(cues.get(0)).containsExactly(2_430, 4_100);

        var copy = signedIn.as("assessor", () -> exports.chapteredCopy(discussion, ready.id()));
        Path file = dir.resolve("copy.mp4");
        signedIn.as("assessor", () -> {
            try (InputStream in = copies.open(copy).getInputStream()) {
                Files.copy(in, file);
            }
            return null;
        });
        List<ProbedFile.Chapter> chapters = ProbedFile.of(file).chapters();
        assertThat(chapters).filteredOn(c -> c.title() != null && !c.title().isEmpty())
                .extracting(c -> List.of(c.startMs(), c.endMs()))
                .containsExactly(List.of(cues.get(0)[0], cues.get(0)[1]), List.of(cues.get(1)[0], cues.get(1)[1]));
        // The gaps before the first tag and between the two are untitled chapters.
        assertThat(chapters).extracting(ProbedFile.Chapter::startMs).containsExactly(0L, 2_430L, 4_100L, 19_000L);
    }

    private static long millis(java.util.regex.Matcher cue, int group) {
        return ((Long.parseLong(cue.group(group)) * 60 + Long.parseLong(cue.group(group + 1))) * 60
                + Long.parseLong(cue.group(group + 2))) * 1000 + Long.parseLong(cue.group(group + 3));
    }

    @Test
    void everyTaggedMomentBecomesAChapterOfTheCopy(@TempDir Path dir) throws Exception {
        long discussion = recordings.discussionWithLearner().id();
        uploads.upload(discussion, "discussion.m4a", TestMedia.m4aAac(dir, 20));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> exports.chapteredCopy(discussion, null)))
                .isInstanceOf(ExportException.class).hasMessageContaining("no tags");

        sheets.tag(discussion, ready.id(), 2_000, null, "Names <b>GROW</b>", "1.1");
        sheets.tag(discussion, ready.id(), 9_000, 14_000L, null, "2.1", "2.2");

        var copy = signedIn.as("learner", () -> exports.chapteredCopy(discussion, null));

        Path file = dir.resolve("copy.m4a");
        signedIn.as("learner", () -> {
            try (InputStream in = copies.open(copy).getInputStream()) {
                Files.copy(in, file);
            }
            return null;
        });
        assertThat(ProbedFile.of(file).chapters()).extracting(ProbedFile.Chapter::startMs, ProbedFile.Chapter::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, ""),
                        org.assertj.core.groups.Tuple.tuple(2_000L, "0m 02s · AC 1.1 — Names <b>GROW</b>"),
                        org.assertj.core.groups.Tuple.tuple(9_000L, "0m 09s · AC 2.1, 2.2"));
        mvc.perform(get("/exports/discussions/" + discussion + "/chaptered")
                        .with(user(accounts.loadUserByUsername("learner"))))
                .andExpect(status().isSeeOther()).andExpect(header().string("Location", copy.url()));
        mvc.perform(get("/exports/discussions/" + discussion + "/chaptered")
                .with(user(accounts.loadUserByUsername("learner2")))).andExpect(status().isForbidden());

        // Reading the copy, through the API or the browser's path, by anyone who may see it, attaches nothing.
        long before = trail.lastSeq();
        for (String reader : new String[] {"iqa", "learner", "assessor"}) {
            mvc.perform(get("/api/v1/discussions/" + discussion + "/chaptered")
                            .with(user(accounts.loadUserByUsername(reader))))
                    .andExpect(status().isSeeOther()).andExpect(header().string("Location",
                            "/api/v1/recordings/" + ready.id() + "/chaptered/" + copy.sha256()));
        }
        assertThat(signedIn.as("assessor", () -> evidence.forDiscussion(discussion))).isEmpty();
        assertThat(trail.since(before)).noneSatisfy(e -> assertThat(e.get("action")).isEqualTo("evidence-attached"));

        // Attaching it is the assessor's explicit act, and only theirs; once, however often it is done.
        assertThatThrownBy(() -> signedIn.as("learner", () -> evidence.attachChapteredCopy(discussion, null)))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("iqa", () -> evidence.attachChapteredCopy(discussion, null)))
                .isInstanceOf(AccessRefusedException.class);
        signedIn.as("assessor", () -> evidence.attachChapteredCopy(discussion, null));
        signedIn.as("assessor", () -> evidence.attachChapteredCopy(discussion, null));
        List<EvidenceView> attached = signedIn.as("assessor", () -> evidence.forDiscussion(discussion));
        assertThat(attached).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EvidenceKind.CHAPTERED_RECORDING);
            assertThat(e.sha256()).isEqualTo(copy.sha256());
            assertThat(e.size()).isEqualTo(Files.size(file));
            assertThat(e.recordingId()).isEqualTo(ready.id());
            assertThat(e.createdBy()).isEqualTo("assessor");
        });
        assertThat(trail.since(before)).filteredOn(e -> "evidence-attached".equals(e.get("action"))).hasSize(1);
        long id = attached.get(0).id();
        mvc.perform(get("/exports/evidence/" + id).with(user(accounts.loadUserByUsername("learner"))))
                .andExpect(status().isSeeOther()).andExpect(header().string("Location", copy.url()));
        mvc.perform(get("/exports/evidence/" + id).with(user(accounts.loadUserByUsername("learner2"))))
                .andExpect(status().isForbidden());
    }
}
