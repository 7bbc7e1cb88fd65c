package app.earmark.retention;

import app.earmark.base.AuditableEvent;
import java.time.LocalDate;

/** What happens to retention settings, holds and media; every one is audited. */
public final class RetentionEvents {

    private RetentionEvents() {
    }

    /** The administrator changed a retention period (the centre default, or one qualification's). */
    public record RetentionPeriodChanged(String actor, long centreId, String qualificationCode, String before,
            String after) implements AuditableEvent {
        public String action() {
            return "retention-period-changed";
        }

        public String subject() {
            return "centre:" + centreId + " retention" + (qualificationCode == null ? "" : " " + qualificationCode);
        }

        public String details() {
            return "Retention period " + (qualificationCode == null ? "(centre default)" : "for " + qualificationCode)
                    + " changed from " + before + " to " + after + ".";
        }
    }

    /** The administrator recorded (or corrected) the date a learner was certificated on, or withdrew from, a qualification. */
    public record ClosureRecorded(String actor, String learner, String qualificationCode, ClosureOutcome outcome,
            LocalDate on, String before) implements AuditableEvent {
        public String action() {
            return "learner-closure-recorded";
        }

        public String subject() {
            return "user:" + learner + " " + qualificationCode;
        }

        public String details() {
            return "Recorded " + outcome.noun() + " on " + on + " for " + qualificationCode
                    + (before == null ? "." : " (was: " + before + ").");
        }
    }

    /** The administrator took back a recorded certification or withdrawal, with a reason. */
    public record ClosureCleared(String actor, String learner, String qualificationCode, String before, String reason)
            implements AuditableEvent {
        public String action() {
            return "learner-closure-cleared";
        }

        public String subject() {
            return "user:" + learner + " " + qualificationCode;
        }

        public String details() {
            return "Cleared " + before + " for " + qualificationCode + ": " + reason;
        }
    }

    /** A hold was placed on a learner's or a discussion's recordings: none of them is deleted while it is in force. */
    public record HoldPlaced(String actor, long holdId, String subject, String reason) implements AuditableEvent {
        public String action() {
            return "retention-hold-placed";
        }

        public String details() {
            return "Hold " + holdId + " placed: " + reason;
        }
    }

    /** A hold was lifted, with a reason. */
    public record HoldLifted(String actor, long holdId, String subject, String placedReason, String reason)
            implements AuditableEvent {
        public String action() {
            return "retention-hold-lifted";
        }

        public String details() {
            return "Hold " + holdId + " (" + placedReason + ") lifted: " + reason;
        }
    }

    /** The administrator looked at what is due for deletion. */
    public record DeletionPreviewed(String actor, long centreId, int due, int held, long bytes)
            implements AuditableEvent {
        public String action() {
            return "retention-preview-viewed";
        }

        public String subject() {
            return "centre:" + centreId + " retention";
        }

        public String details() {
            return "What is due for deletion, opened: " + due + " recording" + (due == 1 ? "" : "s") + " due ("
                    + bytes + " bytes), " + held + " held.";
        }
    }

    /**
     * A recording's media was deleted from the media store under a retention rule. The row, tags, sheets and audit
     * trail stay.
     *
     * @param keptBecauseShared hashes whose files were kept because another recording still uses them, or null
     */
    public record RecordingMediaDeleted(String actor, long recordingId, long discussionId, String learner,
            String recordingName, String rule, LocalDate dueOn, String originalSha256, String renditionSha256,
            long bytes, String keptBecauseShared) implements AuditableEvent {
        public String action() {
            return "recording-media-deleted";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Deleted the media of recording " + recordingId + " (" + recordingName + ") of discussion "
                    + discussionId + ", learner " + learner + ", under the rule: " + rule + " (due " + dueOn + "):"
                    + " the original (SHA-256 " + originalSha256 + ")"
                    + (renditionSha256 == null ? "" : ", the playable copy (SHA-256 " + renditionSha256 + ")")
                    + ", its derived files (waveform, poster, channel levels) and chaptered copies; " + bytes
                    + " bytes." + (keptBecauseShared == null ? "" : " " + keptBecauseShared)
                    + " The discussion, its tags, sheets and audit trail are kept.";
        }
    }

    /** A recording in a confirmed deletion was not deleted (held since the preview, or no longer due). */
    public record DeletionSkipped(String actor, long recordingId, String why) implements AuditableEvent {
        public String action() {
            return "retention-deletion-skipped";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Not deleted: " + why;
        }
    }
}
