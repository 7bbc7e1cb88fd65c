package app.earmark.sheets;

import java.util.List;

/**
 * What the rules make of a sheet.
 *
 * @param outcome    the unit's outcome, or {@code null} while any AC is undecided or has invalid marks
 * @param totalMarks the total of the marks (marked sheets only)
 * @param maxMarks   the marks available (marked sheets only)
 * @param referrals  why the outcome is a referral: the ACs not met, each in words
 * @param undecided  the ACs without a decision or marks yet
 * @param warnings   what the assessor should look at but may sign over (e.g. a Pass without evidence)
 * @param invalid    marks that cannot be (below 0 or above the AC's marks), each in words; while there is one, no
 *                   outcome, total or percentage is computed
 */
public record Evaluation(AcResult outcome, Integer totalMarks, Integer maxMarks, List<String> referrals,
        List<String> undecided, List<String> warnings, List<String> invalid) {

    public Evaluation {
        referrals = List.copyOf(referrals);
        undecided = List.copyOf(undecided);
        warnings = List.copyOf(warnings);
        invalid = List.copyOf(invalid);
    }

    public boolean complete() {
        return outcome != null;
    }

    /** Whether every mark is one the AC can have (always, on a sheet without marks). */
    public boolean valid() {
        return invalid.isEmpty();
    }

    /** The total as a percentage of the marks available, rounded down; {@code null} for an unmarked sheet. */
    public Integer percentage() {
        return totalMarks == null || maxMarks == null || maxMarks == 0 ? null : totalMarks * 100 / maxMarks;
    }
}
