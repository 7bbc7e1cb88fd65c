package app.earmark.audit;

import app.earmark.base.AuditableEvent;

/** An administrator downloaded the signed checkpoints or the public key that verifies them. */
record AuditCheckpointsExported(String actor, String what) implements AuditableEvent {

    @Override
    public String action() {
        return "audit-checkpoints-exported";
    }

    @Override
    public String subject() {
        return "audit:" + what;
    }

    @Override
    public String details() {
        return "Downloaded the audit trail's " + ("public-key".equals(what) ? "public signing key" : "signed checkpoint file");
    }
}
