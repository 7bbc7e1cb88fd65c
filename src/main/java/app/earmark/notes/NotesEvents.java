package app.earmark.notes;

import app.earmark.base.AuditableEvent;

/** The learner's authentications and disputes of the assessor's notes, each recorded in the audit trail. */
public final class NotesEvents {

    private NotesEvents() {
    }

    /**
     * The learner authenticated the notes of a discussion as a true record.
     *
     * @param sha256 the SHA-256 over exactly the notes, tags and recording the learner was shown
     */
    public record NotesAuthenticated(String actor, long authenticationId, long discussionId, long learnerId,
            String sha256) implements AuditableEvent {

        @Override
        public String action() {
            return "notes-authenticated";
        }

        @Override
        public String subject() {
            return "discussion:" + discussionId;
        }

        @Override
        public String details() {
            return "Notes of discussion " + discussionId + " authenticated as a true record (SHA-256 " + sha256 + ")";
        }
    }

    /**
     * The learner disputed named items of a discussion's notes.
     *
     * @param items how many items were disputed (at least one)
     */
    public record NotesDisputed(String actor, long disputeId, long discussionId, long learnerId, int items,
            String comment) implements AuditableEvent {

        @Override
        public String action() {
            return "notes-disputed";
        }

        @Override
        public String subject() {
            return "discussion:" + discussionId + " dispute:" + disputeId;
        }

        @Override
        public String details() {
            return items + " item(s) of the notes of discussion " + discussionId + " disputed: " + comment;
        }
    }

    /**
     * A change to what an authentication covered (a tag made, changed or deleted, a recording added or removed)
     * voided it; the learner is asked to authenticate the notes again.
     *
     * @param actor who made the change
     */
    public record NotesAuthenticationVoided(String actor, long authenticationId, long discussionId, long learnerId,
            String reason) implements AuditableEvent {

        @Override
        public String action() {
            return "notes-authentication-voided";
        }

        @Override
        public String subject() {
            return "discussion:" + discussionId + " authentication:" + authenticationId;
        }

        @Override
        public String details() {
            return "Authentication " + authenticationId + " of the notes of discussion " + discussionId + " void: "
                    + reason;
        }
    }

    /** The assessor answered a learner's dispute and resolved it; the dispute stays in the record. */
    public record NotesDisputeResolved(String actor, long disputeId, long discussionId, long learnerId,
            String comment) implements AuditableEvent {

        @Override
        public String action() {
            return "notes-dispute-resolved";
        }

        @Override
        public String subject() {
            return "discussion:" + discussionId + " dispute:" + disputeId;
        }

        @Override
        public String details() {
            return "Dispute " + disputeId + " of the notes of discussion " + discussionId + " resolved: " + comment;
        }
    }
}
