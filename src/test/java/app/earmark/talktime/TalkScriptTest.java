package app.earmark.talktime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.worker.ChannelLevelsFormat;
import app.earmark.recordings.worker.IngestWorker;
import app.earmark.recordings.worker.WorkerMessage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The known script as an AAC meeting export (assessor left, learner right, each hearing the other 20 dB down), through
 * the ingest worker's decoding and the detector: the figures match the script within the benchmark's bounds (talk
 * share within 2 percentage points, each answer pause within 200 ms).
 */
class TalkScriptTest {

    @TempDir
    Path dir;

    @Test
    void aStereoExportGivesTheScriptsFigures() throws Exception {
        Path m4a = TalkScript.stereoM4a(dir);
        Path out = Files.createDirectory(dir.resolve("out"));
        var outcome = IngestWorker.run(m4a, out, Duration.ofHours(1), message -> { });
        assertThat(outcome).isInstanceOf(WorkerMessage.Done.class);

        float[][] levels = ChannelLevelsFormat.read(ByteBuffer.wrap(Files.readAllBytes(
                out.resolve(ChannelLevelsFormat.FILE_NAME))));
        assertThat(levels).hasNumberOfRows(2);
        assertThat(levels[0].length * 10L).isBetween(TalkScript.DURATION_MS - 50, TalkScript.DURATION_MS + 100);

        List<List<Segment>> speech = new VoiceActivity(VoiceActivity.Settings.DEFAULT).detect(levels, 10);
        assertThat(speech.get(0)).as("assessor").hasSameSizeAs(TalkScript.ASSESSOR);
        assertThat(speech.get(1)).as("learner").hasSameSizeAs(TalkScript.LEARNER);
        TalkFigures f = TalkFigures.of(speech.get(0), speech.get(1));

        System.out.printf("Script vs detected: assessor share %.2f %% vs %.2f %%; pauses %s vs %s; longest monologue"
                + " %d vs %d ms%n", TalkScript.ASSESSOR_SHARE, f.assessorSharePct(), TalkScript.ANSWER_PAUSES,
                f.answerPausesMs(), TalkScript.LONGEST_MONOLOGUE, f.longestMonologueMs());
        assertThat(f.assessorSharePct()).isCloseTo(TalkScript.ASSESSOR_SHARE, within(2.0));
        assertThat(f.learnerSharePct()).isCloseTo(100 - TalkScript.ASSESSOR_SHARE, within(2.0));
        assertThat(f.answerPausesMs()).hasSameSizeAs(TalkScript.ANSWER_PAUSES);
        for (int i = 0; i < f.answerPausesMs().size(); i++) {
            assertThat(f.answerPausesMs().get(i)).as("answer pause " + (i + 1))
                    .isCloseTo(TalkScript.ANSWER_PAUSES.get(i), within(200L));
        }
        assertThat(f.longestMonologueMs()).isCloseTo(TalkScript.LONGEST_MONOLOGUE, within(200L));
        assertThat(f.runOnTurns()).isEqualTo(TalkScript.RUN_ON_TURNS);
        assertThat(f.interruptions()).isEqualTo(TalkScript.INTERRUPTIONS);
    }

    @Test
    void aMonoRecordingGetsNoLevelsFile() throws Exception {
        Path m4a = TalkScript.monoM4a(dir);
        Path out = Files.createDirectory(dir.resolve("out"));

        assertThat(IngestWorker.run(m4a, out, Duration.ofHours(1), message -> { }))
                .isInstanceOf(WorkerMessage.Done.class);
        assertThat(out.resolve(ChannelLevelsFormat.FILE_NAME)).doesNotExist();
    }
}
