package app.earmark.sheets;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Unit;
import app.earmark.sheets.SheetContent.AcEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The awarding body's rules for a unit's result (seeds 000–004): every AC must be met. On a result
 * sheet each AC is Pass or Referral and the unit passes only if every AC passes. On a mark sheet used
 * with marks, an AC is met when it reaches its minimum (half its marks); any AC below its minimum is an
 * automatic referral whatever the total, and the total and percentage are shown. The only reason for a
 * referral is an AC not met. Marks an AC cannot have (above its marks, below 0) make no outcome at all: nothing is
 * computed from them.
 */
final class SheetRules {

    private SheetRules() {
    }

    /**
     * @param evidenced ACs (by id) with at least one time counter from a tagged discussion
     */
    static Evaluation evaluate(Unit unit, SheetContent content, boolean useMarks, Set<Long> evidenced) {
        List<String> referrals = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int total = 0;
        int max = 0;
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            long id = unit.criterionIds().get(ac.number());
            AcEntry entry = content.entry(id);
            boolean met;
            if (useMarks) {
                max += ac.marks();
                if (entry.marks() == null) {
                    undecided.add(ac.label());
                    continue;
                }
                if (entry.marks() < 0 || entry.marks() > ac.marks()) {
                    invalid.add(invalidMarks(ac, entry.marks()));
                    continue;
                }
                total += entry.marks();
                met = entry.marks() >= ac.minimum();
                if (!met) {
                    referrals.add(ac.label() + " has " + entry.marks() + " of " + ac.marks() + " marks, below its minimum"
                            + " of " + ac.minimum());
                }
            } else {
                if (entry.result() == null) {
                    undecided.add(ac.label());
                    continue;
                }
                met = entry.result() == AcResult.PASS;
                if (!met) {
                    referrals.add(ac.label() + " is not met");
                }
            }
            if (met && !evidenced.contains(id) && blank(entry.otherEvidence())) {
                warnings.add(ac.label() + " is " + (useMarks ? "met" : "marked Pass") + " but has no time counter and"
                        + " no other evidence noted");
            }
        }
        if (!invalid.isEmpty()) {
            return new Evaluation(null, null, useMarks ? max : null, List.of(), undecided, List.of(), invalid);
        }
        AcResult outcome = !undecided.isEmpty() ? null : referrals.isEmpty() ? AcResult.PASS : AcResult.REFERRAL;
        return new Evaluation(outcome, useMarks ? total : null, useMarks ? max : null, referrals, undecided, warnings,
                List.of());
    }

    /** "AC 1.1: at most 8 marks, not 99." */
    static String invalidMarks(AssessmentCriterion ac, int marks) {
        return marks < 0 ? ac.label() + ": marks cannot be below 0, not " + marks + "."
                : ac.label() + ": at most " + ac.marks() + " marks, not " + marks + ".";
    }

    /** Problems with what was entered, whatever the outcome: marks out of range, decisions on the wrong kind of sheet. */
    static List<String> problems(Unit unit, SheetContent content, boolean useMarks) {
        List<String> problems = new ArrayList<>();
        if (useMarks && !unit.definition().isMarked()) {
            problems.add("Unit " + unit.code() + " has no mark scheme: mark each AC Pass or Referral.");
            return problems;
        }
        Set<Long> known = Set.copyOf(unit.criterionIds().values());
        content.criteria().keySet().stream().filter(id -> !known.contains(id)).findFirst()
                .ifPresent(id -> problems.add("The sheet names an AC that is not part of unit " + unit.code() + "."));
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            AcEntry entry = content.entry(unit.criterionIds().get(ac.number()));
            if (useMarks && entry.marks() != null && (entry.marks() < 0 || entry.marks() > ac.marks())) {
                problems.add(invalidMarks(ac, entry.marks()));
            }
            if (useMarks && entry.result() != null) {
                problems.add(ac.label() + ": on a marked sheet an AC gets marks, not Pass or Referral.");
            }
            if (!useMarks && entry.marks() != null) {
                problems.add(ac.label() + ": this sheet is not marked; give Pass or Referral instead of marks.");
            }
            if (entry.feedback() != null && entry.feedback().length() > ResultSheets.MAX_TEXT) {
                problems.add(ac.label() + ": feedback may have at most " + ResultSheets.MAX_TEXT + " characters.");
            }
            if (entry.otherEvidence() != null && entry.otherEvidence().length() > ResultSheets.MAX_TEXT) {
                problems.add(ac.label() + ": other evidence may have at most " + ResultSheets.MAX_TEXT + " characters.");
            }
        }
        content.loComments().forEach((lo, text) -> {
            if (text != null && text.length() > ResultSheets.MAX_TEXT) {
                problems.add("The comments on learning outcome " + lo + " may have at most " + ResultSheets.MAX_TEXT
                        + " characters.");
            }
        });
        return problems;
    }

    /** Passes without feedback, where the centre requires feedback on every AC. */
    static List<String> missingFeedback(Unit unit, SheetContent content) {
        List<String> missing = new ArrayList<>();
        for (AssessmentCriterion ac : unit.definition().criteria().toList()) {
            if (blank(content.entry(unit.criterionIds().get(ac.number())).feedback())) {
                missing.add(ac.label());
            }
        }
        return missing;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
