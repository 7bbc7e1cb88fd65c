package app.earmark.observation;

import java.time.Instant;

/** An IQA's observation note: {@code atMs} from the start of the live recording it was made on. */
public record ObservationNoteView(long id, long discussionId, long recordingId, long atMs, String text,
        Instant createdAt) {
}
