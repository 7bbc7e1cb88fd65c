package app.earmark.sheets;

import app.earmark.base.AuditableEvent;

/** Files attached to the evidence record, each recorded in the audit trail with its SHA-256. */
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
}
