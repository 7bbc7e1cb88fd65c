package app.earmark.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a unit definition acceptable; every problem is reported, each naming its place. */
final class UnitRules {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern AC_NUMBER = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})");
    static final int MARKED_TOTAL = 100;
    private static final int MAX_TEXT = 4000;

    private UnitRules() {
    }

    static List<String> problems(UnitDefinition unit) {
        var problems = new ArrayList<String>();
        if (blank(unit.code())) {
            problems.add("code is missing.");
        } else if (!CODE.matcher(unit.code()).matches()) {
            problems.add("code '" + unit.code() + "' may only hold letters, digits, '.', '_' and '-' (at most 40).");
        }
        if (unit.version() == null) {
            problems.add("version is missing.");
        } else if (unit.version() < 1) {
            problems.add("version must be 1 or more, not " + unit.version() + ".");
        }
        if (blank(unit.title())) {
            problems.add("title is missing.");
        } else if (unit.title().length() > 300) {
            problems.add("title is longer than 300 characters.");
        }
        if (unit.level() == null) {
            problems.add("level is missing.");
        } else if (unit.level() < 1 || unit.level() > 8) {
            problems.add("level must be between 1 and 8, not " + unit.level() + ".");
        }
        nonNegative(problems, "credits", unit.credits());
        nonNegative(problems, "glh", unit.glh());
        if (unit.sheet() == null) {
            problems.add("sheet is missing: say MARK_SHEET (marks per AC, out of 100) or RESULT_SHEET (Pass / Referral).");
        }
        if (unit.learningOutcomes().isEmpty()) {
            problems.add("learningOutcomes is missing: a unit needs at least one learning outcome.");
        }
        checkOutcomes(unit, problems);
        if (unit.isMarked() && problems.isEmpty() && unit.totalMarks() != MARKED_TOTAL) {
            problems.add("The marks of a MARK_SHEET unit must total " + MARKED_TOTAL + "; these total "
                    + unit.totalMarks() + ".");
        }
        return problems;
    }

    private static void checkOutcomes(UnitDefinition unit, List<String> problems) {
        Set<Integer> loNumbers = new HashSet<>();
        Map<String, String> seenAcs = new HashMap<>();
        for (int i = 0; i < unit.learningOutcomes().size(); i++) {
            LearningOutcome lo = unit.learningOutcomes().get(i);
            String loPlace = "learningOutcomes[" + i + "]";
            if (lo == null) {
                problems.add(loPlace + " is empty.");
                continue;
            }
            if (lo.number() == null) {
                problems.add(loPlace + ": number is missing.");
            } else if (lo.number() < 1) {
                problems.add(loPlace + ": number must be 1 or more.");
            } else if (!loNumbers.add(lo.number())) {
                problems.add("Learning outcome " + lo.number() + " appears more than once.");
            }
            if (blank(lo.title())) {
                problems.add(loPlace + " (learning outcome " + lo.number() + "): title is missing.");
            }
            if (lo.assessmentCriteria().isEmpty()) {
                problems.add(loPlace + " (learning outcome " + lo.number() + ") has no assessmentCriteria.");
            }
            for (int j = 0; j < lo.assessmentCriteria().size(); j++) {
                String place = loPlace + ".assessmentCriteria[" + j + "]";
                checkCriterion(unit, lo, lo.assessmentCriteria().get(j), place, seenAcs, problems);
            }
        }
    }

    private static void checkCriterion(UnitDefinition unit, LearningOutcome lo, AssessmentCriterion ac, String place,
            Map<String, String> seenAcs, List<String> problems) {
        if (ac == null) {
            problems.add(place + " is empty.");
            return;
        }
        String name = place;
        if (blank(ac.number())) {
            problems.add(place + ": number is missing.");
        } else {
            name = place + " (AC " + ac.number() + ")";
            var matcher = AC_NUMBER.matcher(ac.number());
            if (!matcher.matches()) {
                problems.add(name + ": number must look like \"1.2\" (learning outcome, then position).");
            } else if (lo.number() != null && Integer.parseInt(matcher.group(1)) != lo.number()) {
                problems.add(name + ": AC " + ac.number() + " is listed under learning outcome " + lo.number() + ".");
            }
            String earlier = seenAcs.putIfAbsent(ac.number(), place);
            if (earlier != null) {
                problems.add("Duplicate AC number " + ac.number() + ": at " + earlier + " and at " + place + ".");
            }
        }
        if (blank(ac.text())) {
            problems.add(name + ": the AC text is missing.");
        } else if (ac.text().length() > MAX_TEXT) {
            problems.add(name + ": the AC text is longer than " + MAX_TEXT + " characters.");
        }
        if (unit.sheet() == SheetType.MARK_SHEET) {
            checkMarks(unit, ac, name, problems);
        } else if (unit.sheet() == SheetType.RESULT_SHEET && (ac.marks() != null || ac.minimum() != null)) {
            problems.add(name + ": has marks, but the unit is a RESULT_SHEET (Pass / Referral); "
                    + "a marked unit needs sheet: MARK_SHEET.");
        }
    }

    /**
     * Marks and minimum of an AC of a marked unit. The awarding body's mark sheets make every AC's minimum half its
     * marks ("at least half marks"; rounded up for an odd number), so any other minimum is refused.
     */
    private static void checkMarks(UnitDefinition unit, AssessmentCriterion ac, String name, List<String> problems) {
        if (ac.marks() == null) {
            problems.add(name + ": marks is missing; every AC of a MARK_SHEET unit needs marks and a minimum.");
        } else if (ac.marks() < 1) {
            problems.add(name + ": marks must be 1 or more, not " + ac.marks() + ".");
        }
        if (ac.minimum() == null) {
            problems.add(name + ": minimum is missing; every AC of a MARK_SHEET unit needs marks and a minimum.");
        } else if (ac.minimum() < 0) {
            problems.add(name + ": minimum must not be negative (" + ac.minimum() + ").");
        } else if (ac.marks() != null && ac.minimum() > ac.marks()) {
            problems.add(name + ": the minimum (" + ac.minimum() + ") is above the marks available (" + ac.marks()
                    + ").");
        } else if (ac.marks() != null && ac.marks() >= 1 && ac.minimum() != halfOf(ac.marks())) {
            problems.add("Unit " + unit.code() + ", " + name + ": the minimum is " + ac.minimum() + " of " + ac.marks()
                    + " marks, but the mark sheets make an AC's minimum half its marks: expected " + halfOf(ac.marks())
                    + ".");
        }
    }

    /** Half the marks, rounded up: the least an AC needs to be met. */
    static int halfOf(int marks) {
        return (marks + 1) / 2;
    }

    private static void nonNegative(List<String> problems, String field, Integer value) {
        if (value != null && value < 0) {
            problems.add(field + " must not be negative (" + value + ").");
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
