package app.earmark.sheets;

/**
 * An annotated time counter beside an AC on a sheet: a tagged moment of one of the learner's recorded
 * discussions.
 */
public record TimeCounterRef(long discussionId, long recordingId, long tagId, long startMs, Long endMs, String note) {

    /** Earmark's page that opens the recording at this moment. */
    public String playbackPath() {
        return "/discussions/" + discussionId + "/play?recording=" + recordingId + "&t=" + startMs / 1000.0;
    }
}
