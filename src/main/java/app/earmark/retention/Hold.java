package app.earmark.retention;

import java.time.Instant;

/**
 * A hold on a learner's recordings (discussionId null) or on one discussion's: while it is in force, none of them is
 * deleted, whatever the retention rule says.
 */
public record Hold(long id, long learnerId, Long discussionId, String reason, String placedBy, Instant placedAt,
        String liftedBy, Instant liftedAt, String liftReason) {

    public boolean inForce() {
        return liftedAt == null;
    }

    /** "learner:12" or "discussion:34", as the audit trail names it. */
    public String subject() {
        return discussionId == null ? "learner:" + learnerId : "discussion:" + discussionId;
    }
}
