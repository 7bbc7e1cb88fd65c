package app.earmark.discussions;

import app.earmark.people.PersonRef;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A discussion as those who may see it see it. */
public record DiscussionSummary(long id, PersonRef learner, PersonRef assessor, LocalDate heldOn, LocalTime startsAt,
        DiscussionMode mode, List<UnitRef> units) {

    public DiscussionSummary {
        units = List.copyOf(units);
    }

    /** "8587-300, 8587-301". */
    public String unitCodes() {
        return String.join(", ", units.stream().map(UnitRef::code).toList());
    }

    /** A unit version assessed in the discussion. */
    public record UnitRef(long id, String code, int version, String title) {
    }
}
