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
}
