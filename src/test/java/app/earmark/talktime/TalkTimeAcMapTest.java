package app.earmark.talktime;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.AcMapFormat;
import app.earmark.sheets.SheetExports;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The AC map's JSON carries each analysed recording's talk time: figures and who spoke when, or why there are none. */
@EarmarkSpringTest
class TalkTimeAcMapTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TalkTimeStore store;
    @Autowired
    SheetExports exports;
    @Autowired
    SignedIn signedIn;

    @Test
    void theJsonHasTheFiguresOfEachAnalysedRecording() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        long stereo = fixtures.readyRecording(discussion, ("stereo " + System.nanoTime()).getBytes(), "audio/mp4");
        long left = store.insertTrack(stereo, 0, Party.ASSESSOR);
        long right = store.insertTrack(stereo, 1, Party.LEARNER);
        store.replaceSegments(left, TalkScript.ASSESSOR);
        store.replaceSegments(right, TalkScript.LEARNER);
        store.saveAnalysis(new TalkTimeStore.Row(stereo, discussion, TalkAnalysis.Status.ANALYSED, null, 10,
                TalkScript.DURATION_MS, Instant.now()));
        long mono = fixtures.readyRecording(discussion, ("mono " + System.nanoTime()).getBytes(), "audio/mp4");
        store.saveAnalysis(new TalkTimeStore.Row(mono, discussion, TalkAnalysis.Status.NOT_APPLICABLE,
                "The recording has one sound channel (mono).", null, 60_000L, Instant.now()));

        JsonNode map = new ObjectMapper().readTree(signedIn.as("learner", () -> exports.acMap(discussion, null,
                AcMapFormat.JSON)).content());

        JsonNode talk = map.get("talkTime");
        assertThat(talk).hasSize(2);
        JsonNode analysed = talk.get(0).get("recordingId").asLong() == stereo ? talk.get(0) : talk.get(1);
        JsonNode notApplicable = analysed == talk.get(0) ? talk.get(1) : talk.get(0);
        assertThat(analysed.get("status").asText()).isEqualTo("ANALYSED");
        assertThat(analysed.get("assessorChannel").asText()).isEqualTo("left");
        assertThat(analysed.get("assessorSharePct").asDouble()).isEqualTo(28.8);
        assertThat(analysed.get("learnerSharePct").asDouble()).isEqualTo(71.2);
        assertThat(analysed.get("longestAssessorMonologueMs").asLong()).isEqualTo(3_700);
        assertThat(analysed.get("runOnTurns").asInt()).isEqualTo(1);
        assertThat(analysed.get("interruptions").asInt()).isEqualTo(1);
        assertThat(analysed.get("medianAnswerPauseMs").asLong()).isEqualTo(1_350);
        assertThat(analysed.get("answerPausesMs").toString()).isEqualTo("[1200,1500,600,2000]");
        assertThat(analysed.get("assessorSpeech").get(0).toString()).isEqualTo("[1000,4000]");
        assertThat(analysed.get("learnerSpeech")).hasSize(4);
        assertThat(notApplicable.get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(notApplicable.get("message").asText()).contains("mono");
        assertThat(notApplicable.has("assessorSharePct")).isFalse();
    }
}
