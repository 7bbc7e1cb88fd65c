package app.earmark.talktime;

import app.earmark.base.AuditableEvent;

/** What happens to talk-time analyses; each is recorded in the audit trail. */
public final class TalkTimeEvents {

    private TalkTimeEvents() {
    }

    /** Someone said which channel of a recording is the assessor's (the other is the learner's). */
    public record TalkPartiesChanged(String actor, long discussionId, long recordingId, int assessorChannel)
            implements AuditableEvent {
        public String action() {
            return "talk-parties-changed";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Talk time of recording " + recordingId + " (discussion " + discussionId + "): the "
                    + TalkAnalysis.side(assessorChannel) + " channel is now the assessor, the "
                    + TalkAnalysis.side(1 - assessorChannel) + " channel the learner";
        }
    }

    /** Talk time was worked out for a recording (or found not to apply). */
    public record TalkTimeAnalysed(long discussionId, long recordingId, TalkAnalysis.Status status, String summary)
            implements AuditableEvent {
        public String actor() {
            return SYSTEM;
        }

        public String action() {
            return "talk-time-analysed";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Talk time of recording " + recordingId + ": " + summary;
        }
    }

    /** The assessor asked for two recordings to be combined, one party per channel (see {@link SeparateTracks}). */
    public record SeparateTracksRequested(String actor, long discussionId, String what) implements AuditableEvent {
        public String action() {
            return "separate-tracks-requested";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Combine " + what;
        }
    }

    /** Two recordings were combined into a new one, one party per channel; its ingest follows. */
    public record SeparateTracksCombined(long discussionId, long recordingId, String what) implements AuditableEvent {
        public String actor() {
            return SYSTEM;
        }

        public String action() {
            return "separate-tracks-combined";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "Recording " + recordingId + " of discussion " + discussionId + " combines " + what;
        }
    }

    /** Two recordings could not be combined. */
    public record SeparateTracksFailed(long discussionId, String what, String why) implements AuditableEvent {
        public String actor() {
            return SYSTEM;
        }

        public String action() {
            return "separate-tracks-failed";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Could not combine " + what + ": " + why;
        }
    }
}
