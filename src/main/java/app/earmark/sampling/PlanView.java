package app.earmark.sampling;

import app.earmark.people.PersonRef;
import java.time.Instant;
import java.util.List;

/**
 * A sampling plan as its IQA or the administrator sees it: its current version, the seed every draw uses, and each
 * rule described for people.
 */
public record PlanView(long id, String name, PersonRef iqa, long seed, int version, PlanDefinition definition,
        List<String> ruleDescriptions, String savedBy, Instant savedAt) {

    public PlanView {
        ruleDescriptions = List.copyOf(ruleDescriptions);
    }
}
