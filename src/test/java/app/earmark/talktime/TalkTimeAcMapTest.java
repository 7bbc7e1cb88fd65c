package app.earmark.talktime;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.AcMapFormat;
import app.earmark.sheets.SheetExports;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
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
    @Autowired
    Discussions discussions;
    @Autowired
    Tags tags;

    @Test
    void theJsonHasTheFiguresOfEachAnalysedRecording() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        long stereo = fixtures.readyRecording(discussion, ("stereo " + System.nanoTime()).getBytes(), "audio/mp4");
        TalkScript.analysed(store, discussion, stereo);
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

    /**
     * Questions marked asked (a tag made with a question's "Tag all") cut the recording: question 2 asked at 12.5 s,
     * question 1 at 23.0 s (asked again at 30.0 s: the first mark counts); figures as worked out by hand in
     * TalkFiguresTest.aStretchCountsOnlyWhatLiesInsideIt. A tag not made from a question cuts nothing.
     */
    @Test
    void theJsonHasTheFiguresOfEachQuestionFromWhereItWasMarkedAsked() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        long stereo = fixtures.readyRecording(discussion, ("stereo " + System.nanoTime()).getBytes(), "audio/mp4");
        TalkScript.analysed(store, discussion, stereo);
        List<AssessedCriterion> acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        long ac1 = acs.get(0).id();
        long ac2 = acs.get(1).id();
        signedIn.as("assessor", () -> {
            discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                    new DiscussionPlan.Draft("How do you contract with a new client?", Set.of(ac1)),
                    new DiscussionPlan.Draft("What would you do differently?", Set.of(ac1, ac2))));
            tags.create(stereo, new TagDraft(5_000, null, Set.of(ac1), null));
            tags.create(stereo, new TagDraft(12_500, null, Set.of(ac1, ac2), null, 2));
            tags.create(stereo, new TagDraft(23_000, null, Set.of(ac1), null, 1));
            return tags.create(stereo, new TagDraft(30_000, null, Set.of(ac1, ac2), null, 2));
        });

        JsonNode map = new ObjectMapper().readTree(signedIn.as("assessor", () -> exports.acMap(discussion, null,
                AcMapFormat.JSON)).content());

        JsonNode questions = map.get("talkTime").get(0).get("questions");
        assertThat(questions).hasSize(2);
        JsonNode q2 = questions.get(0);
        assertThat(q2.get("position").asInt()).isEqualTo(2);
        assertThat(q2.get("text").asText()).isEqualTo("What would you do differently?");
        assertThat(q2.get("fromMs").asLong()).isEqualTo(12_500);
        assertThat(q2.get("toMs").asLong()).isEqualTo(23_000);
        assertThat(q2.get("learnerSharePct").asDouble()).isEqualTo(64.9);
        assertThat(q2.get("runOnTurns").asInt()).isEqualTo(1);
        assertThat(q2.get("answerPausesMs").toString()).isEqualTo("[1500]");
        assertThat(q2.get("interruptions").asInt()).isZero();
        JsonNode q1 = questions.get(1);
        assertThat(q1.get("position").asInt()).isEqualTo(1);
        assertThat(q1.get("fromMs").asLong()).isEqualTo(23_000);
        assertThat(q1.get("toMs").asLong()).as("to the end of the recording").isEqualTo(41_000);
        assertThat(q1.get("learnerSharePct").asDouble()).isEqualTo(75.5);
        assertThat(q1.get("longestAssessorMonologueMs").asLong()).isEqualTo(2_500);
        assertThat(q1.get("medianAnswerPauseMs").asLong()).isEqualTo(1_300);
        assertThat(q1.get("interruptions").asInt()).isEqualTo(1);

        // The learner has not been shown the plan yet: the figures, but not the questions' texts.
        JsonNode learners = new ObjectMapper().readTree(signedIn.as("learner", () -> exports.acMap(discussion, null,
                AcMapFormat.JSON)).content()).get("talkTime").get(0).get("questions");
        assertThat(learners).hasSize(2);
        assertThat(learners.get(0).get("position").asInt()).isEqualTo(2);
        assertThat(learners.get(0).has("text")).isFalse();
        assertThat(learners.get(0).get("learnerSharePct").asDouble()).isEqualTo(64.9);
    }
}
