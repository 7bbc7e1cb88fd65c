package app.earmark.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What makes a qualification definition acceptable on its own (unit codes are checked when stored). */
final class QualificationRules {

    private QualificationRules() {
    }

    static List<String> problems(QualificationDefinition q) {
        var problems = new ArrayList<String>();
        if (UnitRules.blank(q.code())) {
            problems.add("code is missing.");
        } else if (!UnitRules.CODE.matcher(q.code()).matches()) {
            problems.add("code '" + q.code() + "' may only hold letters, digits, '.', '_' and '-'.");
        }
        if (q.version() == null || q.version() < 1) {
            problems.add("version is missing or below 1.");
        }
        if (UnitRules.blank(q.title())) {
            problems.add("title is missing.");
        }
        if (q.level() == null) {
            problems.add("level is missing.");
        }
        if (q.units().isEmpty()) {
            problems.add("units is missing: list the codes of the qualification's units.");
        }
        Set<String> units = new HashSet<>();
        for (String code : q.units()) {
            if (!units.add(code)) {
                problems.add("Unit " + code + " is listed twice.");
            }
        }
        for (int i = 0; i < q.rulesOfCombination().size(); i++) {
            CombinationRule rule = q.rulesOfCombination().get(i);
            String place = "rulesOfCombination[" + i + "]";
            if (UnitRules.blank(rule.award())) {
                problems.add(place + ": award is missing.");
            }
            if (rule.provisional() != null && rule.provisional().isBlank()) {
                problems.add(place + ": provisional is empty: give the reason the rule is not yet confirmed, or leave"
                        + " the field out for a confirmed rule.");
            }
            if (rule.mandatory().isEmpty() && rule.oneGroupOf().isEmpty()) {
                problems.add(place + ": names no units (give mandatory units, groups, or both).");
            }
            rule.mandatory().stream().filter(code -> !units.contains(code)).forEach(code -> problems.add(
                    place + ": mandatory unit " + code + " is not one of the qualification's units."));
            for (var group : rule.oneGroupOf()) {
                group.units().stream().filter(code -> !units.contains(code)).forEach(code -> problems.add(
                        place + ": unit " + code + " of group '" + group.name()
                                + "' is not one of the qualification's units."));
            }
        }
        return problems;
    }
}
