package app.earmark.observation;

import app.earmark.base.AuditableEvent;

/** What happens in live observation; each is recorded in the audit trail. */
public final class ObservationEvents {

    private ObservationEvents() {
    }

    /** An IQA marked a planned discussion for live observation. */
    public record MarkedForLiveObservation(String actor, long discussionId, String learner, String assessor)
            implements AuditableEvent {
        public String action() {
            return "live-observation-marked";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Discussion " + discussionId + " of " + assessor + " with " + learner
                    + " marked for live observation by the IQA";
        }
    }

    /** An IQA took their mark off. */
    public record LiveObservationUnmarked(String actor, long discussionId) implements AuditableEvent {
        public String action() {
            return "live-observation-unmarked";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Discussion " + discussionId + " no longer marked for live observation by the IQA";
        }
    }

    /** An IQA began listening to a live recording (recorded once each time they open it). */
    public record LiveObservationOpened(String actor, long discussionId, long recordingId) implements AuditableEvent {
        public String action() {
            return "live-observation-opened";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Live recording " + recordingId + " of discussion " + discussionId + " observed by the IQA";
        }

        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** An IQA dropped a note while observing. */
    public record ObservationNoteAdded(String actor, long discussionId, long recordingId, long noteId, long atMs,
            String text) implements AuditableEvent {
        public String action() {
            return "observation-note-added";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Observation note " + noteId + " at " + app.earmark.base.TimeFormat.counter(atMs)
                    + " of live recording " + recordingId + ": " + text;
        }
    }
}
