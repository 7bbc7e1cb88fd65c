package app.earmark.sampling;

import java.util.List;

/** What a sampling plan says: its rules and its risk factors. Every saved change is a new version of the plan. */
public record PlanDefinition(List<SamplingRule> rules, RiskFactors risks) {

    public PlanDefinition {
        rules = rules == null ? List.of() : List.copyOf(rules);
        risks = risks == null ? RiskFactors.none() : risks;
    }
}
