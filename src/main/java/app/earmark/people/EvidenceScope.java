package app.earmark.people;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Part of a learner's evidence someone outside the centre's own staff has been granted: one learner, one unit
 * version (or every unit when {@code unitId} is null), evidence dated from {@code from} to {@code to} inclusive
 * (either end null for open).
 */
public record EvidenceScope(long learnerId, Long unitId, LocalDate from, LocalDate to) {

    /** Whether evidence of this learner, for these units, dated so, is inside the scope. */
    public boolean covers(long learner, Collection<Long> unitIds, LocalDate dated) {
        return learnerId == learner
                && (unitId == null || unitIds.contains(unitId))
                && (from == null || (dated != null && !dated.isBefore(from)))
                && (to == null || (dated != null && !dated.isAfter(to)));
    }
}
