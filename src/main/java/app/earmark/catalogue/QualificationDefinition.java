package app.earmark.catalogue;

import java.util.List;

/** A qualification exactly as its data file describes it. */
public record QualificationDefinition(String code, Integer version, String title, String awardingBody, Integer level,
        Integer glh, Integer tqt, Integer credits, String source, List<String> units,
        List<CombinationRule> rulesOfCombination) {

    public QualificationDefinition {
        units = units == null ? List.of() : List.copyOf(units);
        rulesOfCombination = rulesOfCombination == null ? List.of() : List.copyOf(rulesOfCombination);
    }
}
