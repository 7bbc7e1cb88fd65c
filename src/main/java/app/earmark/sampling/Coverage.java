package app.earmark.sampling;

import java.util.List;

/**
 * How far sampling and review have come, over the assessments the viewer may see: per assessor and per unit, the
 * assessments signed, sampled and reviewed; and per unit in the sample, each AC with the sampled and reviewed
 * assessments that decided it.
 */
public record Coverage(List<Row> byAssessor, List<Row> byUnit, List<UnitCriteria> criteria) {

    public Coverage {
        byAssessor = List.copyOf(byAssessor);
        byUnit = List.copyOf(byUnit);
        criteria = List.copyOf(criteria);
    }

    /** Counts for one assessor or one unit. */
    public record Row(String label, int assessed, int sampled, int reviewed) {
    }

    /** The ACs of one unit version in the sample. */
    public record UnitCriteria(String unitCode, String unitTitle, List<Criterion> criteria) {

        public UnitCriteria {
            criteria = List.copyOf(criteria);
        }

        /** ACs no sampled assessment has been reviewed on yet. */
        public List<String> notLookedAt() {
            return criteria.stream().filter(c -> c.reviewed() == 0).map(Criterion::number).toList();
        }
    }

    /** One AC: how many sampled assessments decided it, and how many of those have been reviewed. */
    public record Criterion(String number, int sampled, int reviewed) {
    }
}
