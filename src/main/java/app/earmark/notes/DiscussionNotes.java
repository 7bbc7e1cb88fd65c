package app.earmark.notes;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.RecordingSummary;
import java.util.List;
import java.util.Optional;

/**
 * A discussion's notes as the signed-in person sees them, with their authentications and disputes.
 *
 * @param sha256            the SHA-256 of the notes as they are now (what the page sends back to authenticate)
 * @param authentications   newest first, void ones included
 * @param disputes          oldest first, resolved ones included
 * @param isLearner         whether the signed-in person is the discussion's learner (who authenticates and disputes)
 * @param mayResolve        whether the signed-in person is an assessor of the learner (who resolves disputes)
 * @param notAuthenticable  why the notes cannot be authenticated now (no tags, a recording still being made), or
 *                          {@code null}
 */
public record DiscussionNotes(DiscussionSummary discussion, List<RecordingSummary> recordings, List<NoteItem> items,
        String sha256, NotesState state, List<NotesAuthenticationView> authentications,
        List<NotesDisputeView> disputes, boolean isLearner, boolean mayResolve, String notAuthenticable) {

    public DiscussionNotes {
        recordings = List.copyOf(recordings);
        items = List.copyOf(items);
        authentications = List.copyOf(authentications);
        disputes = List.copyOf(disputes);
    }

    /** The latest authentication, void or not. */
    public Optional<NotesAuthenticationView> latest() {
        return authentications.stream().findFirst();
    }

    public long openDisputes() {
        return disputes.stream().filter(d -> !d.resolved()).count();
    }

    /**
     * One item of the notes: a tag with its note.
     *
     * @param criteria the ACs, e.g. {@code 8587-300 AC 3.1, 8587-300 AC 3.2}
     * @param endMs    the end of a span, or {@code null} for a moment
     */
    public record NoteItem(long tagId, long recordingId, long startMs, Long endMs, String criteria, String note,
            String description) {
    }
}
