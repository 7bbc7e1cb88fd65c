package app.earmark.eqa;

import app.earmark.people.PersonRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A grant as shown to the administrator and the EQA.
 *
 * @param learners the learners it covers, by name
 * @param unit     the unit ("8580-502"), or null when it covers every unit of the learners (or a sample's)
 */
public record GrantView(long id, PersonRef eqa, GrantKind kind, String description, List<PersonRef> learners,
        String unit, LocalDate evidenceFrom, LocalDate evidenceTo, Instant startsAt, Instant endsAt,
        String grantedBy, Instant grantedAt, String revokedBy, Instant revokedAt, Status status) {

    /** Where a grant stands now. */
    public enum Status {
        IN_FORCE("In force"), ENDED("Ended"), REVOKED("Revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "14/03/2026 – 31/03/2026", "from 14/03/2026", "any date". */
    public String evidenceDates() {
        if (evidenceFrom == null && evidenceTo == null) {
            return "any date";
        }
        var format = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        if (evidenceTo == null) {
            return "from " + format.format(evidenceFrom);
        }
        if (evidenceFrom == null) {
            return "to " + format.format(evidenceTo);
        }
        return format.format(evidenceFrom) + " – " + format.format(evidenceTo);
    }
}
