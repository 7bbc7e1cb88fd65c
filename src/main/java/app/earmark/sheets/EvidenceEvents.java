package app.earmark.sheets;

import app.earmark.base.AuditableEvent;

/**
 * Files of the evidence record attached and handed out, each recorded in the audit trail with its SHA-256, so that
 * the trail says exactly which bytes who took away.
 */
public final class EvidenceEvents {

    private EvidenceEvents() {
    }

    public record EvidenceAttached(String actor, long attachmentId, Long discussionId, Long sheetId, EvidenceKind kind,
            String fileName, String sha256, long size) implements AuditableEvent {
        public String action() {
            return "evidence-attached";
        }

        public String subject() {
            return (sheetId != null ? "sheet:" + sheetId : "discussion:" + discussionId) + " evidence:" + attachmentId;
        }

        public String details() {
            return "Attached " + fileName + " (" + kind + ", " + size + " bytes, SHA-256 " + sha256 + ") to the evidence"
                    + " record of " + (sheetId != null ? "result sheet " + sheetId : "discussion " + discussionId);
        }
    }

    /**
     * Someone downloaded or opened an export (an AC map, a sheet's PDF, an attached file).
     *
     * @param subject what it came from: {@code discussion:7}, {@code sheet:5} or {@code evidence:3}
     */
    public record ExportOpened(String actor, String subject, String fileName, String sha256, long size)
            implements AuditableEvent {
        public String action() {
            return "export-opened";
        }

        public String details() {
            return "Opened " + fileName + " (" + size + " bytes, SHA-256 " + sha256 + ") of " + subject;
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }
}
