package app.earmark.discussions;

import app.earmark.base.AuditableEvent;

/** What happens to discussions and recordings; each is recorded in the audit trail. */
public final class DiscussionEvents {

    private DiscussionEvents() {
    }

    public record DiscussionCreated(String actor, long discussionId, String learner, String units, String mode)
            implements AuditableEvent {
        public String action() {
            return "discussion-created";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Discussion " + discussionId + " with " + learner + " (" + mode + ") on " + units;
        }
    }

    /** A discussion's date, mode or units corrected before its evidence was signed. */
    public record DiscussionCorrected(String actor, long discussionId, String changes, String reason)
            implements AuditableEvent {
        public String action() {
            return "discussion-corrected";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Discussion " + discussionId + " corrected: " + changes + ". Reason: " + reason;
        }
    }

    /** A discussion created by mistake deleted (kept, no longer shown) before any of its evidence was signed. */
    public record DiscussionDeleted(String actor, long discussionId, String learner, String units, String reason)
            implements AuditableEvent {
        public String action() {
            return "discussion-deleted";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Discussion " + discussionId + " with " + learner + " on " + units + " deleted. Reason: " + reason;
        }
    }

    public record PlanSaved(String actor, long discussionId, int questions, boolean acknowledgementWithdrawn)
            implements AuditableEvent {
        public String action() {
            return "plan-saved";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Plan of discussion " + discussionId + " saved with " + questions + " agreed questions"
                    + (acknowledgementWithdrawn ? "; the learner's earlier acknowledgement no longer applies" : "");
        }
    }

    public record PlanShared(String actor, long discussionId) implements AuditableEvent {
        public String action() {
            return "plan-shared";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Plan, agreed questions and blank result sheet of discussion " + discussionId
                    + " shared with the learner";
        }
    }

    /** The learner's explicit declaration. */
    public record PlanAcknowledged(String actor, long discussionId, int questions, String units)
            implements AuditableEvent {
        public String action() {
            return "plan-acknowledged";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return actor + " confirmed receiving and reading the plan of discussion " + discussionId + ", its "
                    + questions + " agreed questions and a blank copy of the result sheet for " + units;
        }
    }
}
