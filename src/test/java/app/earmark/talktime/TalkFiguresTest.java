package app.earmark.talktime;

import static app.earmark.talktime.TalkScript.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures from known segments. The script (TalkScript): assessor 1.0–4.0 s, 12.8–14.0, 15.0–16.5 (a second
 * question after a 1 s pause, the learner silent), 23.5–26.0 (starts while the learner speaks), 30.8–32.0; learner
 * 5.2–12.0, 18.0–25.0, 26.6–30.0, 34.0–40.0. So: assessor 9.4 s, learner 23.2 s of speech; answer pauses 1.2, 1.5,
 * 0.6 and 2.0 s; one run-on turn (12.8–16.5, also the longest monologue, 3.7 s); one interruption.
 */
class TalkFiguresTest {

    @Test
    void theScriptsFiguresAreWhatItSays() {
        TalkFigures f = TalkFigures.of(TalkScript.ASSESSOR, TalkScript.LEARNER);

        assertThat(f.assessorSpeechMs()).isEqualTo(9_400);
        assertThat(f.learnerSpeechMs()).isEqualTo(23_200);
        assertThat(f.assessorSharePct()).isCloseTo(28.834, within(0.001));
        assertThat(f.learnerSharePct()).isCloseTo(71.166, within(0.001));
        assertThat(f.assessorTurns()).isEqualTo(4);
        assertThat(f.runOnTurns()).isEqualTo(1);
        assertThat(f.longestMonologueMs()).isEqualTo(3_700);
        assertThat(f.answerPausesMs()).containsExactly(1_200L, 1_500L, 600L, 2_000L);
        assertThat(f.medianAnswerPauseMs()).isEqualTo(1_350);
        assertThat(f.interruptions()).isEqualTo(1);
    }

    @Test
    void aShortPauseWithinATurnIsNoRunOnAndALearnerAnswerSplitsTurns() {
        var assessor = List.of(seg(0, 2_000), seg(2_500, 4_000), seg(6_000, 7_000));
        var learner = List.of(seg(5_000, 5_800));

        TalkFigures f = TalkFigures.of(assessor, learner);

        assertThat(f.assessorTurns()).isEqualTo(2);
        assertThat(f.runOnTurns()).as("0.5 s is a breath, not a second question").isZero();
        assertThat(f.longestMonologueMs()).isEqualTo(4_000);
        assertThat(f.answerPausesMs()).containsExactly(1_000L);
    }

    @Test
    void aLearnerWhoStartsBeforeTheAssessorFinishesGivesNoAnswerPauseAndIsNoInterruption() {
        var assessor = List.of(seg(0, 3_000));
        var learner = List.of(seg(2_800, 6_000));

        TalkFigures f = TalkFigures.of(assessor, learner);

        assertThat(f.answerPausesMs()).isEmpty();
        assertThat(f.medianAnswerPauseMs()).isNull();
        assertThat(f.interruptions()).as("the overlap was started by the learner").isZero();
    }

    @Test
    void anOverlapShorterThanTheMinimumIsNoInterruption() {
        var learner = List.of(seg(0, 3_000));

        assertThat(TalkFigures.of(List.of(seg(2_900, 4_000)), learner).interruptions()).isZero();
        assertThat(TalkFigures.of(List.of(seg(2_700, 4_000)), learner).interruptions()).isEqualTo(1);
    }

    @Test
    void withNoSpeechThereAreNoShares() {
        TalkFigures f = TalkFigures.of(List.of(), List.of());

        assertThat(f.assessorSharePct()).isNull();
        assertThat(f.learnerSharePct()).isNull();
        assertThat(f.assessorTurns()).isZero();
        assertThat(f.medianAnswerPauseMs()).isNull();
    }

    /**
     * Per planned question: the script cut at 12.5 s and 23.0 s. From 12.5 to 23.0 s the assessor asks two questions
     * in one turn (12.8–14.0, 15.0–16.5: 2.7 s) and the learner answers 1.5 s later, speaking 18.0–23.0 (5.0 s of
     * the 7.0 s they spoke, cut at the edge). From 23.0 s to the end: assessor 23.5–26.0 (starting 0.5 s into the
     * learner's 23.0–25.0, an interruption) and 30.8–32.0, 3.7 s; learner 2.0 + 3.4 + 6.0 = 11.4 s; pauses 0.6 and
     * 2.0 s.
     */
    @Test
    void aStretchCountsOnlyWhatLiesInsideIt() {
        TalkFigures first = TalkFigures.within(TalkScript.ASSESSOR, TalkScript.LEARNER, 12_500, 23_000);
        assertThat(first.assessorSpeechMs()).isEqualTo(2_700);
        assertThat(first.learnerSpeechMs()).isEqualTo(5_000);
        assertThat(first.learnerSharePct()).isCloseTo(100.0 * 5_000 / 7_700, within(0.001));
        assertThat(first.assessorTurns()).isEqualTo(1);
        assertThat(first.runOnTurns()).isEqualTo(1);
        assertThat(first.longestMonologueMs()).isEqualTo(3_700);
        assertThat(first.answerPausesMs()).containsExactly(1_500L);
        assertThat(first.interruptions()).isZero();

        TalkFigures second = TalkFigures.within(TalkScript.ASSESSOR, TalkScript.LEARNER, 23_000, 41_000);
        assertThat(second.assessorSpeechMs()).isEqualTo(3_700);
        assertThat(second.learnerSpeechMs()).isEqualTo(11_400);
        assertThat(second.assessorTurns()).isEqualTo(2);
        assertThat(second.runOnTurns()).isZero();
        assertThat(second.longestMonologueMs()).isEqualTo(2_500);
        assertThat(second.answerPausesMs()).containsExactly(600L, 2_000L);
        assertThat(second.medianAnswerPauseMs()).isEqualTo(1_300);
        assertThat(second.interruptions()).isEqualTo(1);

        TalkFigures silent = TalkFigures.within(TalkScript.ASSESSOR, TalkScript.LEARNER, 40_000, 41_000);
        assertThat(silent.learnerSharePct()).as("nobody spoke in the last second").isNull();
    }
}
