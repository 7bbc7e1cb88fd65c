package app.earmark.sampling;

import app.earmark.people.PersonRef;
import java.time.Instant;

/**
 * A sampled assessment not yet reviewed.
 *
 * @param sheetId     the signed sheet version to review
 * @param daysWaiting whole days since it was sampled
 * @param overdue     whether it has waited longer than the centre's number of days
 */
public record DueItem(long sheetId, long planId, String planName, PersonRef iqa, PersonRef learner, PersonRef assessor,
        String unitCode, int sheetVersion, Instant signedAt, Instant sampledAt, String reason, long daysWaiting,
        boolean overdue) {

    /** The review page of the sheet version (the review module's route). */
    public String reviewPath() {
        return "review/" + sheetId;
    }
}
