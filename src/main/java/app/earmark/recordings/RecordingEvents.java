package app.earmark.recordings;

import java.util.List;

import app.earmark.base.AuditableEvent;

/** What happens to recordings; each is recorded in the audit trail. */
public final class RecordingEvents {

    private RecordingEvents() {
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

    /**
     * A live recording closed because its browser fell silent was continued: its browser came back and sent later
     * parts, from {@code fromPart} on, and recording {@code recordingId}, now put together, holds the closed one's
     * original and those. Published in the transaction that queues it (the workspace moves the tags of
     * {@code earlierRecordingIds}, every recording before it in the chain, to it then).
     */
    public record LiveRecordingContinued(String actor, long discussionId, long recordingId, long continuesRecordingId,
            int fromPart, List<Long> earlierRecordingIds) implements AuditableEvent {
        public String action() {
            return "live-recording-continued";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Live recording " + recordingId + " of discussion " + discussionId + " continues recording "
                    + continuesRecordingId + ", closed when its browser fell silent: part " + (fromPart + 1)
                    + " and later came after";
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
