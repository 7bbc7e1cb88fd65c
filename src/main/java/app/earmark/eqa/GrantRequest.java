package app.earmark.eqa;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What an administrator asks to grant.
 *
 * @param eqaId        the external quality assurer
 * @param kind         how the set is chosen
 * @param learnerIds   for {@link GrantKind#LEARNERS}: the learners
 * @param unitCode     for {@link GrantKind#UNIT}: the unit (every version of it)
 * @param sampleId     for {@link GrantKind#SAMPLE}: the IQA sample
 * @param evidenceFrom evidence dated from (inclusive; null for open); required for a unit
 * @param evidenceTo   evidence dated to (inclusive; null for open); required for a unit
 * @param startsAt     when the access starts (null: now)
 * @param endsAt       when the access ends by itself
 */
public record GrantRequest(long eqaId, GrantKind kind, Set<Long> learnerIds, String unitCode, Long sampleId,
        LocalDate evidenceFrom, LocalDate evidenceTo, Instant startsAt, Instant endsAt) {

    public GrantRequest {
        learnerIds = learnerIds == null ? Set.of() : Set.copyOf(learnerIds);
    }
}
