package app.earmark.security;

import app.earmark.base.AuditableEvent;

/** Someone was refused access to something. Kept even if the refused request rolls back. */
public record AccessRefused(String actor, String subject, String details) implements AuditableEvent {

    @Override
    public String action() {
        return "access-refused";
    }

    @Override
    public boolean independentOfTransaction() {
        return true;
    }
}
