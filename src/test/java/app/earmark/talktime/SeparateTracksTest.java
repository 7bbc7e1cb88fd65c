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
 * Talk time from a separate file per person, through upload, the combining job, a real mix worker and ingest: the
 * script's two voices, each in a mono file of its own (the learner's started 1.5 s later), combined as the assessor
 * says, give the figures the script gives; only those who may record the discussion ask, and nonsense is refused.
 */
@EarmarkSpringTest
class SeparateTracksTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    SeparateTracks separate;
    @Autowired
    app.earmark.recordings.Recordings recordingsOf;
    @Autowired
    TalkTime talkTime;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @Test
    void twoFilesOnePerPersonAreCombinedAndAnalysedAsTheScriptSays() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        Path wav = media.resolve("script.wav");
        TalkScript.writeWav(wav, TalkScript.ASSESSOR, TalkScript.LEARNER, TalkScript.DURATION_MS, 0.1);
        // Each person's own microphone (the other heard faintly), the learner's recorder started 1.5 s later.
        Path assessorFile = TalkScript.ffmpeg(wav, media.resolve("assessor.m4a"), "-af", "pan=mono|c0=c0");
        Path learnerFile = TalkScript.ffmpeg(wav, media.resolve("learner.m4a"), "-ss", "1.5", "-af", "pan=mono|c0=c1");
        uploads.upload(discussion, "Sam (assessor).m4a", assessorFile);
        RecordingSummary assessor = uploads.awaitSettled(discussion);
        uploads.upload(discussion, "Lee (learner).m4a", learnerFile);
        RecordingSummary learner = uploads.await(discussion, r -> r.id() != assessor.id() && !r.state().inProgress(),
                Duration.ofSeconds(90));
        assertThat(assessor.state()).as(assessor.message()).isEqualTo(RecordingState.READY);
        assertThat(learner.state()).as(learner.message()).isEqualTo(RecordingState.READY);
        assertThat(learner.audioChannels()).isEqualTo(1);

        assertThatThrownBy(() -> signedIn.as("learner", () -> {
            separate.request(new SeparateTracks.Request(discussion, assessor.id(), learner.id(), 1500));
            return null;
        })).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> request(discussion, assessor.id(), assessor.id(), 0))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("two different recordings");
        assertThatThrownBy(() -> request(discussion, assessor.id(), learner.id(), 2 * 3_600_000L))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("at most an hour");
        long other = fixtures.discussionWithLearner().id();
        assertThatThrownBy(() -> request(other, assessor.id(), learner.id(), 0))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("belongs to another discussion");

        long seq = trail.lastSeq();
        request(discussion, assessor.id(), learner.id(), 1500);

        RecordingSummary combined = uploads.await(discussion, r -> r.originalName().startsWith("One party per channel")
                && !r.state().inProgress(), Duration.ofSeconds(120));
        assertThat(combined.state()).as(combined.message()).isEqualTo(RecordingState.READY);
        assertThat(combined.originalName()).isEqualTo("One party per channel - Sam (assessor) + Lee (learner)"
                + " (learner +1.5 s).m4a");
        assertThat(combined.audioChannels()).isEqualTo(2);
        TalkAnalysis analysis = TalkScript.awaitAnalysis(signedIn, talkTime, combined.id());
        assertThat(analysis.status()).as(analysis.message()).isEqualTo(TalkAnalysis.Status.ANALYSED);
        TalkFigures f = analysis.figures();
        assertThat(f.assessorSharePct()).isCloseTo(TalkScript.ASSESSOR_SHARE, within(2.0));
        assertThat(f.answerPausesMs()).hasSameSizeAs(TalkScript.ANSWER_PAUSES);
        for (int i = 0; i < f.answerPausesMs().size(); i++) {
            assertThat(f.answerPausesMs().get(i)).isCloseTo(TalkScript.ANSWER_PAUSES.get(i), within(200L));
        }
        assertThat(f.interruptions()).isEqualTo(1);
        assertThat(f.runOnTurns()).isEqualTo(1);
        // Each voice where the script puts it: the learner's first answer from 5.2 s, though their file began 1.5 s in.
        assertThat(analysis.learner().get(0).startMs()).isCloseTo(5_200L, within(200L));
        assertThat(analysis.assessor().get(0).startMs()).isCloseTo(1_000L, within(200L));

        // The same request again is refused, naming what it made; the job run again (its node died before the
        // scheduler marked it done) makes no second recording.
        assertThatThrownBy(() -> request(discussion, assessor.id(), learner.id(), 1500))
                .isInstanceOf(TalkTimeException.class).hasMessageContaining("combined with this offset already")
                .hasMessageContaining(combined.originalName());
        separate.combine(new SeparateTracks.Request(discussion, assessor.id(), learner.id(), 1500).instanceId());
        assertThat(signedIn.as("assessor", () -> recordingsOf.forDiscussion(discussion))).extracting(
                RecordingSummary::originalName).filteredOn(n -> n.startsWith("One party per channel")).hasSize(1);

        assertThat(trail.since(seq)).anySatisfy(entry -> {
            assertThat(entry.get("ACTION")).isEqualTo("separate-tracks-requested");
            assertThat(entry.get("ACTOR")).isEqualTo("assessor");
            assertThat(entry.get("DETAILS").toString()).contains("recording " + assessor.id() + " as the assessor",
                    "recording " + learner.id() + " as the learner", "1.5 s after");
        }).anySatisfy(entry -> {
            assertThat(entry.get("ACTION")).isEqualTo("separate-tracks-combined");
            assertThat(entry.get("SUBJECT")).isEqualTo("recording:" + combined.id());
        });
    }

    private void request(long discussion, long assessor, long learner, long offsetMs) {
        signedIn.as("assessor", () -> {
            separate.request(new SeparateTracks.Request(discussion, assessor, learner, offsetMs));
            return null;
        });
    }
}
