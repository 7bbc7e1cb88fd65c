package app.earmark.sheets;

import app.earmark.base.AuditableEvent;

/** Decisions on result sheets, each recorded in the audit trail. */
public final class SheetEvents {

    private SheetEvents() {
    }

    public record SheetSaved(String actor, long sheetId, String learner, String unit, int versionNumber)
            implements AuditableEvent {
        public String action() {
            return "sheet-saved";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "Result sheet of " + learner + " for " + unit + " (version " + versionNumber + ") saved";
        }
    }

    public record SheetSigned(String actor, long sheetId, String learner, String unit, int versionNumber,
            AcResult outcome, String summary, String contentHash) implements AuditableEvent {
        public String action() {
            return "sheet-signed";
        }

        public String subject() {
            return "sheet:" + sheetId;
        }

        public String details() {
            return "Result sheet of " + learner + " for " + unit + " (version " + versionNumber + ") signed: "
                    + outcome.label() + summary + "; SHA-256 " + contentHash;
        }
    }

    public record SheetAmended(String actor, long signedSheetId, long newSheetId, int newVersionNumber)
            implements AuditableEvent {
        public String action() {
            return "sheet-amended";
        }

        public String subject() {
            return "sheet:" + signedSheetId;
        }

        public String details() {
            return "Amendment started: version " + newVersionNumber + " (sheet " + newSheetId + ") replaces signed"
                    + " sheet " + signedSheetId + ", which is kept unchanged";
        }
    }
}
