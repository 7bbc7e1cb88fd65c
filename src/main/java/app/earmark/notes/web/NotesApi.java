package app.earmark.notes.web;

import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.Notes;
import app.earmark.notes.NotesAuthenticationView;
import app.earmark.notes.NotesDisputeView;
import app.earmark.notes.NotesState;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A discussion's notes with the learner's authentications and disputes, read-only, authorised exactly as the notes
 * page: anyone who may see the discussion; anyone else is refused (403, audited) as for an id that does not exist.
 */
@RestController
class NotesApi {

    private final Notes notes;

    NotesApi(Notes notes) {
        this.notes = notes;
    }

    @GetMapping("/api/v1/discussions/{id}/notes")
    NotesJson notes(@PathVariable long id) {
        DiscussionNotes n = notes.notes(id);
        return new NotesJson(id, n.sha256(), n.state(), n.items(), n.authentications(), n.disputes());
    }

    /**
     * @param sha256 the SHA-256 of the notes as they are now (see docs/notes-authentication.md)
     */
    record NotesJson(long discussionId, String sha256, NotesState state, List<DiscussionNotes.NoteItem> items,
            List<NotesAuthenticationView> authentications, List<NotesDisputeView> disputes) {
    }
}
