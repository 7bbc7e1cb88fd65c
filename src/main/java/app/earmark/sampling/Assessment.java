package app.earmark.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A signed result sheet version as the sampling module records it when it is signed: the facts a draw uses.
 *
 * @param criteria ids of the ACs decided on the sheet
 * @param untimed  numbers of the decided ACs that had no time counter when the sheet was signed
 */
record Assessment(long sheetId, Long previousId, long centreId, long learnerId, long assessorId, long unitId,
        String unitCode, Set<String> qualifications, Set<AssessmentMethod> methods, AssessmentStage stage,
        String decision, int versionNumber, List<Long> criteria, List<String> untimed, List<Long> discussions,
        Instant signedAt) {

    Assessment {
        qualifications = Set.copyOf(qualifications);
        methods = Set.copyOf(methods);
        criteria = List.copyOf(criteria);
        untimed = List.copyOf(untimed);
        discussions = List.copyOf(discussions);
    }

    boolean referral() {
        return "REFERRAL".equals(decision);
    }

    boolean amendment() {
        return versionNumber > 1;
    }
}
