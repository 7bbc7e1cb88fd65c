package app.earmark.sheets;

import app.earmark.catalogue.Unit;
import app.earmark.people.CentreInfo;
import app.earmark.people.PersonRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A result sheet version with everything needed to show, print or export it: the centre and learner, the
 * frozen unit version, what the assessor wrote, what the rules make of it, and the time counters beside
 * each AC (live while a draft, frozen once signed).
 *
 * @param version the version for optimistic locking (not the sheet's version number)
 */
public record SheetView(long id, long version, int versionNumber, Long previousId, SheetStatus status,
        boolean useMarks, CentreInfo centre, PersonRef learner, String registrationNumber, Unit unit,
        SheetContent content, Evaluation evaluation, Map<Long, List<TimeCounterRef>> counters,
        AcResult assessorDecision, String signedBy, Instant signedAt, String contentHash, String createdBy,
        Instant createdAt) {

    public SheetView {
        counters = Map.copyOf(counters);
    }

    public boolean signed() {
        return status == SheetStatus.SIGNED;
    }

    public List<TimeCounterRef> counters(long criterionId) {
        return counters.getOrDefault(criterionId, List.of());
    }
}
