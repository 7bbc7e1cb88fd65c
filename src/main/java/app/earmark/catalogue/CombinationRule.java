package app.earmark.catalogue;

import java.util.List;

/**
 * One way to achieve an award of a qualification: every mandatory unit, and every unit of at least one
 * of the groups (when there are groups), and at least the minimum credits (when given).
 *
 * @param provisional why the rule is an inference rather than the source's own words, until a centre confirms
 *        it (by importing a definition that gives the rule without this reason); {@code null} for a rule the
 *        sources state
 */
public record CombinationRule(String award, String description, List<String> mandatory, List<UnitGroup> oneGroupOf,
        Integer minimumCredits, String provisional) {

    public CombinationRule {
        mandatory = mandatory == null ? List.of() : List.copyOf(mandatory);
        oneGroupOf = oneGroupOf == null ? List.of() : List.copyOf(oneGroupOf);
    }

    /** Whether the rule still waits for a centre to confirm it. */
    public boolean unconfirmed() {
        return provisional != null && !provisional.isBlank();
    }

    /** A named set of units that must be achieved together. */
    public record UnitGroup(String name, List<String> units) {

        public UnitGroup {
            units = units == null ? List.of() : List.copyOf(units);
        }
    }
}
