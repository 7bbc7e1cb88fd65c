package app.earmark.sheets;

import java.util.List;

/**
 * What the rules make of a sheet.
 *
 * @param outcome    the unit's outcome, or {@code null} while any AC is undecided
 * @param totalMarks the total of the marks (marked sheets only)
 * @param maxMarks   the marks available (marked sheets only)
 * @param referrals  why the outcome is a referral: the ACs not met, each in words
 * @param undecided  the ACs without a decision or marks yet
 * @param warnings   what the assessor should look at but may sign over (e.g. a Pass without evidence)
 */
public record Evaluation(AcResult outcome, Integer totalMarks, Integer maxMarks, List<String> referrals,
        List<String> undecided, List<String> warnings) {

    public Evaluation {
        referrals = List.copyOf(referrals);
        undecided = List.copyOf(undecided);
        warnings = List.copyOf(warnings);
    }

    public boolean complete() {
        return outcome != null;
    }

    /** The total as a percentage of the marks available, rounded down; {@code null} for an unmarked sheet. */
    public Integer percentage() {
        return totalMarks == null || maxMarks == null || maxMarks == 0 ? null : totalMarks * 100 / maxMarks;
    }
}
