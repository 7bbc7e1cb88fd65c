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

    /** A recording removed from its discussion; its original file stays in the media store. */
    public record RecordingRemoved(String actor, long discussionId, long recordingId, String fileName, String sha256,
            String reason) implements AuditableEvent {
        public String action() {
            return "recording-removed";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Recording " + recordingId + " (" + fileName + (sha256 == null ? "" : ", SHA-256 " + sha256)
                    + ") removed from discussion " + discussionId + "; the original is kept. Reason: " + reason;
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

    public record LiveRecordingStarted(String actor, long discussionId, long recordingId) implements AuditableEvent {
        public String action() {
            return "live-recording-started";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Live recording " + recordingId + " of discussion " + discussionId + " started in the browser";
        }
    }

    public record RecordingUploaded(String actor, long discussionId, long recordingId, String sha256, long size,
            String fileName) implements AuditableEvent {
        public String action() {
            return "recording-uploaded";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Recording " + recordingId + " of discussion " + discussionId + " uploaded: " + fileName + ", "
                    + size + " bytes, SHA-256 " + sha256;
        }
    }

    /** Ingest finished, one way or the other. */
    public record RecordingIngested(long recordingId, boolean ready, String outcome) implements AuditableEvent {
        public String actor() {
            return SYSTEM;
        }

        public String action() {
            return ready ? "recording-ready" : "recording-failed";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return outcome;
        }
    }

    /** Someone started playing or downloading a recording (recorded once per person and recording per hour). */
    public record RecordingOpened(String actor, long recordingId, String what) implements AuditableEvent {
        public String action() {
            return "recording-opened";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Opened " + what + " of recording " + recordingId;
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** A copy of a recording's playable rendition with chapters embedded was made (and stored). */
    public record ChapteredCopyMade(String actor, long recordingId, int chapters, String sha256, long size,
            String fileName) implements AuditableEvent {
        public String action() {
            return "chaptered-copy-made";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Copy of recording " + recordingId + " with " + chapters + " chapters made: " + fileName + ", "
                    + size + " bytes, SHA-256 " + sha256;
        }
    }
}
