package app.earmark.security;

import app.earmark.base.AuditableEvent;
import java.time.Instant;

/** What happens to personal API tokens, for the audit trail. */
final class ApiTokenEvents {

    private ApiTokenEvents() {
    }

    /** A person created an API token for themselves. */
    record ApiTokenCreated(String actor, long tokenId, String name, String hint, Instant expiresAt)
            implements AuditableEvent {
        public String action() {
            return "api-token-created";
        }

        public String subject() {
            return "api-token:" + tokenId;
        }

        public String details() {
            return "Created the read-only API token \"" + name + "\" (" + hint + "…), "
                    + (expiresAt == null ? "without expiry" : "expiring " + expiresAt);
        }
    }

    /** A person revoked one of their API tokens: it is refused from now on. */
    record ApiTokenRevoked(String actor, long tokenId, String name, String hint) implements AuditableEvent {
        public String action() {
            return "api-token-revoked";
        }

        public String subject() {
            return "api-token:" + tokenId;
        }

        public String details() {
            return "Revoked the API token \"" + name + "\" (" + hint + "…)";
        }
    }
}
