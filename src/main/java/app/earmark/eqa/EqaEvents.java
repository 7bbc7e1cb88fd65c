package app.earmark.eqa;

import app.earmark.base.AuditableEvent;
import java.time.Instant;

/** What happens to EQA grants and packs; every one is audited. */
public final class EqaEvents {

    private EqaEvents() {
    }

    /** An administrator granted an EQA access. */
    public record EqaAccessGranted(String actor, long grantId, String eqa, String what, Instant endsAt)
            implements AuditableEvent {
        public String action() {
            return "eqa-access-granted";
        }

        public String subject() {
            return "eqa-grant:" + grantId;
        }

        public String details() {
            return "Granted " + eqa + " read-only access to " + what + " until " + endsAt + ".";
        }
    }

    /** An administrator revoked a grant before its end. */
    public record EqaAccessRevoked(String actor, long grantId, String eqa) implements AuditableEvent {
        public String action() {
            return "eqa-access-revoked";
        }

        public String subject() {
            return "eqa-grant:" + grantId;
        }

        public String details() {
            return "Revoked the access of " + eqa + ".";
        }
    }

    /**
     * An evidence pack was handed out to its end: its size and the SHA-256 of exactly the bytes sent (from
     * {@code fromByte} when the download resumed, the hash still covering the whole pack).
     */
    public record EvidencePackHandedOut(String actor, String subject, String fileName, long size, String sha256,
            long fromByte) implements AuditableEvent {
        public String action() {
            return "evidence-pack-handed-out";
        }

        public String details() {
            return fileName + ", " + size + " bytes, SHA-256 " + sha256
                    + (fromByte > 0 ? " (resumed from byte " + fromByte + ")" : "") + ".";
        }
    }

    /** Part of a pack was sent (a range that did not reach the end, or a download that broke off). */
    public record EvidencePackPartSent(String actor, String subject, String fileName, long from, long to,
            String outcome) implements AuditableEvent {
        public String action() {
            return "evidence-pack-part-sent";
        }

        public String details() {
            return fileName + ", bytes " + from + "–" + to + ": " + outcome + ".";
        }

        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** An EQA opened a page, an API resource, a recording or an export (one entry per address in a few minutes). */
    public record EqaAccessed(String actor, String what, int status) implements AuditableEvent {
        public String action() {
            return "eqa-accessed";
        }

        public String subject() {
            return what;
        }

        public String details() {
            return "An EQA opened " + what + (status == 0 ? "" : " (answered " + status + ")") + ".";
        }

        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }
}
