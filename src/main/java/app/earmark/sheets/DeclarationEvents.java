package app.earmark.sheets;

import app.earmark.base.AuditableEvent;

/** Declarations on signed result sheets, each recorded in the audit trail. */
public final class DeclarationEvents {

    private DeclarationEvents() {
    }

    public record AuthenticityConfirmed(String actor, long sheetId, String learner, String unit, int versionNumber,
            String sheetHash, String statement) implements AuditableEvent {
        public String action() {
            return "sheet-authenticity-confirmed";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "Learner " + learner + " confirmed version " + versionNumber + " of the result sheet for " + unit
                    + " (SHA-256 " + sheetHash + "): \"" + statement + "\"";
        }
    }

    public record StandardisationRefused(String actor, long sheetId, String learner, String unit, int versionNumber,
            String sheetHash, String statement) implements AuditableEvent {
        public String action() {
            return "sheet-standardisation-refused";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "Learner " + learner + " refused use of their work for standardisation on version "
                    + versionNumber + " of the result sheet for " + unit + " (SHA-256 " + sheetHash + "): \""
                    + statement + "\"";
        }
    }

    public record QaCheckRecorded(String actor, long sheetId, String learner, String unit, int versionNumber,
            String sheetHash, QaOutcome outcome, String comment) implements AuditableEvent {
        public String action() {
            return "sheet-qa-checked";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "QA check of version " + versionNumber + " of the result sheet of " + learner + " for " + unit
                    + " (SHA-256 " + sheetHash + "): " + outcome.label()
                    + (comment == null || comment.isBlank() ? "" : "; comment: \"" + comment + "\"");
        }
    }

    public record DeclarationWithdrawn(String actor, long sheetId, String learner, String unit, int versionNumber,
            String sheetHash, DeclarationKind kind, String reason) implements AuditableEvent {
        public String action() {
            return "sheet-declaration-withdrawn";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "Learner " + learner + " withdrew their declaration (" + kind.label() + ") on version "
                    + versionNumber + " of the result sheet for " + unit + " (SHA-256 " + sheetHash + "); reason: \""
                    + reason + "\"";
        }
    }
}
