package app.earmark.talktime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.TusUploads;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Through upload and ingest in a real worker process: a stereo meeting export is analysed as soon as it is ready
 * (figures as the script says), those who may see the recording see the analysis and others are refused; the
 * assessor can say the channels are the other way round (audited); a mono recording says why it has no figures.
 */
@EarmarkSpringTest
class TalkTimeIngestTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    TalkTime talkTime;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @Test
    void aStereoExportIsAnalysedAfterIngestAndThePartiesCanBeSwapped() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "meeting-export.m4a", TalkScript.stereoM4a(media));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);

        TalkAnalysis analysis = TalkScript.awaitAnalysis(signedIn, talkTime, ready.id());
        assertThat(analysis.status()).isEqualTo(TalkAnalysis.Status.ANALYSED);
        assertThat(analysis.assessorChannel()).as("left is the assessor by default").isZero();
        TalkFigures f = analysis.figures();
        assertThat(f.assessorSharePct()).isCloseTo(TalkScript.ASSESSOR_SHARE, within(2.0));
        assertThat(f.answerPausesMs()).hasSameSizeAs(TalkScript.ANSWER_PAUSES);
        for (int i = 0; i < f.answerPausesMs().size(); i++) {
            assertThat(f.answerPausesMs().get(i)).isCloseTo(TalkScript.ANSWER_PAUSES.get(i), within(200L));
        }
        assertThat(f.interruptions()).isEqualTo(1);
        assertThat(f.runOnTurns()).isEqualTo(1);

        assertThat(signedIn.as("learner", () -> talkTime.forDiscussion(discussion))).as("the learner sees their own")
                .extracting(TalkAnalysis::recordingId).containsExactly(ready.id());
        assertThat(signedIn.as("iqa", () -> talkTime.forRecording(ready.id()))).as("the IQA in review").isPresent();
        assertThatThrownBy(() -> signedIn.as("learner2", () -> talkTime.forRecording(ready.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner", () -> talkTime.assignAssessorChannel(ready.id(), 1)))
                .as("only those who may record the discussion say whose channel is whose")
                .isInstanceOf(AccessRefusedException.class);

        long seq = trail.lastSeq();
        TalkAnalysis swapped = signedIn.as("assessor", () -> talkTime.assignAssessorChannel(ready.id(), 1));

        assertThat(swapped.assessorChannel()).isEqualTo(1);
        assertThat(swapped.figures().learnerSharePct()).isCloseTo(TalkScript.ASSESSOR_SHARE, within(2.0));
        assertThat(swapped.assessor()).isEqualTo(analysis.learner());
        assertThat(trail.since(seq)).anySatisfy(entry -> {
            assertThat(entry.get("ACTION")).isEqualTo("talk-parties-changed");
            assertThat(entry.get("ACTOR")).isEqualTo("assessor");
            assertThat(entry.get("DETAILS").toString()).contains("the right channel is now the assessor");
        });
        assertThatThrownBy(() -> signedIn.as("assessor", () -> talkTime.assignAssessorChannel(ready.id(), 2)))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("channels 0 (left) and 1 (right)");
    }

    @Test
    void aMonoRecordingHasNoFiguresAndSaysWhy() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "room-mic.m4a", TalkScript.monoM4a(media));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);

        TalkAnalysis analysis = TalkScript.awaitAnalysis(signedIn, talkTime, ready.id());

        assertThat(analysis.status()).isEqualTo(TalkAnalysis.Status.NOT_APPLICABLE);
        assertThat(analysis.figures()).isNull();
        assertThat(analysis.message()).contains("one sound channel (mono)", "one party per channel");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> talkTime.assignAssessorChannel(ready.id(), 1)))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("mono");
    }

    @Test
    void aMonoRecordingSavedAsStereoHasNoFiguresAndSaysWhy() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "mono-as-stereo.m4a", TalkScript.monoAsStereoM4a(media));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.audioChannels()).isEqualTo(2);

        TalkAnalysis analysis = TalkScript.awaitAnalysis(signedIn, talkTime, ready.id());

        assertThat(analysis.status()).isEqualTo(TalkAnalysis.Status.NOT_APPLICABLE);
        assertThat(analysis.message()).contains("two channels carry the same sound");
    }
}
