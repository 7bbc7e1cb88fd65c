package app.earmark.talktime;

import java.time.Instant;
import java.util.List;

/**
 * What talk time found in one recording.
 *
 * @param message         why there are no figures (a mono recording, say), or a note on them
 * @param assessorChannel which channel is the assessor's (0 = left, 1 = right); {@code null} when the tracks are
 *                        whole recordings or there are none
 * @param assessor        the assessor's speech, in time order
 * @param learner         the learner's speech, in time order
 * @param figures         the questioning figures; {@code null} unless {@link Status#ANALYSED}
 */
public record TalkAnalysis(long recordingId, long discussionId, Status status, String message, Integer assessorChannel,
        long durationMs, List<Segment> assessor, List<Segment> learner, TalkFigures figures, Instant analysedAt) {

    public TalkAnalysis {
        assessor = List.copyOf(assessor);
        learner = List.copyOf(learner);
    }

    /** Whether the recording could be analysed. */
    public enum Status {
        /** Figures computed. */
        ANALYSED,
        /** The recording does not have one party per track (mono, more than two channels, no sound). */
        NOT_APPLICABLE,
        /** Analysis went wrong; the message says what. */
        FAILED
    }

    /** "left" or "right" for channel 0 or 1. */
    public static String side(int channel) {
        return channel == 0 ? "left" : channel == 1 ? "right" : "channel " + (channel + 1);
    }

    /** One sentence for a reviewer: the figures, or why there are none. */
    public String describe() {
        if (figures == null) {
            return "Talk time: " + message;
        }
        return "Talk time: " + figures.describe();
    }
}
