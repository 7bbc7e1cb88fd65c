package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.catalogue.SheetType;
import app.earmark.catalogue.Unit;
import app.earmark.catalogue.UnitDefinition;
import app.earmark.sheets.SheetContent.AcEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The awarding body's rules, on a small marked unit (16 + 4 + 80 marks) that can also be used Pass / Referral. */
class SheetRulesTest {

    private static final Unit UNIT = new Unit(1, new UnitDefinition("T-1", 1, "Test unit", 5, null, null, null, null,
            null, SheetType.MARK_SHEET, false, null, null, List.of(new LearningOutcome(1, "Be able to test", null,
            List.of(new AssessmentCriterion("1.1", "Plan", 16, 8, null, null, null),
                    new AssessmentCriterion("1.2", "Do", 4, 2, null, null, null),
                    new AssessmentCriterion("1.3", "Review", 80, 40, null, null, null))))),
            "hash", Unit.Origin.IMPORTED, Instant.EPOCH, "test", Map.of("1.1", 11L, "1.2", 12L, "1.3", 13L));

    private static SheetContent marks(int ac11, int ac12, int ac13) {
        return new SheetContent(Map.of(11L, entry(null, ac11), 12L, entry(null, ac12), 13L, entry(null, ac13)), null, null);
    }

    private static AcEntry entry(AcResult result, Integer marks) {
        return new AcEntry(result, marks, "feedback", null);
    }

    @Test
    void everyAcAtOrAboveItsMinimumPassesWithTotalAndPercentage() {
        Evaluation e = SheetRules.evaluate(UNIT, marks(8, 2, 41), true, Set.of(11L, 12L, 13L));
        assertThat(e.outcome()).isEqualTo(AcResult.PASS);
        assertThat(e.totalMarks()).isEqualTo(51);
        assertThat(e.maxMarks()).isEqualTo(100);
        assertThat(e.percentage()).isEqualTo(51);
        assertThat(e.referrals()).isEmpty();
    }

    @Test
    void oneAcBelowItsMinimumIsAnAutomaticReferralWhateverTheTotal() {
        Evaluation e = SheetRules.evaluate(UNIT, marks(7, 4, 80), true, Set.of(11L, 12L, 13L));
        assertThat(e.totalMarks()).isEqualTo(91);
        assertThat(e.outcome()).isEqualTo(AcResult.REFERRAL);
        assertThat(e.referrals()).containsExactly("AC 1.1 has 7 of 16 marks, below its minimum of 8");
    }

    @Test
    void onAPassReferralSheetOneReferralRefersTheUnitAndItsOnlyReasonIsTheAcNotMet() {
        var content = new SheetContent(Map.of(11L, entry(AcResult.PASS, null), 12L, entry(AcResult.REFERRAL, null),
                13L, entry(AcResult.PASS, null)), null, null);
        Evaluation e = SheetRules.evaluate(UNIT, content, false, Set.of(11L, 12L, 13L));
        assertThat(e.outcome()).isEqualTo(AcResult.REFERRAL);
        assertThat(e.referrals()).containsExactly("AC 1.2 is not met");
        assertThat(e.totalMarks()).isNull();
    }

    @Test
    void anUndecidedAcLeavesTheOutcomeOpen() {
        var content = new SheetContent(Map.of(11L, entry(AcResult.PASS, null)), null, null);
        Evaluation e = SheetRules.evaluate(UNIT, content, false, Set.of());
        assertThat(e.complete()).isFalse();
        assertThat(e.undecided()).containsExactly("AC 1.2", "AC 1.3");
    }

    @Test
    void aPassWithoutTimeCounterOrOtherEvidenceIsWarnedAbout() {
        var content = new SheetContent(Map.of(11L, entry(AcResult.PASS, null),
                12L, new AcEntry(AcResult.PASS, null, "ok", "Portfolio p. 4"), 13L, entry(AcResult.PASS, null)), null, null);
        Evaluation e = SheetRules.evaluate(UNIT, content, false, Set.of(13L));
        assertThat(e.warnings()).containsExactly("AC 1.1 is marked Pass but has no time counter and no other evidence"
                + " noted");
    }

    @Test
    void marksOutOfRangeAndDecisionsOfTheWrongKindAreProblems() {
        var content = new HashMap<Long, AcEntry>();
        content.put(11L, entry(null, 17));
        content.put(12L, entry(null, -1));
        content.put(13L, entry(AcResult.PASS, null));
        assertThat(SheetRules.problems(UNIT, new SheetContent(content, null, null), true)).containsExactly(
                "AC 1.1: at most 16 marks, not 17.",
                "AC 1.2: marks cannot be below 0, not -1.",
                "AC 1.3: on a marked sheet an AC gets marks, not Pass or Referral.");
    }

    @Test
    void noOutcomeTotalOrPercentageIsComputedFromMarksAnAcCannotHave() {
        Evaluation e = SheetRules.evaluate(UNIT, marks(99, 4, 80), true, Set.of(11L, 12L, 13L));
        assertThat(e.valid()).isFalse();
        assertThat(e.invalid()).containsExactly("AC 1.1: at most 16 marks, not 99.");
        assertThat(e.outcome()).isNull();
        assertThat(e.totalMarks()).isNull();
        assertThat(e.percentage()).isNull();
        assertThat(e.referrals()).isEmpty();
        assertThat(SheetRules.evaluate(UNIT, marks(16, 4, 80), true, Set.of(11L, 12L, 13L)).outcome())
                .isEqualTo(AcResult.PASS);
    }
}
