package app.earmark.base;

/**
 * An event that belongs in the audit trail. Modules publish their own past-tense records that implement
 * this; the audit module records every one of them. Nothing in a publishing module depends on audit.
 */
public interface AuditableEvent {

    /** Username of who did it, or {@value #SYSTEM} for Earmark itself. */
    String actor();

    /** A short, stable verb phrase, e.g. {@code login-failed} or {@code roles-changed}. */
    String action();

    /** What it was done to, e.g. {@code user:learner2} or {@code unit:8580-502 v1}. */
    String subject();

    /** A human-readable account, including before and after where something changed. */
    String details();

    /**
     * Whether the entry must be kept even when the surrounding transaction rolls back (a refused access
     * or a failed login is a fact whatever else happens). Other events are recorded in the publishing
     * transaction, so that a change and its audit entry commit or vanish together.
     */
    default boolean independentOfTransaction() {
        return false;
    }

    String SYSTEM = "system";
}
