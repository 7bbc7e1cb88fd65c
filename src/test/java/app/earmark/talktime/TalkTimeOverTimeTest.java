package app.earmark.talktime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The figures over time (read for many recordings at once, in bulk) are each recording's own: its segments, channel
 * and the figures its script gives (worked out by hand, not read back through the store); recordings without figures
 * are left out, and a discussion's analyses read in bulk too keep their recordings' order.
 */
@EarmarkSpringTest
class TalkTimeOverTimeTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TalkTimeStore store;
    @Autowired
    TalkTime talkTime;
    @Autowired
    SignedIn signedIn;

    private void analysed(long discussion, long recording, int assessorChannel, boolean withFigures) {
        if (withFigures) {
            long assessor = store.insertTrack(recording, assessorChannel, Party.ASSESSOR);
            long learner = store.insertTrack(recording, 1 - assessorChannel, Party.LEARNER);
            store.replaceSegments(assessor, TalkScript.ASSESSOR);
            store.replaceSegments(learner, TalkScript.LEARNER);
        }
        store.saveAnalysis(new TalkTimeStore.Row(recording, discussion, withFigures ? TalkAnalysis.Status.ANALYSED
                : TalkAnalysis.Status.NOT_APPLICABLE, withFigures ? null : "mono", 10, TalkScript.DURATION_MS,
                Instant.now()));
    }

    @Test
    void readInBulkTheFiguresAreEachRecordingsOwn() {
        long discussion = fixtures.discussionWithLearner().id();
        long first = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long second = fixtures.readyRecording(discussion, new byte[1001], "audio/mp4");
        long mono = fixtures.readyRecording(discussion, new byte[1002], "audio/mp4");
        analysed(discussion, first, 0, true);
        analysed(discussion, second, 1, true);
        analysed(discussion, mono, 0, false);

        List<TalkTime.Dated> rows = signedIn.as("assessor", () -> talkTime.overTime()).stream()
                .filter(d -> d.discussion().id() == discussion).toList();
        assertThat(rows).extracting(d -> d.analysis().recordingId()).containsExactly(first, second);
        // What the script says, worked out by hand (TalkScript), not read back through the same store.
        for (TalkTime.Dated row : rows) {
            TalkAnalysis analysis = row.analysis();
            assertThat(analysis.discussionId()).isEqualTo(discussion);
            assertThat(analysis.status()).isEqualTo(TalkAnalysis.Status.ANALYSED);
            assertThat(analysis.durationMs()).isEqualTo(TalkScript.DURATION_MS);
            assertThat(analysis.assessor()).isEqualTo(TalkScript.ASSESSOR);
            assertThat(analysis.learner()).isEqualTo(TalkScript.LEARNER);
            TalkFigures figures = analysis.figures();
            assertThat(figures.assessorSpeechMs()).isEqualTo(9_400);
            assertThat(figures.learnerSpeechMs()).isEqualTo(23_200);
            assertThat(figures.assessorSharePct()).isCloseTo(TalkScript.ASSESSOR_SHARE, within(1e-9));
            assertThat(figures.answerPausesMs()).isEqualTo(TalkScript.ANSWER_PAUSES);
            assertThat(figures.longestMonologueMs()).isEqualTo(TalkScript.LONGEST_MONOLOGUE);
            assertThat(figures.runOnTurns()).isEqualTo(TalkScript.RUN_ON_TURNS);
            assertThat(figures.interruptions()).isEqualTo(TalkScript.INTERRUPTIONS);
        }
        assertThat(rows.get(0).analysis().assessorChannel()).isZero();
        assertThat(rows.get(1).analysis().assessorChannel()).isEqualTo(1);

        assertThat(signedIn.as("assessor", () -> talkTime.forDiscussion(discussion)))
                .extracting(TalkAnalysis::recordingId, TalkAnalysis::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, TalkAnalysis.Status.ANALYSED),
                        org.assertj.core.groups.Tuple.tuple(second, TalkAnalysis.Status.ANALYSED),
                        org.assertj.core.groups.Tuple.tuple(mono, TalkAnalysis.Status.NOT_APPLICABLE));
    }

    @Test
    void theAssessorsChannelAloneIsTheAnalysedOnesForWhoeverMaySeeTheRecording() {
        long discussion = fixtures.discussionWithLearner().id();
        long left = fixtures.readyRecording(discussion, new byte[1003], "audio/mp4");
        long right = fixtures.readyRecording(discussion, new byte[1004], "audio/mp4");
        long mono = fixtures.readyRecording(discussion, new byte[1005], "audio/mp4");
        long notYet = fixtures.readyRecording(discussion, new byte[1006], "audio/mp4");
        analysed(discussion, left, 0, true);
        analysed(discussion, right, 1, true);
        analysed(discussion, mono, 0, false);

        assertThat(signedIn.as("assessor", () -> talkTime.assessorChannel(left))).contains(0);
        assertThat(signedIn.as("learner", () -> talkTime.assessorChannel(right))).contains(1);
        assertThat(signedIn.as("assessor", () -> talkTime.assessorChannel(mono))).isEmpty();
        assertThat(signedIn.as("assessor", () -> talkTime.assessorChannel(notYet))).isEmpty();
        assertThatThrownBy(() -> signedIn.as("learner2", () -> talkTime.assessorChannel(left)))
                .isInstanceOf(AccessRefusedException.class);
    }
}
