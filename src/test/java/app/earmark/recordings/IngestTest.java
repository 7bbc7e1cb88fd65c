package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.EarmarkProperties;
import app.earmark.support.EarmarkSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Upload, then ingest in a real worker process: a playable file is remuxed, not re-encoded; a killed
 * worker is restarted and the job completes; a job interrupted by a crash of Earmark itself is picked up
 * again at start-up.
 */
@EarmarkSpringTest
class IngestTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    IngestSupervisor supervisor;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    EarmarkProperties properties;

    @Test
    void anM4aIsRemuxedWithWaveformPeaksAndStreams() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "talk.m4a", TestMedia.m4aAac(media, 12));
        RecordingSummary ready = uploads.awaitSettled(discussion);

        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.remuxed()).isTrue();
        assertThat(ready.renditionMime()).isEqualTo("audio/mp4");
        assertThat(ready.audioCodec()).isEqualTo("aac");
        assertThat(ready.durationMillis()).isBetween(11_800L, 12_200L);
        assertThat(ready.peaks()).extracting(PeakLevels.Level::samplesPerPixel).containsExactly(256, 1024, 4096, 16384);
        assertThat(ready.hasPoster()).isFalse();

        var learner = user(accounts.loadUserByUsername("learner"));
        mvc.perform(get(ready.renditionUrl()).with(learner).header(HttpHeaders.RANGE, "bytes=100-199"))
                .andExpect(status().isPartialContent());
        mvc.perform(get(ready.peaksUrl(1024)).with(learner)).andExpect(status().isOk());
    }

    @Test
    void aKilledWorkerIsRestartedAndTheJobCompletes() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "meeting.mp4", TestMedia.mp4H264Aac(media, 20, 320, 240));
        ProcessHandle worker = awaitWorker(Duration.ofSeconds(30));
        worker.destroyForcibly();

        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.attempts()).isEqualTo(2);
        assertThat(ready.hasPoster()).isTrue();
        assertThat(ready.renditionMime()).isEqualTo("video/mp4");
    }

    @Test
    void aJobInterruptedByACrashOfEarmarkIsPickedUpAtStartUp() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        fixtures.interruptedRecording(discussion, TestMedia.webmOpusOnly(media, 8));
        assertThat(uploads.await(discussion, r -> true, Duration.ofSeconds(5)).state()).isEqualTo(RecordingState.PROBING);

        supervisor.recoverInterrupted();

        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.renditionMime()).isEqualTo("audio/webm");
    }

    @Test
    void aWorkerStartedWhenTheUploadBeginsTakesTheRecordingAndAnotherIsStartedForTheNext() throws Exception {
        supervisor.standby().startAhead(false);
        assertThat(supervisor.standby().awaitReady(Duration.ofSeconds(1))).as("none waits").isFalse();
        supervisor.standby().startAhead(true);

        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "talk.m4a", TestMedia.m4aAac(media, 6));
        RecordingSummary ready = uploads.awaitSettled(discussion);

        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        Path log = properties.dataDir().toAbsolutePath().resolve("ingest-logs")
                .resolve("recording-" + ready.id() + "-attempt-1.log");
        // The worker's log, renamed after the recording when it took the job, says it waited for it.
        assertThat(Files.readString(log)).contains("Loading FFmpeg took", "Waited", "for a job");
        assertThat(supervisor.standby().awaitReady(Duration.ofSeconds(60))).as("the next one waits").isTrue();
    }

    private ProcessHandle awaitWorker(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var worker = supervisor.currentWorker();
            if (worker.isPresent()) {
                return worker.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("No worker started within " + timeout);
    }
}
