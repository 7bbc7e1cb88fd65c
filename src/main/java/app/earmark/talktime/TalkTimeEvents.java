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
}
