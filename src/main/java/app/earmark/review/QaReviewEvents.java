package app.earmark.review;

import app.earmark.base.AuditableEvent;

/** Decisions of IQA reviews, each recorded in the audit trail. */
public final class QaReviewEvents {

    private QaReviewEvents() {
    }

    /**
     * An IQA decided a review of one signed sheet version: {@code ACCEPTED} or {@code ACTION_REQUIRED}.
     *
     * @param sheetHash the SHA-256 of the sheet version reviewed
     */
    public record QaReviewDecided(String actor, long reviewId, long sheetId, int sheetVersion, String sheetHash,
            long learnerId, long unitId, String outcome) implements AuditableEvent {

        public boolean accepted() {
            return "ACCEPTED".equals(outcome);
        }

        @Override
        public String action() {
            return "qa-review-decided";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "QA review " + reviewId + " of result sheet " + sheetId + " (version " + sheetVersion + ", SHA-256 "
                    + sheetHash + "): " + (accepted() ? "accepted" : "action required");
        }
    }
}
