package app.earmark.review;

import app.earmark.base.AuditableEvent;

/** Steps and decisions of IQA reviews, each recorded in the audit trail. */
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

    /** Someone opened a review (or the review page of a sheet not reviewed yet). */
    public record QaReviewViewed(String actor, long sheetId, Long reviewId) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-review-viewed";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + (reviewId == null ? "" : " review:" + reviewId);
        }

        @Override
        public String details() {
            return "QA review " + (reviewId == null ? "page (no review yet)" : reviewId) + " of result sheet " + sheetId
                    + " opened";
        }
    }

    /** The IQA started a review of a signed sheet version. */
    public record QaReviewStarted(String actor, long reviewId, long sheetId, int sheetVersion, String sheetHash,
            Long recordingId, String recordingSha256) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-review-started";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "QA review " + reviewId + " of result sheet " + sheetId + " (version " + sheetVersion + ", SHA-256 "
                    + sheetHash + ") started" + (recordingId == null ? " with no recording"
                            : " on recording " + recordingId + " (SHA-256 " + recordingSha256 + ")");
        }
    }

    /** The IQA agreed or disagreed with the assessor's decision on an AC. */
    public record QaVerdictRecorded(String actor, long reviewId, long sheetId, String acNumber, Verdict verdict,
            String comment) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-verdict-recorded";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "AC " + acNumber + ": " + verdict.label() + (comment == null ? "" : "; comment: \"" + comment + "\"");
        }
    }

    /** The IQA added a time-coded QA note on the recording. */
    public record QaNoteAdded(String actor, long reviewId, long sheetId, long recordingId, long startMs, Long endMs,
            String text) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-note-added";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "QA note on recording " + recordingId + " at " + startMs + " ms" + (endMs == null ? ""
                    : " to " + endMs + " ms") + ": \"" + text + "\"";
        }
    }

    /** The assessor answered an action of a review. */
    public record QaActionAnswered(String actor, long reviewId, long actionId, long sheetId, AnswerKind kind,
            String text) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-action-answered";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId + " action:" + actionId;
        }

        @Override
        public String details() {
            return "Action " + actionId + " answered: " + kind.label() + "; \"" + text + "\"";
        }
    }

    /** An amendment of the sheet voided the acceptance of the version it replaces. */
    public record QaAcceptanceVoided(String actor, long reviewId, long sheetId, int sheetVersion, long newSheetId,
            int newVersion) implements AuditableEvent {
        @Override
        public String action() {
            return "qa-acceptance-voided";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "The QA acceptance of version " + sheetVersion + " (review " + reviewId + ") is void: version "
                    + newVersion + " (sheet " + newSheetId + ") amends it";
        }
    }

    /** A review was exported (JSON or PDF). */
    public record QaReviewExported(String actor, long sheetId, long reviewId, String format, String sha256)
            implements AuditableEvent {
        @Override
        public String action() {
            return "qa-review-exported";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " review:" + reviewId;
        }

        @Override
        public String details() {
            return "QA review " + reviewId + " exported as " + format + " (SHA-256 " + sha256 + ")";
        }
    }
}
